"""Rebuild fixtures/seed_curated.json: import the seeds into an EMPTY database, apply the
analyst's review (facts/reference/seed_review.py) and export the result.

    export DATABASE_URL=sqlite:///var/curate.sqlite3 && rm -f var/curate.sqlite3
    ./manage.py migrate -v0 && ./manage.py loaddata countries actors places
    ./manage.py build_seed_curated

A file whose content is already what the review gives (times aside) is left untouched.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from facts.curation import CurationError, apply_seed_review, export_curated, same_content


class Command(BaseCommand):
    help = "Import and review the seed articles in an empty database; write seed_curated.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=Path(settings.BASE_DIR) / "fixtures" / "seed_curated.json",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; fail if the review no longer gives the committed file",
        )

    def handle(self, *args, output: Path, check: bool, **options):
        try:
            counts = apply_seed_review()
        except CurationError as error:
            raise CommandError(str(error)) from error
        exported = export_curated()
        if check:
            committed = output.read_text(encoding="utf-8") if output.exists() else "[]"
            if not same_content(exported, committed):
                raise CommandError(
                    f"{output} is out of date: the importer or the review changed; rebuild it "
                    "with manage.py build_seed_curated (see README)."
                )
            self.stdout.write(self.style.SUCCESS(f"{output} matches a fresh review."))
            return
        if output.exists() and same_content(exported, output.read_text(encoding="utf-8")):
            # Only the times of this run differ: keep the committed file (and its diff) still.
            self.stdout.write(self.style.SUCCESS(f"{output} is already current; left as it is."))
            return
        output.write_text(exported, encoding="utf-8")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {output}: {counts['claims']} claims ({counts['verified']} verified, "
                f"{counts['disputed']} disputed, {counts['rejected']} rejected), "
                f"{counts['events']} events."
            )
        )
