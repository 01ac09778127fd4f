"""Removing a link between two claims (claim_link_create, in facts.services.review, makes one)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from facts.models import ClaimLink
from facts.services.errors import ReviewError
from facts.services.history import note_change


def claim_link_delete(*, link: ClaimLink, user, reason: str) -> None:
    """Delete a link between two claims, recording who deleted it and why.

    Deleting is a lead's work (facts.roles: curators delete nothing), whoever made the link:
    a curator's mistaken link is removed by a lead, as any other deletion is.
    """
    if not user.has_perm("facts.delete_claimlink"):
        raise PermissionDenied("Only a lead deletes claim links.")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError({"reason": "Say why this link is deleted."})
    with transaction.atomic():
        note_change(link, user=user, reason=reason)
        link.delete()
