"""The public tracker by receipt number and the filtered list, read by anonymous visitors.

    DATABASE_URL=... .venv/bin/python -m bench.bench_tracker --clients 32 --seconds 60

Starts ``gunicorn egov.wsgi`` on 127.0.0.1 against DATABASE_URL. Each client
reads ``/permits/track/<receipt number>/`` for random applications
(``--page tracker``) or one page of the public list with a random filter (a
type, a status or none), half of them the first page and half a page anywhere
in the list, just after a random application's keyset cursor (``--page list``).
``--think 1`` gives every visitor a second between pages, their starts spread
over that second, as in bench_timeline; without it they ask back to back.
"""

from __future__ import annotations

import argparse
import random

from bench import HttpClient, command_line, local_gunicorn, machine_load, run_clients, setup_django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", choices=["tracker", "list"], default="tracker")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--sample", type=int, default=10_000, help="receipt numbers to draw from")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds each visitor pauses between pages"
    )
    options = parser.parse_args()
    setup_django()

    from django.db import connection

    from egov.lib.pagination import DateTimeCursor
    from egov.permits.models import Application, PermitType, Status

    rng = random.Random(options.seed)
    total = Application.objects.count()
    if not total:
        raise SystemExit("No applications: run bench.generate_permits first.")
    sample = list(
        Application.objects.order_by("?").values_list("receipt_number", "received_at", "pk")[
            : options.sample
        ]
    )
    numbers = [number for number, _received, _pk in sample]
    # Deep pages: a cursor just after a random application, anywhere in the year.
    cursors = [DateTimeCursor(received, pk).encode() for _number, received, pk in sample]
    type_ids = list(PermitType.objects.values_list("pk", flat=True))
    print(f"# {command_line()}")
    print(
        f"Permit {options.page} pages, {total:,} applications on {connection.vendor}; "
        f"{options.clients} anonymous visitors at once"
        f"{f', each pausing {options.think:g} s between pages' if options.think else ''}; "
        f"{machine_load()}"
    )

    with local_gunicorn(options.workers) as url:
        clients = [HttpClient(url) for _ in range(options.clients)]

        def tracker(_: int, client: HttpClient) -> None:
            receipt = rng.choice(numbers)
            status, page, _headers = client.get(f"/permits/track/{receipt}/")
            if status != 200 or receipt not in page:
                raise RuntimeError(f"/permits/track/{receipt}/ answered {status}")

        def listing(_: int, client: HttpClient) -> None:
            query = rng.choice(
                [
                    f"permit_type={rng.choice(type_ids)}",
                    f"status={rng.choice(list(Status.values))}",
                    "",
                ]
            )
            if rng.random() < 0.5:
                query += f"&after={rng.choice(cursors)}"
            status, _page, _headers = client.get(f"/permits/applications/?{query}")
            if status != 200:
                raise RuntimeError(f"list answered {status}")

        timings = run_clients(
            clients,
            tracker if options.page == "tracker" else listing,
            seconds=options.seconds,
            max_requests=options.requests,
            think=options.think,
        )
    print(timings.report(f"permit {options.page} pages"))


if __name__ == "__main__":
    main()
