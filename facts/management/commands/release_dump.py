"""Write the published record to a folder: JSON Lines and CSV per resource, a manifest and
checksums (facts.api.release)."""

from datetime import UTC, datetime, time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from facts.api.release import CHECKSUMS, MANIFEST, ReleaseError, write_release


def _moment(text: str) -> datetime:
    """An ISO 8601 date or date and time; one without a time zone is read as UTC."""
    try:
        moment = parse_datetime(text)
        if moment is None and (day := parse_date(text)) is not None:
            moment = datetime.combine(day, time())
    except ValueError:
        moment = None
    if moment is None:
        raise CommandError(f"--released-at: “{text}” is not an ISO 8601 date or date and time.")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class Command(BaseCommand):
    help = (
        "Write every published record (what a reader without an account is shown) to OUTDIR "
        f"as NAME.jsonl and NAME.csv per resource, with {MANIFEST} (release time, schema "
        f"version, and each file's rows, size and SHA-256) and {CHECKSUMS} for `sha256sum "
        "-c`. The folder appears whole or not at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", type=Path, help="The folder to write (made if missing).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace an earlier release in OUTDIR (a folder with a manifest.json).",
        )
        parser.add_argument(
            "--released-at",
            type=_moment,
            help="The release's date and time to record (ISO 8601; default: now).",
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="The site's address (https://facts.example.org), which every URL in the "
            "release starts with; without it they are paths (/api/v1/events/1/).",
        )
        parser.add_argument(
            "--with-text",
            action="store_true",
            help="Add each article's cleaned and raw text (large).",
        )

    def handle(
        self, *args, outdir: Path, force, released_at, base_url, with_text, verbosity, **options
    ):
        def progress(name: str, rows: int) -> None:
            self.stdout.write(f"{name}: {rows} rows")

        try:
            manifest = write_release(
                outdir=outdir,
                released_at=released_at or timezone.now(),
                base_url=base_url,
                force=force,
                with_text=with_text,
                progress=progress if verbosity >= 1 else None,
            )
        except ReleaseError as error:
            raise CommandError(str(error)) from error
        resources = len({entry["resource"] for entry in manifest["files"]})
        self.stdout.write(
            self.style.SUCCESS(
                f"Released {resources} resources as of {manifest['released_at']} "
                f"(schema {manifest['schema']}) to {outdir}: check with "
                f"`cd {outdir} && sha256sum -c {CHECKSUMS}`."
            )
        )
