"""Stage 2 of an import, analysis: a `Document` becomes proposals, with no database.

`analyze()` (article.py) runs the steps in order: cleaning (body apart from page furniture and
generator notes), metadata (title, byline, publication date), sentences with offsets, entities
(the gazetteer of `context.py`, titled people), dates with precision, events from trigger
phrases, and claims whose quotes carry both W3C selectors. Everything the database knows comes
in as plain data (`ExtractionContext`), and nothing here imports Django or the models, so each
step is tested on text alone and runs in worker processes. Words of a language live in its
pack (`lang/en.py`), which the generic steps read; `limits.py` bounds hostile input.
"""

from facts.ingest.analysis.article import ArticleAnalysis, ProposedPerson, analyze, with_people

__all__ = ["ArticleAnalysis", "ProposedPerson", "analyze", "with_people"]
