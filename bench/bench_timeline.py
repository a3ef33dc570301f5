"""The case page with its timeline, read by citizens at the same time, over HTTP.

    DATABASE_URL=... .venv/bin/python -m bench.bench_timeline --clients 32 --seconds 60

Starts ``gunicorn egov.wsgi`` on 127.0.0.1 against DATABASE_URL, signs in
``--clients`` generated citizens through the real sign-in form (untimed), and
has each of them read their own cases at ``/complaints/<receipt number>/``,
back to back, or with ``--think`` seconds between pages, as people read.

Nothing is warmed first: a citizen's first read of a case builds its cached
record (views/citizen.py, ``CaseRecord``), later reads use it. Run with
``REDIS_URL`` set, as in production, so the gunicorn workers share the cache
and the sessions are read through it.
"""

from __future__ import annotations

import argparse
import os
import random

from bench import (
    BENCH_EMAIL_DOMAIN,
    HttpClient,
    command_line,
    local_gunicorn,
    machine_load,
    run_clients,
    setup_django,
    sign_in,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=32, help="citizens reading at once")
    parser.add_argument("--seconds", type=float, default=60, help="stop after this long")
    parser.add_argument("--requests", type=int, default=20_000, help="pages in all (a bound)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--think", type=float, default=0.0, help="seconds between pages")
    parser.add_argument("--seed", type=int, default=11)
    options = parser.parse_args()
    setup_django()

    from django.db import connection
    from django.db.models import Count

    from egov.accounts.models import User
    from egov.complaints.models import Complaint

    rng = random.Random(options.seed)
    writers = list(
        User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        .annotate(cases=Count("complaints"))
        .filter(cases__gte=2)
        .order_by("?")
        .values_list("pk", "email")[: options.clients]
    )
    if len(writers) < options.clients:
        raise SystemExit("Not enough generated citizens with cases: run generate_complaints.")
    cases = {
        pk: list(
            Complaint.objects.filter(citizen_id=pk).values_list("receipt_number", flat=True)[:20]
        )
        for pk, _ in writers
    }
    total = Complaint.objects.count()
    print(f"# {command_line()}")
    cache = "shared cache (Redis)" if os.environ.get("REDIS_URL") else "per-process cache"
    mode = f"HTTP, gunicorn --workers {options.workers} --threads {options.threads}, {cache}"
    print(
        f"Case pages with their timelines, {total:,} complaints on {connection.vendor}; "
        f"{options.clients} citizens at once, think time {options.think} s ({mode}); "
        f"{machine_load()}"
    )
    with local_gunicorn(options.workers, threads=options.threads) as url:
        clients = []
        for _, email in writers:
            client = HttpClient(url)
            sign_in(client, email)
            clients.append(client)
        owners = {id(client): pk for client, (pk, _) in zip(clients, writers, strict=True)}

        def step(_: int, client: HttpClient) -> None:
            receipt = rng.choice(cases[owners[id(client)]])
            status, page, _headers = client.get(f"/complaints/{receipt}/")
            if status != 200 or receipt not in page:
                raise RuntimeError(f"/complaints/{receipt}/ answered {status}")

        timings = run_clients(
            clients,
            step,
            seconds=options.seconds,
            max_requests=options.requests,
            think=options.think,
        )
    print(timings.report("case pages"))


if __name__ == "__main__":
    main()
