"""A claim a curator enters from words selected in an article, with its names and date."""

from django.db import transaction

from facts.models import Actor, Article, Claim, Country, Event
from facts.services.errors import ReviewError
from facts.services.history import many_to_many_snapshot
from facts.services.review import claim_create

# The scalar fields a curator may give a claim when entering it (besides quote and statement).
ENTRY_FIELDS = (
    "predicate",
    "subject",
    "object_actor",
    "object_country",
    "object_value",
    "event",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
)


def claim_enter(
    *,
    article: Article,
    user,
    quote_start: int,
    quote_end: int,
    statement: str = "",
    countries: list[Country] | None = None,
    actors: list[Actor] | None = None,
    reason: str = "",
    **structure,
) -> Claim:
    """Create the claim whose quote is `article.text[quote_start:quote_end]`, then name its
    countries and actors; all or nothing. `structure` holds ENTRY_FIELDS only."""
    unknown = set(structure) - set(ENTRY_FIELDS)
    if unknown:
        raise ReviewError(f"Unknown claim fields: {', '.join(sorted(unknown))}.")
    if not (0 <= quote_start < quote_end <= len(article.text)):
        raise ReviewError("The quote's offsets are not inside the article text.")
    event = structure.get("event")
    if event is not None and not isinstance(event, Event):
        raise ReviewError("The event must be an event record.")
    given = {name: value for name, value in structure.items() if value not in (None, "")}
    with transaction.atomic():
        claim = claim_create(
            article=article,
            user=user,
            quote=article.text[quote_start:quote_end],
            quote_start=quote_start,
            statement=statement,
            reason=reason,
            **given,
        )
        if countries:
            claim.countries.set(countries)
        if actors:
            claim.actors.set(actors)
        if countries or actors:
            many_to_many_snapshot(Claim, [claim.pk])
    return claim
