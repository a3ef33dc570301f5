"""Submitting complaints: how many a second, and how long each citizen waits.

    DATABASE_URL=... .venv/bin/python -m bench.bench_submit --clients 16 --seconds 60

Starts ``gunicorn egov.wsgi`` on 127.0.0.1 against DATABASE_URL, signs in
``--clients`` generated citizens through the real sign-in form, and has each
post the real complaint form at ``/complaints/new/`` (fetched once for its
CSRF token, untimed) back to back; a submission counts when the page answers
with the redirect to its receipt. ``--in-process`` calls ``submit_complaint``
from ``--clients`` threads instead, without HTTP. Every submission is a real
one: it goes through the action, with its receipt number, timeline event,
audit event, notification, queued email and search row.
"""

from __future__ import annotations

import argparse
import random
import re
import threading
import time

from bench import (
    BENCH_EMAIL_DOMAIN,
    HttpClient,
    Timings,
    command_line,
    csrf_token,
    local_gunicorn,
    machine_load,
    run_clients,
    setup_django,
    sign_in,
)
from bench.generate_complaints import write_complaint

FORM = "/complaints/new/"
FIELDS = ("type", "category", "agency", "title", "body", "location_text", "visibility")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=16, help="citizens submitting at once")
    parser.add_argument("--seconds", type=float, default=60, help="stop after this long")
    parser.add_argument("--requests", type=int, default=6_000, help="submissions (a bound)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--in-process", action="store_true", help="no HTTP: the action only")
    parser.add_argument("--seed", type=int, default=5)
    options = parser.parse_args()
    setup_django()

    from django.db import connection

    from egov.accounts.models import User
    from egov.complaints.limits import RECEIPT_NUMBER_PATTERN
    from egov.complaints.models import Category, Complaint, ComplaintType, Routing

    rng = random.Random(options.seed)
    citizens = list(
        User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").order_by("?")[
            : options.clients
        ]
    )
    if len(citizens) < options.clients:
        raise SystemExit("Not enough generated citizens: run bench.generate_complaints first.")
    routed = sorted(
        set(Routing.objects.values_list("category__code", "category__default_agency__code"))
    )
    before = Complaint.objects.count()
    print(f"# {command_line()}")
    mode = (
        "in-process: submit_complaint from threads"
        if options.in_process
        else f"HTTP, the real form, gunicorn --workers {options.workers} --threads "
        f"{options.threads}"
    )
    print(
        f"Submitting complaints on {connection.vendor} holding {before:,}; "
        f"{options.clients} citizens at once ({mode}); {machine_load()}"
    )

    def fields() -> dict[str, str]:
        category, _ = rng.choice(routed)
        title, body, location = write_complaint(category, "ko", rng)
        return {
            "type": rng.choice(ComplaintType.values),
            "category": category,
            "agency": "",
            "title": title,
            "body": body,
            "location_text": location,
            "visibility": rng.choice(("public", "private")),
        }

    if options.in_process:
        from egov.complaints import actions

        categories = {category.code: category for category in Category.objects.all()}
        timings = Timings()
        lock = threading.Lock()
        budget = iter(range(options.requests))
        deadline = time.monotonic() + options.seconds

        def submitter(citizen: User) -> None:
            try:
                while time.monotonic() < deadline:
                    with lock:
                        if next(budget, None) is None:
                            return
                        data = fields()
                    started = time.perf_counter()
                    try:
                        actions.submit_complaint(
                            citizen=citizen,
                            type=ComplaintType(data["type"]),
                            category=categories[data["category"]],
                            title=data["title"],
                            body=data["body"],
                            location_text=data["location_text"],
                            is_public=data["visibility"] == "public",
                        )
                    except Exception as error:  # a benchmark counts failures and goes on
                        timings.fail(f"{type(error).__name__}: {error}")
                    else:
                        timings.add(time.perf_counter() - started)
            finally:
                connection.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=submitter, args=(user,)) for user in citizens]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        timings.elapsed = time.perf_counter() - started
    else:
        with local_gunicorn(options.workers, threads=options.threads) as url:
            clients, tokens = [], {}
            for citizen in citizens:
                client = HttpClient(url)
                sign_in(client, citizen.email)
                status, page, _ = client.get(FORM)
                missing = [name for name in FIELDS if f'name="{name}"' not in page]
                if status != 200 or missing:
                    raise SystemExit(
                        f"The complaint form is not what this benchmark posts ({status}, "
                        f"missing {missing}); run it with --in-process."
                    )
                tokens[id(client)] = csrf_token(page)
                clients.append(client)

            def step(_: int, client: HttpClient) -> None:
                data = {**fields(), "csrfmiddlewaretoken": tokens[id(client)]}
                status, page, headers = client.request("POST", FORM, data)
                if status != 302 or not re.search(
                    rf"/complaints/{RECEIPT_NUMBER_PATTERN}/receipt/", headers.get("location", "")
                ):
                    errors = re.findall(r'class="field-error"[^>]*>(.*?)</div>', page, re.S)
                    raise RuntimeError(f"POST answered {status}: {errors[:1]}")

            timings = run_clients(
                clients, step, seconds=options.seconds, max_requests=options.requests
            )
    added = Complaint.objects.count() - before
    print(timings.report("submissions"))
    print(f"complaints added to the database: {added:,}")


if __name__ == "__main__":
    main()
