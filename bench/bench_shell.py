"""The price of the page shell: two anonymous pages against a bare Django view, over HTTP.

    .venv/bin/python -m bench.bench_shell --prepare          # once: migrate, load the demo
    .venv/bin/python -m bench.bench_shell --seconds 120

Starts one gunicorn (``bench.shell_wsgi``, sync workers, ``--workers 2``,
``DEBUG=0``) on 127.0.0.1 and measures, in the same run and the same server,
the requests per second of

- ``bare``: ``/__bench/bare/``, a Django view that runs one ORM query and
  renders one small template from an engine of its own, through no middleware
  and no context processors (``bench/shell_wsgi.py``);
- ``home``: the home page ``/``, anonymous;
- ``case``: the public page of a published, answered complaint,
  ``/complaints/public/<receipt number>/``, anonymous.

The load generator is ``wrk`` (Debian: ``apt-get install -y wrk``): one thread
and ``--connections`` connections, the lightest load on two cores that
gunicorn shares with it; without wrk the script says so and uses the Python
clients of ``bench/__init__.py`` (``--client python`` forces them). Every
request is a first visit: no cookie is sent back, as a crawler or a new
visitor asks. Each target is warmed up, then the three are measured in
``--rounds`` interleaved rounds (the order turns each round) so that drift on
a shared machine hits all three alike; the rates are the medians of the
rounds, and each ratio is the median of the rounds' ratios (the three
targets of one round are measured within seconds of each other). Any non-200
answer or socket error fails the run.

SQLite by default, in a file of its own: ``DATABASE_URL`` defaults to
``sqlite:///var/bench-shell.sqlite3``, which ``--prepare`` migrates and fills
with the demo.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite:///var/bench-shell.sqlite3"
# The goals: the case page at least 0.6x the bare view, the home page 0.8x.
GOALS = {"home": 0.8, "case": 0.6}

# wrk's Lua hooks: count non-200 answers in every thread, stop a thread at its
# request budget, and print one line wrk's summary and latency percentiles.
WRK_SCRIPT = """
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  limit = tonumber(args[1]) or 0
  answered = 0
  bad = 0
  first_bad = 0
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 then
    bad = bad + 1
    if first_bad == 0 then first_bad = status end
  end
  if limit > 0 and answered >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local non200, first = 0, 0
  for _, thread in ipairs(threads) do
    non200 = non200 + thread:get("bad")
    if first == 0 then first = thread:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d "
    .. "non200=%d first_non200=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d\\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    non200, first, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
end
"""


@dataclass
class Round:
    """One measurement of one target."""

    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    failures: int
    first_failure: str = ""

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else float("nan")


@dataclass
class Target:
    name: str
    path: str
    marker: str  # text the page must contain
    rounds: list[Round] = field(default_factory=list)

    def median_rate(self) -> float:
        return statistics.median(r.rate for r in self.rounds)


def run_wrk(url: str, seconds: float, connections: int, budget: int, script: Path) -> Round:
    # One wrk thread; the per-thread budget bounds the request count.
    command = [
        "wrk",
        "--threads",
        "1",
        "--connections",
        str(connections),
        "--duration",
        f"{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "--script",
        str(script),
        url,
        "--",
        str(budget),
    ]
    finished = subprocess.run(  # noqa: S603 - a fixed command line
        command, capture_output=True, text=True, check=False, timeout=seconds + 60
    )
    line = next((row for row in finished.stdout.splitlines() if row.startswith("BENCH ")), None)
    if finished.returncode != 0 or line is None:
        sys.exit(f"wrk failed (exit {finished.returncode}):\n{finished.stdout}{finished.stderr}")
    values = {key: int(value) for key, value in (pair.split("=") for pair in line.split()[1:])}
    socket_errors = sum(values[key] for key in ("connect", "read", "write", "timeout"))
    failures = socket_errors + values["non200"]
    first = ""
    if values["non200"]:
        first = f"HTTP {values['first_non200']}"
    elif socket_errors:
        first = (
            f"socket errors: connect {values['connect']}, read {values['read']}, "
            f"write {values['write']}, timeout {values['timeout']}"
        )
    return Round(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        p50_ms=values["p50_us"] / 1000,
        p95_ms=values["p95_us"] / 1000,
        failures=failures,
        first_failure=first,
    )


def run_python(url: str, seconds: float, connections: int, budget: int, path: str) -> Round:
    from bench import HttpClient, percentile, run_clients

    def step(_: int, client: HttpClient) -> None:
        client.cookies.clear()  # every request a first visit, as with wrk
        status, _page, _headers = client.get(path)
        if status != 200:
            raise RuntimeError(f"HTTP {status}")

    timings = run_clients(
        [HttpClient(url) for _ in range(connections)],
        step,
        seconds=seconds,
        max_requests=budget,
    )
    ms = [value * 1000 for value in timings.latencies]
    return Round(
        requests=len(ms),
        seconds=timings.elapsed,
        p50_ms=percentile(ms, 0.50),
        p95_ms=percentile(ms, 0.95),
        failures=len(timings.failures),
        first_failure=timings.failures[0] if timings.failures else "",
    )


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")


def published_answered_case() -> str:
    """A real published complaint with an answer: the first by receipt number."""
    from egov.complaints.models import Complaint

    receipt = (
        Complaint.objects.public()
        .filter(answers__isnull=False)
        .order_by("receipt_number")
        .values_list("receipt_number", flat=True)
        .first()
    )
    if receipt is None:
        sys.exit("No published complaint with an answer: run with --prepare (loads the demo).")
    return receipt


def check_targets(url: str, targets: list[Target]) -> list[str]:
    """Each target answers 200 with its content; what an anonymous first visit gets back."""
    from bench import HttpClient

    notes = []
    for target in targets:
        client = HttpClient(url)
        status, page, headers = client.get(target.path)
        client.close()
        if status != 200 or target.marker not in page:
            sys.exit(f"{target.path} answered {status} without {target.marker!r}")
        cookies = sorted(client.cookies) or ["none"]
        notes.append(
            f"{target.name} {target.path}: {len(page.encode()):,} bytes; "
            f"Set-Cookie: {', '.join(cookies)}; Vary: {headers.get('vary', '-')}; "
            f"Cache-Control: {headers.get('cache-control', '-')}"
        )
    return notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prepare", action="store_true", help="migrate and load the demo first")
    parser.add_argument(
        "--seconds", type=float, default=120, help="the whole measurement, warm-up included"
    )
    parser.add_argument("--rounds", type=int, default=10, help="interleaved rounds of the three")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of warm-up per target")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync worker processes")
    parser.add_argument("--connections", type=int, default=4, help="concurrent connections")
    parser.add_argument(
        "--requests", type=int, default=100_000, help="requests per target and round (a bound)"
    )
    parser.add_argument(
        "--client", choices=["auto", "wrk", "python"], default="auto", help="the load generator"
    )
    parser.add_argument("--receipt", help="the published complaint to read (default: the first)")
    options = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    from bench import ROOT, command_line, local_gunicorn, machine_load, setup_django

    (ROOT / "var").mkdir(exist_ok=True)
    setup_django()
    if options.prepare:
        prepare()

    from django.db import connection

    from bench.shell_wsgi import BARE_PATH

    client = options.client
    if client in {"auto", "wrk"} and shutil.which("wrk") is None:
        message = "wrk is not installed (Debian: `sudo apt-get install -y wrk`)"
        if client == "wrk":
            sys.exit(message + ".")
        print(f"{message}; using the Python clients of bench/__init__.py instead.")
        client = "python"
    elif client == "auto":
        client = "wrk"

    round_seconds = (options.seconds - 3 * options.warmup) / (3 * options.rounds)
    if round_seconds < 1:
        sys.exit("--seconds is too short for that many --rounds and that --warmup.")

    receipt = options.receipt or published_answered_case()
    targets = [
        Target("bare", BARE_PATH, "Agencies"),
        Target("home", "/", 'id="main"'),
        Target("case", f"/complaints/public/{receipt}/", receipt),
    ]
    print(f"# {command_line()}")
    print(
        f"The page shell's price on {connection.vendor} ({connection.settings_dict['NAME']}): "
        f"gunicorn bench.shell_wsgi --workers {options.workers} (sync), DEBUG=0; "
        f"{'wrk, 1 thread' if client == 'wrk' else 'Python clients'}, "
        f"{options.connections} connections, no cookies; {options.rounds} rounds of "
        f"{round_seconds:.1f} s per target after {options.warmup:g} s of warm-up each"
    )
    print(f"Before: {machine_load()}")

    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "count.lua"
        script.write_text(WRK_SCRIPT)

        def measure(target: Target, url: str, seconds: float) -> Round:
            if client == "wrk":
                return run_wrk(
                    url + target.path, seconds, options.connections, options.requests, script
                )
            return run_python(url, seconds, options.connections, options.requests, target.path)

        with local_gunicorn(options.workers, app="bench.shell_wsgi") as url:
            for note in check_targets(url, targets):
                print(f"  {note}")
            for target in targets:
                warm = measure(target, url, options.warmup)
                if warm.failures:
                    sys.exit(f"{target.name} failed while warming up: {warm.first_failure}")
            started = time.monotonic()
            for number in range(options.rounds):
                order = targets[number % 3 :] + targets[: number % 3]
                figures = []
                for target in order:
                    result = measure(target, url, round_seconds)
                    target.rounds.append(result)
                    figures.append(f"{target.name} {result.rate:.1f}/s")
                print(f"  round {number + 1}: {', '.join(figures)}; {machine_load()}")
            elapsed = time.monotonic() - started

    failed = False
    print(f"Measured for {elapsed:.0f} s; after: {machine_load()}")
    for target in targets:
        rates = [r.rate for r in target.rounds]
        failures = sum(r.failures for r in target.rounds)
        failed = failed or failures > 0
        print(
            f"{target.name:>4} {target.path}: {target.median_rate():.1f} req/s median "
            f"(rounds {min(rates):.1f}..{max(rates):.1f}), "
            f"{sum(r.requests for r in target.rounds):,} requests, "
            f"latency ms p50 {statistics.median(r.p50_ms for r in target.rounds):.1f} "
            f"p95 {statistics.median(r.p95_ms for r in target.rounds):.1f}, "
            f"{failures} failed"
            + (
                f" (first: {next(r.first_failure for r in target.rounds if r.failures)})"
                if failures
                else ""
            )
        )
    bare = targets[0]
    for target in targets[1:]:
        # Each round measures the three back to back, so its ratio is the least hurt by
        # drift; the median of the rounds' ratios is the figure, the ratio of the medians
        # is printed beside it.
        per_round = [
            mine.rate / base.rate for mine, base in zip(target.rounds, bare.rounds, strict=True)
        ]
        ratio = statistics.median(per_round)
        goal = GOALS[target.name]
        verdict = "meets" if ratio >= goal else "misses"
        print(
            f"{target.name}/bare = {ratio:.2f}x, the median of the rounds' ratios "
            f"({min(per_round):.2f}..{max(per_round):.2f}; ratio of the medians "
            f"{target.median_rate() / bare.median_rate():.2f}x); goal {goal}x: {verdict} it"
        )
    if failed:
        sys.exit("Some requests failed: the figures above do not count.")


if __name__ == "__main__":
    main()
