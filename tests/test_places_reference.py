"""The reference gazetteer: fixtures/places.json is what build_places_fixture writes from the
data it is built from, and once loaded it holds every region of the three Sahel states, the
hand-checked conflict sites with their sources, and spellings a search can find."""

import io
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import TestCase

from facts.choices import PlaceKind, ReviewStatus
from facts.models import Country, Place
from facts.names import joined_keys, normalize_name

DATA = Path(settings.BASE_DIR) / "facts" / "reference" / "data"
FOCUS = {"ML": "MLI", "NE": "NER", "BF": "BFA"}


def test_the_committed_fixture_is_what_the_builder_writes():
    out = io.StringIO()
    call_command("build_places_fixture", "--check", stdout=out)
    assert "is up to date" in out.getvalue()


def admin1_rows() -> list[tuple[str, str, str]]:
    """(GeoNames code, name, ASCII name) of every admin1 of the three states."""
    rows = []
    for line in (DATA / "geonames_admin1.tsv").read_text(encoding="utf-8").splitlines():
        code, name, ascii_name, _ = line.split("\t")
        if code.split(".", 1)[0] in FOCUS:
            rows.append((code, name, ascii_name))
    return rows


def conflict_sites() -> list[dict]:
    return json.loads((DATA / "conflict_sites.json").read_text(encoding="utf-8"))["sites"]


class TestLoadedGazetteer(TestCase):
    """The fixture is loaded once for the class (it takes a few seconds); each test rolls
    back to it."""

    @classmethod
    def setUpTestData(cls):
        call_command("loaddata", "countries", "places", verbosity=0)

    def test_every_record_of_the_file_is_loaded(self):
        records = json.loads((Path(settings.BASE_DIR) / "fixtures" / "places.json").read_text())
        assert Place.objects.count() == len(records) > 8000

    def test_every_region_of_mali_niger_and_burkina_faso_is_there(self):
        rows = admin1_rows()
        for alpha2, alpha3 in FOCUS.items():
            expected = sorted(name for code, name, _ in rows if code.startswith(f"{alpha2}."))
            loaded = sorted(
                Place.objects.filter(kind=PlaceKind.ADMIN1, country__alpha3=alpha3).values_list(
                    "name", flat=True
                )
            )
            assert loaded == expected, alpha3
        # Mali's two newest regions (2016, 2023) and Burkina Faso's thirteen.
        assert Place.objects.filter(kind="admin1", name__in=["Ménaka", "Taoudénit"]).count() == 2
        assert Place.objects.filter(kind="admin1", country__alpha3="BFA").count() == 13

    def test_regions_of_the_three_states_have_their_seats_point(self):
        regions = Place.objects.filter(kind="admin1", country__alpha3__in=FOCUS.values())
        assert regions.count() == len(admin1_rows())
        assert not regions.filter(latitude__isnull=True).exists()
        timbuktu_region = Place.objects.get(slug="ml-tombouctou-region")
        timbuktu = Place.objects.get(slug="ml-timbuktu")
        assert (timbuktu_region.latitude, timbuktu_region.longitude) == (
            timbuktu.latitude,
            timbuktu.longitude,
        )

    def test_every_place_with_a_point_says_where_it_comes_from(self):
        assert not Place.objects.filter(latitude__isnull=False, coordinates_source="").exists()
        # Only countries and districts whose seat GeoNames lacks have no point.
        unplaced = set(
            Place.objects.filter(latitude__isnull=True).values_list("kind", flat=True).distinct()
        )
        assert unplaced <= {PlaceKind.COUNTRY, PlaceKind.ADMIN2}
        djibo = Place.objects.get(slug="bf-djibo")
        assert djibo.coordinates_source.startswith("GeoNames")
        assert str(djibo.geonames_id) in djibo.coordinates_source

    def test_reference_places_are_verified_reference_data(self):
        assert set(Place.objects.values_list("status", "origin").distinct()) == {
            (ReviewStatus.VERIFIED, "reference")
        }
        assert not Place.objects.filter(reviewed_at__isnull=True).exists()
        assert not Place.objects.filter(status_reason="").exists()

    def test_the_conflict_sites_are_there_with_their_source_and_point(self):
        sites = conflict_sites()
        assert len(sites) >= 50
        for site in sites:
            # GeoNames may hold a place of the same name (another village): the site is the
            # one whose point comes from the site's source.
            place = Place.objects.get(
                name=site["name"],
                country__alpha3=site["country"],
                kind=site["kind"],
                coordinates_source=site["source"],
            )
            assert place.coordinates_source.startswith(("https://", "http://")), place.slug
            assert (place.latitude, place.longitude) == (
                Decimal(str(site["latitude"])).quantize(Decimal("0.00001")),
                Decimal(str(site["longitude"])).quantize(Decimal("0.00001")),
            ), place.slug
            # Spellings that differ only by accents are kept once, so compare by key.
            assert all(
                f"|{normalize_name(alias)}|" in place.search_keys for alias in site["aliases"]
            ), place.slug
            if site.get("admin1", "").split(".")[0] in FOCUS:
                assert place.admin1 is not None and place.admin1.kind == PlaceKind.ADMIN1

    def test_sites_of_the_conflict_are_in_their_country_and_region(self):
        base = Place.objects.get(slug="ne-air-base-201")
        assert (base.kind, base.country.alpha3, base.admin1.slug) == (
            "site",
            "NER",
            "ne-agadez-region",
        )
        assert "Base aérienne 201" in base.aliases

    def test_tombouctou_and_timbuktu_are_one_spelling_apart(self):
        town = Place.objects.get(slug="ml-timbuktu")
        assert "Tombouctou" in town.aliases
        region = Place.objects.get(slug="ml-tombouctou-region")
        assert region.name == "Tombouctou" and "Timbuktu" in region.aliases

    def test_search_keys_hold_every_spelling_and_find_a_place_by_any(self):
        for place in Place.objects.filter(country__alpha3__in=FOCUS.values()):
            assert place.search_keys == joined_keys([place.name, *place.aliases]), place.slug
        found = set(
            Place.objects.filter(search_keys__contains="|tillaberi|").values_list("slug", "kind")
        )
        assert ("ne-tillaberi-region", "admin1") in found
        assert ("ne-tillaberi", "locality") in found
        # An accent or a capital letter makes no other key.
        assert set(
            Place.objects.filter(search_keys__contains="|tombouctou|").values_list("slug")
        ) >= {("ml-timbuktu",), ("ml-tombouctou-region",)}

    def test_a_place_saved_again_keeps_its_keys_in_step_with_its_names(self):
        place = Place.objects.get(slug="ne-tillaberi-region")
        place.aliases = [*place.aliases, "Tillabéry-Ouest"]
        place.save()
        assert Place.objects.filter(search_keys__contains="|tillabery ouest|").get() == place

    def test_regions_and_districts_link_to_their_parents(self):
        district = Place.objects.get(slug="ml-douentza-district")
        assert district.kind == "admin2" and district.admin1.slug == "ml-mopti-region"
        assert Place.objects.get(slug="bf-djibo").admin1.country == Country.objects.get(
            alpha3="BFA"
        )
