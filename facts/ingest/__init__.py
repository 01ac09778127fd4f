"""The article import pipeline (DESIGN.md §4). Every module but pipeline.py is pure."""

EXTRACTOR_VERSION = "1.0"
