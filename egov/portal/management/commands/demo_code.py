import time
from typing import Any

from django.core.management.base import BaseCommand

from egov.accounts import mfa
from egov.portal.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = "Print the current two-step verification code of the demo staff accounts."

    def handle(self, *args: Any, **options: Any) -> None:
        now = time.time()
        left = mfa.STEP_SECONDS - int(now) % mfa.STEP_SECONDS
        self.stdout.write(f"{mfa.code_at(DEMO_TOTP_SECRET, now)}  (valid for {left} more seconds)")
