"""The facts data model: sources, places, actors, events and the claims that link them."""

from facts.models.actors import Actor, ActorAlias, ActorRelation
from facts.models.articles import Article, ArticleFlag
from facts.models.claims import Claim, ClaimLink
from facts.models.countries import Country
from facts.models.documents import ClaimDocument, EventDocument
from facts.models.events import Event, EventFigureSource, EventParticipant
from facts.models.places import Place

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorRelation",
    "Article",
    "ArticleFlag",
    "Claim",
    "ClaimDocument",
    "ClaimLink",
    "Country",
    "Event",
    "EventDocument",
    "EventFigureSource",
    "EventParticipant",
    "Place",
]
