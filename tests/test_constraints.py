"""Every database constraint rejects bad data, on whichever engine DATABASE_URL selects.

Each case performs one write that breaks exactly one rule. A meta-test checks that every named
constraint and unique field in the facts app has a case here, so a new rule needs a new test.
"""

from datetime import date

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from facts.models import ActorAlias, ArticleFlag, ClaimLink, EventFigureSource, EventParticipant
from tests.base import (
    make_actor,
    make_alias,
    make_article,
    make_claim,
    make_country,
    make_event,
    make_place,
    make_relation,
    sha256,
)


def _self_parent():
    actor = make_actor()
    actor.parent = actor
    actor.save()


def _self_link():
    claim = make_claim()
    ClaimLink.objects.create(from_claim=claim, to_claim=claim, kind="corroborates")


def _duplicate_link():
    a, b = make_claim(), make_claim()
    ClaimLink.objects.create(from_claim=a, to_claim=b, kind="corroborates")
    ClaimLink.objects.create(from_claim=a, to_claim=b, kind="corroborates")


def _duplicate_participant():
    event, actor = make_event(), make_actor()
    EventParticipant.objects.create(event=event, actor=actor, role="perpetrator")
    EventParticipant.objects.create(event=event, actor=actor, role="perpetrator")


def _duplicate_flag():
    article = make_article()
    ArticleFlag.objects.create(article=article, code="untitled")
    ArticleFlag.objects.create(article=article, code="untitled")


def _duplicate_fingerprint():
    article = make_article()
    make_claim(article, fingerprint="ab" * 16)
    make_claim(article, fingerprint="ab" * 16)


def _alias_names_two_actors():
    make_alias(name="N'Daw")
    make_alias(name="Ndaw")  # same normalised key, another actor


def _verified_without_time():
    actor = make_actor()
    type(actor).objects.filter(pk=actor.pk).update(status="verified")


CHECK_CASES = {
    # Country
    "facts_country_alpha2_format": lambda: make_country(alpha2="m1"),
    "facts_country_alpha3_format": lambda: make_country(alpha3="ml"),
    "facts_country_numeric_format": lambda: make_country(numeric="12a"),
    # Actor
    "facts_actor_status_valid": lambda: make_actor(status="maybe", reviewed_at=timezone.now()),
    "facts_actor_reviewed_has_time": _verified_without_time,
    "facts_actor_status_reason_required": lambda: make_actor(
        status="rejected", reviewed_at=timezone.now()
    ),
    "facts_actor_slug_format": lambda: make_actor(slug="Not A Slug"),
    "facts_actor_kind_valid": lambda: make_actor(kind="wizard"),
    "facts_actor_not_own_parent": _self_parent,
    "facts_actor_wikidata_qid_format": lambda: make_actor(wikidata_qid="12345"),
    "facts_actor_name_present": lambda: make_actor(name=""),
    # ActorAlias
    "facts_actoralias_normalized_present": lambda: make_alias(name="..."),
    "facts_actoralias_kind_valid": lambda: make_alias(kind="nickname"),
    # ActorRelation
    "facts_actorrelation_slug_format": lambda: make_relation(slug="Bad Slug"),
    "facts_actorrelation_kind_valid": lambda: make_relation(kind="friend-of"),
    "facts_actorrelation_not_reflexive": lambda: (
        lambda actor: make_relation(subject=actor, object=actor)
    )(make_actor()),
    "facts_actorrelation_end_after_start": lambda: make_relation(
        start=date(2025, 1, 29), start_precision="day", end=date(2023, 9, 16), end_precision="day"
    ),
    "facts_actorrelation_start_precision": lambda: make_relation(start=date(2023, 9, 16)),
    "facts_actorrelation_end_precision": lambda: make_relation(end_precision="day"),
    # Article
    "facts_article_sha256_format": lambda: make_article(sha256="not-a-hash"),
    "facts_article_text_sha256_format": lambda: make_article(text_sha256="XYZ"),
    "facts_article_reliability_valid": lambda: make_article(reliability="G"),
    "facts_article_title_present": lambda: make_article(title=""),
    "facts_article_published_range_complete": lambda: make_article(
        published_start=date(2026, 2, 5)
    ),
    "facts_article_published_end_after_start": lambda: make_article(
        published_start=date(2026, 2, 5),
        published_end=date(2026, 2, 4),
        published_precision="month",
    ),
    "facts_article_published_day_is_one_day": lambda: make_article(
        published_start=date(2026, 2, 1),
        published_end=date(2026, 2, 28),
        published_precision="day",
    ),
    # ArticleFlag
    "facts_articleflag_code_valid": lambda: ArticleFlag.objects.create(
        article=make_article(), code="looks-odd"
    ),
    # Event
    "facts_event_status_valid": lambda: make_event(status="maybe", reviewed_at=timezone.now()),
    "facts_event_reviewed_has_time": lambda: make_event(status="verified"),
    "facts_event_status_reason_required": lambda: make_event(
        status="disputed", reviewed_at=timezone.now()
    ),
    "facts_event_date_range_complete": lambda: make_event(date_precision=""),
    "facts_event_date_end_after_start": lambda: make_event(date_end=date(2023, 8, 1)),
    "facts_event_date_day_is_one_day": lambda: make_event(date_precision="day"),
    "facts_event_slug_format": lambda: make_event(slug="-bad-"),
    "facts_event_kind_valid": lambda: make_event(kind="party"),
    "facts_event_title_present": lambda: make_event(title=""),
    "facts_event_latitude_range": lambda: make_event(latitude=91, longitude=0),
    "facts_event_longitude_range": lambda: make_event(latitude=0, longitude=181),
    "facts_event_coordinates_paired": lambda: make_event(latitude=16.97),
    "facts_event_fatalities_low_le_best": lambda: make_event(fatalities_low=10, fatalities_best=5),
    "facts_event_fatalities_best_le_high": lambda: make_event(
        fatalities_best=10, fatalities_high=5
    ),
    "facts_event_fatalities_low_le_high": lambda: make_event(fatalities_low=10, fatalities_high=5),
    "facts_event_location_precision_valid": lambda: make_event(location_precision="street"),
    # Place
    "facts_place_status_valid": lambda: make_place(status="maybe", reviewed_at=timezone.now()),
    "facts_place_reviewed_has_time": lambda: make_place(status="verified"),
    "facts_place_status_reason_required": lambda: make_place(
        status="rejected", reviewed_at=timezone.now()
    ),
    "facts_place_slug_format": lambda: make_place(slug="Bad Slug"),
    "facts_place_kind_valid": lambda: make_place(kind="street"),
    "facts_place_name_present": lambda: make_place(name=""),
    "facts_place_latitude_range": lambda: make_place(latitude=-91, longitude=0),
    "facts_place_longitude_range": lambda: make_place(latitude=0, longitude=-181),
    "facts_place_coordinates_paired": lambda: make_place(longitude=2.1),
    # EventParticipant
    "facts_eventparticipant_role_valid": lambda: EventParticipant.objects.create(
        event=make_event(), actor=make_actor(), role="bystander"
    ),
    "facts_eventparticipant_status_valid": lambda: EventParticipant.objects.create(
        event=make_event(), actor=make_actor(), role="target", status="probable"
    ),
    # EventFigureSource
    "facts_eventfiguresource_figure_valid": lambda: EventFigureSource.objects.create(
        event=make_event(), claim=make_claim(), figure="median"
    ),
    # Claim
    "facts_claim_status_valid": lambda: make_claim(status="true", reviewed_at=timezone.now()),
    "facts_claim_reviewed_has_time": lambda: make_claim(status="verified"),
    "facts_claim_status_reason_required": lambda: make_claim(
        status="retracted", reviewed_at=timezone.now()
    ),
    "facts_claim_date_range_complete": lambda: make_claim(date_end=date(2023, 9, 30)),
    "facts_claim_date_end_after_start": lambda: make_claim(
        date_start=date(2023, 9, 30), date_end=date(2023, 9, 1), date_precision="month"
    ),
    "facts_claim_date_day_is_one_day": lambda: make_claim(
        date_start=date(2023, 9, 1), date_end=date(2023, 9, 2), date_precision="day"
    ),
    "facts_claim_offsets_ordered": lambda: make_claim(quote="", quote_start=5),
    "facts_claim_quote_length_matches_offsets": lambda: make_claim(quote_end=3),
    "facts_claim_credibility_range": lambda: make_claim(credibility=7),
    "facts_claim_confidence_range": lambda: make_claim(confidence=1.5),
    "facts_claim_predicate_valid": lambda: make_claim(predicate="likes"),
    "facts_claim_fingerprint_format": lambda: make_claim(fingerprint="XYZ"),
    "facts_claim_subject_not_object": lambda: (
        lambda actor: make_claim(subject=actor, object_actor=actor)
    )(make_actor()),
    "facts_claim_statement_present": lambda: make_claim(statement=""),
    # ClaimLink
    "facts_claimlink_not_reflexive": _self_link,
    "facts_claimlink_kind_valid": lambda: ClaimLink.objects.create(
        from_claim=make_claim(), to_claim=make_claim(), kind="agrees"
    ),
}

UNIQUE_CASES = {
    "facts_eventfiguresource_unique": lambda: (
        lambda event, claim: [
            EventFigureSource.objects.create(event=event, claim=claim, figure="best"),
            EventFigureSource.objects.create(event=event, claim=claim, figure="best"),
        ]
    )(make_event(), make_claim()),
    "facts_article_url_unique": lambda: [
        make_article(url="https://example.org/a"),
        make_article(url="https://example.org/a"),
    ],
    "facts_actor_wikidata_qid_unique": lambda: [
        make_actor(wikidata_qid="Q1000"),
        make_actor(wikidata_qid="Q1000"),
    ],
    "facts_articleflag_unique": _duplicate_flag,
    "facts_eventparticipant_unique": _duplicate_participant,
    "facts_claim_fingerprint_unique": _duplicate_fingerprint,
    "facts_claimlink_unique": _duplicate_link,
    "country.alpha2": lambda: [make_country(alpha2="QQ"), make_country(alpha2="QQ")],
    "country.alpha3": lambda: [make_country(alpha3="QQQ"), make_country(alpha3="QQQ")],
    "country.numeric": lambda: [make_country(numeric="999"), make_country(numeric="999")],
    "actor.slug": lambda: [make_actor(slug="jnim"), make_actor(slug="jnim")],
    "actoralias.normalized": _alias_names_two_actors,
    "actorrelation.slug": lambda: [make_relation(slug="r-1"), make_relation(slug="r-1")],
    "article.sha256": lambda: [make_article(sha256=sha256("x")), make_article(sha256=sha256("x"))],
    # A page's version has one next version: two articles cannot both replace the same one.
    "article.previous_version": lambda: (
        lambda earlier: [
            make_article(previous_version=earlier),
            make_article(previous_version=earlier),
        ]
    )(make_article()),
    "event.slug": lambda: [make_event(slug="mali-coup"), make_event(slug="mali-coup")],
    "place.slug": lambda: [make_place(slug="ml-gao"), make_place(slug="ml-gao")],
    "place.geonames_id": lambda: [make_place(geonames_id=2457163), make_place(geonames_id=2457163)],
}


def _integrity_error(write) -> str:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    return str(caught.value)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CHECK_CASES))
def test_check_constraint_rejects_bad_data(name):
    message = _integrity_error(CHECK_CASES[name])
    # Both SQLite and PostgreSQL name the violated CHECK constraint in the error.
    assert name in message


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(UNIQUE_CASES))
def test_unique_constraint_rejects_duplicates(name):
    message = _integrity_error(UNIQUE_CASES[name])
    if connection.vendor == "postgresql" and name.startswith("facts_"):
        assert name in message
    else:
        assert "unique" in message.lower()


@pytest.mark.django_db
def test_the_builders_make_valid_objects():
    claim = make_claim()
    make_relation()
    make_event()
    make_alias()
    assert claim.article.text[claim.quote_start : claim.quote_end] == claim.quote


def test_every_constraint_has_a_case():
    expected = set()
    for model in apps.get_app_config("facts").get_models():
        if model.__name__.startswith("Historical"):
            continue
        expected |= {constraint.name for constraint in model._meta.constraints}
        expected |= {
            f"{model._meta.model_name}.{field.name}"
            for field in model._meta.local_fields
            if field.unique and not field.primary_key
        }
    assert expected == set(CHECK_CASES) | set(UNIQUE_CASES)


@pytest.mark.django_db
def test_alias_normalisation_makes_spellings_collide():
    alias = make_alias(name="N’Daw")
    assert alias.normalized == "ndaw"
    assert ActorAlias.objects.get_by_natural_key("ndaw") == alias
