"""Which country a filter value names, from the per-process directory or the table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from facts.country_names import country_named, forget_countries
from facts.models import Country

pytestmark = pytest.mark.django_db


def test_codes_names_and_aliases_in_any_case_or_accent(reference_data):
    mali = Country.objects.get(alpha3="MLI").pk
    ivory = Country.objects.get(alpha3="CIV").pk
    for value in ("MLI", "mli", "ML", " ml ", "466", "Mali", "MALI", "  mali  "):
        assert country_named(value) == mali, value
    for value in ("Cote d'Ivoire", "Côte d’Ivoire", "CÔTE D'IVOIRE", "384", "ci"):
        assert country_named(value) == ivory, value
    for value in ("", "  ", "Atlantis", "ZZ", "ZZZ", "999", "%", "\x00"):
        assert country_named(value) is None, value


def test_the_directory_answers_without_a_query_once_built(reference_data):
    country_named("Niger")  # builds it
    with CaptureQueriesContext(connection) as queries:
        assert country_named("NER") == country_named("niger") == country_named("562")
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_a_country_saved_or_deleted_through_the_orm_is_seen_at_once(reference_data):
    chad = Country.objects.get(alpha3="TCD")
    assert country_named("Tschad") is None
    chad.aliases = [*(chad.aliases or []), "Tschad"]
    chad.save()
    assert country_named("tschad") == chad.pk
    iceland = Country.objects.get(alpha3="ISL")
    assert country_named("Iceland") == iceland.pk
    iceland.delete()  # no actor is of it
    assert country_named("ISL") is None and country_named("Iceland") is None


def test_a_country_written_behind_the_orms_back_is_found_in_the_table(reference_data):
    country_named("Mali")  # the directory is built before the new row exists
    Country.objects.bulk_create([Country(alpha2="XA", alpha3="XAA", numeric="998", name="Azania")])
    made = Country.objects.get(alpha3="XAA").pk
    assert country_named("Azania") == made
    assert country_named("XAA") == made and country_named("xa") == made
    forget_countries()
    with CaptureQueriesContext(connection) as queries:
        assert country_named("azania") == made
    assert len(queries) == 1  # the rebuilt directory holds it
