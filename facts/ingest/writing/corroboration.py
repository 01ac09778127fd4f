"""Corroboration links between a new article's claims and claims of other articles, and the
copies of one story (a wire report and its reprints) that are one witness, not several."""

from dataclasses import dataclass

from django.db import connection

from facts.choices import WITHDRAWN_STATUSES, LinkKind, Origin
from facts.models import Article, Claim

MAX_CORROBORATION_LINKS = 10
NOT_CORROBORATING = [str(status) for status in WITHDRAWN_STATUSES]
# Written as SQL because they run for every article: the ORM spent longer building them than
# the database did answering. For each event, the first claim of each other article, in the
# order of those claims, and only as many articles as a claim may link to (a much-reported
# event would otherwise send back every claim ever made about it).
_FIRST_CLAIMS_OF_EVENTS = """
    SELECT event_id, first_claim, article_id FROM (
        SELECT event_id, article_id, MIN(id) AS first_claim,
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


# Claims of other articles that quote the same sentence (same fingerprint), by article.
_SAME_SENTENCES = """
    SELECT article_id, fingerprint, MIN(id) FROM {claim}
    WHERE fingerprint IN ({fingerprints}) AND article_id <> %s
    GROUP BY article_id, fingerprint
"""
_CLAIM_COUNTS = """
    SELECT article_id, COUNT(*) FROM {claim} WHERE article_id IN ({articles}) GROUP BY article_id
"""
# A copy shares at least this many sentences with its original, and at least this share of
# the sentences of the shorter of the two: a reprint trimmed or with a paragraph added is a
# copy; two reports that quote one official statement share a sentence or two, not half.
MIN_SHARED_SENTENCES = 3
COPY_SHARE = 0.5


@dataclass(frozen=True)
class Copy:
    """A new article found to reproduce an earlier one."""

    original_id: int  # the first article of the story (an original, never a copy)
    same_story: frozenset[int]  # the original and every known copy of it
    shared: dict[int, int]  # new claim -> the original's claim quoting the same sentence
    detail: str


def find_copy(claims: list[Claim]) -> Copy | None:
    """Whether the new claims' article copies an earlier article: the article that shares the
    most of its sentences, when it shares enough of them (MIN_SHARED_SENTENCES, COPY_SHARE)."""
    if len(claims) < MIN_SHARED_SENTENCES:
        return None
    article_id = claims[0].article_id
    by_fingerprint = {c.fingerprint: c.pk for c in claims}
    shared: dict[int, dict[int, int]] = {}  # other article -> new claim -> its claim
    with connection.cursor() as cursor:
        cursor.execute(
            _SAME_SENTENCES.format(
                claim=Claim._meta.db_table, fingerprints=", ".join(["%s"] * len(by_fingerprint))
            ),
            [*by_fingerprint, article_id],
        )
        for other_article, fingerprint, other_claim in cursor.fetchall():
            shared.setdefault(other_article, {})[by_fingerprint[fingerprint]] = other_claim
        candidates = [a for a, pairs in shared.items() if len(pairs) >= MIN_SHARED_SENTENCES]
        if not candidates:
            return None
        cursor.execute(
            _CLAIM_COUNTS.format(
                claim=Claim._meta.db_table, articles=", ".join(["%s"] * len(candidates))
            ),
            candidates,
        )
        sizes = dict(cursor.fetchall())
    copies = [a for a in candidates if len(shared[a]) >= COPY_SHARE * min(len(claims), sizes[a])]
    if not copies:
        return None
    best = max(copies, key=lambda a: (len(shared[a]), -a))
    other = Article.objects.only("id", "title", "copy_of_id").get(pk=best)
    original_id = other.copy_of_id or other.pk
    story = {
        original_id,
        *Article.objects.filter(copy_of_id=original_id).values_list("pk", flat=True),
    }
    detail = (
        f"{len(shared[best])} of its {len(claims)} claim sentences are also in "
        f"“{other.title}” (article {other.pk}, {sizes[best]} claim sentences)"
    )
    return Copy(original_id, frozenset(story), shared[best], detail)


def copy_links(copy: Copy) -> list[dict]:
    """A link from each claim of the copy to the claim of the earlier article that quotes the
    same sentence: one witness, so not a corroboration."""
    return [
        {
            "from_claim_id": new,
            "to_claim_id": old,
            "kind": LinkKind.COPIES,
            "origin": Origin.IMPORT,
            "note": "The same sentence in an earlier copy of the same story",
        }
        for new, old in sorted(copy.shared.items())
    ]


def link_corroborations(
    claims: list[Claim], same_story: frozenset[int] = frozenset()
) -> list[dict]:
    """The corroboration links the new claims call for. Claims in other articles about the same
    event, or with the same subject, predicate and object, corroborate the new ones: one link
    to the first such claim of each other article, at most MAX_CORROBORATION_LINKS per claim,
    so a much-reported event does not make the link table grow with the square of its
    coverage. Articles of `same_story` (copies of the same report) corroborate nothing."""
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
            for event_id, other_id, other_article in cursor.fetchall():
                if other_article not in same_story:
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
                if tuple(other[1:5]) == key and other[5] not in same_story:
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
