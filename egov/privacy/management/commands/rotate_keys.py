from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.privacy.actions import ROTATION_BATCH_SIZE, rotate_field_keys
from egov.privacy.crypto import DecryptionError, newest_key_version


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field value under the newest key in EGOV_FIELD_KEYS "
        "(idempotent: run it again after an interruption)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=ROTATION_BATCH_SIZE,
            help=f"rows per transaction (default {ROTATION_BATCH_SIZE})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1")
        try:
            counts = rotate_field_keys(batch_size=options["batch_size"])
        except DecryptionError as error:
            # Batches already committed stay done; the rest waits for the key to be fixed.
            raise CommandError(f"rotation stopped: {error}") from error
        for context, count in counts.items():
            self.stdout.write(f"{context}: {count} re-encrypted")
        self.stdout.write(
            f"{sum(counts.values())} value(s) re-encrypted under key version "
            f"{newest_key_version()}."
        )
