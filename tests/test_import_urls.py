"""`import_articles https://…`: pages fetched within bounds, refused with a precise reason, and
imported again as new versions when their text changes.

Real HTTP, no mocks: each test starts a server on 127.0.0.1 in a thread, with the routes it
needs, and the fetch settings allow that loopback address (IMPORT_FETCH_ALLOW_PRIVATE) except
where the refusal is what is tested. No test sends anything anywhere else: refused addresses
are refused before any connection is made.
"""

import contextlib
import gzip
import io
import json
import shutil
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from facts.anchors import fingerprint, quote_selectors
from facts.choices import LinkKind, Origin, QualityFlag, ReviewStatus
from facts.models import Article, Claim, ClaimLink

Route = Callable[[BaseHTTPRequestHandler], None]


class PageServer(ThreadingHTTPServer):
    """An HTTP server on a free loopback port whose routes a test sets."""

    daemon_threads = True  # a slow route still sleeping does not hold the test's end

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def handle_error(self, request, client_address):
        pass  # a client that gave up on a slow route: expected, and nothing to print


class _Handler(BaseHTTPRequestHandler):
    server: PageServer

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        route(self)

    def log_message(self, format, *args):
        pass


def page(body: bytes | str, content_type: str = "text/html; charset=utf-8", **headers) -> Route:
    raw = body.encode("utf-8") if isinstance(body, str) else body

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        if content_type:
            handler.send_header("Content-Type", content_type)
        length = headers.pop("length", True)
        for name, value in headers.items():
            handler.send_header(name.replace("_", "-"), value)
        if length:
            handler.send_header("Content-Length", str(len(raw)))
        handler.end_headers()
        handler.wfile.write(raw)

    return respond


def redirect(location: str, status: int = 302) -> Route:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return respond


def slow(seconds: float) -> Route:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        page(story(1))(handler)

    return respond


def trickle(seconds: float) -> Route:
    """Headers at once, then a byte every tenth of a second: every read is quick."""

    def respond(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        ends = time.monotonic() + seconds
        while time.monotonic() < ends:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)

    return respond


@pytest.fixture
def server() -> Iterator[PageServer]:
    pages = PageServer()
    thread = threading.Thread(target=pages.serve_forever, daemon=True)
    thread.start()
    try:
        yield pages
    finally:
        pages.shutdown()
        pages.server_close()


@pytest.fixture
def fetching(settings):
    """The fetch settings of these tests: the loopback server allowed, a short timeout."""
    settings.IMPORT_FETCH_ALLOW_PRIVATE = True
    settings.IMPORT_FETCH_TIMEOUT = 5
    return settings


def run_json(*args, **options) -> dict:
    out = io.StringIO()
    # The JSON report is written before a failed file fails the command.
    with contextlib.suppress(CommandError):
        call_command(
            "import_articles", *args, json=True, stdout=out, stderr=io.StringIO(), **options
        )
    return json.loads(out.getvalue())


def reason_of(*args, **options) -> str:
    (report,) = run_json(*args, **options)["files"]
    assert report["status"] == "failed", report
    return report["reason"]


# A news page whose paragraphs a test may change between two imports.
PARAGRAPHS = {
    "p1": "Mali's transitional government ordered the French ambassador to leave the country "
    "within 72 hours on 31 January 2022, state television said.",
    "p2": "The decision came after French Foreign Minister Jean-Yves Le Drian called the junta "
    "illegitimate, the government said in a statement.",
    "p3": "Denmark withdrew its special forces from Mali on 27 January 2022 after the junta "
    "demanded their departure.",
    "p4": "France had about 4,300 troops in the Sahel region in January 2022, most of them in "
    "Mali.",
    "p5": "The European Union said on 1 February 2022 that it was reviewing its training "
    "mission in Mali.",
}


def story(version: int, canonical: str = "", extra: str = "", **paragraphs: str) -> str:
    text = {**PARAGRAPHS, **paragraphs}
    body = "".join(f"<p>{sentence}</p>" for sentence in text.values() if sentence)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Mali expels French ambassador | Sahel Wire</title>"
        "<meta property='og:site_name' content='Sahel Wire'>"
        "<meta property='article:published_time' content='2022-01-31T14:05:00Z'>"
        f"{link}</head><body><nav><ul><li><a href='/world'>World</a></li>"
        "<li><a href='/business'>Business</a></li></ul></nav>"
        f"<article><h1>Mali expels French ambassador</h1>{body}</article>"
        f"<footer>© Sahel Wire. Version {version}.{extra}</footer></body></html>"
    )


# ------------------------------------------------------------------------------ fetching


@pytest.mark.django_db
def test_a_page_is_fetched_and_stored_with_its_snapshot(reference_data, server, fetching):
    body = story(1, canonical=server.url("/story"))
    server.routes["/story"] = page(body)
    report = run_json(server.url("/story"))
    assert report["files"][0]["status"] == "created", report
    article = Article.objects.get()
    assert article.title == "Mali expels French ambassador"
    assert bytes(article.snapshot) == body.encode()
    assert article.snapshot_type == "text/html; charset=utf-8"
    assert (article.url, article.fetched_url) == (server.url("/story"), server.url("/story"))
    assert (article.site_name, article.publisher) == ("Sahel Wire", "Sahel Wire")
    assert article.published_start.isoformat() == "2022-01-31"
    assert PARAGRAPHS["p1"] in article.text and "Business" not in article.text
    assert article.claims.exists()
    (_, headers), *_ = server.requests
    assert headers["User-Agent"].startswith("SahelFacts-importer/")


@pytest.mark.django_db
def test_a_redirect_is_followed_and_both_addresses_are_kept(reference_data, server, fetching):
    server.routes["/story"] = page(story(1))  # no canonical address: the final one is used
    server.routes["/old-address"] = redirect("/story", 301)
    assert run_json(server.url("/old-address"))["files"][0]["status"] == "created"
    article = Article.objects.get()
    assert article.fetched_url == server.url("/old-address")
    assert article.url == server.url("/story")


@pytest.mark.django_db
def test_a_redirect_to_another_scheme_is_refused(server, fetching):
    server.routes["/ftp"] = redirect("ftp://127.0.0.1/story.html")
    server.routes["/file"] = redirect("file:///etc/passwd", 307)
    assert reason_of(server.url("/ftp")) == "redirect to ftp: refused"
    assert reason_of(server.url("/file")) == "redirect to file: refused"
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_redirects_are_followed_five_times_at_most(server, fetching):
    for hop in range(7):
        server.routes[f"/hop{hop}"] = redirect(f"/hop{hop + 1}")
    assert reason_of(server.url("/hop0")) == "too many redirects (more than 5)"
    assert len(server.requests) == 6  # the address and five redirects, each fetched once


@pytest.mark.django_db
def test_an_oversized_page_is_refused_whether_or_not_it_says_its_length(server, fetching):
    big = story(1) + "<!--" + "x" * 20_000 + "-->"
    server.routes["/said"] = page(big)
    server.routes["/unsaid"] = page(big, length=False)  # read until the server closes
    server.routes["/bomb"] = page(
        gzip.compress(b" " * 5_000_000), Content_Encoding="gzip"
    )  # 5 MB of spaces, a few kilobytes on the wire
    for path in ("/said", "/unsaid", "/bomb"):
        assert reason_of(server.url(path), max_bytes=10_000) == (
            "too large (over the limit of 10,000 bytes; see --max-bytes)"
        ), path


@pytest.mark.django_db
def test_a_compressed_page_is_read(reference_data, server, fetching):
    server.routes["/gz"] = page(gzip.compress(story(1).encode()), Content_Encoding="gzip")
    assert run_json(server.url("/gz"))["files"][0]["status"] == "created"
    assert bytes(Article.objects.get().snapshot) == story(1).encode()


@pytest.mark.django_db
def test_a_slow_server_times_out_within_the_setting(server, fetching):
    fetching.IMPORT_FETCH_TIMEOUT = 0.5
    server.routes["/slow"] = slow(5)
    server.routes["/trickle"] = trickle(5)
    for path in ("/slow", "/trickle"):
        started = time.monotonic()
        assert reason_of(server.url(path)) == "timed out after 0.5 s", path
        assert time.monotonic() - started < 2.5, path  # the whole fetch, not each read


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("http://10.0.0.5/news.html", "refused: 10.0.0.5 is a private address"),
        ("http://192.168.1.20/", "refused: 192.168.1.20 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local"),
        ("http://[::ffff:10.1.2.3]/", "refused: 10.1.2.3 is a private address"),
        ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
        ("http://100.64.0.1/", "refused: 100.64.0.1 is a non-public address"),
        ("https://user:secret@example.org/", "refused: addresses with a user name or password"),
    ],
)
def test_an_address_inside_private_networks_is_refused_before_connecting(settings, address, reason):
    settings.IMPORT_FETCH_ALLOW_PRIVATE = False
    assert reason_of(address).startswith(reason)


@pytest.mark.django_db
def test_the_loopback_address_is_refused_unless_allowed(server, settings):
    settings.IMPORT_FETCH_ALLOW_PRIVATE = False
    server.routes["/story"] = page(story(1))
    assert reason_of(server.url("/story")) == "refused: 127.0.0.1 is a loopback address"
    local = server.url("/story").replace("127.0.0.1", "localhost")
    assert reason_of(local).endswith("is a loopback address")  # by name too
    assert server.requests == []  # nothing was sent


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content_type", "reason"),
    [
        ("application/pdf", "not a page to import: content type application/pdf (only"),
        ("application/json", "not a page to import: content type application/json (only"),
        ("image/png", "not a page to import: content type image/png (only"),
        ("", "no content type (only text/html, text/plain are imported)"),
    ],
)
def test_only_html_and_plain_text_are_imported(server, fetching, content_type, reason):
    server.routes["/doc"] = page(b"%PDF-1.7 not a page", content_type=content_type)
    assert reason_of(server.url("/doc")).startswith(reason)


@pytest.mark.django_db
def test_plain_text_is_read_in_the_charset_the_server_sends(reference_data, server, fetching):
    text = "Côte d’Ivoire lifts curfew\n\n" + PARAGRAPHS["p1"] + "\n"
    server.routes["/note.txt"] = page(
        text.encode("cp1252"), content_type="text/plain; charset=ISO-8859-1"
    )
    assert run_json(server.url("/note.txt"))["files"][0]["status"] == "created"
    article = Article.objects.get()
    assert article.title == "Côte d’Ivoire lifts curfew"
    assert article.snapshot_type == "text/plain; charset=windows-1252"
    assert article.url == server.url("/note.txt")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (bytes(range(128, 256)) * 30, "the page's character encoding cannot be told"),
        (b"", "empty page (HTTP 200 with no content)"),
        (b"<html><body><p>unclosed <div><<<>>></p", "no article text found in the page ("),
        (
            b"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
            "no article text found in the page (2 words on the whole page, none in",
        ),
        (b"<html>\x00\x01\x02</html>", "binary file (a NUL byte at offset 6), not text"),
    ],
    ids=["garbage", "empty", "malformed", "menu-only", "binary"],
)
def test_a_page_that_is_no_article_is_refused_with_its_reason(server, fetching, body, reason):
    server.routes["/page"] = page(body)
    assert reason_of(server.url("/page")).startswith(reason)


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("openssl") is None, reason="makes its certificate with openssl")
def test_a_site_whose_certificate_cannot_be_verified_is_refused(server, fetching, tmp_path):
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.routes["/story"] = page(story(1))
    address = server.url("/story").replace("http://", "https://")
    assert reason_of(address).startswith("the site's certificate cannot be verified (")


@pytest.mark.django_db
def test_an_error_status_is_the_reason(server, fetching):
    assert reason_of(server.url("/nowhere")) == "HTTP 404 Not Found"


@pytest.mark.django_db
def test_one_bad_address_never_stops_the_run(reference_data, server, fetching):
    server.routes["/story"] = page(story(1))
    server.routes["/pdf"] = page(b"%PDF", content_type="application/pdf")
    report = run_json(server.url("/nowhere"), server.url("/story"), server.url("/pdf"))
    assert [f["status"] for f in report["files"]] == ["failed", "created", "failed"]
    with pytest.raises(CommandError, match=r"2 of 3 file\(s\) failed: .*HTTP 404 Not Found"):
        call_command(
            "import_articles",
            *(server.url(path) for path in ("/nowhere", "/story", "/pdf")),
            verbosity=0,
        )


@pytest.mark.django_db
def test_pages_are_fetched_by_the_importer_when_workers_analyse(reference_data, server, fetching):
    server.routes["/one"] = page(story(1))
    server.routes["/two"] = page(story(2, p1=""))
    report = run_json(server.url("/one"), server.url("/two"), workers=2)
    assert [f["status"] for f in report["files"]] == ["created", "created"]
    assert sorted(Article.objects.values_list("fetched_url", "snapshot_type")) == [
        (server.url("/one"), "text/html; charset=utf-8"),
        (server.url("/two"), "text/html; charset=utf-8"),
    ]


# ------------------------------------------------------------------------------ versions


def _curator_claim(article: Article, quote: str) -> Claim:
    """A claim a curator entered on words the importer proposed no claim for."""
    start = article.text.index(quote)
    prefix, suffix = quote_selectors(article.text, start, start + len(quote))
    return Claim.objects.create(
        article=article,
        fingerprint=fingerprint(quote, 1),
        quote=quote,
        quote_start=start,
        quote_end=start + len(quote),
        quote_prefix=prefix,
        quote_suffix=suffix,
        anchor_text_sha256=article.text_sha256,
        statement="Denmark's forces left Mali at the junta's demand.",
        origin=Origin.CURATOR,
    )


@pytest.mark.django_db
def test_a_page_whose_text_changed_becomes_a_new_version(reference_data, server, fetching):
    canonical = server.url("/story")
    server.routes["/story"] = page(story(1, canonical=canonical))
    run_json(canonical)
    old = Article.objects.get()
    kept = old.claims.get(quote=PARAGRAPHS["p1"])  # a sentence the next version keeps
    dropped = old.claims.get(quote=PARAGRAPHS["p5"])  # one it drops
    Claim.objects.filter(pk=dropped.pk).update(
        status=ReviewStatus.VERIFIED, reviewed_at=datetime.now(UTC)
    )
    entered = _curator_claim(old, "after the junta demanded their departure")
    old_claims = set(old.claims.values_list("pk", "article_id", "quote_start", "status"))

    server.routes["/story"] = page(
        story(
            2,
            canonical=canonical,
            p4="France had about 4,500 troops in the Sahel region in January 2022.",
            p5="",
        )
    )
    report = run_json(canonical)
    (file,) = report["files"]
    assert (file["status"], file["previous_version"]) == ("created", old.pk)
    assert report["summary"]["new_versions"] == 1
    new = Article.objects.exclude(pk=old.pk).get()
    old.refresh_from_db()

    # The old version is whole and superseded; the new one follows it, at the same address.
    assert new.previous_version == old and old.next_version == new
    assert old.superseded_at is not None and new.superseded_at is None
    assert old.url == new.url == canonical
    assert set(old.claims.values_list("pk", "article_id", "quote_start", "status")) == old_claims
    assert "4,500 troops" in new.text and "4,500 troops" not in old.text

    # A quote the new text still has, once: a claim of its own there, tied to the old one.
    follower = new.claims.get(quote=kept.quote)
    assert ClaimLink.objects.filter(
        from_claim=follower, to_claim=kept, kind=LinkKind.COPIES
    ).exists()
    # The curator's claim is carried, unreviewed, with its wording.
    carried = new.claims.get(quote=entered.quote)
    assert (carried.origin, carried.status, carried.statement) == (
        Origin.CURATOR,
        ReviewStatus.UNREVIEWED,
        entered.statement,
    )
    assert new.text[carried.quote_start : carried.quote_end] == entered.quote
    assert ClaimLink.objects.filter(from_claim=carried, to_claim=entered).exists()
    # The verified quote the page no longer has is reported, not moved.
    assert not new.claims.filter(quote=dropped.quote).exists()
    assert any(
        f"claim {dropped.pk} of article {old.pk} (verified): its quote is no longer in the page"
        in note
        for note in file["notes"]
    ), file["notes"]
    # ... and flagged on the new version, where curators see it.
    flag = new.flags.get(code=QualityFlag.EARLIER_CLAIMS_LEFT)
    assert f"claim {dropped.pk} of article {old.pk}" in flag.detail

    # One witness: the versions never corroborate each other.
    assert new.copy_of == old
    assert not ClaimLink.objects.filter(
        kind=LinkKind.CORROBORATES, from_claim__article=new, to_claim__article=old
    ).exists()


@pytest.mark.django_db
def test_a_page_whose_bytes_changed_but_not_its_text_is_unchanged(reference_data, server, fetching):
    server.routes["/story"] = page(story(1, extra="<!-- ad slot 1 -->"))
    run_json(server.url("/story"))
    server.routes["/story"] = page(story(1, extra="<!-- ad slot 2, served 12:04:55 -->"))
    (file,) = run_json(server.url("/story"))["files"]
    article = Article.objects.get()
    assert (file["status"], file["article_id"]) == ("unchanged", article.pk)
    assert "bytes differ from those of article" in file["notes"][0]
    assert article.superseded_at is None
    # And the very same bytes: unchanged, as for a file.
    (again,) = run_json(server.url("/story"))["files"]
    assert again["status"] == "unchanged"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_new_version_on_a_dry_run_writes_nothing(reference_data, server, fetching):
    server.routes["/story"] = page(story(1))
    run_json(server.url("/story"))
    server.routes["/story"] = page(story(2, p3=""))
    report = run_json(server.url("/story"), dry_run=True)
    assert report["files"][0]["previous_version"] is not None
    assert Article.objects.count() == 1
    assert Article.objects.get().superseded_at is None
