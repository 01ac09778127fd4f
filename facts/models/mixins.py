"""Field groups shared by several models: review state, date ranges, timestamps."""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

from facts.choices import STATUSES_NEEDING_REASON, DatePrecision, ReviewStatus
from facts.search import search_text_of


class MergeHistory(models.Model):
    """A column of the history of records that can be merged: when one is deleted because it
    was folded into another, its last history row names the survivor, so a copy of the data
    (the tombstones feed) can redirect to it rather than only drop it."""

    merged_into_id = models.BigIntegerField(
        null=True, blank=True, help_text="The survivor this record was merged into."
    )

    class Meta:
        abstract = True


@receiver(pre_create_historical_record)
def _record_merged_into(sender, instance, history_instance, **kwargs) -> None:
    # facts.services.merging marks a record it is about to delete with `_merged_into`.
    if hasattr(history_instance, "merged_into_id"):
        history_instance.merged_into_id = getattr(instance, "_merged_into", None)


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class KeepsSearchText:
    """For models with a `search_text` field: every save stores the searchable words of the
    fields facts.search lists for the model (the importer's multi-row INSERTs, which call no
    save(), store the same through `facts.search.with_search_text`)."""

    search_text: str

    def save(self, *args, **kwargs) -> None:
        self.search_text = search_text_of(self)
        super().save(*args, **kwargs)  # type: ignore[misc]  # a mixin of models.Model


class ReviewedModel(models.Model):
    """Review state of an object the importer may propose and a curator must judge.

    `version` rises with every curator write, so a stale form or API client can be refused
    instead of silently overwriting a colleague (no lost updates).
    """

    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED
    )
    status_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_%(class)ss",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    curator_edited_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Last time a curator changed this object; the importer never touches it after.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values),
                name="facts_%(class)s_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.UNREVIEWED) | Q(reviewed_at__isnull=False),
                name="facts_%(class)s_reviewed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=STATUSES_NEEDING_REASON) | ~Q(status_reason=""),
                name="facts_%(class)s_status_reason_required",
            ),
        ]

    @property
    def is_curated(self) -> bool:
        """True once a curator has reviewed or edited it: the importer must leave it alone."""
        return self.status != ReviewStatus.UNREVIEWED or self.curator_edited_at is not None


def date_range_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Constraints for a `<prefix>_start/_end/_precision` date range on an abstract model."""
    start, end, precision = f"{prefix}_start", f"{prefix}_end", f"{prefix}_precision"
    undated = Q(**{f"{start}__isnull": True, f"{end}__isnull": True, precision: ""})
    dated = Q(
        **{
            f"{start}__isnull": False,
            f"{end}__isnull": False,
            f"{precision}__in": DatePrecision.values,
        }
    )
    return [
        models.CheckConstraint(
            condition=undated | dated, name=f"facts_%(class)s_{prefix}_range_complete"
        ),
        models.CheckConstraint(
            condition=Q(**{f"{end}__gte": models.F(start)}) | Q(**{f"{start}__isnull": True}),
            name=f"facts_%(class)s_{prefix}_end_after_start",
        ),
        models.CheckConstraint(
            condition=~Q(**{precision: DatePrecision.DAY}) | Q(**{end: models.F(start)}),
            name=f"facts_%(class)s_{prefix}_day_is_one_day",
        ),
    ]


class DatedModel(models.Model):
    """What a record is about in time: a range, its precision, and the words as written.

    "July 2023" is 2023-07-01..2023-07-31 at month precision. A date the text leaves open
    ("July 9" with no year) keeps its words in `date_text` and no range, never a guessed year.
    """

    date_start = models.DateField(null=True, blank=True, db_index=True)
    date_end = models.DateField(null=True, blank=True, db_index=True)
    date_precision = models.CharField(max_length=16, choices=DatePrecision.choices, blank=True)
    date_text = models.CharField(max_length=200, blank=True, help_text="The date as written.")

    class Meta:
        abstract = True
        constraints = date_range_constraints("date")


NaturalKey = TypeVar("NaturalKey", bound=Callable)


def natural_key_uses(*models: str) -> Callable[[NaturalKey], NaturalKey]:
    """Mark a `natural_key()` that includes other models' natural keys, so `dumpdata
    --natural-foreign` writes those models first (Django reads `natural_key.dependencies`)."""

    def mark(method: NaturalKey) -> NaturalKey:
        method.dependencies = list(models)  # type: ignore[attr-defined]
        return method

    return mark
