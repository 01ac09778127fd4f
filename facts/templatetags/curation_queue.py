"""The admin index's first box: what waits in each review queue, what the signed-in curator
reviewed today, or what to do when nothing waits."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from facts.choices import Origin, ReviewStatus
from facts.services.review import QUEUE_COUNT_LIMIT, local_midnight, review_queue_counts
from facts.workspace import articles_to_review, events_to_weigh

register = template.Library()


def _shown(count: int) -> str:
    return f"{QUEUE_COUNT_LIMIT:,}+" if count > QUEUE_COUNT_LIMIT else f"{count:,}"


def _queue(model: str, **params) -> str:
    """A named queue: a changelist with its filters."""
    return f"{reverse(f'admin:facts_{model}_changelist')}?{urlencode(params)}"


def queue_urls(user) -> dict[str, str]:
    """The index's named queues (the claim queues of one article or one event are reached
    from a claim: facts.admin.filters.claims_of_article_url / claims_of_event_url)."""
    mine_today = {
        "reviewed_by__id__exact": user.pk,
        "reviewed_at__gte": local_midnight().isoformat(),
    }
    return {
        "unreviewed_claims": _queue("claim", status__exact=ReviewStatus.UNREVIEWED),
        "disputed_claims": _queue("claim", status__exact=ReviewStatus.DISPUTED),
        "contradicted_claims": _queue("claim", contradicted="yes", status__exact="all"),
        "unreviewed_events": _queue("event", status__exact=ReviewStatus.UNREVIEWED),
        "new_actors": _queue(
            "actor", status__exact=ReviewStatus.UNREVIEWED, origin__exact=Origin.IMPORT
        ),
        "my_claims_today": _queue("claim", status__exact="all", **mine_today),
        "my_events_today": _queue("event", **mine_today),
        "my_actors_today": _queue("actor", **mine_today),
    }


@register.inclusion_tag("admin/facts/queue_summary.html", takes_context=True)
def review_queue_summary(context):
    user = context["request"].user
    if not user.has_perm("facts.view_claim"):
        return {"visible": False}
    counts = review_queue_counts(user=user)
    urls = queue_urls(user)
    queues = [
        ("unreviewed_claims", "Unreviewed claims"),
        ("disputed_claims", "Disputed claims"),
        ("contradicted_claims", "Contradicted claims"),
        ("unreviewed_events", "Unreviewed events"),
        ("new_actors", "New actors proposed by the importer"),
    ]
    may_review = user.has_perm("facts.change_claim")
    return {
        "visible": True,
        "waiting": counts["unreviewed_claims"] > 0,
        "claims": _shown(counts["unreviewed_claims"]),
        "events": _shown(counts["unreviewed_events"]),
        "queue_url": urls["unreviewed_claims"],
        "events_url": urls["unreviewed_events"],
        "queues": [
            {"name": name, "label": label, "count": _shown(counts[name]), "url": urls[name]}
            for name, label in queues
        ],
        "may_review": may_review,
        "mine_today": _shown(counts["my_reviews_today"]),
        "mine": [
            {"label": label, "count": _shown(counts[name]), "url": urls[name]}
            for name, label in [
                ("my_claims_today", "claims"),
                ("my_events_today", "events"),
                ("my_actors_today", "actors"),
            ]
        ],
        "can_import": user.has_perm("facts.add_article"),
        # Named queues by article and by event: their review workspaces.
        "articles": [
            {**entry.__dict__, "url": reverse("admin:facts_article_workspace", args=[entry.pk])}
            for entry in articles_to_review()
        ],
        "events_to_weigh": [
            {**entry.__dict__, "url": reverse("admin:facts_event_workspace", args=[entry.pk])}
            for entry in events_to_weigh()
        ],
    }
