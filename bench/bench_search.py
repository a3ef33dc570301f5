"""Staff search: how long an officer waits for results, at the database's size.

    DATABASE_URL=... .venv/bin/python -m bench.bench_search --queries 600 --seconds 120

By default it calls ``egov.complaints.search.search_complaints`` in this
process, exactly as the page does (the query, then up to 50 cases with their
unit and citizen), from ``--clients`` threads, each with its own database
connection. ``--http`` instead starts a local gunicorn and asks the real page
``/staff/search/complaints/?q=...`` over HTTP, signed in as the same staff.

The queries mix what officers type: common and rare Korean words of one to
three syllables, several words at once, Indonesian and English words, place
names, receipt numbers of real cases, and words that match nothing.
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from collections import defaultdict
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from bench import (
    HttpClient,
    Timings,
    command_line,
    forged_session,
    local_gunicorn,
    machine_load,
    percentile,
    run_clients,
    setup_django,
)

if TYPE_CHECKING:
    from egov.accounts.models import User

# (kind, query): the kinds are reported separately.
QUERIES = (
    ("one common word", "주차"),
    ("one common word", "소음"),
    ("one common word", "도로"),
    ("two syllables inside longer words", "경비"),
    ("two syllables inside longer words", "간호"),
    ("two syllables inside longer words", "체불"),
    ("one syllable", "물"),
    ("one syllable", "쥐"),
    ("rare word", "점자블록"),
    ("rare word", "비둘기"),
    ("rare word", "캠핑카"),
    ("several words", "불법 주정차 단속"),
    ("several words", "야간 공사 소음"),
    ("several words", "아파트 경비원 휴게실"),
    ("place", "청운동"),
    ("place", "율곡로"),
    ("Indonesian", "gaji"),
    ("Indonesian", "gaji bulan"),
    ("English", "streetlight"),
    ("English", "unpaid wages"),
    ("no match", "얼룩말"),
    ("no match", "zebra crossing"),
)
STAFF = ("officer@egov.example", "agency-admin@egov.example")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=600, help="searches in all (a bound)")
    parser.add_argument("--seconds", type=float, default=120, help="stop after this long")
    parser.add_argument("--clients", type=int, default=1, help="concurrent searchers")
    parser.add_argument(
        "--staff", default=",".join(STAFF), help="comma-separated emails of the searchers"
    )
    parser.add_argument("--http", action="store_true", help="through gunicorn and the page")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (--http)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--explain", action="store_true", help="print the slowest plan")
    options = parser.parse_args()
    setup_django()

    from django.db import connection

    from egov.accounts.models import User
    from egov.complaints.models import Complaint
    from egov.complaints.search import search_complaints

    staff = [User.objects.get(email=email) for email in options.staff.split(",")]
    rng = random.Random(options.seed)
    total = Complaint.objects.count()
    # Receipt numbers and title words of real cases in each searcher's scope,
    # picked before timing: what an officer types after reading a case.
    samples = {user.pk: cases_in_scope(user) for user in staff}
    plan = []
    for _ in range(options.queries):
        user = rng.choice(staff)
        roll = rng.random()
        receipts, words = samples[user.pk]
        if roll < 0.1 and receipts:
            plan.append((user, "receipt number", rng.choice(receipts)))
        elif roll < 0.3 and words:
            plan.append((user, "a word from one of my cases", rng.choice(words)))
        else:
            kind, text = rng.choice(QUERIES)
            plan.append((user, kind, text))

    print(f"# {command_line()}")
    print(
        f"Staff search over {total:,} complaints on {connection.vendor}; "
        f"{len(plan)} searches by {len(staff)} staff, {options.clients} at a time "
        f"({'HTTP through gunicorn' if options.http else 'in-process, search_complaints'}); "
        f"{machine_load()}"
    )
    by_kind: dict[str, list[float]] = defaultdict(list)
    by_outcome: dict[bool, list[float]] = defaultdict(list)
    hits: dict[str, int] = {}
    lock = threading.Lock()

    if options.http:
        sessions = {user.pk: forged_session(user) for user in staff}
        with local_gunicorn(options.workers) as url:
            clients = [HttpClient(url) for _ in range(options.clients)]

            def step(number: int, client: HttpClient) -> None:
                user, kind, text = plan[number]
                client.cookies["sessionid"] = sessions[user.pk]
                started = time.perf_counter()
                status, page, _ = client.get(f"/staff/search/complaints/?{urlencode({'q': text})}")
                elapsed = time.perf_counter() - started
                if status != 200:
                    raise RuntimeError(f"{text!r} answered {status}")
                found = page.count("<tr>") - 1 if "<table" in page else 0
                with lock:
                    by_kind[kind].append(elapsed * 1000)
                    by_outcome[found > 0].append(elapsed * 1000)
                    hits[text] = found

            timings = run_clients(clients, step, seconds=options.seconds, max_requests=len(plan))
    else:
        timings = Timings()
        budget = iter(range(len(plan)))
        deadline = time.monotonic() + options.seconds

        def searcher() -> None:
            try:
                while time.monotonic() < deadline:
                    with lock:
                        number = next(budget, None)
                    if number is None:
                        return
                    user, kind, text = plan[number]
                    started = time.perf_counter()
                    found = search_complaints(user, text)
                    elapsed = time.perf_counter() - started
                    timings.add(elapsed)
                    with lock:
                        by_kind[kind].append(elapsed * 1000)
                        by_outcome[bool(found)].append(elapsed * 1000)
                        hits[text] = len(found)
            finally:
                connection.close()

        # Warm the connection and the caches the way a running server has them.
        for user in staff:
            search_complaints(user, "주차")
        started = time.perf_counter()
        threads = [threading.Thread(target=searcher) for _ in range(options.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        timings.elapsed = time.perf_counter() - started

    print(timings.report("all searches"))
    for found, values in sorted(by_outcome.items(), reverse=True):
        label = "searches finding cases" if found else "searches finding none of my cases"
        print(
            f"  {label:<34} n={len(values):>4}  p50 {percentile(values, 0.5):7.1f} ms  "
            f"p95 {percentile(values, 0.95):7.1f} ms  max {max(values):7.1f} ms"
        )
    print("  by kind of query:")
    for kind, values in sorted(by_kind.items(), key=lambda item: -percentile(item[1], 0.95)):
        print(
            f"  {kind:<34} n={len(values):>4}  p50 {percentile(values, 0.5):7.1f} ms  "
            f"p95 {percentile(values, 0.95):7.1f} ms  max {max(values):7.1f} ms"
        )
    print("  results per query (at most 50): " + ", ".join(f"{t} {n}" for t, n in hits.items()))
    if options.explain:
        explain(staff[0], max(by_kind, key=lambda kind: percentile(by_kind[kind], 0.95)))


def cases_in_scope(user: User, count: int = 50) -> tuple[list[str], list[str]]:
    """Receipt numbers, and one word of each title, of random cases the user handles."""
    from egov.complaints import rules
    from egov.complaints.search import _handled_within

    scope = rules.staff_scope(user)
    if scope is None:
        return [], []
    cases = list(
        _handled_within(scope).order_by("?").values_list("receipt_number", "title")[:count]
    )
    rng = random.Random(user.pk)
    words = []
    for _, title in cases:
        candidates = [word.strip("()·,.") for word in title.split() if len(word) >= 2]
        if candidates:
            words.append(rng.choice(candidates))
    return [receipt for receipt, _ in cases], words


def explain(user: User, kind: str) -> None:
    from django.db import connection
    from django.db.models.expressions import RawSQL

    from egov.complaints import rules
    from egov.complaints.search import (
        COMPLAINT_INDEX,
        RESULTS_LIMIT,
        _handled_within,
        _index_scope,
    )
    from egov.lib.search import backend_for, parse_query

    text = next((text for k, text in QUERIES if k == kind), "주차")
    scope = rules.staff_scope(user)
    if scope is None:
        return
    sql, params = backend_for(connection).matching_keys(
        COMPLAINT_INDEX, parse_query(text), _index_scope(scope)
    )
    query = (
        _handled_within(scope)
        .filter(pk__in=RawSQL(sql, params))  # noqa: S611 - the index's own fixed SQL
        .order_by("-id")[:RESULTS_LIMIT]
    )
    print(f"Plan for {text!r} ({kind}) searched by {user.email}:")
    if connection.vendor == "postgresql":
        print(query.explain(analyze=True))
    else:
        print(query.explain())


if __name__ == "__main__":
    main()
