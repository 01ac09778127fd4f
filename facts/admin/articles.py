"""Articles: the cleaned text with every claim's quote highlighted, flags and the grade."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from facts.admin.common import (
    ChangeReasonForm,
    CuratedAdmin,
    FullTextSearchMixin,
    VisibleToMixin,
)
from facts.admin.workspace import article_urls, workspace_link
from facts.highlight import Span, highlight
from facts.models import Article, ArticleFlag
from facts.services import article_grade


class ArticleForm(ChangeReasonForm):
    class Meta:
        model = Article
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        if (
            "reliability" in self.changed_data
            and not (cleaned.get("reliability_reason") or "").strip()
        ):
            self.add_error("reliability_reason", "Say why the source gets this grade.")
        return cleaned


class ArticleFlagInline(admin.TabularInline):
    """The importer's findings, shown as evidence: a flag is never renamed in place (renaming
    "generation-artifacts" would lift the grading rule that rests on it). Leads may remove one
    they judge wrong; the history records who did."""

    model = ArticleFlag
    extra = 0
    fields = ["code", "detail"]
    readonly_fields = ["code", "detail"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(VisibleToMixin, FullTextSearchMixin, CuratedAdmin):
    form = ArticleForm
    list_display = [
        "title",
        "publisher",
        "published_start",
        "reliability",
        "flag_list",
        "source_file",
    ]
    list_filter = ["reliability", "flags__code", "published_precision", "language"]
    search_fields = ["title", "publisher", "author", "source_file"]
    autocomplete_fields = ["copy_of"]
    readonly_fields = [
        "review_workspace",
        "quality_flags",
        "highlighted_text",
        "sha256",
        "text_sha256",
        "raw_text",
        "text",
        "extractor_version",
        "retrieved_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["review_workspace", "title", "subtitle", ("author", "publisher"), "url"]},
        ),
        (
            "Source grade",
            {"fields": ["quality_flags", "reliability", "reliability_reason", "copy_of"]},
        ),
        ("Text, with every claim highlighted", {"fields": ["highlighted_text"]}),
        (
            "Publication",
            {
                "fields": [
                    ("published_start", "published_end", "published_precision"),
                    "published_text",
                    ("language", "reading_time_minutes"),
                ]
            },
        ),
        ("Change", {"fields": ["change_reason", "expected_version"]}),
        (
            "Provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_file",
                    "sha256",
                    "text_sha256",
                    ("retrieved_at", "extractor_version"),
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]
    inlines = [ArticleFlagInline]

    class Media:
        css = {"all": ["facts/workspace.css"]}  # a highlight's colour says its claim's status

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("flags")

    def get_urls(self):
        return article_urls(self) + super().get_urls()

    @admin.display(description="review")
    def review_workspace(self, obj):
        return workspace_link(
            "admin:facts_article_workspace", obj, "Review this article's claims (workspace)"
        )

    def has_delete_permission(self, request, obj=None):
        # Articles that claims quote are protected; the database refuses in any case.
        if obj is not None and obj.claims.exists():
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="flags")
    def flag_list(self, obj):
        return ", ".join(sorted(flag.code for flag in obj.flags.all())) or "—"

    @admin.display(description="quality flags")
    def quality_flags(self, obj):
        flags = list(obj.flags.all())
        if not flags:
            return "none"
        return format_html_join(
            "",
            '<div><strong class="quality-flag">{}</strong> {}</div>',
            ((f.code, f.detail[:300]) for f in flags),
        )

    @admin.display(description="text")
    def highlighted_text(self, obj):
        claims = obj.claims.only("pk", "quote_start", "quote_end", "statement", "status")
        spans = [
            Span(
                c.quote_start,
                c.quote_end,
                reverse("admin:facts_claim_change", args=[c.pk]),
                f"Claim {c.pk} ({c.get_status_display()}): {c.statement[:120]}",
                anchor=f"claim-{c.pk}",
                status=c.status,
                key=str(c.pk),
            )
            for c in claims
        ]
        return format_html(
            '<div class="article-text" id="cleaned-text">{}</div>'
            '<details class="raw-text"><summary>Show the raw text as received</summary>'
            '<pre style="white-space:pre-wrap">{}</pre></details>',
            highlight(obj.text, spans),
            obj.raw_text,
        )

    def save_model(self, request, obj, form, change):
        if change and "reliability" in form.changed_data:
            article_grade(
                article=Article.objects.get(pk=obj.pk),
                user=request.user,
                reliability=form.cleaned_data["reliability"],
                reason=form.cleaned_data["reliability_reason"],
            )
            others = set(form.changed_data) - {
                "reliability",
                "reliability_reason",
                "expected_version",
            }
            if not others:
                obj.refresh_from_db()
                return
        super().save_model(request, obj, form, change)


@admin.register(ArticleFlag)
class ArticleFlagAdmin(SimpleHistoryAdmin):
    """Curators may add a flag the importer missed; an existing flag is never edited in
    place: it is removed (leads only) and another added, each step in the history."""

    list_display = ["article", "code"]
    list_filter = ["code"]
    list_select_related = ["article"]
    search_fields = ["article__title", "detail"]
    autocomplete_fields = ["article"]

    def get_readonly_fields(self, request, obj=None):
        return ["article", "code", "detail"] if obj is not None else []
