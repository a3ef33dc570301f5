"""Job search pages sorted by relevance and by newest, from the first page to deep ones.

    DATABASE_URL=... .venv/bin/python -m bench.bench_job_relevance --postings 20000 --pages 200

Fills an empty database with ``--postings`` live postings (titles drawn from
a few, every description holding both words of the query, so every posting
matches and the score takes all its values), then reads the search for
"경비원 야간" page after page through each sort's keyset link, in-process
(no HTTP), and prints the time of the first page and the mean of the rest.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time

from bench import command_line, machine_load, setup_django

TITLES = ["아파트경비원", "야간 경비원", "시설관리 야간", "간호조무사", "한식조리사", "Tukang las"]
QUERY = "경비원 야간"


def fill(count: int, rng: random.Random) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from egov.accounts.models import User
    from egov.jobs.models import Company, Posting, Status
    from egov.jobs.search import (
        POSTING_INDEX,
        TITLE_INDEX,
        copy_search_columns,
        posting_terms,
        title_terms,
    )
    from egov.lib.search import Document, backend_for

    user = User.objects.create_user(email="jobs-bench@bench.example", password=None, name="bench")
    company = Company.objects.create(
        registration_number="1248100998", name="한빛물산", registered_by=user
    )
    now = timezone.now()
    postings = [
        Posting(
            company=company,
            author=user,
            status=Status.PUBLISHED,
            title=rng.choice(TITLES),
            description=f"아파트 경비원 야간 근무. {rng.choice(TITLES)}",
            employment_type="FULL_TIME",
            province_code="11",
            district_code="11110",
            salary_min=2_200_000,
            salary_max=2_600_000,
            salary_unit="MONTH",
            monthly_salary_min=2_200_000,
            occupation_code="54",
            occupation_major="5",
            working_hours="09:00-18:00",
            how_to_apply="jobs@bench.example",
            valid_through=now.date() + datetime.timedelta(days=30),
            date_posted=now - datetime.timedelta(minutes=rng.randrange(100_000)),
        )
        for _ in range(count)
    ]
    backend = backend_for(connection)
    with transaction.atomic(), connection.cursor() as cursor:
        Posting.objects.bulk_create(postings, batch_size=2_000)
        rows = Posting.objects.values_list("pk", "title", "description")
        everything = [
            Document(pk, posting_terms(title=title, description=text, company="", skills=""))
            for pk, title, text in rows
        ]
        backend.save_many(cursor, POSTING_INDEX, everything)
        backend.save_many(cursor, TITLE_INDEX, [Document(pk, title_terms(t)) for pk, t, _ in rows])
        copy_search_columns(cursor, [pk for pk, _, _ in rows])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    setup_django()

    from django.db import connection

    from egov.jobs.models import Posting
    from egov.jobs.search import Filters, search_postings

    if not Posting.objects.exists():
        fill(options.postings, random.Random(options.seed))
    print(f"# {command_line()}")
    print(f"{Posting.objects.count():,} postings on {connection.vendor}; {machine_load()}")
    for sort in ("newest", "relevance"):
        filters = Filters(text=QUERY, sort=sort)
        started = time.perf_counter()
        results = search_postings(filters, with_facets=False)
        first = time.perf_counter() - started
        after, pages = results.page.next_cursor, 1
        started = time.perf_counter()
        while after is not None and pages < options.pages:
            after = search_postings(filters, after=after, with_facets=False).page.next_cursor
            pages += 1
        rest = (time.perf_counter() - started) / max(pages - 1, 1)
        print(f"{sort}: page 1 {first * 1000:.1f} ms; pages 2 to {pages} {rest * 1000:.1f} ms each")


if __name__ == "__main__":
    main()
