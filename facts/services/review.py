"""Reviewing and editing claims, actors, events and articles."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Model, Q
from django.utils import timezone

from facts.anchors import fingerprint as claim_fingerprint
from facts.anchors import quote_selectors, statement_of
from facts.choices import STATUSES_NEEDING_REASON, LinkKind, Origin, Reliability, ReviewStatus
from facts.models import Actor, Article, Claim, ClaimLink, Event, EventParticipant
from facts.models.mixins import ReviewedModel
from facts.services.errors import ReviewError, StaleVersionError
from facts.services.history import changes_since, note_change
from facts.services.places import point_follows_place

Reviewed = TypeVar("Reviewed", bound=ReviewedModel)

# Fields of a claim that only the importer may set: the evidence itself.
SOURCE_OWNED_CLAIM_FIELDS = {
    "article",
    "fingerprint",
    "quote",
    "quote_start",
    "quote_end",
    "quote_prefix",
    "quote_suffix",
    "anchor_text_sha256",
    "confidence",
    "extractor_version",
    "origin",
    "language",
}
# What a curator may give a claim besides its quote and statement.
CLAIM_STRUCTURE_FIELDS = {
    "subject",
    "predicate",
    "object_actor",
    "object_country",
    "object_value",
    "event",
    "claimant",
    "claimant_text",
    "reported_via",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "credibility",
}
REVIEW_FIELDS = {"status", "status_reason", "reviewed_by", "reviewed_at", "version"}


def _check_reason(status: str, reason: str) -> str:
    if status not in ReviewStatus.values:
        raise ReviewError(f"Unknown status '{status}'.")
    reason = (reason or "").strip()
    if status in STATUSES_NEEDING_REASON and not reason:
        raise ReviewError(f"A reason is required to mark something {status}.")
    if status == ReviewStatus.VERIFIED and not reason:
        raise ReviewError("Say why it is verified (the source, the check you made).")
    return reason


def _check_version(obj: ReviewedModel, expected_version: int | None) -> None:
    if expected_version is None:
        return
    if obj.version != expected_version:
        raise StaleVersionError(
            obj=obj, expected=expected_version, changes=changes_since(obj, version=expected_version)
        )


def _locked(model: type[Reviewed], pk: int) -> Reviewed:
    return model._default_manager.select_for_update().get(pk=pk)


def advance_version(obj: ReviewedModel) -> None:
    """Compare-and-swap the version: of two concurrent writers, the second one fails here
    (on SQLite too, where SELECT … FOR UPDATE does not exist but UPDATE takes the lock)."""
    records = type(obj)._default_manager
    updated = records.filter(pk=obj.pk, version=obj.version).update(version=obj.version + 1)
    if not updated:
        fresh = records.get(pk=obj.pk)
        raise StaleVersionError(
            obj=fresh, expected=obj.version, changes=changes_since(fresh, version=obj.version)
        )
    obj.version += 1


def object_review(
    *, obj: Reviewed, user, status: str, reason: str, expected_version: int | None = None
) -> Reviewed:
    """Set the review status of an actor, event or claim, with who, when and why."""
    reason = _check_reason(status, reason)
    with transaction.atomic():
        current = _locked(type(obj), obj.pk)
        _check_version(current, expected_version)
        current.status = status
        current.status_reason = reason
        current.reviewed_by = user
        current.reviewed_at = timezone.now()
        advance_version(current)
        note_change(current, user=user, reason=f"{status}: {reason}")
        current.save()
        if isinstance(current, Event) and status == ReviewStatus.VERIFIED:
            _confirm_event_parts(event=current, user=user, reason=reason)
        current.refresh_from_db()
    return current


def _confirm_event_parts(*, event: Event, user, reason: str) -> int:
    """Verifying an event confirms it as the curator saw it, its parts included: the
    participants still unreviewed become verified (disputed or rejected ones stay as they
    are). Call inside the verifying transaction. Returns how many were confirmed."""
    parts = list(event.participants.filter(status=ReviewStatus.UNREVIEWED))
    for part in parts:
        part.status = ReviewStatus.VERIFIED
        note_change(part, user=user, reason=f"verified with its event: {reason}")
        part.save(update_fields=["status"])
    return len(parts)


def claim_review(
    *,
    claim: Claim,
    user,
    status: str,
    reason: str,
    credibility: int | None = None,
    expected_version: int | None = None,
) -> Claim:
    """Verify, dispute, reject or retract one claim (optionally grading its credibility)."""
    if credibility is not None and not 1 <= credibility <= 6:
        raise ReviewError("Credibility is graded 1 (confirmed) to 6 (cannot be judged).")
    reason = _check_reason(status, reason)
    with transaction.atomic():
        current = _locked(Claim, claim.pk)
        _check_version(current, expected_version)
        grade = credibility if credibility is not None else current.credibility
        if status == ReviewStatus.VERIFIED and grade is not None and grade >= 5:
            raise ReviewError(
                "A claim graded improbable or unjudgeable (5 or 6) cannot be verified: "
                "grade it again with the review."
            )
        current.status = status
        current.status_reason = reason
        current.reviewed_by = user
        current.reviewed_at = timezone.now()
        if credibility is not None:
            current.credibility = credibility
        advance_version(current)
        note_change(current, user=user, reason=f"{status}: {reason}")
        current.save()
        current.refresh_from_db()
    return current


def claims_review(*, claims, user, status: str, reason: str) -> int:
    """The same review for many claims at once; all or none."""
    reason = _check_reason(status, reason)
    with transaction.atomic():
        count = 0
        for claim in claims:
            claim_review(claim=claim, user=user, status=status, reason=reason)
            count += 1
    return count


def _by_field_name(model, changes: dict) -> dict:
    """A copy of `changes` keyed by field names ("article", not "article_id"), so a rule on a
    field holds whichever name the caller used; a name the model does not have is refused."""
    fields = {}
    for field in model._meta.get_fields():
        if field.concrete or field.many_to_many:
            fields[field.name] = field.name
            fields[getattr(field, "attname", field.name)] = field.name
    unknown = sorted(name for name in changes if name not in fields)
    if unknown:
        raise ReviewError(
            f"{model._meta.verbose_name.capitalize()} has no field {', '.join(unknown)}."
        )
    return {fields[name]: value for name, value in changes.items()}


def claim_update(
    *, claim: Claim, user, changes: dict, reason: str, expected_version: int | None
) -> Claim:
    """Edit a claim's curator-owned fields (statement, structure, links, date, credibility).

    The evidence (quote, offsets, article) is the importer's and cannot be edited here; a
    status change goes through claim_review so it always carries a reason.
    """
    changes = _by_field_name(Claim, changes)
    forbidden = set(changes) & (SOURCE_OWNED_CLAIM_FIELDS | REVIEW_FIELDS)
    if forbidden:
        raise ReviewError(
            f"{', '.join(sorted(forbidden))} cannot be edited: the quote and its place come "
            "from the article, and review status changes need a review with a reason."
        )
    m2m = {name: changes.pop(name) for name in ("countries", "actors") if name in changes}
    return _edit(
        obj=claim, user=user, changes=changes, m2m=m2m, reason=reason, expected=expected_version
    )


@dataclass(frozen=True)
class QuoteAnchor:
    """Where a curator's quote sits in an article's text, and the claim it would make."""

    quote: str
    start: int
    end: int
    prefix: str
    suffix: str
    fingerprint: str
    statement: str


def claim_anchor(*, article: Article, quote: str, quote_start: int | None = None) -> QuoteAnchor:
    """Find a curator's quote in the article's cleaned text, as claim_create will: at
    `quote_start` when given, else its only occurrence; refused when it is not there, occurs
    more than once, or is already a claim of the article. Reads only: forms call it to show
    the refusal next to the quote before anything is saved."""
    quote = (quote or "").strip()
    if not quote:
        raise ReviewError("Give the quote from the article that supports the claim.")
    text = article.text
    if quote_start is not None:
        if text[quote_start : quote_start + len(quote)] != quote:
            raise ReviewError(
                f"The quote is not in the article at offset {quote_start}: "
                f"the text there reads {text[quote_start : quote_start + len(quote)]!r}."
            )
        start = quote_start
    else:
        start = text.find(quote)
        if start < 0:
            raise ReviewError("The quote does not occur in the article text.")
        if text.find(quote, start + 1) >= 0:
            raise ReviewError(
                "The quote occurs more than once in the article: give quote_start to say which."
            )
    end = start + len(quote)
    prefix, suffix = quote_selectors(text, start, end)
    occurrence = text[:start].count(quote) + 1
    anchor = QuoteAnchor(
        quote=quote,
        start=start,
        end=end,
        prefix=prefix,
        suffix=suffix,
        fingerprint=claim_fingerprint(quote, occurrence + 1000),
        statement=statement_of(quote),
    )
    if Claim.objects.filter(article=article, fingerprint=anchor.fingerprint).exists():
        raise ReviewError("This quote is already a claim of the article.")
    return anchor


def claim_create(
    *,
    article: Article,
    user,
    quote: str,
    statement: str = "",
    quote_start: int | None = None,
    reason: str = "",
    **structure,
) -> Claim:
    """A claim entered by a curator from an article and a quote.

    The quote must occur in the article's cleaned text. Given offsets are checked; without
    them the quote must occur exactly once, or the caller must give quote_start to say which.
    """
    unknown = set(structure) - CLAIM_STRUCTURE_FIELDS
    if unknown:
        raise ReviewError(
            f"{', '.join(sorted(unknown))} cannot be given to a new claim: a claim is entered "
            "unreviewed (a review, with its reason, comes next), and its evidence comes from "
            "the quote."
        )
    anchor = claim_anchor(article=article, quote=quote, quote_start=quote_start)
    with transaction.atomic():
        claim = Claim(
            article=article,
            language=article.language,
            fingerprint=anchor.fingerprint,
            quote=anchor.quote,
            quote_start=anchor.start,
            quote_end=anchor.end,
            quote_prefix=anchor.prefix,
            quote_suffix=anchor.suffix,
            anchor_text_sha256=article.text_sha256,
            statement=(statement or anchor.statement).strip(),
            origin=Origin.CURATOR,
            curator_edited_at=timezone.now(),
            **structure,
        )
        claim.full_clean(exclude=["version"])
        note_change(claim, user=user, reason=reason or "Entered by a curator")
        claim.save()
    return claim


def article_grade(*, article: Article, user, reliability: str, reason: str) -> Article:
    """Grade a source's reliability (Admiralty A–F) with the reason for the grade."""
    if reliability not in Reliability.values:
        raise ReviewError("Reliability is graded A (completely reliable) to F (cannot be judged).")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Say why the source gets this grade.")
    flags = set(article.flags.values_list("code", flat=True))
    if {"generation-artifacts", "placeholder-text"} & flags and reliability < "D":
        raise ReviewError(
            "An article with text-generator leftovers cannot be graded above D (not usually "
            "reliable)."
        )
    article.reliability = reliability
    article.reliability_reason = reason
    note_change(article, user=user, reason=f"graded {reliability}: {reason}")
    article.save()
    return article


def object_update(
    *, obj: Reviewed, user, changes: dict, reason: str, expected_version: int | None = None
) -> Reviewed:
    """Edit an actor's or event's fields (not its review status) with a reason."""
    if set(changes) & REVIEW_FIELDS:
        raise ReviewError("Review status changes need a review with a reason.")
    return _edit(
        obj=obj, user=user, changes=changes, m2m={}, reason=reason, expected=expected_version
    )


def stamp_curator_save(*, obj: ReviewedModel, expected_version: int | None) -> None:
    """Before a curator's form save: claim the next version (refused if someone saved since
    `expected_version`) and mark the object as curated, so the importer leaves it alone."""
    if expected_version is not None:
        obj.version = expected_version
    advance_version(obj)
    if hasattr(obj, "curator_edited_at"):
        obj.curator_edited_at = timezone.now()


def _edit(
    *, obj: Reviewed, user, changes: dict, m2m: dict, reason: str, expected: int | None
) -> Reviewed:
    """Apply a curator's edit: checked version, validated fields, history with the reason.
    An edit whose values all equal the stored ones changes nothing: no new version, no
    history entry, and the importer still owns what it owned."""
    if not (reason or "").strip():
        raise ReviewError("Say why you are changing this.")
    with transaction.atomic():
        current = _locked(type(obj), obj.pk)
        _check_version(current, expected)
        if not _edit_changes_anything(current, changes, m2m):
            return current
        previous_place = getattr(current, "place", None)
        for name, value in changes.items():
            setattr(current, name, value)
        if isinstance(current, Event) and not {"latitude", "longitude"} & set(changes):
            point_follows_place(current, previous_place=previous_place)
        current.curator_edited_at = timezone.now()
        advance_version(current)
        note_change(current, user=user, reason=reason.strip())
        current.full_clean(exclude=["version"], validate_unique=False)
        current.save()
        for name, values in m2m.items():
            getattr(current, name).set(values)
        current.refresh_from_db()
    return current


def _edit_changes_anything(current, changes: dict, m2m: dict) -> bool:
    if any(getattr(current, name) != value for name, value in changes.items()):
        return True
    return any(
        set(getattr(current, name).values_list("pk", flat=True))
        != {getattr(item, "pk", item) for item in values}
        for name, values in m2m.items()
    )


def claim_link_create(
    *, from_claim: Claim, to_claim: Claim, kind: str, user, note: str = "", reason: str = ""
) -> ClaimLink:
    """A curator links two claims (corroborates, contradicts, copies): the link records who
    made it and that a curator did, never passing for the importer's."""
    if kind not in LinkKind.values:
        raise ReviewError(f"Unknown link kind '{kind}'.")
    if from_claim.pk == to_claim.pk:
        raise ReviewError("A claim cannot be linked to itself.")
    if ClaimLink.objects.filter(from_claim=from_claim, to_claim=to_claim, kind=kind).exists():
        raise ReviewError(f"Claim {from_claim.pk} already {kind} claim {to_claim.pk}.")
    link = ClaimLink(
        from_claim=from_claim,
        to_claim=to_claim,
        kind=kind,
        note=(note or "").strip(),
        created_by=user,
        origin=Origin.CURATOR,
    )
    note_change(link, user=user, reason=(reason or "").strip() or f"Linked by a curator: {kind}")
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        # Two curators made the same link at once: the check above passed for both.
        raise ReviewError(f"Claim {from_claim.pk} already {kind} claim {to_claim.pk}.") from None
    return link


# --- The admin index's queues ------------------------------------------------------------------

# Counting stops here: the index must stay fast on a table of a million claims.
QUEUE_COUNT_LIMIT = 1000


def local_midnight(now: datetime | None = None) -> datetime:
    """The start of today in the current time zone (settings.TIME_ZONE), from
    `timezone.now()` unless given: a test that moves the clock moves "today" with it."""
    local = timezone.localtime(now or timezone.now())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def contradicted_claims() -> Q:
    """Claims that a contradicting link points at or from, either way round."""
    contradicting = ClaimLink.objects.filter(kind=LinkKind.CONTRADICTS)
    return Q(pk__in=contradicting.values("from_claim")) | Q(pk__in=contradicting.values("to_claim"))


def _bounded_counts(model: type[Model], conditions: dict[str, Q]) -> dict[str, int]:
    """How many rows meet each condition, in one query for the model, each count stopping at
    QUEUE_COUNT_LIMIT + 1 rows: the ORM's aggregate would count every row of a million."""
    manager = model._default_manager
    selects: list[str] = []
    params: list[Any] = []
    for condition in conditions.values():
        rows = manager.filter(condition).order_by().values("pk")[: QUEUE_COUNT_LIMIT + 1]
        sql, sql_params = rows.query.sql_with_params()
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) bounded)")
        params.extend(sql_params)
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return {name: int(count) for name, count in zip(conditions, row, strict=True)}


def review_queue_counts(*, user: Any) -> dict[str, int]:
    """What waits in each of the index's queues, and what `user` reviewed since local
    midnight. One query per model (claims, events, actors); a count above
    QUEUE_COUNT_LIMIT stops there (shown as "1,000+")."""
    mine_today = Q(reviewed_by=user.pk, reviewed_at__gte=local_midnight())
    unreviewed = Q(status=ReviewStatus.UNREVIEWED)
    claims = _bounded_counts(
        Claim,
        {
            "unreviewed_claims": unreviewed,
            "disputed_claims": Q(status=ReviewStatus.DISPUTED),
            "contradicted_claims": contradicted_claims(),
            "my_claims_today": mine_today,
        },
    )
    events = _bounded_counts(
        Event, {"unreviewed_events": unreviewed, "my_events_today": mine_today}
    )
    actors = _bounded_counts(
        Actor,
        {"new_actors": unreviewed & Q(origin=Origin.IMPORT), "my_actors_today": mine_today},
    )
    counts = {**claims, **events, **actors}
    counts["my_reviews_today"] = (
        counts["my_claims_today"] + counts["my_events_today"] + counts["my_actors_today"]
    )
    return counts


def participant_review(*, part: EventParticipant, user, status: str, reason: str) -> None:
    """Confirm, dispute or reject one actor's part in an event: only a verified part is
    public. The event's `updated_at` moves, so copies kept in sync see the change."""
    reason = _check_reason(status, reason)
    with transaction.atomic():
        current = EventParticipant.objects.select_for_update().get(pk=part.pk)
        current.status = status
        note_change(current, user=user, reason=f"{status}: {reason}")
        current.save(update_fields=["status"])
        Event.objects.filter(pk=current.event_id).update(updated_at=timezone.now())
