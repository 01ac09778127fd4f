"""Every write a curator makes, as plain functions shared by the admin, the API and commands.

Functions are keyword-only and raise ReviewError (a ValidationError) with a message a curator
can act on; they never trust the caller to have checked the rules.
"""

from facts.services.entry import claim_enter
from facts.services.errors import ReviewError, StaleVersionError
from facts.services.figures import event_set_figures
from facts.services.merging import actor_merge, event_merge
from facts.services.places import place_moved, point_follows_place
from facts.services.review import (
    article_grade,
    claim_create,
    claim_review,
    claim_update,
    claims_review,
    object_review,
    object_update,
    participant_review,
)

__all__ = [
    "ReviewError",
    "StaleVersionError",
    "actor_merge",
    "article_grade",
    "claim_create",
    "claim_enter",
    "claim_review",
    "claim_update",
    "claims_review",
    "event_merge",
    "event_set_figures",
    "object_review",
    "object_update",
    "participant_review",
    "place_moved",
    "point_follows_place",
]

from facts.services.links import claim_link_delete

__all__ += ["claim_link_delete"]
