"""Read-side query helpers shared by the admin and the API."""

from collections import defaultdict

from django.db.models import BooleanField, IntegerField, QuerySet
from django.db.models.expressions import RawSQL

from facts.choices import LinkKind, ReviewStatus
from facts.models import Claim

WITHDRAWN = [ReviewStatus.REJECTED, ReviewStatus.RETRACTED]


# Raw SQL because each branch must stay an indexed lookup at a million claims: the ORM's
# form of "linked either way OR same event" is one OR'ed condition that PostgreSQL answers
# with a scan of the claim table per row. The outer claim is the query's "facts_claim"; the
# inner tables are aliased, so the name refers to the outer row.
_SUPPORTING_ARTICLES = """
SELECT COUNT(DISTINCT supporting.article_id) FROM (
    SELECT c.article_id FROM facts_claimlink l JOIN facts_claim c ON c.id = l.to_claim_id
     WHERE l.from_claim_id = facts_claim.id AND l.kind = %s AND c.status NOT IN (%s, %s)
    UNION ALL
    SELECT c.article_id FROM facts_claimlink l JOIN facts_claim c ON c.id = l.from_claim_id
     WHERE l.to_claim_id = facts_claim.id AND l.kind = %s AND c.status NOT IN (%s, %s)
    UNION ALL
    SELECT c.article_id FROM facts_claim c
     WHERE c.event_id = facts_claim.event_id AND c.status NOT IN (%s, %s)
) supporting WHERE supporting.article_id <> facts_claim.article_id
"""
_CONTRADICTED = """
EXISTS (SELECT 1 FROM facts_claimlink l WHERE l.from_claim_id = facts_claim.id AND l.kind = %s)
OR EXISTS (SELECT 1 FROM facts_claimlink l WHERE l.to_claim_id = facts_claim.id AND l.kind = %s)
"""


def with_evidence(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate `corroborating_articles`: how many *other* articles support the claim (linked
    as corroborating either way, or reporting the same event; withdrawn claims do not count),
    and `contradicted`: whether any claim disputes it. One subquery each, so list pages stay
    at a fixed number of queries, and each is a few index lookups."""
    withdrawn = [str(status) for status in WITHDRAWN]
    corroborates, contradicts = str(LinkKind.CORROBORATES), str(LinkKind.CONTRADICTS)
    return claims.annotate(
        corroborating_articles=RawSQL(
            _SUPPORTING_ARTICLES,
            [corroborates, *withdrawn, corroborates, *withdrawn, *withdrawn],
            output_field=IntegerField(),
        ),
        contradicted=RawSQL(_CONTRADICTED, [contradicts, contradicts], output_field=BooleanField()),
    )


def attach_claim_mentions(rows: list[dict]) -> list[dict]:
    """Give each claim row its mentioned `countries` (alpha3, alpha2, name) and `actors`
    (id, slug, name), in the models' own order: two queries for a whole page or chunk."""
    ids = [row["id"] for row in rows]
    countries: dict[int, list] = defaultdict(list)
    actors: dict[int, list] = defaultdict(list)
    if ids:
        mentioned_countries = (
            Claim.countries.through.objects.filter(claim_id__in=ids)
            .order_by("country__name")
            .values_list("claim_id", "country__alpha3", "country__alpha2", "country__name")
        )
        for claim_id, *country in mentioned_countries:
            countries[claim_id].append(tuple(country))
        mentioned_actors = (
            Claim.actors.through.objects.filter(claim_id__in=ids)
            .order_by("actor__name")
            .values_list("claim_id", "actor_id", "actor__slug", "actor__name")
        )
        for claim_id, *actor in mentioned_actors:
            actors[claim_id].append(tuple(actor))
    for row in rows:
        row["countries"] = countries.get(row["id"], [])
        row["actors"] = actors.get(row["id"], [])
    return rows
