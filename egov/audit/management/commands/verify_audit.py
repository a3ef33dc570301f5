from typing import Any

from django.core.management.base import BaseCommand, CommandError

from egov.audit.models import AuditEvent
from egov.audit.recorder import verify_chain


class Command(BaseCommand):
    help = "Check that no audit event was changed, removed or inserted out of band."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(verify_chain())
        for problem in problems:
            self.stderr.write(f"event {problem.event_id}: {problem.reason}")
        if problems:
            raise CommandError(f"the audit chain is broken in {len(problems)} place(s)")
        self.stdout.write(f"the audit chain is intact ({AuditEvent.objects.count()} events)")
