"""The officer's queue: page 1 against page 1,000, which the keyset cursor makes as cheap.

    DATABASE_URL=... .venv/bin/python -m bench.bench_queue --page 1000 --rounds 200

In-process by default: ``queue_page(Complaint.objects.queue_for(officer))``
for page 1, and ``queue_page(..., after=cursor)`` for the deep page, the
cursor being the ``(due_at, id)`` of the row that ends the page before it,
found once before timing. ``--http`` asks the real queue page
``/staff/complaints/?after=<cursor>`` through a local gunicorn instead.
"""

from __future__ import annotations

import argparse
import time

from bench import (
    HttpClient,
    Timings,
    command_line,
    forged_session,
    local_gunicorn,
    machine_load,
    run_clients,
    setup_django,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--officer", default="officer@egov.example")
    parser.add_argument("--page", type=int, default=1000, help="the deep page to compare")
    parser.add_argument("--rounds", type=int, default=200, help="requests per page (a bound)")
    parser.add_argument("--seconds", type=float, default=120, help="stop each page after this")
    parser.add_argument("--http", action="store_true", help="through gunicorn and the page")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (--http)")
    options = parser.parse_args()
    setup_django()

    from django.db import connection

    from egov.accounts.models import User
    from egov.complaints.limits import QUEUE_PAGE_SIZE
    from egov.complaints.models import QUEUE_ORDER, Complaint, QueueCursor
    from egov.complaints.queries import queue_page

    officer = User.objects.get(email=options.officer)
    queue = Complaint.objects.queue_for(officer)
    open_cases = queue.count()
    pages = max(1, -(-open_cases // QUEUE_PAGE_SIZE))
    page = min(options.page, pages)
    cursor = None
    if page > 1:
        last = (page - 1) * QUEUE_PAGE_SIZE - 1
        value, last_id = queue.values_list(QUEUE_ORDER.field, "id")[last]
        cursor = QueueCursor(value, last_id)
    print(f"# {command_line()}")
    print(
        f"{options.officer}'s queue on {connection.vendor}: {open_cases:,} open cases, "
        f"{pages:,} pages of {QUEUE_PAGE_SIZE}; comparing page 1 with page {page:,}"
        + ("" if page == options.page else f" (the last page: there is no page {options.page})")
        + f" ({'HTTP through gunicorn' if options.http else 'in-process, queue_page'}); "
        + machine_load()
    )

    results: dict[int, Timings] = {}
    if options.http:
        session = forged_session(officer)
        with local_gunicorn(options.workers) as url:
            for number, after in ((1, None), (page, cursor)):
                path = "/staff/complaints/" + (f"?after={after.encode()}" if after else "")
                client = HttpClient(url)
                client.cookies["sessionid"] = session

                def step(_: int, client: HttpClient, path: str = path) -> None:
                    status, body, _headers = client.get(path)
                    if status != 200 or "<table" not in body:
                        raise RuntimeError(f"{path} answered {status}")

                results[number] = run_clients(
                    [client], step, seconds=options.seconds, max_requests=options.rounds
                )
    else:
        for number, after in ((1, None), (page, cursor)):
            timings = Timings()
            queue_page(queue, after=after)  # warm
            started = time.perf_counter()
            deadline = time.monotonic() + options.seconds
            for _ in range(options.rounds):
                if time.monotonic() > deadline:
                    break
                begun = time.perf_counter()
                items = queue_page(Complaint.objects.queue_for(officer), after=after).items
                timings.add(time.perf_counter() - begun)
                if not items:
                    raise SystemExit(f"page {number} came back empty")
            timings.elapsed = time.perf_counter() - started
            results[number] = timings
    for number, timings in results.items():
        print(timings.report(f"page {number:>5,}"))
    first, deep = results[1], results[page]
    ratio = percentile_of(deep, 0.5) / percentile_of(first, 0.5)
    print(f"page {page:,} / page 1 (median): {ratio:.2f}x  (the goal: no more than 2x)")
    if options.http is False:
        print("Plan of the deep page:")
        deep_queue = Complaint.objects.queue_for(officer)
        if cursor is not None:
            deep_queue = QUEUE_ORDER.after(deep_queue, cursor)
        deep_page = deep_queue[: QUEUE_PAGE_SIZE + 1]
        if connection.vendor == "postgresql":
            print(deep_page.explain(analyze=True))
        else:
            print(deep_page.explain())


def percentile_of(timings: Timings, fraction: float) -> float:
    from bench import percentile

    return percentile(timings.latencies, fraction)


if __name__ == "__main__":
    main()
