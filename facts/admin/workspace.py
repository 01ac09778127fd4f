"""The review workspace: an article's text with every claim highlighted by status beside its
claim cards, reviewed with the keyboard; new claims from selected words; an event's
accounts side by side with their figures. Admin views with the admin's own permissions;
every decision goes through the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from facts.choices import (
    REVIEW_REASON_TEMPLATES,
    Credibility,
    DatePrecision,
    FatalityFigure,
    Predicate,
    ReviewStatus,
)
from facts.highlight import Span, highlight, passage
from facts.ingest.proposals import SelectionError, propose_for_selection
from facts.models import Actor, Article, Claim, Country, Event
from facts.services import (
    ReviewError,
    claim_enter,
    claim_review,
    event_set_figures,
    object_review,
    participant_review,
)
from facts.workspace import article_workspace, event_workspace

# The decisions a card offers, with their keys.
REVIEW_KEYS = {
    ReviewStatus.VERIFIED: ("Verify", "v"),
    ReviewStatus.DISPUTED: ("Dispute", "d"),
    ReviewStatus.REJECTED: ("Reject", "r"),
}


def _claim_admin(model_admin):
    return model_admin.admin_site._registry[Claim]


def _may_read(model_admin, request) -> bool:
    return _claim_admin(model_admin).has_view_permission(request)


def _may_review(model_admin, request) -> bool:
    return _claim_admin(model_admin).has_change_permission(request)


def _int(value, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ReviewError(f"{name} must be a whole number.") from None


def _optional_int(value, name: str) -> int | None:
    return None if value in (None, "") else _int(value, name)


def _messages(error: ValidationError) -> list[str]:
    """A refusal's messages, each model-field message prefixed with its field's name."""
    if hasattr(error, "error_dict"):
        return [
            f"{field.replace('_', ' ')}: {message}" if field != "__all__" else message
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _review_context(model_admin, request) -> dict:
    can_review = _may_review(model_admin, request)
    return {
        "can_review": can_review,
        "review_choices": [
            {"status": str(status), "label": label, "key": key}
            for status, (label, key) in REVIEW_KEYS.items()
        ],
        "reason_templates": {str(k): list(v) for k, v in REVIEW_REASON_TEMPLATES.items()},
        "credibility_choices": Credibility.choices,
    }


def article_workspace_view(model_admin, request: HttpRequest, object_id: str):
    if not _may_read(model_admin, request):
        raise PermissionDenied
    article = get_object_or_404(
        model_admin.get_queryset(request).prefetch_related("flags"), pk=object_id
    )
    workspace = article_workspace(article)
    spans = [
        Span(
            card.claim.quote_start,
            card.claim.quote_end,
            f"#card-{card.claim.pk}",
            f"Claim {card.claim.pk} ({card.claim.get_status_display()}): "
            f"{card.claim.statement[:120]}",
            status=card.claim.status,
            key=str(card.claim.pk),
        )
        for card in workspace.cards
    ]
    context = {
        **model_admin.admin_site.each_context(request),
        **_review_context(model_admin, request),
        "title": f"Review: {article.title}",
        "opts": model_admin.opts,
        "article": article,
        "workspace": workspace,
        "cards": workspace.cards,
        "text_html": highlight(article.text, spans, css_class="ws-mark", paragraphs=False),
        "propose_url": reverse("admin:facts_article_workspace_propose", args=[article.pk]),
        "enter_url": reverse("admin:facts_article_workspace_enter", args=[article.pk]),
        "predicate_choices": Predicate.choices,
        "date_precision_choices": DatePrecision.choices,
        "statuses": ReviewStatus.choices,
    }
    return TemplateResponse(request, "admin/facts/workspace/article.html", context)


def claim_review_view(model_admin, request: HttpRequest, object_id: str, claim_id: int):
    """One decision from a card: status, reason, credibility, against the version shown."""
    if request.method != "POST":
        return _error("Send the review as a POST.", 405)
    if not _may_review(model_admin, request):
        return _error("Your role may not review claims.", 403)
    claim = Claim.objects.filter(pk=claim_id, article_id=object_id).first()
    if claim is None:
        return _error("No such claim in this article.", 404)
    try:
        reviewed = claim_review(
            claim=claim,
            user=request.user,
            status=request.POST.get("status", ""),
            reason=request.POST.get("reason", ""),
            credibility=_optional_int(request.POST.get("credibility"), "Credibility"),
            expected_version=_optional_int(request.POST.get("version"), "Version"),
        )
    except ReviewError as error:
        return _error(" ".join(error.messages), 409 if "changed" in str(error) else 400)
    return JsonResponse(
        {
            "id": reviewed.pk,
            "status": reviewed.status,
            "status_label": reviewed.get_status_display(),
            "reason": reviewed.status_reason,
            "credibility": reviewed.credibility,
            "version": reviewed.version,
            "reviewed_by": request.user.get_username(),
        }
    )


def propose_view(model_admin, request: HttpRequest, object_id: str):
    """What the importer reads in the selected words, for the curator to confirm."""
    if request.method != "POST":
        return _error("Send the selection as a POST.", 405)
    if not _may_review(model_admin, request):
        return _error("Your role may not add claims.", 403)
    article = get_object_or_404(Article, pk=object_id)
    try:
        proposal = propose_for_selection(
            article,
            _int(request.POST.get("start"), "start"),
            _int(request.POST.get("end"), "end"),
            request.POST.get("selected"),
        )
    except SelectionError as error:
        return _error(str(error))
    except ValidationError as error:
        return _error(" ".join(_messages(error)))
    data = dict(proposal.__dict__)
    for name in ("date_start", "date_end"):
        data[name] = data[name].isoformat() if data[name] else ""
    return JsonResponse(data)


def enter_view(model_admin, request: HttpRequest, object_id: str):
    """Create the confirmed claim; answer where its card is."""
    if request.method != "POST":
        return _error("Send the claim as a POST.", 405)
    if not _may_review(model_admin, request) or not _claim_admin(model_admin).has_add_permission(
        request
    ):
        return _error("Your role may not add claims.", 403)
    article = get_object_or_404(Article, pk=object_id)
    post = request.POST
    try:
        event_id = _optional_int(post.get("event"), "Event")
        claim = claim_enter(
            article=article,
            user=request.user,
            quote_start=_int(post.get("quote_start"), "quote_start"),
            quote_end=_int(post.get("quote_end"), "quote_end"),
            statement=post.get("statement", ""),
            countries=list(
                Country.objects.filter(
                    pk__in=[_int(v, "Country") for v in post.getlist("countries")]
                )
            ),
            actors=list(
                Actor.objects.filter(pk__in=[_int(v, "Actor") for v in post.getlist("actors")])
            ),
            reason=post.get("reason", ""),
            predicate=post.get("predicate", ""),
            event=Event.objects.filter(pk=event_id).first() if event_id else None,
            date_start=post.get("date_start") or None,
            date_end=post.get("date_end") or post.get("date_start") or None,
            date_precision=post.get("date_precision", "") if post.get("date_start") else "",
            date_text=post.get("date_text", ""),
        )
    except ValidationError as error:  # the services' refusals and the model's own checks
        return _error(" ".join(_messages(error)))
    url = reverse("admin:facts_article_workspace", args=[article.pk])
    return JsonResponse({"id": claim.pk, "url": f"{url}#card-{claim.pk}"}, status=201)


def _set_figures(event: Event, request: HttpRequest) -> str:
    event_set_figures(
        event=event,
        user=request.user,
        figures={
            name: _optional_int(request.POST.get(f"fatalities_{name}"), name)
            for name in FatalityFigure.values
        },
        sources={
            name: {_int(v, "Claim") for v in request.POST.getlist(f"source_{name}")}
            for name in FatalityFigure.values
        },
        reason=request.POST.get("reason", ""),
        expected_version=_optional_int(request.POST.get("version"), "Version"),
    )
    return "The toll and its sources are saved."


def _review_event(event: Event, request: HttpRequest) -> str:
    status = request.POST.get("status", "")
    object_review(
        obj=event,
        user=request.user,
        status=status,
        reason=request.POST.get("reason", ""),
        expected_version=_optional_int(request.POST.get("version"), "Version"),
    )
    return f"The event is {status}." + (
        " Its unreviewed participants are confirmed with it." if status == "verified" else ""
    )


def _review_part(event: Event, request: HttpRequest) -> str:
    part = event.participants.filter(pk=_int(request.POST.get("part"), "Part")).first()
    if part is None:
        raise ReviewError("No such participant in this event.")
    status = request.POST.get("status", "")
    participant_review(
        part=part, user=request.user, status=status, reason=request.POST.get("reason", "")
    )
    return f"{part.actor} as {part.get_role_display().lower()}: {status}."


# What a POST to an event's workspace may ask for.
EVENT_ACTIONS = {"figures": _set_figures, "review": _review_event, "part": _review_part}


def event_workspace_view(model_admin, request: HttpRequest, object_id: str):
    if not _may_read(model_admin, request):
        raise PermissionDenied
    event = get_object_or_404(
        model_admin.get_queryset(request).select_related("place"), pk=object_id
    )
    errors: list[str] = []
    if request.method == "POST":
        if not model_admin.has_change_permission(request, event):
            raise PermissionDenied
        action = request.POST.get("action", "figures")
        try:
            done = EVENT_ACTIONS[action](event, request)
        except KeyError:
            errors = [f"Unknown action {action!r}."]
        except ValidationError as error:  # the services' refusals and the model's own checks
            errors = _messages(error)
        else:
            model_admin.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(request.path)
    workspace = event_workspace(event)
    for card in [*workspace.supporting, *workspace.contradicting]:
        claim = card.claim
        card.passage = passage(  # type: ignore[attr-defined]
            claim.article.text,
            claim.quote_start,
            claim.quote_end,
            url=reverse("admin:facts_article_workspace", args=[claim.article_id])
            + f"#card-{claim.pk}",
            label=f"Claim {claim.pk}",
            context=0,  # the quote's paragraph: accounts side by side stay short
        )
    context = {
        **model_admin.admin_site.each_context(request),
        **_review_context(model_admin, request),
        "title": f"Accounts of: {event.title}",
        "opts": model_admin.opts,
        "event": event,
        "workspace": workspace,
        "figure_names": FatalityFigure.values,
        "parts": event.participants.select_related("actor", "article").order_by("role", "pk"),
        "event_statuses": [ReviewStatus.VERIFIED, ReviewStatus.DISPUTED, ReviewStatus.REJECTED],
        "can_set_figures": model_admin.has_change_permission(request, event),
        "errors": errors,
        "posted": request.POST if errors else None,
    }
    return TemplateResponse(request, "admin/facts/workspace/event.html", context)


def article_urls(model_admin) -> list:
    wrap = model_admin.admin_site.admin_view

    def bound(view):
        def handler(request, *args, **kwargs):
            return view(model_admin, request, *args, **kwargs)

        return wrap(handler)

    return [
        path(
            "<int:object_id>/workspace/",
            bound(article_workspace_view),
            name="facts_article_workspace",
        ),
        path(
            "<int:object_id>/workspace/propose/",
            bound(propose_view),
            name="facts_article_workspace_propose",
        ),
        path(
            "<int:object_id>/workspace/claims/",
            bound(enter_view),
            name="facts_article_workspace_enter",
        ),
        path(
            "<int:object_id>/workspace/review/<int:claim_id>/",
            bound(claim_review_view),
            name="facts_article_workspace_review",
        ),
    ]


def event_urls(model_admin) -> list:
    wrap = model_admin.admin_site.admin_view

    def handler(request, object_id):
        return event_workspace_view(model_admin, request, object_id)

    return [path("<int:object_id>/workspace/", wrap(handler), name="facts_event_workspace")]


def workspace_link(url_name: str, obj, text: str) -> str:
    if obj is None or obj.pk is None:
        return "—"
    return format_html(
        '<a class="button workspace-link" href="{}">{}</a>', reverse(url_name, args=[obj.pk]), text
    )
