"""Filters of the claim-link list: by either end, by one end, by kind (the list refuses any
other parameter: facts.api.query)."""

import django_filters as filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from facts.choices import LinkKind
from facts.models import ClaimLink

MAX_ID = 2**63 - 1  # the largest key a 64-bit column holds


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class ClaimIdFilter(filters.NumberFilter):
    """A claim's id: a whole number a key can hold (a decimal or a longer number is a 400,
    not a database overflow)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ClaimLinkFilterSet(filters.FilterSet):
    claim = ClaimIdFilter(method="filter_claim", label="Links where this claim is either end")
    from_claim = ClaimIdFilter(field_name="from_claim_id", label="Links from this claim")
    to_claim = ClaimIdFilter(field_name="to_claim_id", label="Links to this claim")
    kind = filters.ChoiceFilter(choices=LinkKind.choices, label="Kind of link")

    class Meta:
        model = ClaimLink
        fields = ["claim", "from_claim", "to_claim", "kind"]

    def filter_claim(self, queryset, name, value):
        return queryset.filter(Q(from_claim_id=value) | Q(to_claim_id=value))
