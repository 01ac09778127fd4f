"""Claims as W3C Web Annotations through the HTTP stack: one claim's annotation, an article's
AnnotationCollection and its pages, the article text their selectors count in, and content
negotiation on the Web Annotation profile of JSON-LD."""

import hashlib
import itertools
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facts.anchors import quote_selectors
from facts.api.annotations import PAGE_SIZE
from facts.models import Claim
from tests.base import make_article, make_staff, reviewed

pytestmark = pytest.mark.django_db

API = "/api/v1"
HOST = "http://testserver"
PROFILE = "http://www.w3.org/ns/anno.jsonld"
PROFILED = f'application/ld+json; profile="{PROFILE}"'
IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs"
DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions"
MINIMAL = "http://www.w3.org/ns/ldp#PreferMinimalContainer"

# French accents (precomposed, as the importer's NFC leaves them), typographic quotes and
# dashes, and astral characters (emoji, a flag of two regional indicators, a skin tone,
# mathematical letters): one code point each for the selectors, two UTF-16 units for
# JavaScript, four bytes in UTF-8.
PHRASES = (
    "L’armée malienne a été déployée à Kidal",
    "🇲🇱 À Bamako, douze soldats ont été tués 💥",
    "Niamey a rompu avec Paris — « souveraineté » d’abord",
    "Les forces de l’𝔄𝔈𝔖 sont entrées à Ménaka",
    "Ouagadougou a dit 👍🏽 que les pourparlers ont échoué",
)
CLAIMS = 2 * PAGE_SIZE + 30  # three pages for readers with a role
HIDDEN_EVERY = 10  # every tenth claim awaits review: anonymous readers get 207 (three pages)
_numbers = itertools.count(1)


def build_article(count: int, url: str | None = None):
    """An article of `count` sentences, one claim quoting each, every HIDDEN_EVERY-th left
    unreviewed. Returns the article and its claims in text order."""
    if url is None:
        url = f"https://example.org/sahel/{next(_numbers)}"
    sentences = [f"{PHRASES[i % len(PHRASES)]} ({i})." for i in range(count)]
    text = ""
    spans = []
    for i, sentence in enumerate(sentences):
        if text:
            text += "\n\n" if i % 7 == 0 else " "
        spans.append((len(text), sentence))
        text += sentence
    article = make_article(text=text, url=url, language="fr")
    claims = []
    for i, (start, quote) in enumerate(spans):
        prefix, suffix = quote_selectors(text, start, start + len(quote))
        status = {} if i % HIDDEN_EVERY == 0 else reviewed(status="verified")
        claims.append(
            Claim(
                article=article,
                fingerprint=hashlib.sha256(f"{article.pk}-{i}".encode()).hexdigest()[:32],
                quote=quote,
                quote_prefix=prefix,
                quote_suffix=suffix,
                quote_start=start,
                quote_end=start + len(quote),
                anchor_text_sha256=article.text_sha256,
                statement=f"Déclaration n° {i} 🙂",
                **status,
            )
        )
    # Stored in reverse, so that text order is not the order of the ids.
    Claim.objects.bulk_create(reversed(claims))
    return article, list(Claim.objects.filter(article=article).order_by("quote_start"))


@pytest.fixture
def article_and_claims():
    return build_article(CLAIMS)


@pytest.fixture
def viewer():
    client = APIClient()
    token = Token.objects.create(user=make_staff("viewer"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anonymous():
    return APIClient()


def collection_url(article) -> str:
    return f"{API}/articles/{article.pk}/annotations/"


def path_of(url: str) -> str:
    assert url.startswith(HOST), url
    return url[len(HOST) :]


def every_page(client, article) -> list[dict]:
    """The standalone pages, walked from the collection by their `next` links."""
    collection = client.get(collection_url(article)).json()
    pages, url = [], collection.get("last") and collection["first"]["id"]
    while url:
        response = client.get(path_of(url))
        assert response.status_code == 200, response.content
        pages.append(response.json())
        url = pages[-1].get("next")
    return pages


def links_of(response) -> set[str]:
    return {link.strip() for link in response["Link"].split(",")}


def vary_of(response) -> set[str]:
    return {name.strip().lower() for name in response["Vary"].split(",")}


# ------------------------------------------------------------------------- the collection


def test_the_collection_is_a_container_with_its_first_page_embedded(anonymous, article_and_claims):
    article, claims = article_and_claims
    response = anonymous.get(collection_url(article), HTTP_ACCEPT=PROFILED)
    assert response.status_code == 200
    assert response["Content-Type"] == PROFILED
    assert '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"' in links_of(response)
    assert {"accept", "prefer"} <= vary_of(response)
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["ETag"].startswith('W/"')
    data = response.json()
    base = HOST + collection_url(article)
    visible = [c for c in claims if c.status == "verified"]
    assert data["@context"] == [PROFILE, "http://www.w3.org/ns/ldp.jsonld"]
    assert data["id"] == base and response["Content-Location"] == base
    assert data["type"] == ["BasicContainer", "AnnotationCollection"]
    assert data["total"] == len(visible) == 207
    assert data["label"] == f"Claims quoted from “{article.title}”"
    assert data["last"] == f"{base}?page=3"
    first = data["first"]
    assert first["type"] == "AnnotationPage" and first["id"] == f"{base}?page=1"
    assert first["startIndex"] == 0 and first["next"] == f"{base}?page=2"
    assert "prev" not in first and "partOf" not in first and "@context" not in first
    assert len(first["items"]) == PAGE_SIZE
    assert first["items"][0]["type"] == "Annotation"


def test_pages_hold_every_visible_claim_once_in_text_order(anonymous, viewer, article_and_claims):
    article, claims = article_and_claims
    base = HOST + collection_url(article)
    for client, shown in (
        (anonymous, [c for c in claims if c.status == "verified"]),
        (viewer, claims),
    ):
        pages = every_page(client, article)
        assert [len(page["items"]) for page in pages] == [100, 100, len(shown) - 200]
        for number, page in enumerate(pages, start=1):
            assert page["@context"] == PROFILE
            assert page["id"] == f"{base}?page={number}" and page["type"] == "AnnotationPage"
            assert page["partOf"] == {
                "id": base,
                "label": f"Claims quoted from “{article.title}”",
                "total": len(shown),
            }
            assert page["startIndex"] == (number - 1) * PAGE_SIZE
            assert page.get("prev") == (f"{base}?page={number - 1}" if number > 1 else None)
            assert page.get("next") == (f"{base}?page={number + 1}" if number < 3 else None)
        items = [item for page in pages for item in page["items"]]
        assert [item["id"] for item in items] == [
            f"{HOST}{API}/claims/{claim.pk}/annotation/" for claim in shown
        ]
        # The embedded first page is page 1 without what its context gives.
        first = client.get(collection_url(article)).json()["first"]
        assert first == {k: v for k, v in pages[0].items() if k not in ("@context", "partOf")}


def test_each_selector_finds_its_quote_in_the_served_text(viewer, article_and_claims):
    article, _ = article_and_claims
    response = viewer.get(f"{API}/articles/{article.pk}/text/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content
    assert response["ETag"] == f'"{hashlib.sha256(body).hexdigest()}"'
    assert response["ETag"] == f'"{article.text_sha256}"'
    text = body.decode("utf-8")
    assert text == article.text and not body.startswith(b"\xef\xbb\xbf")
    assert any(ord(character) > 0xFFFF for character in text)  # astral characters in there
    items = [item for page in every_page(viewer, article) for item in page["items"]]
    assert len(items) == CLAIMS
    for item in items:
        target = item["target"]
        assert target["source"] == f"{HOST}{API}/articles/{article.pk}/text/"
        assert target["scope"] == article.url
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        assert text[position["start"] : position["end"]] == quote["exact"]
        assert text[: position["start"]].endswith(quote["prefix"])
        assert text[position["end"] :].startswith(quote["suffix"])
        assert item["body"]["language"] == "fr"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", item["created"])


def test_an_article_without_a_web_address_has_no_scope(anonymous):
    article, _ = build_article(3, url="")
    item = anonymous.get(collection_url(article)).json()["first"]["items"][0]
    assert "scope" not in item["target"]
    assert item["target"]["source"].endswith(f"/articles/{article.pk}/text/")


def test_a_claims_annotation_is_its_item_in_the_collection(anonymous, article_and_claims):
    article, claims = article_and_claims
    items = {item["id"]: item for page in every_page(anonymous, article) for item in page["items"]}
    for claim in [c for c in claims if c.status == "verified"][::37]:
        response = anonymous.get(f"{API}/claims/{claim.pk}/annotation/")
        assert response.status_code == 200
        assert response["Content-Type"] == PROFILED
        assert '<http://www.w3.org/ns/ldp#Resource>; rel="type"' in links_of(response)
        assert "accept" in vary_of(response) and response["ETag"]
        alone = response.json()
        assert alone.pop("@context") == PROFILE
        assert alone == items[alone["id"]]
        assert alone["body"]["value"] == claim.statement
        assert alone["generator"] == f"{HOST}{API}/claims/{claim.pk}/"


def test_readers_without_a_role_see_neither_hidden_claims_nor_hidden_articles(
    anonymous, viewer, article_and_claims
):
    _, claims = article_and_claims
    hidden = claims[0]
    assert hidden.status == "unreviewed"
    assert anonymous.get(f"{API}/claims/{hidden.pk}/annotation/").status_code == 404
    assert viewer.get(f"{API}/claims/{hidden.pk}/annotation/").status_code == 200
    unpublished = make_article(text="Rien de vérifié ici.")
    for path in (f"{API}/articles/{unpublished.pk}/text/", collection_url(unpublished)):
        response = anonymous.get(path)
        assert response.status_code == 404 and response.json()["detail"]
        assert viewer.get(path).status_code == 200


def test_an_empty_collection_has_no_pages(viewer):
    article = make_article(text="Un article sans affirmation.")
    data = viewer.get(collection_url(article)).json()
    assert data["total"] == 0 and "first" not in data and "last" not in data
    response = viewer.get(collection_url(article) + "?page=1")
    assert response.status_code == 404
    assert response.json() == {"detail": "This collection is empty: it has no pages."}


# ------------------------------------------------------------------------- preferences


def test_prefer_contained_iris_and_minimal_container(anonymous, article_and_claims):
    article, claims = article_and_claims
    base = HOST + collection_url(article)
    response = anonymous.get(
        collection_url(article), HTTP_PREFER=f'return=representation;include="{IRIS}"'
    )
    data = response.json()
    assert data["id"] == f"{base}?iris=1" and response["Content-Location"] == data["id"]
    assert response["Preference-Applied"] == "return=representation"
    assert data["first"]["id"] == f"{base}?iris=1&page=1"
    assert data["first"]["next"] == f"{base}?iris=1&page=2"
    assert data["last"] == f"{base}?iris=1&page=3"
    shown = [c for c in claims if c.status == "verified"]
    assert data["first"]["items"] == [
        f"{HOST}{API}/claims/{c.pk}/annotation/" for c in shown[:PAGE_SIZE]
    ]
    page = anonymous.get(path_of(data["last"])).json()
    assert page["items"] == [f"{HOST}{API}/claims/{c.pk}/annotation/" for c in shown[200:]]
    assert page["partOf"]["id"] == f"{base}?iris=1"
    assert page["prev"] == f"{base}?iris=1&page=2"
    # The IRI says which: the same collection through its own IRI, whatever the preference.
    assert anonymous.get(path_of(data["id"])).json() == data
    minimal = anonymous.get(
        collection_url(article),
        HTTP_PREFER=f'return=representation; include="{MINIMAL} {DESCRIPTIONS}"',
    ).json()
    assert minimal["id"] == base
    assert minimal["first"] == f"{base}?page=1" and minimal["last"] == f"{base}?page=3"
    # Descriptions are the default, and preferences nobody knows are ignored.
    default = anonymous.get(collection_url(article)).json()
    for prefer in ("handling=lenient", 'return=representation;include="x"', ";;=,"):
        assert anonymous.get(collection_url(article), HTTP_PREFER=prefer).json() == default


# ------------------------------------------------------------------- content negotiation


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (PROFILED, PROFILED),
        (f"application/ld+json;profile={PROFILE}", PROFILED),
        ("application/ld+json", PROFILED),
        ("*/*", PROFILED),
        (None, PROFILED),
        ("application/json", "application/json"),
        ("text/html, application/json;q=0.9", "application/json"),
    ],
)
def test_the_annotation_resources_answer_the_profile_and_json(
    anonymous, article_and_claims, accept, content_type
):
    article, claims = article_and_claims
    claim = claims[1]
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    bodies = set()
    for path in (
        f"{API}/claims/{claim.pk}/annotation/",
        collection_url(article),
        collection_url(article) + "?page=2",
    ):
        response = anonymous.get(path, **headers)
        assert response.status_code == 200, (path, response.content)
        assert response["Content-Type"] == content_type, path
        assert "accept" in vary_of(response)
        bodies.add((path, response.content))
    # The same bytes whichever of the two types was asked for.
    for path, body in bodies:
        assert anonymous.get(path, HTTP_ACCEPT="application/json").content == body


@pytest.mark.parametrize(
    "accept",
    [
        "text/csv",
        "text/plain",
        'application/ld+json; profile="http://www.w3.org/ns/json-ld#expanded"',
        'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
    ],
)
def test_an_accept_header_nothing_matches_is_a_json_406(anonymous, article_and_claims, accept):
    article, claims = article_and_claims
    for path in (
        f"{API}/claims/{claims[1].pk}/annotation/",
        collection_url(article),
        collection_url(article) + "?page=1",
    ):
        response = anonymous.get(path, HTTP_ACCEPT=accept)
        assert response.status_code == 406, path
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]
    text = anonymous.get(f"{API}/articles/{article.pk}/text/", HTTP_ACCEPT="application/json")
    assert text.status_code == 406 and text["Content-Type"] == "application/json"


def test_the_text_and_errors_about_it(anonymous, article_and_claims):
    article, _ = article_and_claims
    url = f"{API}/articles/{article.pk}/text/"
    for accept in ("text/plain", "text/*", "*/*"):
        response = anonymous.get(url, HTTP_ACCEPT=accept)
        assert response.status_code == 200 and response.content.decode() == article.text
    missing = anonymous.get(f"{API}/articles/999999999/text/", HTTP_ACCEPT="text/plain")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert missing.json()["detail"]


def test_head_and_options(anonymous, article_and_claims):
    article, claims = article_and_claims
    for path in (
        f"{API}/claims/{claims[1].pk}/annotation/",
        collection_url(article),
        collection_url(article) + "?page=2",
        f"{API}/articles/{article.pk}/text/",
    ):
        got = anonymous.get(path)
        head = anonymous.head(path)
        assert head.status_code == 200 and head.content == b""
        assert head["ETag"] == got["ETag"] and head["Content-Type"] == got["Content-Type"]
        options = anonymous.options(path)
        assert options.status_code == 200 and options["Allow"] == "GET, HEAD, OPTIONS"
        assert options["Content-Type"] == "application/json"
        assert anonymous.post(path, {}, format="json").status_code in (401, 405)


def test_if_none_match_answers_304_while_the_etag_is_current(anonymous, article_and_claims):
    article, claims = article_and_claims
    for path in (
        f"{API}/claims/{claims[1].pk}/annotation/",
        collection_url(article),
        f"{API}/articles/{article.pk}/text/",
    ):
        etag = anonymous.get(path)["ETag"]
        unchanged = anonymous.get(path, HTTP_IF_NONE_MATCH=etag)
        assert unchanged.status_code == 304 and unchanged.content == b""
        assert unchanged["ETag"] == etag
        assert anonymous.get(path, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    before = anonymous.get(collection_url(article))["ETag"]
    claims[1].statement = "Une autre formulation."
    claims[1].save()
    after = anonymous.get(collection_url(article), HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


# ---------------------------------------------------------------------- query strings


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("page=0", 400, "A whole number from 1"),
        ("page=-1", 400, "A whole number from 1"),
        ("page=abc", 400, "A whole number from 1"),
        ("page=1.5", 400, "A whole number from 1"),
        ("page=", 400, "A whole number from 1"),
        ("page=٣", 400, "A whole number from 1"),  # a digit, but not an ASCII one
        ("page=1&page=2", 400, "Give “page” once."),
        ("iris=2", 400, "iris=1"),
        ("pages=2", 400, "Unknown parameter “pages”"),
        ("page=4", 404, "No page 4: this collection has 3 pages (1 to 3)."),
        ("page=" + "9" * 40, 404, "this collection has 3 pages"),
    ],
)
def test_bad_pages_and_unknown_parameters_are_refused_with_a_reason(
    anonymous, article_and_claims, query, status, message
):
    article, _ = article_and_claims
    response = anonymous.get(f"{collection_url(article)}?{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert message in str(response.json())


def test_a_page_number_is_read_whatever_its_leading_zeros(anonymous, article_and_claims):
    article, _ = article_and_claims
    page = anonymous.get(collection_url(article) + "?page=" + "0" * 40 + "2").json()
    assert page["id"] == f"{HOST}{collection_url(article)}?page=2"


def test_the_other_resources_take_no_query_parameters(anonymous, article_and_claims):
    article, claims = article_and_claims
    for path in (f"{API}/claims/{claims[1].pk}/annotation/", f"{API}/articles/{article.pk}/text/"):
        response = anonymous.get(path + "?page=1")
        assert response.status_code == 400 and "Unknown parameter “page”" in str(response.json())


def test_queries_per_page_do_not_grow_with_the_page_or_the_article(
    anonymous, viewer, article_and_claims
):
    article, claims = article_and_claims
    small, _ = build_article(12)
    paths = [
        collection_url(article),
        collection_url(article) + "?page=1",
        collection_url(article) + "?page=3",
        collection_url(article) + "?iris=1&page=2",
        collection_url(small),
        collection_url(small) + "?page=1",
    ]
    for client, expected in ((anonymous, 3), (viewer, None)):
        client.get(paths[0])  # a token's account and role are then remembered, as in service
        counts = []
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            counts.append(len(queries))
        # The article, the count of its claims, one page of them.
        assert len(set(counts)) == 1, counts
        if expected is not None:
            assert counts[0] == expected
    with CaptureQueriesContext(connection) as queries:
        assert anonymous.get(f"{API}/claims/{claims[1].pk}/annotation/").status_code == 200
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        assert anonymous.get(f"{API}/articles/{article.pk}/text/").status_code == 200
    assert len(queries) == 1


def test_the_schema_documents_the_media_types(anonymous):
    schema = anonymous.get(f"{API}/schema/", HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    for path in ("/api/v1/claims/{id}/annotation/", "/api/v1/articles/{id}/annotations/"):
        content = paths[path]["get"]["responses"]["200"]["content"]
        assert set(content) == {PROFILED, "application/json"}
        assert "406" in paths[path]["get"]["responses"]
    text = paths["/api/v1/articles/{id}/text/"]["get"]["responses"]["200"]["content"]
    assert set(text) == {"text/plain"}
    parameters = {
        p["name"]: p for p in paths["/api/v1/articles/{id}/annotations/"]["get"]["parameters"]
    }
    assert parameters["page"]["schema"] == {"type": "integer", "minimum": 1}
