"""Create the first admin account if it does not exist (idempotent)."""

import os

from django.core.management.base import BaseCommand, CommandError

from facts.accounts import AccountError, superuser_ensure


class Command(BaseCommand):
    help = (
        "Create an admin account unless it exists. The password comes from "
        "DJANGO_SUPERUSER_PASSWORD, or is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--username", default=os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        )
        parser.add_argument("--email", default=os.environ.get("DJANGO_SUPERUSER_EMAIL", ""))

    def handle(self, *args, username: str, email: str, **options):
        try:
            result = superuser_ensure(
                username=username,
                email=email,
                password=os.environ.get("DJANGO_SUPERUSER_PASSWORD") or None,
            )
        except AccountError as error:
            raise CommandError(f"DJANGO_SUPERUSER_PASSWORD: {error}") from error
        if not result.created:
            self.stdout.write(f"Admin account '{username}' already exists; left unchanged.")
        elif result.generated_password:
            self.stdout.write(
                self.style.WARNING(
                    f"Created admin account '{username}' with password: "
                    f"{result.generated_password}\n(shown once; change it in the admin)"
                )
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created admin account '{username}' (password from DJANGO_SUPERUSER_PASSWORD)."
                )
            )
