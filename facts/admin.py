"""Admin registrations: every model browsable, searchable and filterable by curators."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from facts.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    Article,
    ArticleFlag,
    Claim,
    ClaimLink,
    Country,
    Event,
    EventParticipant,
)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "alpha2", "alpha3", "capital", "region"]
    list_filter = ["region"]
    search_fields = ["name", "official_name", "alpha2", "alpha3", "capital"]
    ordering = ["name"]


class ArticleFlagInline(admin.TabularInline):
    model = ArticleFlag
    extra = 0


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_start", "reliability", "source_file"]
    list_filter = ["reliability", "flags__code", "published_precision", "language"]
    search_fields = ["title", "publisher", "author", "source_file", "sha256"]
    date_hierarchy = "published_start"
    readonly_fields = ["sha256", "text_sha256", "raw_text", "created_at", "updated_at"]
    inlines = [ArticleFlagInline]


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 0
    fields = ["name", "kind", "language", "case_sensitive"]


class ActorRelationInline(admin.TabularInline):
    model = ActorRelation
    fk_name = "subject"
    extra = 0
    autocomplete_fields = ["object"]
    fields = ["kind", "object", "title", "start", "start_precision", "end", "end_precision"]


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "parent", "status", "origin"]
    list_filter = ["status", "kind", "origin"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "slug", "aliases__name", "title"]
    autocomplete_fields = ["country", "parent", "first_seen_in"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["reviewed_by", "reviewed_at", "version", "created_at", "updated_at"]
    inlines = [ActorAliasInline, ActorRelationInline]


@admin.register(ActorAlias)
class ActorAliasAdmin(SimpleHistoryAdmin):
    list_display = ["name", "actor", "kind", "language", "case_sensitive"]
    list_filter = ["kind", "language"]
    list_select_related = ["actor"]
    search_fields = ["name", "normalized", "actor__name"]
    autocomplete_fields = ["actor"]
    readonly_fields = ["normalized"]


@admin.register(ActorRelation)
class ActorRelationAdmin(SimpleHistoryAdmin):
    list_display = ["subject", "kind", "object", "title", "start", "end"]
    list_filter = ["kind"]
    list_select_related = ["subject", "object"]
    search_fields = ["subject__name", "object__name", "title"]
    autocomplete_fields = ["subject", "object"]


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 0
    autocomplete_fields = ["actor"]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "date_start", "date_precision", "status", "origin"]
    list_filter = ["status", "kind", "date_precision", "countries"]
    search_fields = ["title", "slug", "description", "location"]
    autocomplete_fields = ["countries"]
    readonly_fields = ["reviewed_by", "reviewed_at", "version", "created_at", "updated_at"]
    inlines = [EventParticipantInline]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["statement", "article", "status", "credibility", "confidence", "predicate"]
    list_filter = ["status", "credibility", "predicate", "origin"]
    list_select_related = ["article"]
    search_fields = ["statement", "quote", "article__title"]
    autocomplete_fields = [
        "article",
        "subject",
        "object_actor",
        "object_country",
        "event",
        "countries",
        "actors",
        "claimant",
    ]
    readonly_fields = [
        "quote",
        "quote_start",
        "quote_end",
        "quote_prefix",
        "quote_suffix",
        "anchor_text_sha256",
        "fingerprint",
        "confidence",
        "extractor_version",
        "reviewed_by",
        "reviewed_at",
        "version",
        "created_at",
        "updated_at",
    ]


@admin.register(ArticleFlag)
class ArticleFlagAdmin(admin.ModelAdmin):
    list_display = ["article", "code"]
    list_filter = ["code"]
    list_select_related = ["article"]
    search_fields = ["article__title", "detail"]
    autocomplete_fields = ["article"]


@admin.register(EventParticipant)
class EventParticipantAdmin(SimpleHistoryAdmin):
    list_display = ["event", "actor", "role"]
    list_filter = ["role"]
    list_select_related = ["event", "actor"]
    search_fields = ["event__title", "actor__name"]
    autocomplete_fields = ["event", "actor"]


@admin.register(ClaimLink)
class ClaimLinkAdmin(SimpleHistoryAdmin):
    list_display = ["from_claim", "kind", "to_claim", "origin", "created_by"]
    list_filter = ["kind", "origin"]
    list_select_related = ["from_claim", "to_claim", "created_by"]
    search_fields = ["from_claim__statement", "to_claim__statement", "note"]
    autocomplete_fields = ["from_claim", "to_claim"]
