"""A petition surge over HTTP: signatures a second, each wait, the exact count and its lag.

    DATABASE_URL=postgres://... REDIS_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python -m bench.bench_surge --seconds 60 --connections 32

Makes ``--signers`` accounts with signed-in sessions (written directly:
signing in is not what is measured), one published petition through the
actions (started, four supporters, published), then has ``wrk`` post the real
signing form (``/participation/petitions/<id>/sign/``, with its CSRF token)
to a local gunicorn, every request as a different signed-in citizen arriving
through the platform's proxy from an address of their own
(``TRUSTED_PROXIES``, ``X-Forwarded-For``), until every signer has signed
once and been answered (``--seconds`` only bounds the run). Each accepted
signature answers 302 (back to the petition); anything else is a refusal.
20,000 signers at 300 a second take a little over a minute.

While it runs, a reader asks the petition's JSON every half second. The lag
of a reading is how long ago the oldest signature it did not yet count was
made (0 when it counted every signature made before it was read), from the
signatures' own times afterwards. At the end the petition's count must equal
the accepted signatures and the signature rows exactly.

wrk (Debian: ``apt-get install -y wrk``) runs in one thread, so the load
generator takes little of the two cores the server and the database share.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from bench import command_line, local_gunicorn, machine_load, setup_django

# wrk's Lua: each connection's requests take the next prepared signer (a
# session, its CSRF secret and an address), so no citizen signs twice; every
# status is counted, and one line of figures is printed at the end.
WRK_SCRIPT = """
local threads = {}
local lines = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  path = args[1]
  spare = args[3]
  for line in io.lines(args[2]) do table.insert(lines, line) end
  next_line = 1
  answered = 0
  accepted = 0
  refused = 0
  first_refused = 0
end

function request()
  if not probed then
    -- wrk builds one request at start that it never sends: give it the spare.
    probed = true
    return wrk.format("GET", spare)
  end
  local line = lines[next_line]
  if line == nil then
    -- Every signer has been sent and the last answers are on their way: ask
    -- something that answers 200, which no signature answers (an accepted one
    -- 302, a refused one 400 or 429), until they are in.
    return wrk.format("GET", spare)
  end
  next_line = next_line + 1
  local session, csrf, address, district = line:match("(%S+) (%S+) (%S+) (%S+)")
  return wrk.format("POST", path, {
    ["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address,
  }, "csrfmiddlewaretoken=" .. csrf .. "&district=" .. district)
end

function response(status, headers, body)
  if status == 200 or answered == #lines then return end
  answered = answered + 1
  if answered == #lines then wrk.thread:stop() end
  if status == 302 or status == 303 then
    accepted = accepted + 1
  else
    refused = refused + 1
    if first_refused == 0 then first_refused = status end
  end
end

function done(summary, latency, requests)
  local ok, bad, first = 0, 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("accepted")
    bad = bad + thread:get("refused")
    if first == 0 then first = thread:get("first_refused") end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d accepted=%d refused=%d first_refused=%d "
    .. "socket_errors=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d\\n",
    summary.requests, summary.duration, ok, bad, first,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=300, help="stop after this long at most")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--signers", type=int, default=20_000, help="citizens who sign, once each")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    options = parser.parse_args()
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("This benchmark needs wrk (Debian: apt-get install -y wrk).")
    setup_django()

    import os

    from bench import published_petition, signed_in_citizens
    from egov.lib import regions
    from egov.participation.models import Petition, Signature

    # The platform's proxy is this machine: every signer arrives from an address of its own.
    os.environ["TRUSTED_PROXIES"] = "127.0.0.1/32"
    run = int(time.time())
    print(f"# {command_line()}")
    started = time.perf_counter()
    people = signed_in_citizens(options.signers + 5, tag=f"surge-{run}")
    petition = published_petition([user for user, _session in people[:5]], run=run)
    sessions = people[5:]
    districts = [district.code for district in regions.districts()]
    rng = secrets.SystemRandom()
    with tempfile.TemporaryDirectory() as folder:
        signers = Path(folder) / "signers.txt"
        signers.write_text(
            "".join(
                f"{session} {secrets.token_hex(16)} 10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255} "
                f"{rng.choice(districts)}\n"
                for n, (_user, session) in enumerate(sessions, start=1)
            )
        )
        script = Path(folder) / "surge.lua"
        script.write_text(WRK_SCRIPT)
        print(
            f"{len(sessions):,} signed-in citizens ready in {time.perf_counter() - started:.1f} s; "
            f"petition {petition.pk} has {petition.signature_count} signatures"
        )
        with local_gunicorn(options.workers, threads=options.threads) as url:
            readings: list[tuple[float, int]] = []
            missed: list[float] = []
            stop = threading.Event()

            def read_count() -> None:
                address = f"{url}/participation/petitions/{petition.pk}.json"
                while not stop.is_set():
                    moment = time.time()
                    try:
                        with urllib.request.urlopen(address, timeout=10) as answer:  # noqa: S310
                            body = json.load(answer)
                    except OSError:  # queued behind the surge for 10 s: counted, not shown
                        missed.append(moment)
                    else:
                        readings.append((moment, body["data"]["attributes"]["signature_count"]))
                    stop.wait(0.5)

            reader = threading.Thread(target=read_count, daemon=True)
            print(
                f"Surge of {len(sessions):,} signers on {options.connections} connections, "
                f"gunicorn {options.workers} workers x {options.threads} threads; "
                f"{machine_load()}"
            )
            reader.start()
            expected = petition.signature_count + len(sessions)
            load = subprocess.Popen(  # noqa: S603 - a fixed command line
                [
                    wrk,
                    "--threads",
                    "1",
                    "--connections",
                    str(options.connections),
                    "--duration",
                    f"{options.seconds}s",
                    "--timeout",
                    "10s",
                    "--script",
                    str(script),
                    url,
                    "--",
                    f"/participation/petitions/{petition.pk}/sign/",
                    str(signers),
                    f"/participation/petitions/{petition.pk}.json",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            # wrk's own clock runs to --duration whatever its script does, so it
            # is stopped (SIGINT: it prints its figures) once every signer is
            # answered: the Lua script stops sending when its last signer is.
            while load.poll() is None:
                if readings and readings[-1][1] >= expected:
                    time.sleep(1)
                    load.send_signal(signal.SIGINT)
                    break
                time.sleep(0.2)
            out, err = load.communicate(timeout=60)
            finished = subprocess.CompletedProcess(load.args, load.returncode, out, err)
            stop.set()
            reader.join()
            print(f"after the surge: {machine_load()}")
    line = next((row for row in finished.stdout.splitlines() if row.startswith("BENCH ")), None)
    if finished.returncode != 0 or line is None:
        sys.exit(f"wrk failed (exit {finished.returncode}):\n{finished.stdout}{finished.stderr}")
    figures = {key: int(value) for key, value in (pair.split("=") for pair in line.split()[1:])}
    accepted = figures["accepted"] + 5  # the author and the four supporters
    moments = sorted(
        signed.timestamp()
        for signed in Signature.objects.filter(petition=petition).values_list(
            "signed_at", flat=True
        )
    )
    # From the first surge signature to the last, by the signatures' own times.
    seconds = moments[-1] - moments[5] if len(moments) > 6 else float("nan")
    print(
        f"signatures: {figures['accepted']:,} accepted, {figures['refused']:,} refused "
        f"(first HTTP {figures['first_refused']}), {figures['socket_errors']} socket errors "
        f"in {seconds:.1f} s = {(len(moments) - 6) / seconds:,.1f}/s; latency ms "
        f"p50 {figures['p50_us'] / 1000:.1f} p95 {figures['p95_us'] / 1000:.1f} "
        f"p99 {figures['p99_us'] / 1000:.1f} max {figures['max_us'] / 1000:.1f}"
    )
    lags = []
    for moment, shown in readings:
        # The oldest signature made before this reading that the reading did not count.
        unseen = moments[shown] if shown < len(moments) else None
        lags.append(max(0.0, moment - unseen) if unseen is not None and unseen < moment else 0.0)
    if lags:
        print(
            f"shown count: {len(lags)} readings, lag behind the signatures "
            f"max {max(lags):.2f} s, mean {sum(lags) / len(lags):.2f} s; "
            f"{len(missed)} readings not answered within 10 s"
        )
    stored = Petition.objects.get(pk=petition.pk).signature_count
    rows = len(moments)
    print(f"count {stored:,}, rows {rows:,}, accepted {accepted:,}")
    if not stored == rows == accepted:
        raise SystemExit("the count is not exact")


if __name__ == "__main__":
    main()
