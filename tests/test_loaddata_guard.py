"""`loaddata` never reverts curators' work silently: loading the same fixture twice is a
no-op, loading it over changed rows is refused with the rows named, `--overwrite` is explicit."""

import pytest
from django.core.management import CommandError, call_command

from facts.models import Actor, ActorAlias, Country
from facts.services import object_update
from tests.base import make_staff

pytestmark = pytest.mark.django_db


def load(*labels, **options):
    call_command("loaddata", *labels, verbosity=0, **options)


def test_loading_the_reference_fixtures_twice_changes_nothing():
    load("countries", "actors")
    counts = (Country.objects.count(), Actor.objects.count(), ActorAlias.objects.count())
    versions = dict(Actor.objects.values_list("slug", "version"))
    load("countries", "actors")
    assert (Country.objects.count(), Actor.objects.count(), ActorAlias.objects.count()) == counts
    assert dict(Actor.objects.values_list("slug", "version")) == versions


def test_loading_over_a_curated_actor_is_refused_and_keeps_everything():
    load("countries", "actors")
    curator = make_staff("curator")
    mali = Actor.objects.get(slug="mali")
    object_update(obj=mali, user=curator, changes={"description": "Edited"}, reason="Update")
    edited = Actor.objects.get(slug="mali")
    history = edited.history.count()
    niger = Actor.objects.get(slug="niger")
    niger.aliases.all().delete()  # an unrelated row the fixture would bring back
    with pytest.raises(CommandError) as refused:
        load("countries", "actors")
    message = str(refused.value)
    line = next(x for x in message.splitlines() if "facts.Actor mali:" in x)
    assert {"description", "version", "curator_edited_at"} <= set(line.split(": ")[1].split(", "))
    assert "load_initial_data" in message and "--overwrite" in message
    after = Actor.objects.get(slug="mali")
    assert (after.description, after.version) == ("Edited", edited.version)
    assert after.history.count() == history
    assert not niger.aliases.exists()  # nothing at all was loaded


def test_overwrite_replaces_changed_rows_on_purpose():
    load("countries", "actors")
    Actor.objects.filter(slug="mali").update(description="Edited", version=5)
    load("countries", "actors", overwrite=True)
    mali = Actor.objects.get(slug="mali")
    assert mali.description.startswith("Landlocked") and mali.version == 1
