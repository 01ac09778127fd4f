"""The curated seed data set: the seeds imported, reviewed as facts/reference/seed_review.py
says, and exported with natural keys as fixtures/seed_curated.json."""

import io
import json
from datetime import UTC, date, datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from facts.choices import Origin, ReviewStatus
from facts.models import (
    Actor,
    Article,
    ArticleFlag,
    Claim,
    ClaimLink,
    Event,
    EventParticipant,
    Place,
)
from facts.reference import seed_review
from facts.roles import LEAD
from facts.services import (
    ReviewError,
    article_grade,
    claim_review,
    claim_update,
    event_merge,
    object_review,
    object_update,
)

FIXED_JOINED = datetime(2026, 1, 1, tzinfo=UTC)


class CurationError(RuntimeError):
    """The review does not fit what the importer proposed: fix seed_review.py."""


def reviewer():
    user, _ = get_user_model().objects.get_or_create(
        username=seed_review.REVIEWER,
        defaults={"first_name": "Seed", "last_name": "Analyst", "is_staff": True},
    )
    user.password = "!"  # unusable: this account signs reviews, it never logs in
    user.date_joined = FIXED_JOINED
    user.save()
    user.groups.add(Group.objects.get(name=LEAD))
    return user


def _claims(decision) -> list[Claim]:
    """The claims a decision reviews: those of its article whose quote starts with its words.
    A sentence that reports several events has a claim per event, one quote: the decision
    covers them all (its statement is the first's), unless it names one by `part`."""
    matches = list(
        Claim.objects.filter(
            article__source_file__contains=f"{decision.article}_",
            quote__startswith=decision.quote_start,
        ).order_by("pk")
    )
    if len({c.quote_start for c in matches}) != 1:
        raise CurationError(
            f"{len(matches)} claims in {decision.article} start with {decision.quote_start!r}"
        )
    if decision.part:
        if decision.part > len(matches):
            raise CurationError(f"No claim {decision.part} for {decision.quote_start!r}")
        return [matches[decision.part - 1]]
    return matches


def _review_claim(claim: Claim, decision, user, *, with_statement: bool) -> None:
    if decision.statement and with_statement:
        claim = claim_update(
            claim=claim,
            user=user,
            changes={"statement": decision.statement},
            reason=decision.edit_reason or "Curator's wording",
            expected_version=claim.version,
        )
    claim_review(
        claim=claim,
        user=user,
        status=decision.status,
        reason=decision.reason,
        credibility=decision.credibility,
    )


def apply_seed_review() -> dict[str, int]:
    """Import the seeds and review every proposal. Needs a database without articles."""
    if Article.objects.exists():
        raise CurationError("The database already holds articles: use an empty database.")
    call_command("import_articles", stdout=io.StringIO(), stderr=io.StringIO())
    user = reviewer()
    with transaction.atomic():
        for prefix, (grade, reason) in seed_review.ARTICLE_GRADES.items():
            article = Article.objects.get(source_file__contains=f"{prefix}_")
            article_grade(article=article, user=user, reliability=grade, reason=reason)
        for survivor, merged, reason in seed_review.EVENT_MERGES:
            event_merge(
                survivor=Event.objects.get(slug=survivor),
                merged=list(Event.objects.filter(slug__in=merged)),
                user=user,
                reason=reason,
            )
        parts_decided = {(d.article, d.quote_start) for d in seed_review.CLAIMS if d.part}
        for decision in seed_review.CLAIMS:
            claims = _claims(decision)
            if not decision.part and (decision.article, decision.quote_start) in parts_decided:
                claims = claims[:1]  # the others have decisions of their own
            for index, claim in enumerate(claims):
                _review_claim(claim, decision, user, with_statement=index == 0)
        for decision in seed_review.EVENTS:
            try:
                event = Event.objects.get(slug=decision.slug)
            except Event.DoesNotExist:
                raise CurationError(f"No event {decision.slug!r}") from None
            if decision.dates:
                changes = {
                    k: date.fromisoformat(v) if k in {"date_start", "date_end"} else v
                    for k, v in decision.dates.items()
                }
                event = object_update(
                    obj=event, user=user, changes=changes, reason="Exact date from the record"
                )
            if decision.place:
                slug, precision, words = decision.place
                changes = {
                    "place": Place.objects.get(slug=slug),
                    "location_precision": precision,
                    "location": words,
                }
                event = object_update(
                    obj=event, user=user, changes=changes, reason="Place from the record"
                )
            object_review(obj=event, user=user, status=decision.status, reason=decision.reason)
        for actor in Actor.objects.filter(status=ReviewStatus.UNREVIEWED):
            raise CurationError(f"Actor {actor.slug} was proposed and has no decision")
        unreviewed = ReviewStatus.UNREVIEWED
        left = [
            *(f"claim {c.pk}: {c.quote[:60]}" for c in Claim.objects.filter(status=unreviewed)),
            *(f"event {e.slug}" for e in Event.objects.filter(status=unreviewed)),
        ]
        if left:
            raise CurationError("No decision for: " + "; ".join(left))
    return {
        "claims": Claim.objects.count(),
        "verified": Claim.objects.filter(status=ReviewStatus.VERIFIED).count(),
        "disputed": Claim.objects.filter(status=ReviewStatus.DISPUTED).count(),
        "rejected": Claim.objects.filter(status=ReviewStatus.REJECTED).count(),
        "events": Event.objects.count(),
    }


def export_curated() -> str:
    """Everything the seeds added, with natural keys only (loads after countries and actors)."""
    user_model = get_user_model()
    objects = [
        *user_model.objects.filter(username=seed_review.REVIEWER),
        *Actor.objects.exclude(origin=Origin.REFERENCE).order_by("slug"),
        *Place.objects.exclude(origin=Origin.REFERENCE).order_by("slug"),
        *Article.objects.order_by("sha256"),
        *ArticleFlag.objects.order_by("article__sha256", "code"),
        *Event.objects.order_by("slug"),
        *EventParticipant.objects.order_by("event__slug", "actor__slug", "role"),
        *Claim.objects.order_by("article__sha256", "fingerprint"),
        *ClaimLink.objects.order_by("from_claim__fingerprint", "to_claim__fingerprint", "kind"),
    ]
    records = json.loads(
        serializers.serialize(
            "json", objects, use_natural_foreign_keys=True, use_natural_primary_keys=True
        )
    )
    for record in records:
        # The database computes these from the others on every save: a fixture that holds
        # them only repeats what loading it recomputes.
        for name in _generated_fields(record["model"]):
            record["fields"].pop(name, None)
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _generated_fields(label: str) -> set[str]:
    model = apps.get_model(label)
    return {field.name for field in model._meta.concrete_fields if field.generated}


VOLATILE_FIELDS = {"created_at", "updated_at", "reviewed_at", "curator_edited_at", "retrieved_at"}


def same_content(built: str, committed: str) -> bool:
    """Whether two exports hold the same records, whatever time they were made at."""

    def content(text: str) -> list[dict]:
        return [
            {
                "model": r["model"],
                **{k: v for k, v in r["fields"].items() if k not in VOLATILE_FIELDS},
            }
            for r in json.loads(text)
        ]

    return content(built) == content(committed)


__all__ = ["CurationError", "ReviewError", "apply_seed_review", "export_curated", "same_content"]
