"""Reverting a claim, event, actor or article to a version from its history.

A revert restores what curators edit (wording, structure, dates, names, links to other
records) and nothing else: the review status and its reason, the credibility and reliability
grades, and the importer's evidence (quote, offsets, text) stay as they are now. A status
goes back only through a review, with its own reason; a revert never changes it silently.
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Field, ForeignKey, Model
from django.utils import timezone

from facts.models import Actor, Article, Claim, Event
from facts.models.mixins import ReviewedModel
from facts.services.errors import ReviewError, StaleVersionError
from facts.services.history import changes_since, history_model_of, note_change
from facts.services.review import REVIEW_FIELDS, SOURCE_OWNED_CLAIM_FIELDS, advance_version

# Left as they are now by every revert: review state and bookkeeping.
KEPT_BY_EVERY_REVERT = REVIEW_FIELDS | {"curator_edited_at", "origin"}
# Left as they are now, per model: grades (changed only with their reason) and what the
# importer owns.
KEPT_BY_REVERT: dict[type[Model], set[str]] = {
    Claim: SOURCE_OWNED_CLAIM_FIELDS | {"credibility"},
    Event: set(),
    Actor: {"first_seen_in"},
    Article: {
        "sha256",
        "raw_text",
        "text",
        "text_sha256",
        "source_file",
        "extractor_version",
        "retrieved_at",
        "reliability",
        "reliability_reason",
    },
}
# Kept differences not worth telling: they differ between any two versions.
_UNTOLD = {"version", "curator_edited_at", "reviewed_at", "created_at", "updated_at"}
_SHOWN_CHARACTERS = 600  # whole statements and titles; not whole article texts


def is_revertible(model: type[Model]) -> bool:
    return model in KEPT_BY_REVERT


def _kept(model: type[Model]) -> set[str]:
    return KEPT_BY_EVERY_REVERT | KEPT_BY_REVERT[model]


def restored_fields(model: type[Model]) -> list[Field]:
    """The fields a revert copies back from the version: the editable ones not kept."""
    kept = _kept(model)
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in kept
    ]


def restored_many_to_many(model: type[Model]) -> list[str]:
    """The many-to-many fields whose values the history keeps (claims' and events'
    countries, claims' actors): a revert restores them too."""
    fields = getattr(history_model_of(model), "_history_m2m_fields", ())
    return sorted(field.name for field in fields if field.name not in _kept(model))


def _related_model(model: type[Model], name: str) -> type[Model]:
    related = model._meta.get_field(name).related_model
    assert isinstance(related, type)  # a relation to a model class, never "self" once loaded
    return related


def _m2m_ids_of_version(record: Any, name: str) -> set[int]:
    target = _related_model(record.instance_type, name)._meta.model_name
    return set(getattr(record, name).values_list(f"{target}_id", flat=True))


def _m2m_ids_now(obj: Model, name: str) -> set[int]:
    return set(getattr(obj, name).values_list("pk", flat=True))


@dataclass(frozen=True)
class FieldChange:
    """One field that differs between the record now and the version."""

    name: str
    label: str
    now: str
    then: str


@dataclass(frozen=True)
class RevertPlan:
    """What reverting to a version would do: `restored` differences go back to the
    version's values; `kept` differences stay as they are now."""

    label: str
    restored: list[FieldChange]
    kept: list[FieldChange]


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "—"
    text = str(value)
    return text if len(text) <= _SHOWN_CHARACTERS else text[: _SHOWN_CHARACTERS - 1] + "…"


def _display(obj: Model, field: Field) -> str:
    if field.choices:
        return _shown(getattr(obj, f"get_{field.name}_display")())
    if isinstance(field, ForeignKey):
        if getattr(obj, field.attname) is None:
            return "—"
        related = _related_model(type(obj), field.name)._default_manager.filter(
            pk=getattr(obj, field.attname)
        )
        found = related.first()
        return (
            _shown(found) if found is not None else f"(deleted, id {getattr(obj, field.attname)})"
        )
    return _shown(getattr(obj, field.attname))


def _names(model: type[Model], name: str, ids: set[int]) -> str:
    related = _related_model(model, name)
    names = sorted(str(o) for o in related._default_manager.filter(pk__in=ids))
    missing = len(ids) - len(names)
    if missing:
        names.append(f"({missing} deleted)")
    return ", ".join(names) or "—"


def version_label(record: Any) -> str:
    """How a history record is named in a revert's reason: by its version where the model
    counts versions, else by its time."""
    version = getattr(record, "version", None)
    if version is not None:
        return f"version {version}"
    when = timezone.localtime(record.history_date)
    return f"the version of {when:%Y-%m-%d %H:%M}"


def revert_plan(*, record: Any, current: Model | None = None) -> RevertPlan:
    """What reverting to the history record `record` would restore and what it would keep."""
    model = record.instance_type
    if not is_revertible(model):
        raise ReviewError(f"{model._meta.verbose_name.capitalize()} cannot be reverted here.")
    old = record.instance
    if current is None:
        current = model._default_manager.get(pk=old.pk)
    restored, kept = [], []
    restored_names = {field.name for field in restored_fields(model)}
    for field in model._meta.concrete_fields:
        if field.primary_key or (not field.editable and field.name not in REVIEW_FIELDS):
            continue
        if getattr(current, field.attname) == getattr(old, field.attname):
            continue
        change = FieldChange(
            field.name,
            str(field.verbose_name).capitalize(),
            _display(current, field),
            _display(old, field),
        )
        if field.name in restored_names:
            restored.append(change)
        elif field.name not in _UNTOLD:
            kept.append(change)
    for name in restored_many_to_many(model):
        now, then = _m2m_ids_now(current, name), _m2m_ids_of_version(record, name)
        if now != then:
            label = str(model._meta.get_field(name).verbose_name).capitalize()
            restored.append(
                FieldChange(name, label, _names(model, name, now), _names(model, name, then))
            )
    return RevertPlan(label=version_label(record), restored=restored, kept=kept)


def object_revert(*, record: Any, user, reason: str, expected_version: int | None = None) -> Model:
    """Restore the curator-editable fields of a claim, event, actor or article from one of its
    history records, with who and why ("reverted to version N: why"), as a curator's edit:
    refused when the object changed since `expected_version`, a new version, and the
    importer leaves it alone from now on. Review status and grades stay as they are now."""
    model = record.instance_type
    if not is_revertible(model):
        raise ReviewError(f"{model._meta.verbose_name.capitalize()} cannot be reverted here.")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Say why you are reverting to this version.")
    old = record.instance
    with transaction.atomic():
        current = model._default_manager.select_for_update().get(pk=old.pk)
        if (
            isinstance(current, ReviewedModel)
            and expected_version is not None
            and current.version != expected_version
        ):
            raise StaleVersionError(
                obj=current,
                expected=expected_version,
                changes=changes_since(current, version=expected_version),
            )
        plan = revert_plan(record=record, current=current)
        if not plan.restored:
            raise ReviewError(
                f"Nothing to revert: {plan.label} holds what the record holds now"
                + (" (review status and grades are never reverted)." if plan.kept else ".")
            )
        for field in restored_fields(model):
            setattr(current, field.attname, getattr(old, field.attname))
        try:
            current.full_clean(exclude=["version"])
        except ValidationError as error:
            raise ReviewError(
                f"{plan.label.capitalize()} cannot be restored as it is: "
                + " ".join(error.messages)
            ) from error
        if isinstance(current, ReviewedModel):
            current.curator_edited_at = timezone.now()
            advance_version(current)
        note_change(current, user=user, reason=f"reverted to {plan.label}: {reason}")
        current.save()
        for name in restored_many_to_many(model):
            related = _related_model(model, name)._default_manager
            wanted = related.filter(pk__in=_m2m_ids_of_version(record, name))
            getattr(current, name).set(list(wanted))
        current.refresh_from_db()
    return current
