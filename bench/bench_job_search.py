"""Job search with a keyword and two filters: latency one at a time, and searches a second.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_jobs \\
        .venv/bin/python -m bench.bench_job_search --searches 600 --clients 4 --seconds 60

For a database filled by ``bench.generate_jobs``. Each search is what the
search page runs (``search_postings`` with its facet counts): a keyword
(Korean one- and two-syllable words and longer ones, English and Indonesian
words, common and rare, and a few that match nothing) and two filters
(region and employment type, or occupation group and lowest monthly pay),
sorted by relevance or newest; one search in ten asks a deep page, through
the keyset cursor that the pages before it handed over (those pages are
fetched untimed before the run).

First the searches run one at a time (latency), then ``--clients`` processes
run them back to back at once, in-process (throughput). ``--http`` asks the
search page ``/jobs/`` of a local gunicorn instead, with ``--clients``
keep-alive connections. ``--korean`` first publishes the fixed postings of
the Korean short-word test set (egov/jobs/tests/test_search.py) through the
app's actions, checks that every word finds its expected postings among all
the others, and takes them away again (the transaction is rolled back).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import time
from dataclasses import dataclass
from typing import Any

from bench import (
    HttpClient,
    Timings,
    command_line,
    local_gunicorn,
    machine_load,
    percentile,
    run_clients,
    setup_django,
)

# (text, how it is expected to match): Korean pieces of longer words,
# common and rare words in three languages, and words that match nothing.
WORDS: tuple[tuple[str, str], ...] = (
    ("경비", "ko 2, common"),
    ("간호", "ko 2"),
    ("조리", "ko 2"),
    ("요양", "ko 2"),
    ("배송", "ko 2"),
    ("용접", "ko 2"),
    ("야간", "ko 2, common"),
    ("기숙사", "ko 3"),
    ("요양보호사", "ko 5"),
    ("지게차", "ko 3"),
    ("도배", "ko 2, rare"),
    ("바리", "ko 2"),
    ("간", "ko 1, very common"),
    ("물", "ko 1"),
    ("찰", "ko 1"),
    ("청소", "ko 2"),
    ("경비 야간", "ko, two words"),
    ("developer", "en"),
    ("driver", "en"),
    ("warehouse", "en"),
    ("welder", "en, rare"),
    ("python", "en, skill"),
    ("las", "id"),
    ("pabrik", "id"),
    ("gaji", "id, common"),
    ("perawat", "id"),
    ("tukang las", "id, two words"),
    ("고고학자", "ko, none"),
    ("astronaut", "en, none"),
)
EMPLOYMENT_TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY")
PROVINCES = ("11", "41", "26", "28", "27", "48", "47", "44", "43", "29")
MAJORS = ("5", "8", "9", "7", "3", "2", "4")
SALARIES = (2_300_000, 2_600_000, 3_000_000, 3_500_000)


@dataclass(frozen=True)
class Search:
    text: str
    kind: str
    province: str = ""
    employment_type: str = ""
    occupation_major: str = ""
    min_monthly_salary: int | None = None
    sort: str = ""
    # The encoded cursor of a deep page, and its number.
    after: str = ""
    page: int = 1

    def filters(self) -> Any:
        from egov.jobs.search import Filters

        return Filters(
            text=self.text,
            province=self.province,
            employment_type=self.employment_type,
            occupation_major=self.occupation_major,
            min_monthly_salary=self.min_monthly_salary,
            sort=self.sort,
        )

    def query_string(self) -> str:
        from urllib.parse import urlencode

        query = {
            "q": self.text,
            "province": self.province,
            "employment_type": self.employment_type,
            "occupation": self.occupation_major,
            "min_salary": str(self.min_monthly_salary or ""),
            "sort": self.sort,
            "after": self.after,
        }
        return urlencode({key: value for key, value in query.items() if value})


def searches(count: int, rng: random.Random, deep_share: float, max_depth: int) -> list[Search]:
    made = []
    for _ in range(count):
        text, kind = rng.choice(WORDS)
        sort = rng.choices(("relevance", "newest"), weights=(7, 3))[0]
        if rng.random() < 0.5:
            search = Search(
                text,
                kind,
                province=rng.choice(PROVINCES),
                employment_type=rng.choice(EMPLOYMENT_TYPES),
                sort=sort,
            )
        else:
            search = Search(
                text,
                kind,
                occupation_major=rng.choice(MAJORS),
                min_monthly_salary=rng.choice(SALARIES),
                sort=sort,
            )
        if rng.random() < deep_share:
            search = deepen(search, rng.randint(3, max_depth))
        made.append(search)
    return made


def deepen(search: Search, depth: int) -> Search:
    """The same search on page ``depth`` (or its last page), by walking its cursors untimed."""
    from egov.jobs.search import search_postings

    after, page = None, 1
    while page < depth:
        found = search_postings(search.filters(), after=after, with_facets=False)
        if found.page.next_cursor is None:
            break
        after, page = found.page.next_cursor, page + 1
    if after is None:
        return search
    return Search(**{**search.__dict__, "after": after.encode(), "page": page})


def run_one(search: Search) -> int:
    from egov.jobs.search import cursor_kind, search_postings, sort_for

    after = None
    if search.after:
        after = cursor_kind(sort_for(search.sort, search.text)).decode(search.after)
    results = search_postings(search.filters(), after=after)
    return len(results.page.items) + sum(len(counts) for counts in results.facets.values())


def timed(batch: list[Search]) -> list[tuple[float, Search]]:
    spent = []
    for search in batch:
        started = time.perf_counter()
        run_one(search)
        spent.append((time.perf_counter() - started, search))
    return spent


def _worker(arguments: tuple[list[Search], float]) -> tuple[list[float], float]:
    """One client process: searches back to back until the deadline or the end of its list."""
    batch, deadline = arguments
    setup_django()
    run_one(batch[0])  # a connection and warm imports, untimed
    latencies = []
    started = time.perf_counter()
    for search in batch[1:]:
        if time.time() >= deadline:
            break
        began = time.perf_counter()
        run_one(search)
        latencies.append(time.perf_counter() - began)
    return latencies, time.perf_counter() - started


def concurrent(batch: list[Search], clients: int, seconds: float) -> Timings:
    from django.db import connections

    connections.close_all()
    shares = [batch[index::clients] for index in range(clients)]
    deadline = time.time() + seconds
    context = multiprocessing.get_context("fork")
    with context.Pool(clients) as pool:
        results = pool.map(_worker, [(share, deadline) for share in shares])
    timings = Timings()
    for latencies, _ in results:
        timings.latencies.extend(latencies)
    # The clients ran side by side: the rate is the searches over the longest client's time.
    timings.elapsed = max(elapsed for _, elapsed in results)
    return timings


def summary(label: str, spent: list[float]) -> str:
    ms = [value * 1000 for value in spent]
    return (
        f"{label}: {len(ms)} searches, ms p50 {percentile(ms, 0.5):.1f} "
        f"p95 {percentile(ms, 0.95):.1f} p99 {percentile(ms, 0.99):.1f} "
        f"max {max(ms, default=float('nan')):.1f}"
    )


def korean_set() -> list[str]:
    """The test set's fixed postings published among all the others; what each word misses."""
    from django.db import transaction

    from egov.accounts.models import User
    from egov.jobs import actions
    from egov.jobs.models import EmployerMembership
    from egov.jobs.search import Filters, search_postings
    from egov.jobs.tests.conftest import posting_values
    from egov.jobs.tests.test_search import KOREAN_SHORT_WORDS, POSTINGS

    problems = []
    membership = (
        EmployerMembership.objects.filter(company__verified_at__isnull=False)
        .select_related("user")
        .order_by("id")
        .first()
    )
    if membership is None:
        return ["no verified company with an employer to publish the test set"]
    employer: User = membership.user
    with transaction.atomic():
        made = {}
        for name, texts in POSTINGS.items():
            draft = actions.save_draft(employer=employer, values=posting_values(**texts))
            made[actions.submit_posting(employer=employer, posting=draft).pk] = name
        for word, expected in KOREAN_SHORT_WORDS.items():
            # The fixed postings are the newest live ones, so every one a word
            # finds is on its first page in the newest order.
            started = time.perf_counter()
            page = search_postings(Filters(text=word, sort="newest"), size=50).page
            spent = (time.perf_counter() - started) * 1000
            found = {made[posting.pk] for posting in page.items if posting.pk in made}
            verdict = "ok" if found == expected else f"MISSED {sorted(expected - found)}"
            print(f"  {word}: expects {sorted(expected)}, {verdict} ({spent:.1f} ms)")
            if found != expected:
                problems.append(f"{word}: expected {sorted(expected)}, found {sorted(found)}")
        transaction.set_rollback(True)
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--searches", type=int, default=600, help="searches one at a time")
    parser.add_argument("--clients", type=int, default=4, help="processes (or connections)")
    parser.add_argument("--seconds", type=float, default=60, help="bound of each phase")
    parser.add_argument("--throughput", type=int, default=6_000, help="searches at most, at once")
    parser.add_argument("--deep", type=float, default=0.1, help="share of deep pages")
    parser.add_argument("--depth", type=int, default=10, help="deepest page asked")
    parser.add_argument("--http", action="store_true", help="ask /jobs/ of a local gunicorn")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (--http)")
    parser.add_argument("--korean", action="store_true", help="check the Korean short-word set")
    parser.add_argument("--seed", type=int, default=17)
    options = parser.parse_args()
    setup_django()

    from django.db import connection

    from egov.jobs.models import Posting, Status

    rng = random.Random(options.seed)
    print(f"# {command_line()}")
    live = Posting.objects.filter(status=Status.PUBLISHED).count()
    print(
        f"{Posting.objects.count():,} postings, {live:,} live, on {connection.vendor}; "
        f"{machine_load()}",
        flush=True,
    )
    if options.korean:
        print("Korean short words among every live posting (the test set's postings added):")
        problems = korean_set()
        print("every expected posting found." if not problems else f"{len(problems)} missed.")
    plan = searches(options.searches, rng, options.deep, options.depth)
    # The concurrent phase asks first pages only: each deep page needs the pages before it.
    more = searches(options.throughput, random.Random(options.seed + 1), 0, 1)
    if options.http:
        http(options, plan + more)
        return
    timed(plan[:20])  # warm-up: caches, connections; not counted
    deadline = time.monotonic() + options.seconds
    spent = []
    for search in plan:
        if time.monotonic() > deadline:
            break
        spent.extend(timed([search]))
    print(f"One at a time, in-process ({machine_load()}):")
    print(summary("  all", [s for s, _ in spent]))
    for label, keep in (
        ("  relevance", lambda s: s.sort == "relevance" and s.page == 1),
        ("  newest", lambda s: s.sort == "newest" and s.page == 1),
        ("  deep pages (3 to 10)", lambda s: s.page > 1),
        ("  region + type", lambda s: bool(s.province)),
        ("  occupation + pay", lambda s: bool(s.occupation_major)),
    ):
        print(summary(label, [seconds for seconds, search in spent if keep(search)]))
    by_word: dict[str, list[float]] = {}
    for seconds, search in spent:
        by_word.setdefault(f"{search.text} ({search.kind})", []).append(seconds)
    slowest = sorted(by_word.items(), key=lambda item: -percentile(item[1], 0.95))[:5]
    print(
        "  slowest words (p95): "
        + ", ".join(f"{word} {percentile(times, 0.95) * 1000:.0f} ms" for word, times in slowest)
    )
    timings = concurrent(more, options.clients, options.seconds)
    print(f"{options.clients} client processes at once, in-process ({machine_load()}):")
    print(timings.report("  searches"))


def http(options: argparse.Namespace, plan: list[Search]) -> None:
    with local_gunicorn(options.workers) as url:
        clients = [HttpClient(url) for _ in range(options.clients)]

        def step(number: int, client: HttpClient) -> None:
            search = plan[number % len(plan)]
            status, _, _ = client.get(f"/jobs/?{search.query_string()}")
            if status != 200:
                raise RuntimeError(f"/jobs/?{search.query_string()} answered {status}")

        run_clients(clients[:1], step, seconds=30, max_requests=20)  # warm-up, not counted
        one = run_clients(clients[:1], step, seconds=options.seconds, max_requests=options.searches)
        print(f"One at a time, HTTP, {options.workers} gunicorn workers ({machine_load()}):")
        print(one.report("  search pages"))
        many = run_clients(clients, step, seconds=options.seconds, max_requests=options.throughput)
        print(f"{options.clients} connections at once, HTTP ({machine_load()}):")
        print(many.report("  search pages"))


if __name__ == "__main__":
    main()
