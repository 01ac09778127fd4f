"""The review queue: claims with their evidence, corroboration and contradiction marks."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
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
from facts.admin.filters import (
    ArticleFilter,
    ContradictedFilter,
    EventFilter,
    StatusFilter,
    claims_of_article_url,
    claims_of_event_url,
)
from facts.choices import Credibility, DatePrecision, LinkKind, Origin, ReviewStatus
from facts.highlight import passage
from facts.models import Claim, ClaimLink, Country
from facts.models.evidence import with_evidence
from facts.services import ReviewError, claim_create, claim_review, claims_review
from facts.services.history import note_change
from facts.services.review import (
    CLAIM_STRUCTURE_FIELDS,
    SOURCE_OWNED_CLAIM_FIELDS,
    claim_anchor,
    claim_link_create,
)
from facts.workspace import LINK_READINGS

STATUS_COLOURS = {
    ReviewStatus.UNREVIEWED: "#777",
    ReviewStatus.VERIFIED: "#2e7d32",
    ReviewStatus.DISPUTED: "#ef6c00",
    ReviewStatus.REJECTED: "#c62828",
    ReviewStatus.RETRACTED: "#6a1b9a",
}

# The structure a curator may give a claim besides its quote and statement.
STRUCTURE_FIELDS = [
    ("subject", "predicate"),
    ("object_actor", "object_country", "object_value"),
    "event",
    ("claimant", "claimant_text"),
    "reported_via",
    ("date_start", "date_end", "date_precision", "date_text"),
    "countries",
    "actors",
]
# The structure the add form passes to claim_create (a grade comes with a review, later).
STRUCTURE_SCALARS = sorted(CLAIM_STRUCTURE_FIELDS - {"credibility"})
# Form fields that only a curator who may change the claim is shown.
FORM_ONLY = {"review_status", "review_reason", "change_reason", "expected_version"}


def status_badge(obj) -> str:
    return format_html(
        '<span style="color:{};font-weight:bold">{}</span>',
        STATUS_COLOURS.get(obj.status, "#000"),
        obj.get_status_display(),
    )


def link_maker(link: ClaimLink) -> str:
    """Who made a link: the curator's name, or the importer."""
    if link.created_by is not None:
        return link.created_by.get_username()
    return "importer" if link.origin == Origin.IMPORT else "—"


def date_label(obj) -> str:
    """A date range as precise as it was given: 2023-07-26, 2023-07, 2023, 2020s."""
    start, precision = obj.date_start, obj.date_precision
    if start is None:
        return obj.date_text or "—"
    if precision == DatePrecision.DAY:
        return start.isoformat()
    if precision == DatePrecision.MONTH:
        return f"{start:%Y-%m}"
    if precision == DatePrecision.DECADE:
        return f"{start.year // 10 * 10}s"
    if precision == DatePrecision.PART_OF_YEAR:
        return f"{start:%Y-%m}–{obj.date_end:%m}" if obj.date_end else f"{start:%Y}"
    return f"{start:%Y}"


class ClaimForm(ChangeReasonForm):
    """Edits plus an optional review: a new status always needs its reason, and that reason
    is the only one asked for the review and the credibility graded with it."""

    review_status = forms.ChoiceField(
        choices=[("", "— keep current status —"), *ReviewStatus.choices], required=False
    )
    review_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
        help_text="Required with a new status: the source or check behind the decision.",
    )

    reason_exempt = ChangeReasonForm.reason_exempt | {"review_status", "review_reason"}

    class Meta:
        model = Claim
        fields = "__all__"

    def reviewing(self) -> bool:
        """Whether the form asks for a review: a new status, or the current one again with a
        new credibility grade."""
        cleaned = getattr(self, "cleaned_data", {})
        status = cleaned.get("review_status")
        if not status:
            return False
        regraded = "credibility" in self.changed_data and cleaned.get("credibility") is not None
        return status != self.instance.status or regraded

    def reason_exempt_fields(self) -> set[str]:
        exempt = super().reason_exempt_fields()
        if self.reviewing() and self.cleaned_data.get("credibility") is not None:
            exempt.add("credibility")  # graded with the review, and its reason
        return exempt

    def clean(self):
        cleaned = super().clean()
        if self.reviewing() and not (cleaned.get("review_reason") or "").strip():
            self.add_error("review_reason", f"Say why the claim is {cleaned['review_status']}.")
        return cleaned


class ClaimAddForm(ChangeReasonForm):
    """A claim the importer missed: the article and the quote, its place found for you."""

    class Meta:
        model = Claim
        fields = "__all__"
        widgets = {"quote": forms.Textarea(attrs={"rows": 3, "cols": 80})}
        help_texts = {
            "quote": "Copy the words from the article's text exactly: where they are in the "
            "article is found for you.",
            "quote_start": "Only when the quote occurs more than once: the character offset "
            "of the one you mean (the number the error gives you).",
            "statement": "Optional: the claim in your words. Left empty, the quote's sentence.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quote_start"].required = False
        self.fields["statement"].required = False
        self.fields["statement"].widget.attrs.update(rows=2)

    def clean(self):
        cleaned = super().clean()
        article, quote = cleaned.get("article"), cleaned.get("quote")
        if article is None or not quote:
            return cleaned
        try:
            anchor = claim_anchor(
                article=article, quote=quote, quote_start=cleaned.get("quote_start")
            )
        except ReviewError as error:
            at_offset = cleaned.get("quote_start") is not None and "at offset" in error.message
            self.add_error("quote_start" if at_offset else "quote", error)
            return cleaned
        cleaned["quote"] = anchor.quote
        cleaned["quote_start"] = anchor.start
        if not (cleaned.get("statement") or "").strip():
            cleaned["statement"] = anchor.statement
        return cleaned


class LinksOutInline(admin.TabularInline):
    """Links from this claim to others; a link a curator adds is recorded as theirs
    (ClaimAdmin.save_formset)."""

    model = ClaimLink
    fk_name = "from_claim"
    extra = 0
    autocomplete_fields = ["to_claim"]
    fields = ["kind", "reading", "to_claim", "note", "made_by", "origin"]
    readonly_fields = ["reading", "made_by", "origin"]
    verbose_name = "link to another claim"
    verbose_name_plural = "links out: this claim corroborates / contradicts / is a copy of"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("to_claim", "created_by")

    @admin.display(description="this claim is")
    def reading(self, obj):
        return LINK_READINGS[(LinkKind(obj.kind), "out")] if obj.pk else "—"

    @admin.display(description="made by")
    def made_by(self, obj):
        return link_maker(obj) if obj.pk else "you"


@admin.register(Claim)
class ClaimAdmin(VisibleToMixin, ReviewActionsMixin, FullTextSearchMixin, CuratedAdmin):
    form = ClaimForm
    list_display = [
        "short_statement",
        "article_link",
        "date_column",
        "country_column",
        "status_label",
        "credibility_grade",
        "corroboration",
        "contradiction",
        "confidence",
    ]
    list_display_links = ["short_statement"]
    list_filter = [
        StatusFilter,
        ContradictedFilter,
        "countries",
        "date_start",
        "credibility",
        "predicate",
        "origin",
        "language",
        "article__reliability",
        ArticleFilter,
        EventFilter,
    ]
    list_select_related = ["article", "event"]
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
        "queues",
        "linked_from",
        *sorted(SOURCE_OWNED_CLAIM_FIELDS - {"article"}),
        *REVIEW_READONLY,
    ]
    add_fieldsets = [
        (
            "The quote",
            {
                "fields": ["article", "quote", "quote_start", "statement", "change_reason"],
                "description": "A claim the importer missed: give the article and the exact "
                "words from its text; where they are is found for you.",
            },
        ),
        ("What it says (optional)", {"fields": STRUCTURE_FIELDS}),
    ]
    fieldsets = [
        (
            "Review",
            {
                "fields": [
                    ("review_status", "review_reason", "credibility"),
                    ("status", "reviewed_by", "reviewed_at"),
                    "status_reason",
                ]
            },
        ),
        ("Evidence", {"fields": ["article", "evidence", "queues"]}),
        (
            "Statement",
            {"fields": ["statement", *STRUCTURE_FIELDS, "change_reason", "expected_version"]},
        ),
        ("Linked from other claims", {"fields": ["linked_from"]}),
        (
            "Source anchor (set by the importer)",
            {
                "classes": ["collapse"],
                "fields": [
                    ("quote", "language"),
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

    class Media:
        css = {"all": ["facts/queue.css"]}

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        if self.has_change_permission(request, obj):
            return self.fieldsets
        # A reader is shown what is, not the empty fields of a review or an edit.
        return [
            (name, {**options, "fields": _without(options["fields"], FORM_ONLY)})
            for name, options in self.fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = ClaimAddForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is None:  # a curator's new claim: article and quote are theirs to give
            fields = [f for f in fields if f not in {"quote", "quote_start"}]
        else:
            fields.append("article")
        return fields

    def get_queryset(self, request):
        # The queue's country column: a claim's countries, or else its event's, in two
        # queries for the whole page (the event comes with list_select_related).
        countries = Country.objects.only("pk", "alpha3", "name").order_by("alpha3")
        return with_evidence(super().get_queryset(request)).prefetch_related(
            Prefetch("countries", queryset=countries),
            Prefetch("event__countries", queryset=countries),
        )

    def changelist_view(self, request, extra_context=None):
        # The queue opens on what still needs a decision, unless anything at all is asked
        # for (an article's claims, a country, a page, an order, "all statuses" …).
        if request.method == "GET" and not request.GET:
            return HttpResponseRedirect(f"{request.path}?status__exact={ReviewStatus.UNREVIEWED}")
        # The queue's columns need the window's width: no list of every model beside it
        # (the index and the breadcrumbs lead everywhere else).
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="statement", ordering="statement")
    def short_statement(self, obj):
        text = obj.statement if len(obj.statement) <= 200 else obj.statement[:199] + "…"
        return format_html('<span class="queue-statement">{}</span>', text)

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:facts_article_change", args=[obj.article_id])
        return format_html(
            '<a class="queue-article" href="{}#claim-{}" title="{}">{}</a> '
            '<a class="queue-only" href="{}" title="Only this article\'s claims">only these</a>'
            '<span class="queue-sep"> · </span><a class="queue-workspace" href="{}#card-{}" '
            'title="Review this article\'s claims beside its text">workspace</a>',
            url,
            obj.pk,
            obj.article.title,
            obj.article.title[:80],
            claims_of_article_url(obj.article_id),
            reverse("admin:facts_article_workspace", args=[obj.article_id]),
            obj.pk,
        )

    @admin.display(description="date", ordering="date_start")
    def date_column(self, obj):
        return format_html(
            '<span class="queue-date" title="{}">{}</span>', obj.date_text, date_label(obj)
        )

    @admin.display(description="countries")
    def country_column(self, obj):
        countries = list(obj.countries.all()) or (
            list(obj.event.countries.all()) if obj.event_id else []
        )
        if not countries:
            return "—"
        return format_html_join(
            " ", '<abbr title="{}">{}</abbr>', ((c.name, c.alpha3) for c in countries)
        )

    @admin.display(description="status", ordering="status")
    def status_label(self, obj):
        return status_badge(obj)

    @admin.display(description="credibility", ordering="credibility")
    def credibility_grade(self, obj):
        # The Admiralty grade's number; its words on hover.
        if obj.credibility is None:
            return "—"
        return format_html(
            '<abbr title="{}">{}</abbr>', obj.get_credibility_display(), obj.credibility
        )

    @admin.display(description="corroborated by", ordering="corroborating_articles")
    def corroboration(self, obj):
        count = obj.corroborating_articles
        return f"{count} other article{'s' if count != 1 else ''}" if count else "—"

    @admin.display(description="contradicted", ordering="contradicted")
    def contradiction(self, obj):
        if not obj.contradicted:
            return "—"
        return format_html(
            '<span class="queue-contradicted" title="Another claim contradicts this one">'
            '<span aria-hidden="true">⚠</span> contradicted</span>'
        )

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

    @admin.display(description="queues")
    def queues(self, obj):
        if obj.pk is None:
            return "—"
        workspace = reverse("admin:facts_article_workspace", args=[obj.article_id])
        links = [
            (f"{workspace}#card-{obj.pk}", "Review in the article's workspace"),
            (claims_of_article_url(obj.article_id), "Every claim of this article"),
        ]
        if obj.event_id:
            links += [
                (
                    reverse("admin:facts_event_workspace", args=[obj.event_id]),
                    "The event's accounts side by side",
                ),
                (claims_of_event_url(obj.event_id), "Every claim on this event"),
            ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    @admin.display(description="linked from")
    def linked_from(self, obj):
        if obj.pk is None:
            return "—"
        links = obj.links_in.select_related("from_claim", "created_by").order_by("kind", "pk")
        if not links:
            return "No other claim links to this one."
        return format_html(
            '<ul class="links-in">{}</ul>',
            format_html_join(
                "",
                '<li><strong>{}</strong> <a href="{}">claim {}</a>: {} '
                "<small>(made by {}, {})</small></li>",
                (
                    (
                        LINK_READINGS[(LinkKind(link.kind), "in")],
                        reverse("admin:facts_claim_change", args=[link.from_claim_id]),
                        link.from_claim_id,
                        link.from_claim.statement[:140],
                        link_maker(link),
                        link.get_origin_display().lower(),
                    )
                    for link in links
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        if not change:
            created = claim_create(
                article=form.cleaned_data["article"],
                user=request.user,
                quote=form.cleaned_data["quote"],
                quote_start=form.cleaned_data.get("quote_start"),
                statement=form.cleaned_data.get("statement") or "",
                reason=form.cleaned_data.get("change_reason") or "",
                **{name: form.cleaned_data.get(name) for name in STRUCTURE_SCALARS},
            )
            obj.pk = created.pk
            obj.refresh_from_db()
            # The countries and actors the form sets next are recorded as the same entry.
            note_change(obj, user=request.user, reason=getattr(created, "_change_reason", ""))
            return
        reviewing = form.reviewing()
        edited = set(form.changed_data) - form.reason_exempt_fields()
        if edited:
            super().save_model(request, obj, form, change)
        if reviewing:
            reviewed = claim_review(
                claim=obj,
                user=request.user,
                status=form.cleaned_data["review_status"],
                reason=form.cleaned_data["review_reason"],
                credibility=form.cleaned_data.get("credibility"),
                expected_version=obj.version,
            )
            obj.version = reviewed.version

    def save_formset(self, request, form, formset, change):
        if formset.model is not ClaimLink:
            return super().save_formset(request, form, formset, change)
        for link in formset.save(commit=False):
            if link.pk is None:  # made here: the curator's, not the importer's
                claim_link_create(
                    from_claim=form.instance,
                    to_claim=link.to_claim,
                    kind=link.kind,
                    note=link.note,
                    user=request.user,
                )
            else:
                note_change(link, user=request.user, reason="Link edited")
                link.save()
        for link in formset.deleted_objects:
            note_change(link, user=request.user, reason="Link removed")
            link.delete()
        return None

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


def _without(fields: list, names: set[str]) -> list:
    """A fieldset's fields less `names`, lines of several fields included."""
    kept: list = []
    for item in fields:
        if isinstance(item, tuple | list):
            line = tuple(f for f in item if f not in names)
            if line:
                kept.append(line)
        elif item not in names:
            kept.append(item)
    return kept


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
            created = claim_link_create(
                from_claim=obj.from_claim,
                to_claim=obj.to_claim,
                kind=obj.kind,
                note=obj.note,
                user=request.user,
                reason=form.cleaned_data.get("change_reason") or "",
            )
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        if obj.from_claim_id == obj.to_claim_id:
            raise ReviewError("A claim cannot be linked to itself.")
        super().save_model(request, obj, form, change)


__all__ = ["ClaimAdmin", "ClaimLinkAdmin", "Credibility"]
