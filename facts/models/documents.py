"""The read model: each claim's and event's list representation stored ready to serve.

A page of the claims or events list is then one indexed query for its keys and one for their
documents, joined as they are, instead of a query for each thing they point at and fifty
representations built in Python. The rows are kept honest by the database itself: triggers
(migration 0023) mark a document stale (`body` NULL, `generation` + 1) whenever anything it
shows changes (for a claim: itself, its mentions, the actor, country, event or article it
names; for an event: itself, its countries, participants, place and their names), whoever
writes it (a service, the importer, a bulk update, the admin, raw SQL). A stale document is
rebuilt when it is next read, or by `manage.py build_documents`. facts.api.documents builds
and serves them.
"""

from django.db import models


class StoredDocument(models.Model):
    # Raised by every change to what the document shows.
    generation = models.BigIntegerField(default=0)
    # The representation as a reader with a role sees it: JSON with two marks, \x01 where
    # the request's origin goes and \x02 where the per-request fields go (orjson never
    # writes a raw control character, so the marks cannot be confused with content).
    # NULL: stale, to be built.
    body = models.TextField(null=True)
    # The same as a reader without a role sees it, where that differs (a claim's event, an
    # event's place or participants not verified); NULL: the same as `body`.
    public_body = models.TextField(null=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk} (generation {self.generation})"


# No foreign-key constraint and no Django cascade: the triggers create the row with its
# record and delete it with its record, so a delete costs Django no extra query.
class ClaimDocument(StoredDocument):
    claim = models.OneToOneField(
        "facts.Claim",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="document",
    )

    class Meta:
        verbose_name = "stored claim representation"


class EventDocument(StoredDocument):
    event = models.OneToOneField(
        "facts.Event",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="document",
    )

    class Meta:
        verbose_name = "stored event representation"
