"""The curators' workbench: one module per part of the data model."""

from facts.admin import actors, articles, claims, events, places, reference  # noqa: F401
