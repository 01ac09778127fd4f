"""Corroboration links between a new article's claims and claims of other articles."""

from django.db import connection

from facts.choices import WITHDRAWN_STATUSES, LinkKind, Origin
from facts.models import (
    Claim,
)

MAX_CORROBORATION_LINKS = 10
NOT_CORROBORATING = [str(status) for status in WITHDRAWN_STATUSES]
# Written as SQL because they run for every article: the ORM spent longer building them than
# the database did answering. For each event, the first claim of each other article, in the
# order of those claims, and only as many articles as a claim may link to (a much-reported
# event would otherwise send back every claim ever made about it).
_FIRST_CLAIMS_OF_EVENTS = """
    SELECT event_id, first_claim FROM (
        SELECT event_id, MIN(id) AS first_claim,
            ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY MIN(id)) AS place
        FROM {claim}
        WHERE event_id IN ({events}) AND article_id <> %s AND status NOT IN (%s, %s)
        GROUP BY event_id, article_id
    ) AS firsts
    WHERE place <= %s
    ORDER BY first_claim
"""
# Claims of other articles with the same subject, predicate and object as any new claim.
_SAME_STATEMENT = """
    SELECT id, subject_id, predicate, object_actor_id, object_country_id, article_id
    FROM {claim}
    WHERE ({conditions}) AND article_id <> %s AND status NOT IN (%s, %s)
    ORDER BY id
    LIMIT %s
"""


def link_corroborations(claims: list[Claim]) -> list[dict]:
    """The corroboration links the new claims call for. Claims in other articles about the same
    event, or with the same subject, predicate and object, corroborate the new ones: one link
    to the first such claim of each other article, at most MAX_CORROBORATION_LINKS per claim,
    so a much-reported event does not make the link table grow with the square of its
    coverage."""
    if not claims:
        return []
    article_id = claims[0].article_id
    event_ids = sorted({c.event_id for c in claims if c.event_id})
    by_event: dict[int, list[int]] = {}  # event -> the first claim of each other article
    if event_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                _FIRST_CLAIMS_OF_EVENTS.format(
                    claim=Claim._meta.db_table, events=", ".join(["%s"] * len(event_ids))
                ),
                [*event_ids, article_id, *NOT_CORROBORATING, MAX_CORROBORATION_LINKS],
            )
            for event_id, other_id in cursor.fetchall():
                by_event.setdefault(event_id, []).append(other_id)
    structured = [
        c
        for c in claims
        if c.subject_id
        and c.predicate
        and (c.object_actor_id or c.object_country_id)
        and not c.event_id
    ]
    same_statement: dict[int, list[int]] = {}
    if structured:
        conditions, params = [], []
        for c in structured:
            condition = ["subject_id = %s", "predicate = %s"]
            params += [c.subject_id, c.predicate]
            for column in ("object_actor_id", "object_country_id"):
                value = getattr(c, column)
                condition.append(f"{column} IS NULL" if value is None else f"{column} = %s")
                params += [] if value is None else [value]
            conditions.append("(" + " AND ".join(condition) + ")")
        with connection.cursor() as cursor:
            cursor.execute(
                _SAME_STATEMENT.format(
                    claim=Claim._meta.db_table, conditions=" OR ".join(conditions)
                ),
                [
                    *params,
                    article_id,
                    *NOT_CORROBORATING,
                    MAX_CORROBORATION_LINKS * len(structured) * 4,
                ],
            )
            others = cursor.fetchall()
        for c in structured:
            key = (c.subject_id, c.predicate, c.object_actor_id, c.object_country_id)
            firsts: dict[int, int] = {}
            for other in others:
                if tuple(other[1:5]) == key:
                    firsts.setdefault(other[5], other[0])
            same_statement[c.pk] = list(firsts.values())
    links: list[dict] = []
    for claim in claims:
        targets = list(by_event.get(claim.event_id, [])) if claim.event_id else []
        targets += same_statement.get(claim.pk, [])
        for other in list(dict.fromkeys(targets))[:MAX_CORROBORATION_LINKS]:
            links.append(
                {
                    "from_claim_id": claim.pk,
                    "to_claim_id": other,
                    "kind": LinkKind.CORROBORATES,
                    "origin": Origin.IMPORT,
                    "note": "Same event or statement in another article",
                }
            )
    return links
