"""The evidence a claim carries in every list: how many other articles support it, and
whether any claim disputes it (annotations a queryset of claims takes, and their SQL)."""

from django.db.models import BooleanField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from facts.choices import WITHDRAWN_STATUSES, LinkKind

# Raw SQL because each branch must stay an indexed lookup at a million claims: the ORM's
# form of "linked either way OR same event" is one OR'ed condition that PostgreSQL answers
# with a scan of the claim table per row. The outer claim is the query's "facts_claim"; the
# inner tables are aliased, so the name refers to the outer row.
# Articles of one story (a wire report and its copies, `Article.copy_of`) count once, and
# never for each other: a reprint is the same witness.
_SUPPORTING_ARTICLES = """
SELECT COUNT(DISTINCT COALESCE(a.copy_of_id, a.id)) FROM (
    SELECT c.article_id FROM facts_claimlink l JOIN facts_claim c ON c.id = l.to_claim_id
     WHERE l.from_claim_id = facts_claim.id AND l.kind = %s AND c.status NOT IN (%s, %s)
    UNION ALL
    SELECT c.article_id FROM facts_claimlink l JOIN facts_claim c ON c.id = l.from_claim_id
     WHERE l.to_claim_id = facts_claim.id AND l.kind = %s AND c.status NOT IN (%s, %s)
    UNION ALL
    SELECT c.article_id FROM facts_claim c
     WHERE c.event_id = facts_claim.event_id AND c.status NOT IN (%s, %s)
) supporting JOIN facts_article a ON a.id = supporting.article_id
WHERE supporting.article_id <> facts_claim.article_id
  AND COALESCE(a.copy_of_id, a.id) <> (
      SELECT COALESCE(m.copy_of_id, m.id) FROM facts_article m WHERE m.id = facts_claim.article_id
  )
"""
_CONTRADICTED = """
EXISTS (SELECT 1 FROM facts_claimlink l WHERE l.from_claim_id = facts_claim.id AND l.kind = %s)
OR EXISTS (SELECT 1 FROM facts_claimlink l WHERE l.to_claim_id = facts_claim.id AND l.kind = %s)
"""


def _evidence_expressions() -> dict[str, RawSQL]:
    withdrawn = [str(status) for status in WITHDRAWN_STATUSES]
    corroborates, contradicts = str(LinkKind.CORROBORATES), str(LinkKind.CONTRADICTS)
    expressions = {
        "corroborating_articles": RawSQL(
            _SUPPORTING_ARTICLES,
            [corroborates, *withdrawn, corroborates, *withdrawn, *withdrawn],
            output_field=IntegerField(),
        ),
        "contradicted": RawSQL(
            _CONTRADICTED, [contradicts, contradicts], output_field=BooleanField()
        ),
    }
    for expression in expressions.values():
        expression.identity  # noqa: B018 - worked out now, and carried by every copy
    return expressions


# Built once: an expression's identity (what the compiler hashes it by) is worked out on its
# first use and kept, where fresh ones paid for it on every list request.
EVIDENCE = _evidence_expressions()


def with_evidence(claims: QuerySet) -> QuerySet:
    """Annotate `corroborating_articles`: how many *other* articles support the claim (linked
    as corroborating either way, or reporting the same event; withdrawn claims do not count,
    and copies of one story count once, and not at all for each other),
    and `contradicted`: whether any claim disputes it. One subquery each, so list pages stay
    at a fixed number of queries, and each is a few index lookups."""
    return claims.annotate(**EVIDENCE)
