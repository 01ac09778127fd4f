"""Builders for a small, valid world: each returns a saved object, overridable per field."""

import hashlib
import itertools
from datetime import date

from django.utils import timezone

from facts.choices import ActorKind, EventKind, RelationKind
from facts.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    Article,
    Claim,
    Country,
    Event,
    Place,
)

_counter = itertools.count(1)

ARTICLE_TEXT = (
    "Mali, Niger and Burkina Faso formed the Alliance of Sahel States in September 2023. "
    "Russia delivered L-39 jets to Mali."
)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_country(**fields) -> Country:
    n = next(_counter)
    defaults = {
        "alpha2": f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}",
        "alpha3": f"Z{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}",
        "numeric": f"{900 + n % 100:03d}",
        "name": f"Testland {n}",
    }
    return Country.objects.create(**{**defaults, **fields})


def make_article(**fields) -> Article:
    n = next(_counter)
    raw = fields.pop("raw_text", f"Test article {n}\n\n{ARTICLE_TEXT}")
    text = fields.pop("text", ARTICLE_TEXT)
    defaults = {
        "sha256": sha256(raw),
        "title": f"Test article {n}",
        "raw_text": raw,
        "text": text,
        "text_sha256": sha256(text),
    }
    return Article.objects.create(**{**defaults, **fields})


def make_actor(**fields) -> Actor:
    n = next(_counter)
    defaults = {"slug": f"actor-{n}", "name": f"Actor {n}", "kind": ActorKind.ARMED_GROUP}
    return Actor.objects.create(**{**defaults, **fields})


def make_alias(actor: Actor | None = None, **fields) -> ActorAlias:
    n = next(_counter)
    return ActorAlias.objects.create(
        actor=actor or make_actor(), **{"name": f"Alias {n}", **fields}
    )


def make_relation(**fields) -> ActorRelation:
    n = next(_counter)
    defaults = {
        "slug": f"relation-{n}",
        "kind": RelationKind.MEMBER_OF,
        "subject": fields.pop("subject", None) or make_actor(),
        "object": fields.pop("object", None) or make_actor(),
    }
    return ActorRelation.objects.create(**{**defaults, **fields})


def make_place(**fields) -> Place:
    n = next(_counter)
    country = fields.pop("country", None) or make_country()
    defaults = {"slug": f"place-{n}", "name": f"Place {n}", "kind": "locality"}
    return Place.objects.create(country=country, **{**defaults, **fields})


def make_event(**fields) -> Event:
    n = next(_counter)
    defaults = {
        "slug": f"event-{n}",
        "kind": EventKind.ALLIANCE_FORMATION,
        "title": f"Event {n}",
        "date_start": date(2023, 9, 1),
        "date_end": date(2023, 9, 30),
        "date_precision": "month",
        "date_text": "September 2023",
    }
    return Event.objects.create(**{**defaults, **fields})


def make_claim(article: Article | None = None, **fields) -> Claim:
    article = article or make_article()
    n = next(_counter)
    quote = fields.pop("quote", article.text[: article.text.index(".") + 1])
    start = fields.pop("quote_start", article.text.index(quote))
    defaults = {
        "article": article,
        "fingerprint": hashlib.sha256(f"claim-{n}".encode()).hexdigest()[:32],
        "quote": quote,
        "quote_start": start,
        "quote_end": start + len(quote),
        "anchor_text_sha256": article.text_sha256,
        "statement": quote,
    }
    return Claim.objects.create(**{**defaults, **fields})


def reviewed(**fields) -> dict:
    """Fields of a properly reviewed object (status with a time and, where needed, a reason)."""
    return {"reviewed_at": timezone.now(), "status_reason": "Checked against the source", **fields}


def _fixture_fields(path, model: str) -> list[dict]:
    import json

    return [r["fields"] for r in json.loads(path.read_text("utf-8")) if r["model"] == model]


def fixture_context(without: frozenset[str] = frozenset()):
    """The importer's context built from the committed fixtures, without a database; the
    actors whose slugs are in `without` are left out (as if the reference data lacked them)."""
    from pathlib import Path

    from facts.ingest.analysis.context import build_context

    root = Path(__file__).resolve().parent.parent / "fixtures"
    actors_file = root / "actors.json"
    actors = [
        {**a, "country": (a["country"] or [None])[0], "parent": (a["parent"] or [None])[0]}
        for a in _fixture_fields(actors_file, "facts.actor")
        if a["slug"] not in without
    ]
    aliases = [
        {**a, "actor": a["actor"][0]}
        for a in _fixture_fields(actors_file, "facts.actoralias")
        if a["actor"][0] not in without
    ]
    from datetime import date

    relations = [
        {
            **r,
            "subject": r["subject"][0],
            "object": r["object"][0],
            "start": date.fromisoformat(r["start"]) if r["start"] else None,
            "end": date.fromisoformat(r["end"]) if r["end"] else None,
        }
        for r in _fixture_fields(actors_file, "facts.actorrelation")
        if r["subject"][0] not in without and r["object"][0] not in without
    ]
    places = [
        {**p, "country": p["country"][0]}
        for p in _fixture_fields(root / "places.json", "facts.place")
    ]
    return build_context(
        _fixture_fields(root / "countries.json", "facts.country"),
        actors,
        aliases,
        relations,
        places,
    )


def make_staff(role: str, username: str | None = None):
    """A staff user in one of the role groups (viewer, curator, lead)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from facts.roles import sync_role_groups

    if not Group.objects.filter(name=role).exists():  # flushed by a transactional test
        sync_role_groups()
    user = get_user_model().objects.create_user(
        username or role, password="correct-horse-battery", is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def import_seeds() -> None:
    import io

    from django.core.management import call_command

    call_command("loaddata", "countries", "actors", verbosity=0)
    call_command("import_articles", stdout=io.StringIO(), stderr=io.StringIO())


def newest_history(obj):
    """The latest history record of `obj` (ties in time broken by the record's id)."""
    return obj.history.order_by("-history_date", "-history_id").first()
