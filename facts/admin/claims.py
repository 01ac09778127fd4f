"""The review queue: claims with their evidence, corroboration and contradiction marks."""

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html

from facts.admin.common import (
    REVIEW_READONLY,
    ChangeReasonForm,
    CuratedAdmin,
    FullTextSearchMixin,
    ReviewActionsMixin,
    VisibleToMixin,
)
from facts.choices import Credibility, Origin, ReviewStatus
from facts.highlight import passage
from facts.models import Claim, ClaimLink
from facts.selectors import with_evidence
from facts.services import ReviewError, claim_review, claims_review
from facts.services.review import SOURCE_OWNED_CLAIM_FIELDS

STATUS_COLOURS = {
    ReviewStatus.UNREVIEWED: "#777",
    ReviewStatus.VERIFIED: "#2e7d32",
    ReviewStatus.DISPUTED: "#ef6c00",
    ReviewStatus.REJECTED: "#c62828",
    ReviewStatus.RETRACTED: "#6a1b9a",
}


def status_badge(obj) -> str:
    return format_html(
        '<span style="color:{};font-weight:bold">{}</span>',
        STATUS_COLOURS.get(obj.status, "#000"),
        obj.get_status_display(),
    )


class ClaimForm(ChangeReasonForm):
    """Edits plus an optional review: a new status always needs its reason."""

    review_status = forms.ChoiceField(
        choices=[("", "— keep current status —"), *ReviewStatus.choices], required=False
    )
    review_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Required with a new status: the source or check behind the decision.",
    )

    reason_exempt = ChangeReasonForm.reason_exempt | {"review_status", "review_reason"}

    class Meta:
        model = Claim
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("review_status")
        if (
            status
            and status != self.instance.status
            and not (cleaned.get("review_reason") or "").strip()
        ):
            self.add_error("review_reason", f"Say why the claim is {status}.")
        return cleaned


class LinksOutInline(admin.TabularInline):
    model = ClaimLink
    fk_name = "from_claim"
    extra = 0
    autocomplete_fields = ["to_claim"]
    fields = ["kind", "to_claim", "note", "origin"]
    readonly_fields = ["origin"]
    verbose_name = "link to another claim"
    verbose_name_plural = "corroborates / contradicts"


@admin.register(Claim)
class ClaimAdmin(VisibleToMixin, ReviewActionsMixin, FullTextSearchMixin, CuratedAdmin):
    form = ClaimForm
    list_display = [
        "short_statement",
        "article_link",
        "status_label",
        "credibility",
        "corroboration",
        "contradiction",
        "confidence",
    ]
    list_display_links = ["short_statement"]
    list_filter = ["status", "credibility", "predicate", "origin", "article__reliability"]
    list_select_related = ["article"]
    search_fields = ["statement", "quote"]
    ordering = ["-confidence", "pk"]
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
    # The evidence is the importer's (services.review.SOURCE_OWNED_CLAIM_FIELDS); the review
    # fields change only through a review with a reason.
    readonly_fields = [
        "evidence",
        *sorted(SOURCE_OWNED_CLAIM_FIELDS - {"article"}),
        *REVIEW_READONLY,
    ]
    fieldsets = [
        ("Evidence", {"fields": ["article", "evidence"]}),
        (
            "Review",
            {
                "fields": [
                    ("status", "reviewed_by", "reviewed_at"),
                    "status_reason",
                    "review_status",
                    "review_reason",
                    "credibility",
                ]
            },
        ),
        (
            "Statement",
            {
                "fields": [
                    "statement",
                    ("subject", "predicate"),
                    ("object_actor", "object_country", "object_value"),
                    "event",
                    ("claimant", "claimant_text"),
                    "reported_via",
                    ("date_start", "date_end", "date_precision", "date_text"),
                    "countries",
                    "actors",
                    "change_reason",
                    "expected_version",
                ]
            },
        ),
        (
            "Source anchor (set by the importer)",
            {
                "classes": ["collapse"],
                "fields": [
                    "quote",
                    ("quote_start", "quote_end"),
                    ("quote_prefix", "quote_suffix"),
                    "anchor_text_sha256",
                    ("fingerprint", "confidence", "extractor_version", "origin"),
                    ("version", "curator_edited_at", "created_at", "updated_at"),
                ],
            },
        ),
    ]
    inlines = [LinksOutInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is None:  # a curator's new claim: article and quote are theirs to give
            fields = [f for f in fields if f not in {"quote", "quote_start"}]
        else:
            fields.append("article")
        return fields

    def get_queryset(self, request):
        return with_evidence(super().get_queryset(request))

    def changelist_view(self, request, extra_context=None):
        # The queue opens on what still needs a decision.
        if request.method == "GET" and not any(
            key.startswith(("status", "q", "o", "p")) for key in request.GET
        ):
            return HttpResponseRedirect(f"{request.path}?status__exact={ReviewStatus.UNREVIEWED}")
        return super().changelist_view(request, extra_context)

    @admin.display(description="statement", ordering="statement")
    def short_statement(self, obj):
        return obj.statement if len(obj.statement) <= 140 else obj.statement[:139] + "…"

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:facts_article_change", args=[obj.article_id])
        return format_html('<a href="{}#claim-{}">{}</a>', url, obj.pk, obj.article.title[:60])

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return status_badge(obj)

    @admin.display(description="corroborated by", ordering="corroborating_articles")
    def corroboration(self, obj):
        count = obj.corroborating_articles
        return f"{count} other article{'s' if count != 1 else ''}" if count else "—"

    @admin.display(description="contradicted", boolean=True, ordering="contradicted")
    def contradiction(self, obj):
        return obj.contradicted

    @admin.display(description="quote in its passage")
    def evidence(self, obj):
        if obj.pk is None:
            return "Give the article and the quote; the offsets are found for you."
        text = obj.article.text
        anchored = text[obj.quote_start : obj.quote_end] == obj.quote
        article_url = reverse("admin:facts_article_change", args=[obj.article_id])
        body = passage(
            text,
            obj.quote_start,
            obj.quote_end,
            url=f"{article_url}#claim-{obj.pk}",
            label=f"Claim {obj.pk}",
        )
        warning = (
            ""
            if anchored
            else format_html(
                '<p class="errornote">The quote no longer matches the article text at its '
                "offsets: this anchor is orphaned.</p>"
            )
        )
        return format_html(
            '{}<div class="evidence">{}</div><p><a href="{}#claim-{}">Open the article with '
            "every claim highlighted</a></p>",
            warning,
            body,
            article_url,
            obj.pk,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            from facts.services import claim_create

            created = claim_create(
                article=form.cleaned_data["article"],
                user=request.user,
                quote=form.cleaned_data.get("quote") or "",
                quote_start=form.cleaned_data.get("quote_start"),
                statement=form.cleaned_data.get("statement") or "",
                reason=form.cleaned_data.get("change_reason") or "",
            )
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        edited = set(form.changed_data) - form.reason_exempt
        match = getattr(request, "resolver_match", None)
        reverting = bool(match and match.url_name and match.url_name.endswith("simple_history"))
        if edited or reverting:  # a revert saves the old version even if the form is untouched
            super().save_model(request, obj, form, change)
        status = form.cleaned_data.get("review_status")
        credibility = form.cleaned_data.get("credibility")
        if status and status != Claim.objects.get(pk=obj.pk).status:
            reviewed = claim_review(
                claim=obj,
                user=request.user,
                status=status,
                reason=form.cleaned_data["review_reason"],
                credibility=credibility,
            )
            obj.version = reviewed.version

    def apply_review(self, request, queryset, status, data) -> int:
        if data.get("credibility") is None:
            return claims_review(
                claims=list(queryset), user=request.user, status=status, reason=data["reason"]
            )
        count = 0
        for claim in queryset:
            claim_review(
                claim=claim,
                user=request.user,
                status=status,
                reason=data["reason"],
                credibility=data["credibility"],
            )
            count += 1
        return count


@admin.register(ClaimLink)
class ClaimLinkAdmin(CuratedAdmin):
    list_display = ["from_claim", "kind", "to_claim", "origin", "created_by"]
    list_filter = ["kind", "origin"]
    list_select_related = ["from_claim", "to_claim", "created_by"]
    search_fields = ["from_claim__statement", "to_claim__statement", "note"]
    autocomplete_fields = ["from_claim", "to_claim"]
    readonly_fields = ["created_by", "origin"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            obj.origin = Origin.CURATOR
        if obj.from_claim_id == obj.to_claim_id:
            raise ReviewError("A claim cannot be linked to itself.")
        super().save_model(request, obj, form, change)


__all__ = ["ClaimAdmin", "ClaimLinkAdmin", "Credibility"]
