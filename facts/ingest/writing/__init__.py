"""Stage 3 of an import, writing: an article's analysis becomes rows, in one transaction.

The only part of the importer that touches the database. `state.py` holds what a run reads
once (the gazetteer's context, the keys of countries and actors, the events seen so far);
`writer.py` writes one article (its flags, new people, events matched or created, claims with
verified anchors) and `corroboration.py` links its claims to other articles' claims; `fields.py`
maps proposals to model fields; `rows.py` does the multi-row INSERTs with their history.
Re-importing the same bytes changes nothing, and a curator's reviewed or edited record is
never overwritten.
"""
