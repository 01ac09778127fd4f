"""The read model: each claim's list representation stored ready to serve.

A page of the claims list is then one indexed query whose rows are joined as they are,
instead of six queries for what the claims point at and fifty representations built in
Python. The rows are kept honest by the database itself: triggers (migration 0023) mark a
document stale (`body` NULL, `generation` + 1) whenever anything it shows changes, in the
claim, its mentions, or the actor, country, event or article it names, whoever writes it
(a service, the importer, a bulk update, the admin, raw SQL). A stale document is rebuilt
when it is next read, or by `manage.py build_documents`. facts.api.documents builds and
serves them.
"""

from django.db import models


class ClaimDocument(models.Model):
    # No foreign-key constraint and no Django cascade: the triggers create the row with its
    # claim and delete it with its claim, so a claim's delete costs Django no extra query.
    claim = models.OneToOneField(
        "facts.Claim",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="document",
    )
    # Raised by every change to what the document shows.
    generation = models.BigIntegerField(default=0)
    # The representation as a reader with a role sees it: JSON with two marks, \x01 where
    # the request's origin goes and \x02 where the per-request evidence fields go (orjson
    # never writes a raw control character, so the marks cannot be confused with content).
    # NULL: stale, to be built.
    body = models.TextField(null=True)
    # The same as a reader without a role sees it, where that differs (the claim's event is
    # not verified); NULL: the same as `body`.
    public_body = models.TextField(null=True)

    class Meta:
        verbose_name = "stored claim representation"

    def __str__(self) -> str:
        return f"document of claim {self.claim_id} (generation {self.generation})"
