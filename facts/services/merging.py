"""Merging duplicate actors and events: every reference moves to the survivor."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from facts.choices import AliasKind
from facts.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    Claim,
    ClaimLink,
    Event,
    EventParticipant,
)
from facts.names import normalize_name
from facts.services.errors import ReviewError
from facts.services.history import note_change
from facts.services.review import advance_version


def _stamp(obj, user, reason: str) -> None:
    obj.curator_edited_at = timezone.now()
    advance_version(obj)
    note_change(obj, user=user, reason=reason)


def _checked_merge(survivor, merged: list, reason: str, what: str) -> tuple[list, str]:
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(f"Say why these {what} are the same.")
    merged = [item for item in merged if item.pk != survivor.pk]
    if not merged:
        raise ReviewError(f"Choose at least one other of the {what} to merge into the survivor.")
    return merged, reason


def actor_merge(*, survivor: Actor, merged: list[Actor], user, reason: str) -> Actor:
    """Fold `merged` actors into `survivor`.

    Claims, event participations, relations, aliases and children move to the survivor; each
    merged actor's name becomes an alias; the merged actors are deleted, which their history
    records with who merged them and why.
    """
    merged, reason = _checked_merge(survivor, merged, reason, "actors")
    note = f"Merged into {survivor.name} ({survivor.slug}): {reason}"
    with transaction.atomic():
        ids = [a.pk for a in merged]
        for field in ("subject", "object_actor", "claimant"):
            for claim in Claim.objects.filter(**{f"{field}_id__in": ids}):
                setattr(claim, f"{field}_id", survivor.pk)
                if claim.subject_id and claim.subject_id == claim.object_actor_id:
                    claim.object_actor_id = None
                _stamp(claim, user, note)
                claim.save()
        through = Claim.actors.through
        mentioned = set(through.objects.filter(actor_id__in=ids).values_list("claim_id", flat=True))
        already = set(
            through.objects.filter(actor_id=survivor.pk, claim_id__in=mentioned).values_list(
                "claim_id", flat=True
            )
        )
        through.objects.filter(actor_id__in=ids).delete()
        through.objects.bulk_create(
            [through(claim_id=c, actor_id=survivor.pk) for c in mentioned - already]
        )
        for participation in EventParticipant.objects.filter(actor_id__in=ids):
            duplicate = EventParticipant.objects.filter(
                event_id=participation.event_id, actor=survivor, role=participation.role
            ).exists()
            note_change(participation, user=user, reason=note)
            if duplicate:
                participation.delete()
            else:
                participation.actor = survivor
                participation.save()
        for relation in ActorRelation.objects.filter(Q(subject_id__in=ids) | Q(object_id__in=ids)):
            if relation.subject_id in ids:
                relation.subject = survivor
            if relation.object_id in ids:
                relation.object = survivor
            note_change(relation, user=user, reason=note)
            if relation.subject_id == relation.object_id:
                relation.delete()
            else:
                relation.save()
        Actor.objects.filter(parent_id__in=ids).exclude(pk=survivor.pk).update(parent=survivor)
        survivor_key = normalize_name(survivor.name)
        for actor in merged:
            for alias in ActorAlias.objects.filter(actor=actor):
                alias.actor = survivor
                note_change(alias, user=user, reason=note)
                if alias.normalized == survivor_key:
                    alias.delete()
                else:
                    alias.save()
            key = normalize_name(actor.name)
            if key != survivor_key and not ActorAlias.objects.filter(normalized=key).exists():
                alias = ActorAlias(actor=survivor, name=actor.name, kind=AliasKind.SPELLING)
                note_change(alias, user=user, reason=note)
                alias.save()
            for field in ("wikidata_qid", "acled_name", "title", "description"):
                if not getattr(survivor, field) and getattr(actor, field):
                    setattr(survivor, field, getattr(actor, field))
            note_change(actor, user=user, reason=note)
            actor.delete()
        _stamp(survivor, user, f"Absorbed {', '.join(a.name for a in merged)}: {reason}")
        survivor.save()
        survivor.refresh_from_db()
    return survivor


def event_merge(*, survivor: Event, merged: list[Event], user, reason: str) -> Event:
    """Fold duplicate events into `survivor`: claims, participants and places move over."""
    merged, reason = _checked_merge(survivor, merged, reason, "events")
    if any(e.kind != survivor.kind for e in merged):
        raise ReviewError("Only events of the same kind can be merged.")
    note = f"Merged into {survivor.title} ({survivor.slug}): {reason}"
    with transaction.atomic():
        ids = [e.pk for e in merged]
        for claim in Claim.objects.filter(event_id__in=ids):
            claim.event = survivor
            _stamp(claim, user, note)
            claim.save()
        have = set(survivor.participants.values_list("actor_id", "role"))
        for participation in EventParticipant.objects.filter(event_id__in=ids):
            note_change(participation, user=user, reason=note)
            if (participation.actor_id, participation.role) in have:
                participation.delete()
            else:
                have.add((participation.actor_id, participation.role))
                participation.event = survivor
                participation.save()
        for event in merged:
            survivor.countries.add(*event.countries.all())
            note_change(event, user=user, reason=note)
            event.delete()
        _stamp(survivor, user, f"Absorbed {', '.join(e.slug for e in merged)}: {reason}")
        survivor.save()
        survivor.refresh_from_db()
    ClaimLink.objects.filter(from_claim_id=F("to_claim_id")).delete()
    return survivor
