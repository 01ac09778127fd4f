"""The first run's bulk load of the places fixture stores what `loaddata places` stores."""

import pytest
from django.core.management import call_command

from facts.bootstrap import load_places
from facts.models import Place

pytestmark = pytest.mark.django_db


def place_rows() -> list[tuple]:
    # Times aside: loaddata stamps auto_now fields with the time of loading.
    fields = [
        f.name
        for f in Place._meta.concrete_fields
        if f.name not in {"id", "search_keys", "created_at", "updated_at"}
    ]
    rows = Place.objects.order_by("slug").values_list(
        *[f for f in fields if f not in {"country", "admin1", "admin2"}],
        "country__alpha3",
        "admin1__slug",
        "admin2__slug",
        "search_keys",
    )
    return list(rows)


def test_bulk_load_and_loaddata_store_the_same_places():
    call_command("loaddata", "countries", verbosity=0)
    loaded = load_places()
    bulk = place_rows()
    assert loaded == len(bulk) > 8000
    Place.objects.update(admin1=None, admin2=None)  # PROTECTed links to one another
    Place.objects.all().delete()
    call_command("loaddata", "places", verbosity=0)
    assert place_rows() == bulk


def test_bulk_load_refuses_what_it_cannot_resolve(tmp_path, settings):
    settings.BASE_DIR = tmp_path
    (tmp_path / "fixtures").mkdir()
    (tmp_path / "fixtures" / "odd.json").write_text(
        '[{"model": "facts.place", "fields": {"slug": "x", "name": "X", "kind": "locality",'
        ' "country": ["MLI"], "reviewed_by": ["someone"]}}]'
    )
    with pytest.raises(ValueError, match="a reviewer cannot be loaded in bulk"):
        load_places("odd")
    assert not Place.objects.exists()
