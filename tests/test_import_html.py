"""Web pages saved as .html or .htm: the article's text without the page's furniture, what the
page states about it (title, date, author, address, site), its bytes kept as a snapshot.

The pages in tests/pages/ were written for these tests, each in the markup of a different
kind of site; the reader is pure (no database) except in the import tests at the end.
"""

import contextlib
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from facts.ingest.reading import ReadError, Received, read_document
from facts.ingest.reading.charsets import decode_page
from facts.models import Article

PAGES = Path(__file__).resolve().parent / "pages"

# For each page: its title, publication date, author and canonical address, sentences its
# body must have, and what must not be in it (menus, comments, related links, captions, share
# buttons, newsletter and cookie boxes, paywall notices).
EXPECTED = {
    "wire_story.html": {
        "title": "Mali's junta orders French ambassador to leave within 72 hours",
        "published": "2022-01-31",  # not the update of February 1
        "author": "Tiemoko Diallo",
        "url": "https://www.sahelwire.example/world/africa/mali-expels-french-ambassador-2022-01-31/",
        "site": "Sahel Wire",
        "has": [
            "BAMAKO, Jan 31 (Sahel Wire) - Mali's transitional government on Monday ordered",
            "France has about 4,300 troops in the Sahel region",
            "The European Union said it was reviewing its military training mission",
        ],
        "lacks": [
            "Breakingviews",  # the sections menu
            "Sign In",
            "Supporters of the junta gather",  # a caption
            "Read Next",
            "ECOWAS imposes sanctions on Mali over election delay",  # related links
            "Burkina Faso suspends broadcaster",  # "More from"
            "Purchase Licensing Rights",
            "Trust Principles",
            "All quotes delayed",
        ],
    },
    "think_tank_analysis.html": {
        "title": "The Sahel's Shifting Alliances After the Coups",
        "published": "2024-06-12",
        "author": "Aminata Kane; Paul Harris",
        "url": "https://www.sahelstudies.example/analysis/sahel-shifting-alliances",
        "site": "Centre for Sahel Studies",
        "has": [
            "France withdrew the last soldiers of Operation Barkhane from Mali in August 2022",
            "From Barkhane to the Africa Corps",  # a heading of the analysis, on its own line
            "On 16 September 2023, the three governments signed the Liptako-Gourma Charter",
        ],
        "lacks": [
            "Support Our Work",
            "Download PDF",
            "is a senior fellow",  # the authors' bios
            "Related Analysis",
            "Wagner in Mali: Two Years On",
            "Get the Sahel Brief",
            "Subscribe",
            "nonprofit policy research",
        ],
    },
    "encyclopedia.html": {
        "title": "2023 Nigerien coup d'état",  # without " - Openpedia"
        "published": "2023-07-26",  # datePublished, not the last edit of 29 July 2024
        "author": "",
        "url": "https://en.openpedia.example/wiki/2023_Nigerien_coup_d%27%C3%A9tat",
        "site": "Openpedia Foundation, Inc.",
        "has": [
            "On 26 July 2023, a coup d'état occurred in Niger, during which the country's "
            "presidential guard detained President Mohamed Bazoum.",
            "France suspended its development aid and budgetary support to Niger on 29 July 2023.",
        ],
        "lacks": [
            "[1]",  # citation marks
            "[edit]",
            "Navigation menu",
            "Random article",
            "Coup succeeds",  # the infobox
            "Protesters in Niamey",  # a caption
            "Retrieved",  # the references and the print footer
            "Mali 2020",  # the navbox
            "last edited",
            "Creative Commons",
        ],
    },
    "un_news.html": {
        "title": "Mali: UN peacekeeping mission completes its withdrawal",
        "published": "2023-12-31",
        "author": "",
        "url": "https://news.unitednations.example/en/story/2023/12/1144982",
        "site": "UN News",
        "has": [
            "The UN Multidimensional Integrated Stabilization Mission in Mali, MINUSMA, has "
            "completed its withdrawal from the country",
            "More than 300 peacekeepers were killed in Mali since the mission was established",
            "A small team will remain in Bamako",
        ],
        "lacks": [
            "Skip to main content",
            "Humanitarian Aid",
            "Audio Hub",
            "A MINUSMA convoy leaves Gao",  # caption
            "UN Photo/Harandane Dicko",  # photo credit
            "Security Council ends Mali mission mandate",  # the inline related story
            "Related Stories",
            "Growing concerns over civilian protection",
            "Subscribe to our newsletter",
            "Share this",
        ],
    },
    "french_daily.html": {
        "title": "Au Burkina Faso, la junte suspend la diffusion de deux radios étrangères",
        "published": "2023-04-27",  # "publié le 27 avril", not "modifié le 28 avril"
        "author": "Sophie Douce",
        "url": "https://www.lequotidien-sahel.example/afrique/article/2023/04/27/"
        "burkina-radios-suspendues_6171234_3212.html",
        "site": "Le Quotidien du Sahel",
        "has": [
            "Le gouvernement de transition du Burkina Faso a suspendu jeudi 27 avril la diffusion",
            "la mesure prend effet « immédiatement » et « jusqu'à nouvel ordre ».",
            "Les violences jihadistes ont fait plus de dix mille morts",
        ],
        "lacks": [
            "Lire aussi",
            "au moins soixante civils tués",  # the "Lire aussi" link
            "Partager",
            "OLYMPIA DE MAISMONT",  # photo credit
            "Dans une rue de Ouagadougou",  # caption
            "réservée aux abonnés",  # paywall notice
            "Se connecter",
            "Les plus lus",
            "Mots croisés",
            "Tous droits réservés",
        ],
    },
    "blog_with_comments.html": {
        "title": "Notes from Gao: the road to Ansongo is closed again",
        "published": "2024-11-05",  # "published", not "updated" on 1 December
        "author": "Moussa Ag Attaher",
        "url": "https://sahelfieldnotes.example/2024/11/05/notes-from-gao-road-to-ansongo/",
        "site": "Sahel Field Notes",
        "has": [
            "The national road between Gao and Ansongo was closed to civilian traffic on Monday",
            "The Malian army said in a statement that its soldiers had repelled the attack",
        ],
        "lacks": [
            "My cousin drives that road",  # comments
            "Thank you for this reporting",
            "claimed by the Islamic State in the Sahel",
            "Leave a comment",
            "Share this",
            "A week in Ménaka",  # related posts
            "Previous post",
            "Tagged",
            "Proudly powered by",
            "Reporting from the Niger bend",
        ],
    },
    "amp_page.html": {
        "title": "Chad extends state of emergency in Lake Chad province",
        "published": "2020-04-09",
        "author": "Mahamat Saleh",
        "url": "https://www.lakechadtimes.example/news/chad-state-of-emergency-lake-province",
        "site": "Lake Chad Times",
        "has": [
            "Chad's National Assembly voted on Wednesday to extend the state of emergency",
            "The army said on Thursday that it had driven the fighters out",
        ],
        "lacks": [
            "Menu",
            "Politics",
            "Chadian soldiers near Bol",  # caption
            "More stories",
            "N'Djamena lifts curfew",
            "View the full version",
        ],
    },
    "jsonld_news.html": {
        "title": "Niger junta revokes military agreement with the United States",
        "published": "2024-03-17",
        "author": "Ibrahim Moussa",
        "url": "https://sahelobserver.example/2024/03/17/niger-revokes-us-military-agreement",
        "site": "Sahel Observer",
        "has": [
            "Niger's military government said on Saturday that it had revoked",
            "The United States has about 1,000 troops in Niger",
        ],
        "lacks": [
            "Advertisement",
            "Newsletters",
            "Trending",
            "Mali gold mine collapse",
            "5 min read",
            "Terms",
        ],
    },
    "cookie_banner_related.html": {
        "title": "Mauritania receives more refugees from Mali as fighting spreads",
        "published": "2024-02-20",
        "author": "Khadijetou Mint Ahmed",
        "url": "https://westafricamonitor.example/news/mauritania-mbera-refugees-mali",
        "site": "West Africa Monitor",
        "has": [
            "More than 10,000 people have crossed from Mali into Mauritania",
            "The government of Mauritania has called on international donors",
        ],
        "lacks": [
            "We use cookies",
            "Accept all",
            "Cookie settings",
            "Never miss a story",  # newsletter box
            "More on this story",
            "Timbuktu under blockade",  # related links
            "Most read",
            "independent news service",
        ],
    },
}


def read_page(name: str, **received):
    path = PAGES / name
    return read_document(path.name, path.read_bytes(), received=Received(**received))


def test_there_are_pages_in_many_markup_styles():
    assert sorted(p.name for p in PAGES.glob("*.htm*")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 8


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_body_is_the_article_without_the_page_furniture(name):
    expected = EXPECTED[name]
    document = read_page(name)
    lines = document.text.split("\n")
    assert lines[0] == expected["title"]  # the plain-text convention: the title first
    for sentence in expected["has"]:
        assert sentence in document.text, sentence
    for furniture in expected["lacks"]:
        assert furniture not in document.text, furniture
    # One paragraph a line, a blank line between them, and the title said only once.
    paragraphs = document.text.strip().split("\n\n")
    assert all("\n" not in p and p.strip() == p and p for p in paragraphs)
    assert document.text.count(expected["title"]) == 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_what_the_page_states_is_metadata_the_analysis_reads(name):
    expected = EXPECTED[name]
    document = read_page(name)
    assert document.format == "html"
    assert document.snapshot_type == "text/html; charset=utf-8"
    assert document.metadata["title"] == expected["title"]
    assert document.metadata["published"] == expected["published"]
    assert document.metadata.get("author", "") == expected["author"]
    assert document.metadata["url"] == expected["url"]
    assert document.metadata["site_name"] == expected["site"]
    assert document.metadata["publisher"] == expected["site"]


def test_the_page_language_is_what_its_markup_says():
    assert read_page("french_daily.html").metadata["language"] == "fr"
    assert read_page("wire_story.html").metadata["language"] == "en"


def test_a_canonical_address_on_another_site_is_not_believed_for_a_fetched_page():
    # Served from a test server: the page cannot make itself the Sahel Wire's article.
    document = read_page(
        "wire_story.html", media_type="text/html", url="http://127.0.0.1:8000/copy.html"
    )
    assert document.metadata["url"] == "http://127.0.0.1:8000/copy.html"
    # On its own site (another host name of it), it is.
    document = read_page(
        "wire_story.html",
        media_type="text/html",
        url="https://sahelwire.example/amp/mali-expels-french-ambassador",
    )
    assert document.metadata["url"] == EXPECTED["wire_story.html"]["url"]


def test_a_page_without_a_site_name_states_no_publisher():
    page = _page("<p>" + SENTENCE + "</p>", head="<title>Bamako curfew lifted</title>")
    document = read_document("a.html", page.encode())
    assert "publisher" not in document.metadata
    assert "site_name" not in document.metadata
    # The headline over the article, said once.
    assert document.text.split("\n")[0] == "Levée du couvre-feu à Abidjan"
    assert document.text.count("Levée du couvre-feu à Abidjan") == 1


# --------------------------------------------------------------------- bytes into text

SENTENCE = (
    "Les autorités de Côte d’Ivoire ont annoncé mardi la levée du couvre-feu à Abidjan, "
    "après trois semaines de tensions dans la capitale économique du pays."
)


def _page(body: str, head: str = "") -> str:
    return (
        f"<html><head>{head}</head><body><article><h1>Levée du couvre-feu à Abidjan</h1>"
        f"{body}</article></body></html>"
    )


def test_a_page_labelled_latin_1_is_read_as_browsers_read_it():
    # Windows-1252's curly apostrophe (0x92) is a control character in ISO-8859-1.
    raw = _page(f"<p>{SENTENCE}</p>", '<meta charset="iso-8859-1">').encode("cp1252")
    document = read_document("a.html", raw)
    assert SENTENCE in document.text
    assert document.snapshot_type == "text/html; charset=windows-1252"


def test_the_charset_the_server_sends_comes_before_the_pages_own():
    raw = _page(f"<p>{SENTENCE}</p>", '<meta charset="utf-8">').encode("cp1252")
    text, charset = decode_page(raw, sent="windows-1252")
    assert (SENTENCE in text, charset) == (True, "windows-1252")


def test_a_stated_charset_the_bytes_contradict_is_passed_over():
    # Sent as UTF-8, declared UTF-8, written in Windows-1252: not read with "�".
    raw = _page(f"<p>{SENTENCE}</p>", '<meta charset="utf-8">').encode("cp1252")
    text, charset = decode_page(raw, sent="utf-8")
    assert SENTENCE in text
    assert "\ufffd" not in text
    assert charset != "utf-8"


def test_a_byte_order_mark_wins_and_is_not_text():
    raw = b"\xef\xbb\xbf" + _page(f"<p>{SENTENCE}</p>", '<meta charset="iso-8859-1">').encode()
    document = read_document("a.html", raw)
    assert SENTENCE in document.text
    assert document.snapshot_type == "text/html; charset=utf-8"


def test_an_undeclared_encoding_is_detected_and_said():
    raw = _page(f"<p>{SENTENCE}</p><p>{SENTENCE.replace('mardi', 'mercredi')}</p>").encode("cp1252")
    document = read_document("a.html", raw)
    assert SENTENCE in document.text
    assert re.fullmatch(r"text/html; charset=\S+", document.snapshot_type)
    assert "utf-8" not in document.snapshot_type


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    raw = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">' + _page(f"<p>{SENTENCE}</p>")[len("<html>") :]
    ).encode("cp1252")
    document = read_document("a.xhtml.html", raw)
    assert SENTENCE in document.text
    assert document.snapshot_type == "text/html; charset=windows-1252"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"<html><body></body></html>", "no article text found in the page (the page shows no"),
        (
            b"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav></body></html>",
            "no article text found in the page (2 words on the whole page, none in an",
        ),
        (
            b"<html><head><title>Sahel Wire</title></head><body><ul>"
            + b"".join(
                b"<li><a href='/%d'>Headline %d of the day</a></li>" % (i, i) for i in range(9)
            )
            + b"</ul></body></html>",
            "no article text found in the page (",
        ),
        (b"<<<>>><<p>unclosed <div", "no article text found in the page ("),
        (bytes(range(128, 256)) * 20, "character encoding cannot be told"),
        (b"<html>\x00</html>", "binary file (a NUL byte at offset 6)"),
        (b"", "empty file"),
    ],
    ids=["empty-body", "menu-only", "links-only", "malformed", "garbage", "binary", "empty"],
)
def test_a_page_without_an_article_is_refused_with_its_reason(raw, reason):
    with pytest.raises(ReadError, match=re.escape(reason)):
        read_document("page.html", raw)


# -------------------------------------------------------------------- into the database


def run_json(*args, **options) -> dict:
    out = io.StringIO()
    # The JSON report is written before a failed file fails the command.
    with contextlib.suppress(CommandError):
        call_command(
            "import_articles", *args, json=True, stdout=out, stderr=io.StringIO(), **options
        )
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_a_folder_of_saved_pages_is_imported_with_snapshots(reference_data, tmp_path):
    for name in EXPECTED:
        (tmp_path / name).write_bytes((PAGES / name).read_bytes())
    # .htm is a page too
    (tmp_path / "amp_page.html").rename(tmp_path / "amp_page.htm")
    report = run_json(str(tmp_path))
    assert report["summary"]["articles"]["created"] == len(EXPECTED), report["files"]
    for name, expected in EXPECTED.items():
        stored = "amp_page.htm" if name == "amp_page.html" else name
        article = Article.objects.get(source_file__endswith=stored)
        document = read_page(name)
        assert article.title == expected["title"]
        assert article.published_start == date.fromisoformat(expected["published"])
        assert article.published_precision == "day"
        assert article.url == expected["url"]
        assert article.site_name == expected["site"]
        assert article.publisher == expected["site"]
        assert article.author == expected["author"]
        # The bytes as received, and the text the reader made of them.
        assert bytes(article.snapshot) == (PAGES / name).read_bytes()
        assert article.snapshot_type == "text/html; charset=utf-8"
        assert article.raw_text == document.text
        assert article.fetched_url == ""
        for furniture in expected["lacks"]:
            assert furniture not in article.text
        assert not article.claims.filter(quote__contains="Share").exists()


@pytest.mark.django_db
def test_importing_the_same_page_again_changes_nothing(reference_data, tmp_path):
    page = tmp_path / "wire.html"
    page.write_bytes((PAGES / "wire_story.html").read_bytes())
    first = run_json(str(page))
    again = run_json(str(page))
    assert first["files"][0]["status"] == "created"
    assert again["files"][0]["status"] == "unchanged"
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_saved_page_that_changed_is_a_new_version_of_the_stored_one(reference_data, tmp_path):
    page = tmp_path / "wire.html"
    original = (PAGES / "wire_story.html").read_text("utf-8")
    page.write_text(original, "utf-8")
    run_json(str(page))
    changed = original.replace(
        "The European Union said it was reviewing its military training mission in the country.",
        "The European Union said on Tuesday it would suspend its training mission in Mali.",
    )
    page.write_text(changed, "utf-8")
    report = run_json(str(page))
    old, new = Article.objects.order_by("pk")
    assert report["files"][0]["previous_version"] == old.pk
    assert new.previous_version == old
    old.refresh_from_db()
    assert old.superseded_at is not None
    assert old.url == new.url == EXPECTED["wire_story.html"]["url"]
