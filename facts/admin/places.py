"""Places: the gazetteer events are placed at, located on a map by clicking."""

from django.contrib import admin

from facts.admin.common import REVIEW_READONLY, ChangeReasonForm, CuratedAdmin, ReviewActionsMixin
from facts.map_points import place_map_center, place_map_point
from facts.models import Place
from facts.services import place_moved
from facts.services.places import point_of


class HasCoordinatesFilter(admin.SimpleListFilter):
    title = "has coordinates"
    parameter_name = "has_coordinates"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No: to be located")]

    def queryset(self, request, queryset):
        # Latitude alone decides: the database keeps the two paired.
        if self.value() == "yes":
            return queryset.filter(latitude__isnull=False)
        if self.value() == "no":
            return queryset.filter(latitude__isnull=True)
        return queryset


@admin.register(Place)
class PlaceAdmin(ReviewActionsMixin, CuratedAdmin):
    form = ChangeReasonForm  # the admin adds Meta(model=…) itself
    actions = ["verify", "dispute", "reject", "retract"]
    list_display = ["name", "kind", "country", "admin1", "has_coordinates", "status", "origin"]
    list_filter = ["kind", "country", "status", "origin", HasCoordinatesFilter]
    list_select_related = ["country", "admin1"]
    # "__exact" on a number: the admin compares it as text, so a word that is not a number
    # matches no id instead of failing.
    search_fields = ["name", "slug", "aliases", "geonames_id__exact"]
    autocomplete_fields = ["country", "admin1", "admin2"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [*REVIEW_READONLY]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "aliases"]}),
        (
            "Where",
            {
                "fields": [
                    "country",
                    ("admin1", "admin2"),
                    ("latitude", "longitude"),
                    "coordinates_source",
                ]
            },
        ),
        ("Reference", {"fields": ["geonames_id", "population", "note"]}),
        (
            "Review",
            {"fields": [("status", "reviewed_by", "reviewed_at"), "status_reason"]},
        ),
        ("Change", {"fields": ["change_reason", "expected_version"]}),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": ["origin", ("version", "curator_edited_at", "created_at", "updated_at")],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        previous = Place.objects.filter(pk=obj.pk).first() if change else None
        super().save_model(request, obj, form, change)
        if previous is not None:
            moved = place_moved(
                place=obj,
                previous_point=point_of(previous),
                user=request.user,
                reason=obj._change_reason,
            )
            if moved:
                self.message_user(request, f"{moved} event(s) placed here moved with it.")

    @admin.display(boolean=True, description="coordinates")
    def has_coordinates(self, obj):
        return obj.has_point

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The map (admin/facts/place/change_form.html) opens on the place, or near it.
        context.update(map_point=place_map_point(obj), map_center=place_map_center(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)
