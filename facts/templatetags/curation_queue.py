"""The admin index's first box: what waits for review, or what to do when nothing does."""

from django import template
from django.urls import reverse

from facts.choices import ReviewStatus
from facts.models import Claim, Event

register = template.Library()

# Counting stops here: the index must stay fast on a table of a million claims.
COUNT_LIMIT = 1000


def _bounded_count(queryset) -> str:
    count = queryset.values("pk")[: COUNT_LIMIT + 1].count()
    return f"{COUNT_LIMIT:,}+" if count > COUNT_LIMIT else f"{count:,}"


@register.inclusion_tag("admin/facts/queue_summary.html", takes_context=True)
def review_queue_summary(context):
    user = context["request"].user
    if not user.has_perm("facts.view_claim"):
        return {"visible": False}
    claims = Claim.objects.filter(status=ReviewStatus.UNREVIEWED)
    events = Event.objects.filter(status=ReviewStatus.UNREVIEWED)
    waiting = claims.exists()
    return {
        "visible": True,
        "waiting": waiting,
        "claims": _bounded_count(claims) if waiting else "0",
        "events": _bounded_count(events) if events.exists() else "0",
        "queue_url": reverse("admin:facts_claim_changelist") + "?status__exact=unreviewed",
        "events_url": reverse("admin:facts_event_changelist") + "?status__exact=unreviewed",
        "can_import": user.has_perm("facts.add_article"),
    }
