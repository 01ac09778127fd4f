"""Metadata supplied by the user: a front-matter block at the top of a text file, and the
import's --published and --publisher options. What is supplied goes over what the analysis
finds in the text, and the article is flagged `supplied-metadata`."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from facts.ingest.analysis import analyze
from facts.ingest.reading import read_document
from facts.ingest.reading.text import split_front_matter
from facts.models import Article
from tests.base import fixture_context

BODY = "Mali's junta ordered French troops to leave the country on 3 March 2024.\n"
FRONT = (
    "---\n"
    "title: Mali orders French troops out\n"
    "url: https://example.org/mali-troops\n"
    'publisher: "Sahel Wire"\n'
    "published: 22 March 2025\n"
    "---\n"
)


# ---------------------------------------------------------------------------- the reader


def test_the_reader_takes_the_block_off_the_text_into_the_metadata():
    document = read_document("a.txt", (FRONT + "Ignored heading\n\n" + BODY).encode())
    assert document.metadata == {
        "title": "Mali orders French troops out",
        "url": "https://example.org/mali-troops",
        "publisher": "Sahel Wire",
        "published": "22 March 2025",
    }
    assert document.text.startswith("Ignored heading")
    assert "---" not in document.text


@pytest.mark.parametrize(
    "text",
    [
        f"Title\n\n---\ntitle: x\n---\n{BODY}",  # not at the top
        f"---\n{BODY}---\nMore.\n",  # a horizontal rule around prose
        f"---\ntitle: never closed\n{BODY}",
        "---\nfoo: bar\n---\n" + BODY,  # no known field
    ],
)
def test_a_text_without_a_well_formed_block_is_read_whole(text):
    body, fields = split_front_matter(text)
    assert (body, fields) == (text, {})


def test_french_values_with_accents_and_crlf_line_ends():
    raw = "---\r\ntitle: Le Mali et la CÉDÉAO\r\nauthor: Aïssatou Ndiaye\r\n---\r\n" + BODY
    document = read_document("fr.txt", raw.encode())
    assert document.metadata == {"title": "Le Mali et la CÉDÉAO", "author": "Aïssatou Ndiaye"}


# -------------------------------------------------------------------------- the analysis


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def analysed(ctx, text: str):
    return analyze(read_document("probe.txt", text.encode()), ctx)


def test_supplied_metadata_goes_over_what_the_text_shows(ctx):
    text = FRONT + "A headline in the text\n\nPublished: 12 June 2024\n\n" + BODY
    result = analysed(ctx, text)
    meta = result.metadata
    assert meta.title == "Mali orders French troops out"
    assert (meta.published.start, meta.published.precision) == (date(2025, 3, 22), "day")
    assert (meta.url, meta.publisher) == ("https://example.org/mali-troops", "Sahel Wire")
    notes = result.flags["supplied-metadata"]
    assert any("the text gives '12 June 2024'" in note for note in notes)
    assert "undated" not in result.flags and "conflicting-dates" not in result.flags


def test_a_supplied_date_dates_an_undated_article_and_its_narrative(ctx):
    text = "---\npublished: 2025-03-22\n---\nJunta news\n\nNiger's army said Sunday it struck.\n"
    result = analysed(ctx, text)
    assert "undated" not in result.flags
    assert result.metadata.published.start == date(2025, 3, 22)


def test_a_supplied_month_is_a_month(ctx):
    result = analysed(ctx, "---\npublished: March 2025\n---\nJunta news\n\n" + BODY)
    published = result.metadata.published
    assert (published.start, published.end, published.precision) == (
        date(2025, 3, 1),
        date(2025, 3, 31),
        "month",
    )


def test_a_supplied_date_that_is_no_date_keeps_the_texts(ctx):
    text = "---\npublished: soon\n---\nJunta news\n\nUpdated 5 March 2024\n\n" + BODY
    result = analysed(ctx, text)
    assert result.metadata.published.start == date(2024, 3, 5)
    assert any("not a date" in note for note in result.flags["supplied-metadata"])


def test_nothing_supplied_no_flag(ctx):
    assert "supplied-metadata" not in analysed(ctx, "Junta news\n\n" + BODY).flags


# ----------------------------------------------------------------------- the import command


def run_json(*args, **options):
    out = io.StringIO()
    call_command("import_articles", *args, json=True, stdout=out, stderr=io.StringIO(), **options)
    return json.loads(out.getvalue())


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [1, 2])
def test_the_import_stores_front_matter_and_options(reference_data, tmp_path, workers):
    (tmp_path / "a.txt").write_text(FRONT + "Heading\n\n" + BODY, "utf-8")
    (tmp_path / "b.txt").write_text("Niger news\n\nNiger's army said Sunday it struck.\n", "utf-8")
    run_json(str(tmp_path), published="2025-03-23", publisher="Agence Sahel", workers=workers)
    a = Article.objects.get(source_file__endswith="a.txt")
    assert (a.title, a.url, a.publisher) == (
        "Mali orders French troops out",
        "https://example.org/mali-troops",
        "Sahel Wire",  # the file's own front matter comes first
    )
    assert (a.published_start, a.published_precision) == (date(2025, 3, 22), "day")
    b = Article.objects.get(source_file__endswith="b.txt")
    assert (b.publisher, b.published_start, b.published_precision) == (
        "Agence Sahel",
        date(2025, 3, 23),
        "day",
    )
    assert set(b.flags.values_list("code", flat=True)) >= {"supplied-metadata"}
    assert "undated" not in set(b.flags.values_list("code", flat=True))


@pytest.mark.django_db
def test_a_supplied_url_already_taken_is_not_set_and_the_run_goes_on(reference_data, tmp_path):
    (tmp_path / "a.txt").write_text(FRONT + "Heading\n\n" + BODY, "utf-8")
    (tmp_path / "b.txt").write_text(FRONT + "Other heading\n\n" + BODY + "More.\n", "utf-8")
    report = run_json(str(tmp_path))
    assert [f["status"] for f in report["files"]] == ["created", "created"]
    urls = sorted(Article.objects.values_list("url", flat=True))
    assert urls == ["", "https://example.org/mali-troops"]
    second = Article.objects.get(url="")
    assert "another article has that address" in second.flags.get(code="supplied-metadata").detail


@pytest.mark.django_db
def test_a_published_option_that_is_no_date_is_refused(reference_data, tmp_path):
    (tmp_path / "a.txt").write_text(BODY, "utf-8")
    with pytest.raises(CommandError, match="not a date"):
        run_json(str(tmp_path), published="next Tuesday-ish")


@pytest.mark.parametrize(
    ("date_line", "day"),
    [("Published: 3 March 2021", date(2021, 3, 2)), ("Source: Reuters, 3 March 2021", None)],
)
def test_yesterday_counts_back_from_a_date_line_not_from_a_source_trailer(ctx, date_line, day):
    """A trailer tells when a source posted the text, maybe days after it was written."""
    body = "Gunmen attacked an army camp in Mali yesterday, killing five soldiers."
    text = f"Mali camp attacked\n\n{date_line}\n\n{body}\n"
    if date_line.startswith("Source"):
        text = f"Mali camp attacked\n\n{body}\n\n{date_line}\n"
    result = analysed(ctx, text)
    assert result.metadata.published.start == date(2021, 3, 3)
    attacks = [e for e in result.events if e.kind == "attack"]
    assert attacks, result.events
    assert [a.date.start if a.date and a.date.resolved else None for a in attacks] == [day]
