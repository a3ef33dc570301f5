from typing import Any

from django.core.management.base import BaseCommand, CommandError

from egov.portal.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, DemoRefused, load_demo


class Command(BaseCommand):
    help = "Load demo agencies, units and one account per role (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--print-sign-ins", action="store_true", help="list the demo sign-ins afterwards"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = load_demo()
        except DemoRefused as refusal:
            raise CommandError(str(refusal)) from None
        if any(created.values()):
            summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
            self.stdout.write(f"Demo data created: {summary}.")
        else:
            self.stdout.write("Demo data already present: nothing changed.")
        if options["print_sign_ins"]:
            self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
            for email, _name, role, *_rest in DEMO_USERS:
                self.stdout.write(f"  {role.label:<24} {email}")
            self.stdout.write(
                "\nStaff accounts also need a code from an authenticator app: add the key\n"
                f"  {DEMO_TOTP_SECRET}\n"
                "to one, or run `make demo-code` (.venv/bin/python manage.py demo_code)."
            )
