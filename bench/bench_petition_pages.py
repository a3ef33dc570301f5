"""The petition list, a petition's page and its JSON at a million signatures, at 32 visitors.

    DATABASE_URL=... .venv/bin/python -m bench.bench_petition_pages --prepare 1000000
    DATABASE_URL=... .venv/bin/python -m bench.bench_petition_pages --page petition --think 1

``--prepare N`` makes one published petition through the actions (started,
four supporters, published) and gives it N more signatures from N generated
citizens, straight into the database as generate_complaints writes (names
shown by one signer in ten, districts spread over the country, the response
and hearing thresholds reached as the count would have reached them). Then
anonymous visitors read ``--page``: the public list of petitions
(``/participation/petitions/``), the petition's page with its map and tables,
or its JSON, over HTTP from a local gunicorn. ``--think 1`` gives each
visitor a second between pages, their starts spread over that second, as in
bench_timeline.
"""

from __future__ import annotations

import argparse
import time

from bench import (
    BENCH_EMAIL_DOMAIN,
    HttpClient,
    command_line,
    local_gunicorn,
    machine_load,
    published_petition,
    run_clients,
    setup_django,
    signed_in_citizens,
)

TITLE_PREFIX = "Bench petition"


def prepare(count: int) -> None:
    from django.db import connection, transaction
    from django.utils import timezone

    from egov.accounts.models import Role, User
    from egov.lib import regions
    from egov.participation.models import Petition, Signature

    run = int(time.time())
    founders = [user for user, _session in signed_in_citizens(5, tag=f"founder-{run}")]
    petition = published_petition(founders, run=run)
    districts = [(d.code, d.province.code) for d in regions.districts()]
    now = timezone.now()
    tag = f"pages-{run}"
    started = time.perf_counter()
    for first in range(0, count, 20_000):
        with transaction.atomic():
            User.objects.bulk_create(
                User(
                    email=f"{tag}-{number:07d}@{BENCH_EMAIL_DOMAIN}",
                    name="서명인",
                    role=Role.CITIZEN,
                    email_confirmed_at=now,
                    password="!",  # noqa: S106 - these accounts never sign in
                )
                for number in range(first, min(first + 20_000, count))
            )
        print(f"{min(first + 20_000, count):,} citizens, {time.perf_counter() - started:.0f} s")
    signatures = connection.ops.quote_name(Signature._meta.db_table)
    users = connection.ops.quote_name(User._meta.db_table)
    codes = ", ".join(f"('{code}', '{province}')" for code, province in districts)
    with transaction.atomic(), connection.cursor() as cursor:
        # Each citizen signs once; district by the citizen's number, one in ten shown.
        cursor.execute(
            f"WITH places(district, province) AS (VALUES {codes}), "  # noqa: S608
            "numbered AS (SELECT district, province, "
            "row_number() OVER () - 1 AS n FROM places) "
            f"INSERT INTO {signatures} "
            "(petition_id, signer_id, show_name, district, province, signed_at) "
            "SELECT %s, u.id, u.id %% 10 = 0, p.district, p.province, "
            "%s - (u.id %% 86400) * interval '1 second' "
            f"FROM {users} u JOIN numbered p ON p.n = u.id %% %s "
            "WHERE u.email LIKE %s",
            [petition.pk, now, len(districts), f"{tag}-%"],
        )
        added = cursor.rowcount
    Petition.objects.filter(pk=petition.pk).update(
        signature_count=petition.signature_count + added,
        response_threshold_at=now,
        response_due_at=now,
        hearing_threshold_at=now,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {signatures}")
    print(
        f"petition {petition.pk}: {petition.signature_count + added:,} signatures in "
        f"{time.perf_counter() - started:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prepare", type=int, default=0, help="add a petition with N signatures")
    parser.add_argument("--page", choices=["list", "petition", "json"], default="petition")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0)
    options = parser.parse_args()
    setup_django()

    from django.db import connection

    from egov.participation.models import Petition, PetitionStatus

    print(f"# {command_line()}")
    if options.prepare:
        prepare(options.prepare)
        return
    petition = (
        Petition.objects.filter(status=PetitionStatus.OPEN, title__startswith=TITLE_PREFIX)
        .order_by("-signature_count")
        .first()
    )
    if petition is None:
        raise SystemExit("No bench petition: run with --prepare first.")
    path = {
        "list": "/participation/petitions/",
        "petition": f"/participation/petitions/{petition.pk}/",
        "json": f"/participation/petitions/{petition.pk}.json",
    }[options.page]
    marker = {"list": petition.title, "petition": petition.title, "json": '"signature_count"'}[
        options.page
    ]
    print(
        f"{path} ({petition.signature_count:,} signatures) on {connection.vendor}; "
        f"{options.clients} anonymous visitors at once"
        f"{f', each pausing {options.think:g} s between pages' if options.think else ''}; "
        f"{machine_load()}"
    )
    with local_gunicorn(options.workers) as url:

        def read(_: int, client: HttpClient) -> None:
            status, page, _headers = client.get(path)
            if status != 200 or marker not in page:
                raise RuntimeError(f"{path} answered {status}")

        timings = run_clients(
            [HttpClient(url) for _ in range(options.clients)],
            read,
            seconds=options.seconds,
            max_requests=options.requests,
            think=options.think,
        )
    print(timings.report(f"{options.page} pages"))
    print(f"after: {machine_load()}")


if __name__ == "__main__":
    main()
