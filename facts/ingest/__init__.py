"""The article import pipeline (DESIGN.md §4). Every module but pipeline.py and rows.py is
pure (parallel.py runs the pure steps in worker processes)."""

EXTRACTOR_VERSION = "1.0"
