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
    # Each branch is an indexed lookup (link ids, or the event): no scan of the claim table.
    linked_to = ClaimLink.objects.filter(
        from_claim=OuterRef(OuterRef("pk")), kind=corroborates
    ).values("to_claim")
    linked_from = ClaimLink.objects.filter(
        to_claim=OuterRef(OuterRef("pk")), kind=corroborates
    ).values("from_claim")
    supporting = (
        Claim.objects.filter(
            Q(pk__in=linked_to)
            | Q(pk__in=linked_from)
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
