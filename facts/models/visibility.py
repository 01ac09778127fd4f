"""What each reader may see, as queryset methods: `Claim.objects.visible_to(user)` and the
same on events, places, event participants, articles and actors, chainable after any filter.

Anonymous readers (and accounts without a role, or not staff) see the published record:
verified claims; verified events only (a verified claim does not publish the unreviewed event
it points at: the claim is shown, its link to that event is not); of a verified event, the
participants that are verified themselves and its place only when the place is verified
(`shown_participants`, `shown_where`: what the API's representations and exports show), while
its own fields, its point and its toll were verified with it; verified places; articles with
a verified claim; actors that are verified or that a verified claim names. Viewers, curators
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
    from facts.models.events import Event, EventParticipant
    from facts.models.places import Place

VERIFIED = ReviewStatus.VERIFIED


def _verified_claims() -> models.QuerySet:
    # Looked up by name: the claim model's module imports this one.
    return apps.get_model("facts", "Claim").objects.filter(status=VERIFIED)


class ClaimQuerySet(models.QuerySet["Claim"]):
    def visible_to(self, user) -> Self:
        return self if reads_everything(user) else self.filter(status=VERIFIED)


class EventQuerySet(models.QuerySet["Event"]):
    def visible_to(self, user) -> Self:
        # The event itself must be verified: a verified claim pointing at an unreviewed
        # event once published it, with the importer's guesses (a wrong perpetrator) in it.
        return self if reads_everything(user) else self.filter(status=VERIFIED)


class EventParticipantQuerySet(models.QuerySet["EventParticipant"]):
    def visible_to(self, user) -> Self:
        """Parts a reader sees: verified ones of verified events (a part the importer
        proposed waits for a curator even on a verified event)."""
        if reads_everything(user):
            return self
        return self.filter(status=VERIFIED, event__status=VERIFIED)


class PlaceQuerySet(models.QuerySet["Place"]):
    def visible_to(self, user) -> Self:
        # Reviewed places only (the reference gazetteer is): a place the importer proposed is
        # not published by a verified event placed at it; the event then shows no place.
        return self if reads_everything(user) else self.filter(status=VERIFIED)


def shown_place(place: "Place | None", everything: bool) -> "Place | None":
    """A place as a reader sees it where an event or a place points at it: itself when the
    reader sees everything or it is verified, else None."""
    if place is None or everything or place.status == VERIFIED:
        return place
    return None


def shown_where(event: "Event", everything: bool) -> tuple["Place | None", ...]:
    """An event's place, region and district (read from the place) as a reader sees them:
    none of the three when the place is not verified, since the curator who verified the
    event did not verify where the importer put it (its point and location words stay)."""
    place = shown_place(event.place, everything)
    if place is None:
        return None, None, None
    return place, shown_place(event.admin1, everything), shown_place(event.admin2, everything)


def shown_participants(event: "Event", everything: bool) -> list["EventParticipant"]:
    """An event's participants as a reader sees them: the verified ones (all, to a role).
    Reads `event.participants.all()`, so a prefetch serves it."""
    parts = event.participants.all()
    return list(parts) if everything else [p for p in parts if p.status == VERIFIED]


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
