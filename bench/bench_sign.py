"""A petition surge: signatures a second, each signer's wait, and whether the count stays exact.

    DATABASE_URL=... .venv/bin/python -m bench.bench_sign --signers 300 --threads 8

Makes ``--signers`` accounts (``signer-0000001@bench.egov.example``, written
directly: creating them is not what is measured), one published petition
through the actions (started, four supporters, published), then has
``--threads`` threads sign it through ``actions.sign_petition``, each signer
twice at once with ``--repeat``, so that the unique constraint refuses the
second. At the end the stored count must equal the accepted signatures and
the signature rows exactly. Every signature is a real one: its row, the
count, the thresholds and its audit event, in one transaction.
"""

from __future__ import annotations

import argparse
import itertools
import threading
import time

from bench import (
    Timings,
    command_line,
    machine_load,
    published_petition,
    setup_django,
    signed_in_citizens,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signers", type=int, default=300, help="accounts that sign")
    parser.add_argument("--threads", type=int, default=8, help="signing at once")
    parser.add_argument("--seconds", type=float, default=60, help="stop after this long")
    parser.add_argument("--repeat", action="store_true", help="each signer tries twice")
    options = parser.parse_args()
    setup_django()

    from django.core.exceptions import ValidationError
    from django.db import connection, connections

    from egov.lib import regions
    from egov.participation import actions
    from egov.participation.models import Petition, Signature

    district = regions.district("11110")
    assert district is not None
    run = int(time.time())
    people = [
        user for user, _session in signed_in_citizens(options.signers + 5, tag=f"signer-{run}")
    ]
    petition = published_petition(people, run=run)

    signers = people[5:]
    queue = iter(
        list(itertools.chain.from_iterable((s, s) for s in signers)) if options.repeat else signers
    )
    lock = threading.Lock()
    timings = Timings()
    refused = 0
    deadline = time.monotonic() + options.seconds

    def worker() -> None:
        nonlocal refused
        try:
            while time.monotonic() < deadline:
                with lock:
                    signer = next(queue, None)
                if signer is None:
                    return
                started = time.perf_counter()
                try:
                    actions.sign_petition(
                        signer=signer, petition=petition, district=district, show_name=False
                    )
                except ValidationError:
                    with lock:
                        refused += 1
                else:
                    timings.add(time.perf_counter() - started)
        except Exception as failure:  # reported with the figures
            timings.fail(repr(failure))
        finally:
            connections.close_all()

    print(f"# {command_line()}")
    print(
        f"Signing one petition on {connection.vendor}: {len(signers)} signers, "
        f"{options.threads} threads{', each signer twice' if options.repeat else ''}; "
        f"{machine_load()}"
    )
    threads = [threading.Thread(target=worker) for _ in range(options.threads)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.elapsed = time.perf_counter() - began
    print(timings.report("signatures"))
    stored = Petition.objects.get(pk=petition.pk).signature_count
    rows = Signature.objects.filter(petition=petition).count()
    accepted = len(timings.latencies) + 5
    print(f"refused as repeats: {refused}; count {stored}, rows {rows}, accepted {accepted}")
    if not stored == rows == accepted:
        raise SystemExit("the count is not exact")


if __name__ == "__main__":
    main()
