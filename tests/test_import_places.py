"""Events' places through the real import_articles command, on the database: a village the
gazetteer lacks is proposed once for curators to locate, a later report places an event more
exactly, and a curator's place is left alone."""

import io
import json
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from facts.models import Event, Place

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "places.json"
# The places these stories name, with their parents: the full gazetteer takes half a minute
# to load and these tests need only a corner of it.
NEEDED = {"mali", "burkina-faso", "niger", "bf-djibo", "ml-mopti-region", "ml-bandiagara"}


def load_some_places(slugs: set[str]) -> None:
    records = {r["fields"]["slug"]: r for r in json.loads(FIXTURE.read_text(encoding="utf-8"))}
    wanted, queue = [], [*slugs]
    while queue:
        slug = queue.pop()
        if slug in {r["fields"]["slug"] for r in wanted}:
            continue
        record = records[slug]
        wanted.append(record)
        parents = (record["fields"]["admin1"], record["fields"]["admin2"])
        queue += [parent[0] for parent in parents if parent]
    # Parents first, as the fixture orders them.
    order = {slug: at for at, slug in enumerate(records)}
    wanted.sort(key=lambda r: order[r["fields"]["slug"]])
    for obj in serializers.deserialize("json", json.dumps(wanted)):
        obj.save()


def run(folder: Path, **options) -> dict:
    out = io.StringIO()
    call_command(
        "import_articles", str(folder), json=True, stdout=out, stderr=io.StringIO(), **options
    )
    return json.loads(out.getvalue())


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


VILLAGE = (
    "Mali: villagers killed\n\n"
    "Jihadists attacked the village of Kourakou Sunday in central Mali on 7 April 2024, "
    "killing 11 civilians, local officials said.\n"
)
BY_COUNTRY = (
    "Burkina Faso: convoy hit\n\n"
    "Jihadists ambushed an army convoy in Burkina Faso on 14 March 2024, killing 12 soldiers, "
    "the army said.\n"
)
NEAR_DJIBO = (
    "Burkina Faso: details of the ambush\n\n"
    "Jihadists ambushed an army convoy near Djibo on 14 March 2024, killing 12 soldiers, "
    "security sources said.\n"
)


class TestImportedPlaces(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("loaddata", "countries", "actors", verbosity=0)
        load_some_places(NEEDED)

    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_an_unknown_village_becomes_an_unreviewed_place_with_no_point(self):
        run(write(self.folder / "a", "village.txt", VILLAGE))
        place = Place.objects.get(name="Kourakou")
        assert (place.slug, place.kind, place.country.alpha3) == ("mli-kourakou", "locality", "MLI")
        assert (place.status, place.origin) == ("unreviewed", "import")
        assert place.latitude is None and place.longitude is None and not place.coordinates_source
        assert place.search_keys == "|kourakou|"
        assert "the village of Kourakou" in place.note and "Sunday" not in place.note
        event = Event.objects.get(place=place)
        assert (event.kind, event.location_precision) == ("attack", "exact")
        assert event.location == "the village of Kourakou"
        assert event.latitude is None and event.longitude is None

    def test_reimporting_or_a_second_report_does_not_duplicate_the_village(self):
        run(write(self.folder / "a", "village.txt", VILLAGE))
        report = run(self.folder / "a", reextract=True)
        assert report["summary"]["articles"]["reextracted"] == 1
        again = VILLAGE.replace("local officials said", "a local elected official said")
        run(write(self.folder / "b", "village-again.txt", again))
        assert Place.objects.filter(name="Kourakou").count() == 1
        assert Place.objects.filter(origin="import").count() == 1

    def test_a_second_report_near_a_known_town_places_the_event_more_exactly(self):
        run(write(self.folder / "a", "country.txt", BY_COUNTRY))
        event = Event.objects.get(kind="attack", date_start="2024-03-14")
        assert (event.place.slug, event.location_precision) == ("burkina-faso", "country")
        assert event.latitude is None

        run(write(self.folder / "b", "near.txt", NEAR_DJIBO))
        event = Event.objects.get(kind="attack", date_start="2024-03-14")  # still one event
        djibo = Place.objects.get(slug="bf-djibo")
        assert (event.place, event.location_precision, event.location) == (
            djibo,
            "near",
            "near Djibo",
        )
        assert djibo.latitude is not None
        assert (event.latitude, event.longitude) == (djibo.latitude, djibo.longitude)
        assert event.history.filter(history_change_reason__contains="Placed more exactly").exists()

    def test_a_coarser_later_report_does_not_undo_a_finer_place(self):
        run(write(self.folder / "a", "near.txt", NEAR_DJIBO))
        run(write(self.folder / "b", "country.txt", BY_COUNTRY))
        event = Event.objects.get(kind="attack", date_start="2024-03-14")
        assert (event.place.slug, event.location_precision) == ("bf-djibo", "near")

    def test_a_place_a_curator_set_is_not_replaced_by_the_importer(self):
        run(write(self.folder / "a", "country.txt", BY_COUNTRY))
        event = Event.objects.get(kind="attack", date_start="2024-03-14")
        sahel = Place.objects.get(slug="bf-sahel-region")
        Event.objects.filter(pk=event.pk).update(
            place=sahel,
            location_precision="admin1",
            location="Sahel region (curator)",
            latitude=sahel.latitude,
            longitude=sahel.longitude,
            curator_edited_at=timezone.now(),
        )
        run(write(self.folder / "b", "near.txt", NEAR_DJIBO))
        event.refresh_from_db()
        assert (event.place, event.location_precision, event.location) == (
            sahel,
            "admin1",
            "Sahel region (curator)",
        )
        assert (event.latitude, event.longitude) == (sahel.latitude, sahel.longitude)
