"""What each reader may see, as queryset methods: `Claim.objects.visible_to(user)` and the
same on events, articles and actors, chainable after any filter.

Anonymous readers (and accounts without a role, or not staff) see verified claims and what
those claims rest on: events that are verified or have a verified claim, articles with a
verified claim, actors that are verified or that a verified claim names. Viewers, curators
and leads see everything (facts.roles.reads_everything).
"""

from typing import TYPE_CHECKING, Self

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef, Q

from facts.choices import ReviewStatus
from facts.roles import reads_everything

if TYPE_CHECKING:  # the models' modules import this one
    from facts.models.actors import Actor  # noqa: F401
    from facts.models.articles import Article  # noqa: F401
    from facts.models.claims import Claim  # noqa: F401
    from facts.models.events import Event  # noqa: F401
    from facts.models.places import Place  # noqa: F401

if TYPE_CHECKING:  # the models' modules import this one
    pass

VERIFIED = ReviewStatus.VERIFIED


def _verified_claims() -> models.QuerySet:
    # Looked up by name: the claim model's module imports this one.
    return apps.get_model("facts", "Claim").objects.filter(status=VERIFIED)


class ClaimQuerySet(models.QuerySet["Claim"]):
    def visible_to(self, user) -> Self:
        return self if reads_everything(user) else self.filter(status=VERIFIED)


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user) -> Self:
        if reads_everything(user):
            return self
        supported = _verified_claims().filter(event=OuterRef("pk"))
        return self.filter(Q(status=VERIFIED) | Exists(supported))


class PlaceQuerySet(models.QuerySet["Place"]):
    def visible_to(self, user) -> Self:
        if reads_everything(user):
            return self
        events = apps.get_model("facts", "Event").objects.visible_to(user)
        return self.filter(Q(status=VERIFIED) | Exists(events.filter(place=OuterRef("pk"))))


class ArticleQuerySet(models.QuerySet["Article"]):
    def visible_to(self, user) -> Self:
        if reads_everything(user):
            return self
        return self.filter(Exists(_verified_claims().filter(article=OuterRef("pk"))))


class ActorQuerySet(models.QuerySet["Actor"]):
    def visible_to(self, user) -> Self:
        if reads_everything(user):
            return self
        verified_claims = _verified_claims()
        return self.filter(
            Q(status=VERIFIED)
            | Exists(verified_claims.filter(subject=OuterRef("pk")))
            | Exists(verified_claims.filter(object_actor=OuterRef("pk")))
            | Exists(verified_claims.filter(claimant=OuterRef("pk")))
            | Exists(verified_claims.filter(actors=OuterRef("pk")))
        )


def once_published(history_rows: models.QuerySet, model, key: str) -> models.QuerySet:
    """The rows (of `model` or of its history) whose object was verified at some time, so
    readers without a role may learn it has since been withdrawn or deleted; `key` names the
    object's id in those rows ("pk" or "id")."""
    return history_rows.filter(Exists(model.history.filter(id=OuterRef(key), status=VERIFIED)))
