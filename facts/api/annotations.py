"""Claims as W3C Web Annotations (Web Annotation Data Model and Protocol).

Three resources: one claim's annotation (`claims/{id}/annotation/`), an article's claims as a
paged AnnotationCollection (`articles/{id}/annotations/`), and the article's cleaned text
(`articles/{id}/text/`), the resource every annotation targets. Its TextPositionSelector
counts Unicode code points in that text, as Python's string indices and the database's
LENGTH do, so the text is served as stored, in UTF-8, and nothing else.

One function (`annotation`) builds an annotation from the columns of the claim table and its
article, whether it is served alone or as an item of a collection page, so the two are the
same object; served alone it also carries its own `@context`.
"""

import hashlib
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags, parse_header_parameters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from facts.api.query import check_query
from facts.api.renderers import (
    ANNOTATION_MEDIA_TYPE,
    ANNOTATION_PROFILE,
    AnnotationRenderer,
    FastJSONRenderer,
    json_bytes,
)
from facts.api.representations import Links, quote_from_row
from facts.models import Article, Claim

ANNOTATION_CONTEXT = ANNOTATION_PROFILE  # the profile's IRI is also its context document
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
LDP = "http://www.w3.org/ns/ldp#"
OA = "http://www.w3.org/ns/oa#"
PREFER_MINIMAL = LDP + "PreferMinimalContainer"
PREFER_IRIS = OA + "PreferContainedIRIs"
PREFER_DESCRIPTIONS = OA + "PreferContainedDescriptions"
PROTOCOL = "http://www.w3.org/TR/annotation-protocol/"
PAGE_SIZE = 100
# An article holds a few hundred claims at most: a page number this long is out of range.
MAX_PAGE_DIGITS = 9

# JSON-LD first: a client that states no preference gets what the protocol describes.
RENDERERS = [AnnotationRenderer, FastJSONRenderer]

ANNOTATION_COLUMNS = (
    "id", "statement", "status", "created_at", "updated_at",
    "quote", "quote_prefix", "quote_suffix", "quote_start", "quote_end",
)  # fmt: skip
ARTICLE_COLUMNS = ("id", "title", "url", "language")
# Text order: where the quote starts, then ends; the id settles two claims on one quote.
TEXT_ORDER = ("quote_start", "quote_end", "id")

# The forms of JSON-LD an annotation document is in: the Web Annotation profile (also spelt
# with https) and compacted JSON-LD. A client asking for another (expanded, say) gets a 406.
_SERVED_PROFILES = {
    ANNOTATION_PROFILE,
    "https://www.w3.org/ns/anno.jsonld",
    "http://www.w3.org/ns/json-ld#compacted",
}


class AnnotationNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, except that `application/ld+json` with a `profile` matches only
    when every profile it lists is one these documents are in: DRF would match any
    profile, and answer a document in a form that was not asked for."""

    def get_accept_list(self, request):
        return [token for token in super().get_accept_list(request) if _served(token)]


def _served(token: str) -> bool:
    try:
        media_type, params = parse_header_parameters(token)
    except ValueError:
        return True  # DRF's own parsing decides what a malformed token matches
    profile = params.get("profile")
    if media_type != "application/ld+json" or profile is None:
        return True
    return all(uri in _SERVED_PROFILES for uri in profile.split())


# ------------------------------------------------------------------------------ building


def utc_text(moment: datetime) -> str:
    """The Data Model's dates are xsd:dateTime in UTC, written with a "Z"."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def annotation(row: Mapping[str, Any], article: Article, links: Links) -> dict[str, Any]:
    """A claim as a Web Annotation, without `@context`: its statement describes the passage
    its quote selectors find in the article's text. `row` holds ANNOTATION_COLUMNS of the
    claim, `article` at least ARTICLE_COLUMNS."""
    pk = row["id"]
    target: dict[str, Any] = {"source": links("article-text", article.pk)}
    if article.url:
        # The page the text was cleaned from: the context the passage is read in, while
        # the selectors count in the text itself.
        target["scope"] = article.url
    target["selector"] = quote_from_row(row)["selectors"]
    return {
        "id": links("claim-annotation", pk),
        "type": "Annotation",
        "motivation": "describing",
        "created": utc_text(row["created_at"]),
        "modified": utc_text(row["updated_at"]),
        "body": {
            "type": "TextualBody",
            "value": row["statement"],
            "format": "text/plain",
            "language": article.language or "en",
            "purpose": "describing",
        },
        "target": target,
        "generator": links("claim-detail", pk),
        "status": row["status"],
    }


def object_for(view, queryset):
    """What `view.get_object()` does, on a queryset that reads only what the action needs
    (the viewsets' own querysets join and prefetch what their representations show)."""
    obj = get_object_or_404(queryset, pk=view.kwargs["pk"])
    view.check_object_permissions(view.request, obj)
    return obj


def annotated_claims(user):
    """The claims `user` may see, with the columns an annotation reads."""
    return (
        Claim.objects.visible_to(user)
        .select_related("article")
        .only(*ANNOTATION_COLUMNS, *(f"article__{column}" for column in ARTICLE_COLUMNS))
    )


# ----------------------------------------------------------------------------- responses


def _opaque(tag: str) -> str:
    return tag[2:] if tag.startswith("W/") else tag


def _not_modified(request, etag: str) -> bool:
    """If-None-Match (RFC 9110, 13.1.2): compared weakly; "*" matches what exists."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = parse_etags(header)
    return "*" in tags or _opaque(etag) in {_opaque(tag) for tag in tags}


def _respond(request, data, etag: str, links: Iterable[tuple[str, str]] = ()) -> Response:
    response = Response(status=304) if _not_modified(request, etag) else Response(data)
    response["ETag"] = etag
    link_values = [f'<{target}>; rel="{rel}"' for target, rel in links]
    if link_values:
        response["Link"] = ", ".join(link_values)
    patch_vary_headers(response, ["Accept"])
    return response


def _content_etag(data) -> str:
    # Weak: the JSON-LD and the JSON answer carry the same bytes under two media types.
    return f'W/"{hashlib.sha256(json_bytes(data)).hexdigest()[:40]}"'


def annotation_response(view, request) -> Response:
    check_query(request, ())
    claim = object_for(view, annotated_claims(request.user))
    row = {column: getattr(claim, column) for column in ANNOTATION_COLUMNS}
    data = {"@context": ANNOTATION_CONTEXT, **annotation(row, claim.article, Links(request))}
    return _respond(
        request,
        data,
        _content_etag(data),
        links=[(LDP + "Resource", "type"), (OA + "Annotation", "type")],
    )


def text_response(view, request) -> Response:
    check_query(request, ())
    article = object_for(view, Article.objects.visible_to(request.user).only("id", "text"))
    body = article.text
    # The hash of the bytes served: the same as the article's `text_sha256` and each claim's
    # `anchor_text_sha256` when the anchors were made on this very text.
    etag = f'"{hashlib.sha256(body.encode("utf-8")).hexdigest()}"'
    response = Response(status=304) if _not_modified(request, etag) else Response(body)
    response["ETag"] = etag
    return response


# ---------------------------------------------------------------------------- collection


def _page_number(raw: str | None) -> int | None:
    if raw is None:
        return None
    digits = raw.lstrip("0")
    if not raw.isascii() or not raw.isdigit() or not digits:
        raise ValidationError({"page": ["A whole number from 1 (the first page)."]})
    if len(digits) > MAX_PAGE_DIGITS:
        return 10**MAX_PAGE_DIGITS  # beyond any last page: a 404 below
    return int(digits)


def _wants_iris(raw: str | None) -> bool:
    if raw is None:
        return False
    if raw != "1":
        raise ValidationError(
            {"iris": ["Give iris=1 for pages of annotation IRIs, or leave it out."]}
        )
    return True


def _preferences(request) -> set[str]:
    """The IRIs a Prefer header asks to include (RFC 7240; the protocol's container
    preferences come as `return=representation;include="…"`). Anything else is ignored, as
    RFC 7240 says a preference a server does not know must be."""
    included: set[str] = set()
    for preference in request.headers.get("Prefer", "").split(","):
        for parameter in preference.split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "include":
                included.update(value.strip().strip('"').split())
    return included


class _Collection:
    """The annotations of one article's claims that a reader may see, in text order."""

    def __init__(self, request, article: Article, iris: bool):
        self.article = article
        self.iris = iris
        self.links = Links(request)
        self.claims = Claim.objects.visible_to(request.user).filter(article=article)
        self.total = self.claims.count()
        self.pages = math.ceil(self.total / PAGE_SIZE)
        base = self.links("article-annotations", article.pk)
        self.id = f"{base}?iris=1" if iris else base
        self._page_prefix = f"{base}?iris=1&page=" if iris else f"{base}?page="

    def page_url(self, number: int) -> str:
        return f"{self._page_prefix}{number}"

    @property
    def label(self) -> str:
        return f"Claims quoted from “{self.article.title}”"

    def page(self, number: int) -> dict[str, Any]:
        """Page `number` (from 1) as the collection embeds it: no `@context`, no `partOf`."""
        start = (number - 1) * PAGE_SIZE
        ordered = self.claims.order_by(*TEXT_ORDER)
        items: list[Any]
        if self.iris:
            ids = ordered.values_list("id", flat=True)[start : start + PAGE_SIZE]
            items = [self.links("claim-annotation", pk) for pk in ids]
        else:
            rows = ordered.values(*ANNOTATION_COLUMNS)[start : start + PAGE_SIZE]
            items = [annotation(row, self.article, self.links) for row in rows]
        page: dict[str, Any] = {
            "id": self.page_url(number),
            "type": "AnnotationPage",
            "startIndex": start,
        }
        if number > 1:
            page["prev"] = self.page_url(number - 1)
        if number < self.pages:
            page["next"] = self.page_url(number + 1)
        page["items"] = items
        return page

    def container(self, minimal: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "@context": [ANNOTATION_CONTEXT, LDP_CONTEXT],  # BasicContainer is LDP's term
            "id": self.id,
            "type": ["BasicContainer", "AnnotationCollection"],
            "label": self.label,
            "total": self.total,
        }
        if self.pages:  # an empty collection has no pages to point to
            data["first"] = self.page_url(1) if minimal else self.page(1)
            data["last"] = self.page_url(self.pages)
        return data

    def standalone_page(self, number: int) -> dict[str, Any]:
        if number > self.pages:
            raise NotFound(
                "This collection is empty: it has no pages."
                if not self.pages
                else f"No page {number}: this collection has {self.pages} "
                f"page{'s' if self.pages > 1 else ''} (1 to {self.pages})."
            )
        page = self.page(number)
        part_of = {"id": self.id, "label": self.label, "total": self.total}
        head = {key: page.pop(key) for key in ("id", "type")}
        return {"@context": ANNOTATION_CONTEXT, **head, "partOf": part_of, **page}


def collection_response(view, request) -> Response:
    check_query(request, ("page", "iris"))
    number = _page_number(request.query_params.get("page"))
    iris = _wants_iris(request.query_params.get("iris"))
    article = object_for(view, Article.objects.visible_to(request.user).only(*ARTICLE_COLUMNS))
    # A page's IRI says what it holds; the collection reads the client's preferences, and
    # an `iris` in its IRI goes over them. Descriptions are the default, and win when a
    # client names both.
    included = _preferences(request) if number is None else set()
    iris = iris or (PREFER_IRIS in included and PREFER_DESCRIPTIONS not in included)
    minimal = PREFER_MINIMAL in included
    applied = bool(included & {PREFER_MINIMAL, PREFER_IRIS, PREFER_DESCRIPTIONS})
    collection = _Collection(request, article, iris)
    if number is None:
        data = collection.container(minimal)
        links = [(LDP + "BasicContainer", "type"), (PROTOCOL, LDP + "constrainedBy")]
    else:
        data = collection.standalone_page(number)
        links = []
    response = _respond(request, data, _content_etag(data), links)
    if number is None:
        # The preference chosen shows in the IRI (`?iris=1`), so each page IRI names one
        # representation, as the protocol asks.
        response["Content-Location"] = collection.id
        if applied:
            response["Preference-Applied"] = "return=representation"
    patch_vary_headers(response, ["Prefer"])
    return response


# ------------------------------------------------------------------------------- schema

_URI = {"type": "string", "format": "uri"}
_SELECTOR = {
    "oneOf": [
        {
            "type": "object",
            "required": ["type", "exact"],
            "properties": {
                "type": {"type": "string", "enum": ["TextQuoteSelector"]},
                "exact": {"type": "string"},
                "prefix": {"type": "string"},
                "suffix": {"type": "string"},
            },
        },
        {
            "type": "object",
            "required": ["type", "start", "end"],
            "properties": {
                "type": {"type": "string", "enum": ["TextPositionSelector"]},
                "start": {"type": "integer", "minimum": 0},
                "end": {"type": "integer", "minimum": 0},
            },
        },
    ]
}
ANNOTATION_SCHEMA = {
    "type": "object",
    "required": ["id", "type", "motivation", "created", "modified", "body", "target"],
    "properties": {
        "@context": {
            "type": "string",
            "enum": [ANNOTATION_CONTEXT],
            "description": "Given when the annotation is served alone.",
        },
        "id": {**_URI, "description": "The claim's `annotation/` URL."},
        "type": {"type": "string", "enum": ["Annotation"]},
        "motivation": {"type": "string", "enum": ["describing"]},
        "created": {"type": "string", "format": "date-time"},
        "modified": {"type": "string", "format": "date-time"},
        "body": {
            "type": "object",
            "required": ["type", "value"],
            "properties": {
                "type": {"type": "string", "enum": ["TextualBody"]},
                "value": {"type": "string", "description": "The claim's statement."},
                "format": {"type": "string"},
                "language": {"type": "string"},
                "purpose": {"type": "string"},
            },
        },
        "target": {
            "type": "object",
            "required": ["source", "selector"],
            "properties": {
                "source": {
                    **_URI,
                    "description": "The article's cleaned text (`articles/{id}/text/`), in "
                    "which the TextPositionSelector counts code points.",
                },
                "scope": {
                    "type": "string",
                    "description": "The article's address on the web, when it is known.",
                },
                "selector": {"type": "array", "items": _SELECTOR},
            },
        },
        "generator": {**_URI, "description": "The claim in this API."},
        "status": {"type": "string", "description": "The claim's review status."},
    },
}
_PAGE_PROPERTIES = {
    "id": _URI,
    "type": {"type": "string", "enum": ["AnnotationPage"]},
    "startIndex": {"type": "integer", "minimum": 0},
    "prev": _URI,
    "next": _URI,
    "items": {
        "type": "array",
        "items": {"anyOf": [ANNOTATION_SCHEMA, _URI]},
        "description": f"At most {PAGE_SIZE} annotations in text order, or their IRIs.",
    },
}
_COLLECTION_SCHEMA = {
    "type": "object",
    "required": ["@context", "id", "type", "label", "total"],
    "properties": {
        "@context": {"type": "array", "items": {"type": "string"}},
        "id": _URI,
        "type": {
            "type": "array",
            "items": {"type": "string", "enum": ["BasicContainer", "AnnotationCollection"]},
        },
        "label": {"type": "string"},
        "total": {"type": "integer", "minimum": 0},
        "first": {
            "anyOf": [
                _URI,
                {
                    "type": "object",
                    "required": ["id", "type", "startIndex", "items"],
                    "properties": _PAGE_PROPERTIES,
                },
            ],
            "description": "The first page, embedded unless the container was asked for "
            "minimal; absent when the collection is empty.",
        },
        "last": _URI,
    },
}
_PAGE_SCHEMA = {
    "type": "object",
    "required": ["@context", "id", "type", "partOf", "startIndex", "items"],
    "properties": {
        "@context": {"type": "string", "enum": [ANNOTATION_CONTEXT]},
        **_PAGE_PROPERTIES,
        "partOf": {
            "type": "object",
            "required": ["id", "total"],
            "properties": {
                "id": _URI,
                "label": {"type": "string"},
                "total": {"type": "integer", "minimum": 0},
            },
        },
    },
}
COLLECTION_SCHEMA = {"oneOf": [_COLLECTION_SCHEMA, _PAGE_SCHEMA]}

_IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="An ETag you hold: a 304 with no body when it is still current.",
)
_ETAG = OpenApiParameter(
    "ETag",
    str,
    location=OpenApiParameter.HEADER,
    response=[200, 304],
    description="A validator for If-None-Match.",
)
_NOT_MODIFIED = OpenApiResponse(description="Not modified: the ETag you gave is current.")
_NEGOTIATED = (
    f"Served as `{ANNOTATION_MEDIA_TYPE}` to a client that accepts it (the default, and "
    "for `application/ld+json` in any form but a profile this is not in), and as "
    "`application/json` to one that asks for that; any other Accept header is a 406."
)


def _both_types(schema: dict, description: str) -> dict:
    return {
        (200, ANNOTATION_MEDIA_TYPE): OpenApiResponse(schema, description),
        (200, "application/json"): OpenApiResponse(schema, description),
        304: _NOT_MODIFIED,
    }


ANNOTATION_DOCS: dict[str, Any] = {
    "parameters": [_IF_NONE_MATCH, _ETAG],
    "responses": _both_types(
        ANNOTATION_SCHEMA,
        "The claim as a Web Annotation. " + _NEGOTIATED,
    ),
}
COLLECTION_DOCS: dict[str, Any] = {
    "parameters": [
        OpenApiParameter(
            "page",
            {"type": "integer", "minimum": 1},
            description=f"A page of {PAGE_SIZE} annotations (an AnnotationPage, from 1); "
            "without it, the collection itself. A page past the last is a 404.",
        ),
        OpenApiParameter(
            "iris",
            {"type": "integer", "enum": [1]},
            description="1: the collection and its pages list the annotations' IRIs "
            "instead of the annotations (what `PreferContainedIRIs` gives).",
        ),
        OpenApiParameter(
            "Prefer",
            str,
            location=OpenApiParameter.HEADER,
            required=False,
            description='`return=representation;include="…"` with '
            f"`{PREFER_DESCRIPTIONS}` (the default: the first page embedded with the "
            f"annotations), `{PREFER_IRIS}` (their IRIs), or `{PREFER_MINIMAL}` (no page "
            "embedded). Read on the collection, not on its pages, whose IRIs say which.",
        ),
        _IF_NONE_MATCH,
        _ETAG,
    ],
    "responses": _both_types(
        COLLECTION_SCHEMA,
        "The collection (a BasicContainer and AnnotationCollection: total, first and last "
        "pages) or, with `page`, one AnnotationPage (partOf, startIndex, prev, next, "
        "items). " + _NEGOTIATED,
    ),
}
TEXT_DOCS: dict[str, Any] = {
    "parameters": [_IF_NONE_MATCH, _ETAG],
    "responses": {
        (200, "text/plain"): OpenApiResponse(
            OpenApiTypes.STR,
            "The article's cleaned text in UTF-8, exactly as stored: the quote selectors' "
            "offsets count its code points. The ETag is the SHA-256 of these bytes.",
        ),
        304: _NOT_MODIFIED,
    },
}


# What the annotation actions of the views share: W3C content negotiation, no paging or
# filtering of the list's kind.
ACTION_OPTIONS = {
    "renderer_classes": RENDERERS,
    "content_negotiation_class": AnnotationNegotiation,
    "pagination_class": None,
    "filter_backends": [],
}
