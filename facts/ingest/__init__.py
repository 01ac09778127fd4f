"""The article importer (DESIGN.md §4), in three stages that `pipeline.py` composes:

    reading/    bytes -> Document          one reader per format; refuses what is not text
    analysis/   Document -> proposals      pure: no database, no Django; language packs
    writing/    proposals -> rows          the only stage that touches the database

`parallel.py` runs reading and analysis in worker processes; the writes stay in the importing
process, in input order. docs/architecture.md draws the layers.
"""

EXTRACTOR_VERSION = "1.0"
