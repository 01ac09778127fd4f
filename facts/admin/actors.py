"""Actors with their aliases, offices and memberships; merging duplicates."""

from django.contrib import admin

from facts.admin.common import (
    REVIEW_READONLY,
    ChangeReasonForm,
    CuratedAdmin,
    ReviewActionsMixin,
    TimelineMixin,
    VisibleToMixin,
)
from facts.admin.merging import MergeActionMixin
from facts.models import Actor, ActorAlias, ActorRelation
from facts.services import actor_merge
from facts.timeline import actor_timeline


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["name", "kind", "language", "case_sensitive"]


class ActorRelationInline(admin.TabularInline):
    model = ActorRelation
    fk_name = "subject"
    extra = 0
    autocomplete_fields = ["object"]
    fields = ["slug", "kind", "object", "title", "start", "start_precision", "end", "end_precision"]
    verbose_name = "office or membership"
    verbose_name_plural = "offices and memberships (dated)"


@admin.register(Actor)
class ActorAdmin(TimelineMixin, VisibleToMixin, MergeActionMixin, ReviewActionsMixin, CuratedAdmin):
    form = ChangeReasonForm  # the admin adds Meta(model=…) itself
    merge_service = actor_merge
    merge_permission = "facts.merge_actor"
    actions = ["verify", "dispute", "reject", "retract", "merge_selected"]
    list_display = ["name", "kind", "title", "country", "parent", "status", "origin"]
    list_filter = ["status", "kind", "origin"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "slug", "aliases__name", "title"]
    autocomplete_fields = ["country", "parent", "first_seen_in"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [
        *REVIEW_READONLY,
    ]
    inlines = [ActorAliasInline, ActorRelationInline]

    def timeline_for(self, obj, event_url):
        return actor_timeline(actor=obj, event_url=event_url)


@admin.register(ActorAlias)
class ActorAliasAdmin(CuratedAdmin):
    list_display = ["name", "actor", "kind", "language", "case_sensitive"]
    list_filter = ["kind", "language"]
    list_select_related = ["actor"]
    search_fields = ["name", "normalized", "actor__name"]
    autocomplete_fields = ["actor"]
    readonly_fields = ["normalized"]


@admin.register(ActorRelation)
class ActorRelationAdmin(CuratedAdmin):
    list_display = ["subject", "kind", "object", "title", "start", "end"]
    list_filter = ["kind"]
    list_select_related = ["subject", "object"]
    search_fields = ["subject__name", "object__name", "title"]
    autocomplete_fields = ["subject", "object"]
