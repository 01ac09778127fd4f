"""The curators' workbench: one module per part of the data model."""

from facts.admin import actors, articles, claims, events, reference  # noqa: F401
