"""Django's loaddata, except that it refuses to overwrite changed rows unless told to.

Loading a reference fixture over a database where curators have changed those rows would
silently revert their work. Use `manage.py load_initial_data` to fill empty tables; pass
`--overwrite` to replace changed rows with the fixture's values on purpose.
"""

from django.core.management import CommandError
from django.core.management.commands import loaddata

from facts.fixture_guard import fixture_overwrite

SHOWN = 10


class Command(loaddata.Command):
    help = loaddata.Command.help + " Refuses to overwrite rows that differ, unless --overwrite."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Replace stored rows that differ from the fixture (curators' edits are lost).",
        )

    def handle(self, *fixture_labels, **options):
        self.overwrite = options["overwrite"]
        self.overwrites = []
        return super().handle(*fixture_labels, **options)

    def save_obj(self, obj):
        if not self.overwrite:
            found = fixture_overwrite(obj.object, using=self.using)
            if found is not None:
                self.overwrites.append(found)
                return False
        return super().save_obj(obj)

    def loaddata(self, fixture_labels):
        # Runs inside loaddata's transaction: raising here rolls back every row of the load.
        super().loaddata(fixture_labels)
        if self.overwrites:
            listed = "\n  ".join(map(str, self.overwrites[:SHOWN]))
            more = len(self.overwrites) - SHOWN
            raise CommandError(
                f"Refused: the fixture would overwrite {len(self.overwrites)} stored row(s) that "
                f"differ from it (changed by curators or an earlier version):\n  {listed}"
                + (f"\n  … and {more} more" if more > 0 else "")
                + "\nNothing was loaded. To fill a new database use `manage.py "
                "load_initial_data` (it never overwrites); to replace these rows with the "
                "fixture's values on purpose, add --overwrite."
            )
