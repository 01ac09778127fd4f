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


# The first articles of stories (never a copy: a copy's sentences are its original's) that
# quote the most of the new claims' sentences, best first; enough of them to be a copy.
_ORIGINALS_SHARING = """
    SELECT c.article_id, COUNT(DISTINCT c.fingerprint) AS shared
    FROM {claim} c JOIN {article} a ON a.id = c.article_id
    WHERE c.fingerprint IN ({fingerprints}) AND a.copy_of_id IS NULL
    GROUP BY c.article_id
    HAVING COUNT(DISTINCT c.fingerprint) >= %s
    ORDER BY shared DESC, c.article_id
    LIMIT %s
"""
_CLAIM_COUNTS = """
    SELECT article_id, COUNT(*) FROM {claim} WHERE article_id IN ({articles}) GROUP BY article_id
"""
_SHARED_CLAIMS = """
    SELECT fingerprint, MIN(id) FROM {claim}
    WHERE article_id = %s AND fingerprint IN ({fingerprints})
    GROUP BY fingerprint
"""
_OF_THE_STORY = """
    SELECT id FROM {article} WHERE (id = %s OR copy_of_id = %s) AND id IN ({articles})
"""
# Of the originals sharing the most sentences, how many are weighed (the rest share fewer).
COPY_CANDIDATES = 5
# A copy shares at least this many sentences with its original, and at least this share of
# the sentences of the shorter of the two: a reprint trimmed or with a paragraph added is a
# copy; two reports that quote one official statement share a sentence or two, not half.
MIN_SHARED_SENTENCES = 3
COPY_SHARE = 0.5


@dataclass(frozen=True)
class Copy:
    """A new article found to reproduce an earlier one."""

    original_id: int  # the first article of the story (an original, never a copy)
    shared: dict[str, int]  # fingerprint -> the original's claim quoting that sentence
    detail: str


def find_copy(fingerprints: list[str]) -> Copy | None:
    """Whether a new article whose claims have these fingerprints copies an earlier article:
    the first article of a story that shares the most of its sentences, when it shares enough
    of them (MIN_SHARED_SENTENCES, COPY_SHARE). Asked before the article is written, so it is
    stored as a copy from the start; a few indexed queries, however often the story was
    reprinted."""
    if len(set(fingerprints)) < MIN_SHARED_SENTENCES:
        return None
    claims = list(dict.fromkeys(fingerprints))  # the new article has no row yet
    marks = ", ".join(["%s"] * len(claims))
    claim_table, article_table = Claim._meta.db_table, Article._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            _ORIGINALS_SHARING.format(claim=claim_table, article=article_table, fingerprints=marks),
            [*claims, MIN_SHARED_SENTENCES, COPY_CANDIDATES],
        )
        shared = dict(cursor.fetchall())  # original -> how many sentences it shares
        if not shared:
            return None
        cursor.execute(
            _CLAIM_COUNTS.format(claim=claim_table, articles=", ".join(["%s"] * len(shared))),
            list(shared),
        )
        sizes = dict(cursor.fetchall())
        copies = [a for a, n in shared.items() if n >= COPY_SHARE * min(len(claims), sizes[a])]
        if not copies:
            return None
        best = max(copies, key=lambda a: (shared[a], -a))
        cursor.execute(
            _SHARED_CLAIMS.format(claim=claim_table, fingerprints=marks), [best, *claims]
        )
        pairs = dict(cursor.fetchall())
        cursor.execute(f"SELECT title FROM {article_table} WHERE id = %s", [best])
        (title,) = cursor.fetchone()
    detail = (
        f"{shared[best]} of its {len(claims)} claim sentences are also in "
        f"“{title}” (article {best}, {sizes[best]} claim sentences)"
    )
    return Copy(best, pairs, detail)


def copy_links(copy: Copy, claims: list[Claim]) -> list[dict]:
    """A link from each claim of the copy to the claim of the earlier article that quotes the
    same sentence: one witness, so not a corroboration."""
    return [
        {
            "from_claim_id": claim.pk,
            "to_claim_id": copy.shared[claim.fingerprint],
            "kind": LinkKind.COPIES,
            "origin": Origin.IMPORT,
            "note": "The same sentence in an earlier copy of the same story",
        }
        for claim in claims
        if claim.fingerprint in copy.shared
    ]


def _story_among(story: int | None, articles: set[int]) -> set[int]:
    """Which of `articles` belong to the story `story` began (it, or a copy of it)."""
    if story is None or not articles:
        return set()
    ids = sorted(articles)
    with connection.cursor() as cursor:
        cursor.execute(
            _OF_THE_STORY.format(
                article=Article._meta.db_table, articles=", ".join(["%s"] * len(ids))
            ),
            [story, story, *ids],
        )
        return {row[0] for row in cursor.fetchall()}


def link_corroborations(claims: list[Claim], story: int | None = None) -> list[dict]:
    """The corroboration links the new claims call for. Claims in other articles about the same
    event, or with the same subject, predicate and object, corroborate the new ones: one link
    to the first such claim of each other article, at most MAX_CORROBORATION_LINKS per claim,
    so a much-reported event does not make the link table grow with the square of its
    coverage. When the new article copies the story that `story` began, the story's articles
    (its original and copies) corroborate nothing of it."""
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
            firsts_of_events = cursor.fetchall()
    else:
        firsts_of_events = []
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
    else:
        others = []
    same_story = _story_among(story, {row[2] for row in firsts_of_events} | {o[5] for o in others})
    for event_id, other_id, other_article in firsts_of_events:
        if other_article not in same_story:
            by_event.setdefault(event_id, []).append(other_id)
    if structured:
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
