"""Countries: reference data, editable only by those allowed to."""

from django.contrib import admin
from django.urls import reverse

from facts.admin.pagination import EstimatedCountPaginator
from facts.models import Country
from facts.timeline import country_timeline


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "alpha2", "alpha3", "capital", "region"]
    list_filter = ["region"]
    search_fields = ["name", "official_name", "alpha2", "alpha3", "capital"]
    ordering = ["name"]
    paginator = EstimatedCountPaginator
    show_full_result_count = False

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The country's verified events by month (admin/facts/country/change_form.html).
        if obj is not None:
            context["timeline"] = country_timeline(
                country=obj,
                event_url=lambda pk: reverse(
                    "admin:facts_event_change", args=[pk], current_app=self.admin_site.name
                ),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
