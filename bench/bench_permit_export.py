"""The public permit download of a year for one agency: rows a second, and the server's memory.

    DATABASE_URL=... .venv/bin/python -m bench.bench_permit_export --format csv

Starts one gunicorn worker (two threads) on 127.0.0.1 and downloads
``/permits/applications.csv`` (or ``.json``) for the agency with the most
applications, over the last ``--days`` (365) and then over the last 30, as a
visitor would, reading the stream as it comes. While it streams, the
worker's resident memory is read from ``/proc`` after every 4 MB: a download
in constant memory ends near where it began whatever its length, so the
year's peak is about the month's.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench import command_line, local_gunicorn, machine_load, setup_django

CHUNK = 64 * 1024
SAMPLE_EVERY = 4 * 1024 * 1024


def _kib(pid: int, field: str) -> int:
    return int(_status(pid, field))


def _worker(port: int) -> int:
    """The gunicorn worker's process id: the child of the master listening on ``port``."""
    found = subprocess.run(  # noqa: S603 - a fixed command line
        ["/usr/bin/pgrep", "-f", f"127.0.0.1:{port}"],
        capture_output=True,
        text=True,
        check=False,
    )
    pids = {int(pid) for pid in found.stdout.split()}
    children = [pid for pid in pids if int(_status(pid, "PPid")) in pids]
    if len(children) != 1:
        raise RuntimeError(f"expected one gunicorn worker on port {port}, found {children}")
    return children[0]


def _status(pid: int, field: str) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return line.split()[1]
    raise RuntimeError(f"no {field} for process {pid}")


def download(url: str, path: str, worker: int) -> tuple[int, int, float, list[int]]:
    """Bytes, lines, seconds and the worker's resident memory (KiB) as the stream went by."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=600)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    size = lines = 0
    samples = [_kib(worker, "VmRSS")]
    next_sample = SAMPLE_EVERY
    while chunk := response.read(CHUNK):
        size += len(chunk)
        lines += chunk.count(b"\n")
        if size >= next_sample:
            samples.append(_kib(worker, "VmRSS"))
            next_sample += SAMPLE_EVERY
    seconds = time.perf_counter() - started
    samples.append(_kib(worker, "VmRSS"))
    connection.close()
    return size, lines, seconds, samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--days", type=int, default=365)
    options = parser.parse_args()
    setup_django()

    from django.db.models import Count
    from django.utils import timezone

    from egov.permits.models import Application

    busiest = Application.objects.values("agency").annotate(n=Count("pk")).order_by("-n").first()
    if busiest is None:
        raise SystemExit("No applications: run bench.generate_permits first.")
    agency = busiest["agency"]
    today = timezone.localdate()
    print(f"# {command_line()}")
    print(f"agency {agency}: {busiest['n']:,} applications in all; {machine_load()}")
    # Threads (gunicorn's gthread worker), as in production: a sync worker is killed
    # by its 30-second timeout in the middle of a download that takes minutes.
    with local_gunicorn(1, threads=2) as url:
        port = urlsplit(url).port or 0
        worker = _worker(port)
        for days in (30, options.days):
            since = today - datetime.timedelta(days=days)
            query = urlencode({"agency": agency, "received_from": since.isoformat()})
            path = f"/permits/applications.{options.format}?{query}"
            size, lines, seconds, samples = download(url, path, worker)
            print(
                f"last {days} days: {size / 1e6:,.1f} MB, {lines:,} lines in {seconds:.1f} s "
                f"({lines / seconds:,.0f} lines/s); worker memory MiB at start "
                f"{samples[0] / 1024:.1f}, peak {max(samples) / 1024:.1f}, "
                f"end {samples[-1] / 1024:.1f} ({len(samples)} readings); "
                f"peak VmHWM so far {_kib(worker, 'VmHWM') / 1024:.1f}"
            )
    print(f"after: {machine_load()}")


if __name__ == "__main__":
    main()
