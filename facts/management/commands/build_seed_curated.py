"""Rebuild fixtures/seed_curated.json: import the seeds into an EMPTY database, apply the
analyst's review (facts/reference/seed_review.py) and export the result.

    DEBUG=1 DATABASE_URL=sqlite:////tmp/curate.sqlite3 python manage.py migrate
    DEBUG=1 DATABASE_URL=sqlite:////tmp/curate.sqlite3 python manage.py loaddata countries actors
    DEBUG=1 DATABASE_URL=sqlite:////tmp/curate.sqlite3 python manage.py build_seed_curated
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from facts.curation import CurationError, apply_seed_review, export_curated


class Command(BaseCommand):
    help = "Import and review the seed articles in an empty database; write seed_curated.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures" / "seed_curated.json",
        )

    def handle(self, *args, output: Path, **options):
        try:
            counts = apply_seed_review()
        except CurationError as error:
            raise CommandError(str(error)) from error
        output.write_text(export_curated(), encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {counts['claims']} claims ({counts['verified']} verified, "
                f"{counts['disputed']} disputed, {counts['rejected']} rejected), "
                f"{counts['events']} events."
            )
        )
