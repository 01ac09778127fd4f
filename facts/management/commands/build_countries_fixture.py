"""Regenerate fixtures/countries.json from pycountry and facts/reference/country_extras.py."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from facts.reference.countries import build_country_records, render_fixture


class Command(BaseCommand):
    help = "Write fixtures/countries.json (every ISO 3166-1 country); --check only compares."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "countries.json"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if the file differs from what would be written.",
        )

    def handle(self, *args, output: Path, check: bool, **options):
        records = build_country_records()
        rendered = render_fixture(records)
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != rendered:
                raise CommandError(
                    f"{output} is out of date: run manage.py build_countries_fixture"
                )
            self.stdout.write(
                self.style.SUCCESS(f"{output} is up to date ({len(records)} countries).")
            )
            return
        output.write_text(rendered, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(records)} countries to {output}."))
