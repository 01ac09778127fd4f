"""Events with participants in their roles, the claims that support them, and merging."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from facts.admin.common import (
    REVIEW_READONLY,
    ChangeReasonForm,
    CuratedAdmin,
    FullTextSearchMixin,
    ReviewActionsMixin,
    VisibleToMixin,
)
from facts.admin.merging import MergeActionMixin
from facts.admin.workspace import event_urls, workspace_link
from facts.choices import FatalityFigure
from facts.map_points import event_map_point
from facts.models import Event, EventParticipant, Place
from facts.services import event_merge, point_follows_place
from facts.workspace import event_workspace


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 0
    autocomplete_fields = ["actor"]
    fields = ["actor", "role", "note", "article", "status"]
    # A part's status changes by a review with a reason (the event's workspace), or with the
    # event: verifying the event confirms its unreviewed parts.
    readonly_fields = ["article", "status"]


@admin.register(Event)
class EventAdmin(
    VisibleToMixin, MergeActionMixin, ReviewActionsMixin, FullTextSearchMixin, CuratedAdmin
):
    form = ChangeReasonForm  # the admin adds Meta(model=…) itself
    merge_service = event_merge
    merge_permission = "facts.merge_event"
    actions = ["verify", "dispute", "reject", "retract", "merge_selected"]
    list_display = [
        "title",
        "kind",
        "date_start",
        "date_precision",
        "date_text",
        "status",
        "origin",
    ]
    list_filter = [
        "status",
        "kind",
        "countries",  # facts.admin.filters.CountryFilter (CuratedAdmin.field_filters)
        "date_start",  # from–to: facts.admin.filters.DateRangeFilter
        "date_precision",
        "location_precision",
        "origin",
    ]
    search_fields = ["title", "slug", "description", "location"]
    autocomplete_fields = ["countries", "place"]
    readonly_fields = [
        "review_workspace",
        "competing_accounts",
        "supporting_claims",
        *REVIEW_READONLY,
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "description"]}),
        (
            "When",
            {"fields": [("date_start", "date_end", "date_precision"), "date_text"]},
        ),
        (
            "Where",
            {
                "fields": [
                    "countries",
                    ("place", "location_precision"),
                    "location",
                    ("latitude", "longitude"),
                ]
            },
        ),
        (
            "Fatalities",
            {
                "fields": [
                    ("fatalities_low", "fatalities_best", "fatalities_high"),
                    "competing_accounts",
                ]
            },
        ),
        ("Evidence", {"fields": ["review_workspace", "supporting_claims"]}),
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
    inlines = [EventParticipantInline]

    def save_model(self, request, obj, form, change):
        if "place" in form.changed_data and not {"latitude", "longitude"} & set(form.changed_data):
            previous = form.initial.get("place")
            point_follows_place(
                obj, previous_place=Place.objects.filter(pk=previous).first() if previous else None
            )
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return event_urls(self) + super().get_urls()

    @admin.display(description="review")
    def review_workspace(self, obj):
        return workspace_link(
            "admin:facts_event_workspace", obj, "Weigh the accounts side by side (workspace)"
        )

    @admin.display(description="accounts, per source")
    def competing_accounts(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return render_to_string(
            "admin/facts/workspace/figures_table.html",
            {"workspace": event_workspace(obj), "figure_names": FatalityFigure.values},
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The map under "Where" (admin/facts/event/change_form.html).
        context["map_point"] = event_map_point(obj) if obj is not None else None
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="claims supporting this event")
    def supporting_claims(self, obj):
        claims = obj.claims.select_related("article")
        if not claims:
            return "none yet"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> — <em>{}</em> ({})</li>',
                (
                    (
                        reverse("admin:facts_claim_change", args=[c.pk]),
                        c.statement[:140],
                        c.article.title[:80],
                        c.get_status_display(),
                    )
                    for c in claims
                ),
            ),
        )


@admin.register(EventParticipant)
class EventParticipantAdmin(CuratedAdmin):
    list_display = ["event", "actor", "role"]
    list_filter = ["role"]
    list_select_related = ["event", "actor"]
    search_fields = ["event__title", "actor__name"]
    autocomplete_fields = ["event", "actor", "article"]
