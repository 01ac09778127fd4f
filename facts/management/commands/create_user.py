"""Create a staff account for a viewer, curator or lead."""

import getpass
import os
import sys

from django.core.management.base import BaseCommand, CommandError

from facts.accounts import AccountError, staff_user_save
from facts.roles import ROLES

PASSWORD_VARIABLE = "DJANGO_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff account in a role group (viewer, curator or lead). The password comes "
        f"from {PASSWORD_VARIABLE}, or is asked for twice when run in a terminal."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=ROLES)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--update",
            action="store_true",
            help="Change an existing account's role (and password, if one is given).",
        )

    def handle(self, *args, username: str, role: str, email: str, update: bool, **options):
        password = os.environ.get(PASSWORD_VARIABLE) or None
        if password is None and sys.stdin.isatty():
            password = self._ask_password(required=not update)
        try:
            result = staff_user_save(
                username=username, role=role, password=password, email=email, update=update
            )
        except AccountError as error:
            message = str(error)
            if password is None and "password" in message:
                message += f" Set {PASSWORD_VARIABLE}, or run the command in a terminal."
            raise CommandError(message) from error
        done = "Created" if result.created else "Updated"
        password_note = " with a new password" if result.password_set and not result.created else ""
        self.stdout.write(
            self.style.SUCCESS(f"{done} {result.role} '{result.username}'{password_note}.")
        )

    def _ask_password(self, *, required: bool) -> str | None:
        first = getpass.getpass("Password: ")
        if not first and not required:
            return None
        if getpass.getpass("Password (again): ") != first:
            raise CommandError("The two passwords differ; nothing was changed.")
        return first
