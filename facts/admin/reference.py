"""Countries: reference data, editable only by those allowed to."""

from django.contrib import admin

from facts.admin.common import TimelineMixin
from facts.admin.pagination import EstimatedCountPaginator
from facts.models import Country
from facts.timeline import country_timeline


@admin.register(Country)
class CountryAdmin(TimelineMixin, admin.ModelAdmin):
    list_display = ["name", "alpha2", "alpha3", "capital", "region"]
    list_filter = ["region"]
    search_fields = ["name", "official_name", "alpha2", "alpha3", "capital"]
    ordering = ["name"]
    paginator = EstimatedCountPaginator
    show_full_result_count = False

    def timeline_for(self, obj, event_url):
        return country_timeline(country=obj, event_url=event_url)
