"""Read-side query helpers shared by the admin and the API."""

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from facts.choices import LinkKind, ReviewStatus
from facts.models import Claim, ClaimLink

WITHDRAWN = [ReviewStatus.REJECTED, ReviewStatus.RETRACTED]


def with_evidence(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate `corroborating_articles`: how many *other* articles support the claim (linked
    as corroborating, or reporting the same event), and `contradicted`: whether any claim
    disputes it. One subquery each, so list pages stay at a fixed number of queries."""
    corroborates = LinkKind.CORROBORATES
    supporting = (
        Claim.objects.filter(
            Q(links_out__to_claim=OuterRef("pk"), links_out__kind=corroborates)
            | Q(links_in__from_claim=OuterRef("pk"), links_in__kind=corroborates)
            | Q(event=OuterRef("event"), event__isnull=False)
        )
        .exclude(status__in=WITHDRAWN)
        .exclude(article=OuterRef("article"))
        .order_by()
        .annotate(group=Value(1))
        .values("group")
        .annotate(n=Count("article", distinct=True))
        .values("n")
    )
    contradicting = ClaimLink.objects.filter(
        Q(from_claim=OuterRef("pk")) | Q(to_claim=OuterRef("pk")), kind=LinkKind.CONTRADICTS
    )
    return claims.annotate(
        corroborating_articles=Coalesce(
            Subquery(supporting, output_field=IntegerField()), Value(0)
        ),
        contradicted=Exists(contradicting),
    )
