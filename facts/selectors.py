"""Read-side query helpers shared by the admin and the API."""

from collections import defaultdict
from collections.abc import Collection
from typing import cast

from django.db import connections, router
from django.db.models import Count, F
from django.db.models.functions import Coalesce

from facts.choices import WITHDRAWN_STATUSES, LinkKind, ReviewStatus
from facts.models import Claim, ClaimLink
from facts.models.evidence import EVIDENCE
from facts.roles import reads_everything
from facts.rows import ClaimRow, RelatedClaimRow

# An article as a claim shows it (facts.rows.ArticleTuple), its id first as the key.
ARTICLE_BRIEF_FIELDS = (
    "id", "id", "title", "url", "reliability", "publisher",
    "published_start", "published_end", "published_precision", "published_text",
)  # fmt: skip


def attach_claim_related(rows: list[ClaimRow]) -> list[RelatedClaimRow]:
    """Give claim rows (ids of what they point at) the briefs they show: subject, object and
    claimant actors and the mentioned ones as (id, slug, name); object and mentioned
    countries as (alpha3, alpha2, name); the event as (id, slug, title, status), its status
    deciding whether a reader without a role is shown the link; the article as
    (id, title, url, reliability, publisher, published_start, published_end,
    published_precision, published_text). Six small queries by id, however many rows;
    mentions are in the models' own order (by name)."""
    from facts.models import Actor, Article, Country, Event

    ids = [row["id"] for row in rows]
    mentioned_countries: dict[int, list[int]] = defaultdict(list)
    mentioned_actors: dict[int, list[int]] = defaultdict(list)
    if ids:
        for claim_id, country_id in Claim.countries.through.objects.filter(
            claim_id__in=ids
        ).values_list("claim_id", "country_id"):
            mentioned_countries[claim_id].append(country_id)
        for claim_id, actor_id in Claim.actors.through.objects.filter(claim_id__in=ids).values_list(
            "claim_id", "actor_id"
        ):
            mentioned_actors[claim_id].append(actor_id)

    def briefs(model, wanted: set, fields: tuple) -> dict[int, tuple]:
        wanted.discard(None)
        if not wanted:
            return {}
        found = model.objects.filter(pk__in=wanted).order_by().values_list(*fields)
        return {pk: rest for pk, *rest in found}

    roles = ("subject", "object_actor", "claimant")
    actor_ids = {row[f"{role}_id"] for row in rows for role in roles}
    actors = briefs(
        Actor, actor_ids.union(*mentioned_actors.values()), ("id", "id", "slug", "name")
    )
    countries = briefs(
        Country,
        {row["object_country_id"] for row in rows}.union(*mentioned_countries.values()),
        ("id", "alpha3", "alpha2", "name"),
    )
    events = briefs(
        Event, {row["event_id"] for row in rows}, ("id", "id", "slug", "title", "status")
    )
    articles = briefs(Article, {row["article_id"] for row in rows}, ARTICLE_BRIEF_FIELDS)
    for row in rows:
        for role in roles:
            row[role] = _tuple(actors.get(row[f"{role}_id"]))
        row["object_country"] = _tuple(countries.get(row["object_country_id"]))
        row["event"] = _tuple(events.get(row["event_id"]))
        row["article"] = _tuple(articles[row["article_id"]])
        row["countries"] = sorted(
            (tuple(countries[c]) for c in mentioned_countries.get(row["id"], ())),
            key=lambda country: country[2],
        )
        row["actors"] = sorted(
            (tuple(actors[a]) for a in mentioned_actors.get(row["id"], ())),
            key=lambda actor: actor[2],
        )
    return cast("list[RelatedClaimRow]", rows)  # filled in place


def _tuple(values) -> tuple | None:
    return None if values is None else tuple(values)


# Raw SQL because a page asks this on every read and the ORM took longer to compile the
# two EXISTS-filtered halves than the database took to answer them. `{shown}` is empty for a
# reader who sees everything, else the condition of ClaimQuerySet.visible_to.
_CONTRADICTING = """
SELECT l.from_claim_id, l.to_claim_id FROM facts_claimlink l {join_to}
 WHERE l.kind = %s AND l.from_claim_id IN ({ids}){shown}
UNION
SELECT l.to_claim_id, l.from_claim_id FROM facts_claimlink l {join_from}
 WHERE l.kind = %s AND l.to_claim_id IN ({ids}){shown}
"""


def contradiction_counts(claim_ids: Collection[int], user) -> dict[int, int]:
    """How many claims contradict each of these (linked either way, each claim once): those
    `user` is shown, so a reader without a role counts the verified ones, as claim-links/
    lists them to that reader. One query; a claim no claim contradicts is left out."""
    if not claim_ids:
        return {}
    ids = [int(claim_id) for claim_id in claim_ids]
    marks = ", ".join(["%s"] * len(ids))
    kind = str(LinkKind.CONTRADICTS)
    if reads_everything(user):
        sql = _CONTRADICTING.format(ids=marks, shown="", join_to="", join_from="")
        params = [kind, *ids, kind, *ids]
    else:
        sql = _CONTRADICTING.format(
            ids=marks,
            shown=" AND c.status = %s",
            join_to="JOIN facts_claim c ON c.id = l.to_claim_id",
            join_from="JOIN facts_claim c ON c.id = l.from_claim_id",
        )
        verified = str(ReviewStatus.VERIFIED)
        params = [kind, *ids, verified, kind, *ids, verified]
    others: dict[int, set[int]] = defaultdict(set)
    with connections[router.db_for_read(ClaimLink)].cursor() as cursor:
        cursor.execute(sql, params)
        for claim_id, other_id in cursor.fetchall():
            others[claim_id].add(other_id)
    return {claim_id: len(contradicting) for claim_id, contradicting in others.items()}


_CONTRADICTING_COUNT = """
SELECT COUNT(*) FROM (
    SELECT l.to_claim_id FROM facts_claimlink l {join_to}
     WHERE l.kind = %s AND l.from_claim_id = facts_claim.id{shown}
    UNION
    SELECT l.from_claim_id FROM facts_claimlink l {join_from}
     WHERE l.kind = %s AND l.to_claim_id = facts_claim.id{shown}
) contradicting
"""


def claim_evidence(claim_ids: Collection[int], user) -> dict[int, tuple[int, bool, int]]:
    """What `with_evidence` and `contradiction_counts` tell of these claims, in one
    statement: (corroborating_articles, contradicted, contradictions) by claim id, the last
    counting the contradicting claims `user` is shown. Plain SQL by key, so a list page's
    own query carries no subquery to compile."""
    if not claim_ids:
        return {}
    ids = [int(claim_id) for claim_id in claim_ids]
    kind = str(LinkKind.CONTRADICTS)
    if reads_everything(user):
        count = _CONTRADICTING_COUNT.format(shown="", join_to="", join_from="")
        count_params = [kind, kind]
    else:
        count = _CONTRADICTING_COUNT.format(
            shown=" AND c.status = %s",
            join_to="JOIN facts_claim c ON c.id = l.to_claim_id",
            join_from="JOIN facts_claim c ON c.id = l.from_claim_id",
        )
        verified = str(ReviewStatus.VERIFIED)
        count_params = [kind, verified, kind, verified]
    supporting, contradicted = EVIDENCE["corroborating_articles"], EVIDENCE["contradicted"]
    sql = (
        f"SELECT facts_claim.id, ({supporting.sql}), ({contradicted.sql}), ({count}) "
        f"FROM facts_claim WHERE facts_claim.id IN ({', '.join(['%s'] * len(ids))})"
    )
    params = [*supporting.params, *contradicted.params, *count_params, *ids]
    with connections[router.db_for_read(Claim)].cursor() as cursor:
        cursor.execute(sql, params)
        return {
            claim_id: (int(corroborating or 0), bool(disputed), int(contradictions or 0))
            for claim_id, corroborating, disputed, contradictions in cursor.fetchall()
        }


def source_counts(event_ids: Collection[int], user) -> dict[int, int]:
    """How many articles report each of these events: the articles of its claims that `user`
    is shown (a reader without a role, verified claims only) and that are not rejected or
    retracted, a copy of a story counting with its original, as `corroborating_articles`
    counts them. One query; an event no such claim reports is left out."""
    if not event_ids:
        return {}
    witness = Coalesce(F("article__copy_of_id"), F("article_id"))
    claims = (
        Claim.objects.visible_to(user)
        .filter(event__in=event_ids)
        .exclude(status__in=WITHDRAWN_STATUSES)
        .order_by()
        .values("event_id")
        .annotate(sources=Count(witness, distinct=True))
    )
    return {row["event_id"]: row["sources"] for row in claims}
