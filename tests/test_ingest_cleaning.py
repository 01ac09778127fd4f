"""Steps 2–3: separating the body from furniture and generator leftovers; metadata. Pure."""

from pathlib import Path

import pytest

from facts.ingest.analysis.cleaning import Role, clean_article
from facts.ingest.analysis.metadata import extract_metadata
from facts.ingest.reading import normalize_text

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


def cleaned(name: str):
    return clean_article(normalize_text((SEEDS / name).read_text("utf-8")))


FURNITURE = [
    "Read Entire Article",
    "Share This Article",
    "Leave a Comment",
    "Leave a Reply",
    "Related Articles",
    "#image_title",
    "?>",
    "4 min read",
    "2 views",
    "11 Min Read",
    "3 days ago 6",
    "Viral_X",
    "Self-Correction/Review during generation",
    "Word Count Check",
    "expand massively",
    "Continuing with more sections",
    "It is not the man who has too little",
    "Seneca",
    "passionately shares his financial expertise",
    "Market conditions may have changed since publication",
]


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_body_holds_no_furniture_or_generator_leftovers(name):
    text = cleaned(name).text
    for phrase in FURNITURE:
        assert phrase not in text, phrase
    assert "\n\n\n" not in text and text == text.strip()


def test_generator_leftovers_are_flagged_with_what_was_found():
    flags = cleaned("003_a33a895daf8ffad1.txt").flags
    assert any("Self-Correction" in line for line in flags["generation-artifacts"])
    flags = cleaned("002_ca89226b21face4c.txt").flags
    assert any(line.startswith("[Continuing") for line in flags["placeholder-text"])


def test_repeated_title_inside_the_body_is_removed_and_flagged():
    article = cleaned("000_9469444dcccace0f.txt")
    title = "U.S opens communications with AES bloc as Sahel insecurity deepens"
    assert title not in article.text
    assert article.flags["duplicated-text"] == [title]


def test_epigraph_and_bio_are_kept_out_of_the_body():
    article = cleaned("002_ca89226b21face4c.txt")
    roles = {line.text: line.role for line in article.lines}
    assert roles["— Seneca"] == Role.EPIGRAPH
    assert roles["Author"] == Role.BIO


def test_headings_and_list_items_are_paragraphs_of_their_own():
    article = cleaned("001_f2b9e7330dfc0dd4.txt")
    headings = [article.text[p.start : p.end] for p in article.paragraphs if p.role == Role.HEADING]
    assert headings == [
        "A New Regional Security Architecture",
        "Geopolitical Complexity",
        "Looking Ahead",
    ]
    bullets = cleaned("000_9469444dcccace0f.txt").paragraphs
    assert sum(p.role == Role.LIST_ITEM for p in bullets) == 4


def test_other_publishers_furniture_is_recognised():
    raw = normalize_text(
        "Sahel juntas court Ankara\n\nBy Aïssatou Ndiaye\nUpdated 12 March 2025\n\n"
        "Niger’s junta signed a drone deal with Türkiye.\n\nAdvertisement\n\n"
        "Subscribe to our newsletter\n\nTags: Niger, Turkey\n\nYou may also like"
    )
    article = clean_article(raw)
    assert article.text == "Niger’s junta signed a drone deal with Türkiye."
    meta = extract_metadata(article)
    assert meta.author == "Aïssatou Ndiaye"
    assert str(meta.published.start) == "2025-03-12"


class TestMetadata:
    def test_title_subtitle_reading_time_and_date(self):
        meta = extract_metadata(cleaned("002_ca89226b21face4c.txt"))
        assert meta.title == "US Could Offer Sahel Alliance Deal It Can’t Refuse"
        assert meta.subtitle.startswith("The US is knocking on the Sahel's door")
        assert meta.reading_time_minutes == 4
        assert (str(meta.published.start), meta.published.precision) == ("2026-02-05", "day")
        assert meta.author == "Steven Soarez"
        assert "conflicting-dates" not in meta.flags  # "05/02/2026" read day-first agrees

    def test_relative_date_with_nothing_to_count_from_is_undated(self):
        meta = extract_metadata(cleaned("000_9469444dcccace0f.txt"))
        assert meta.published is None and meta.published_text == "3 days ago"
        assert "undated" in meta.flags

    def test_article_without_a_title_line_gets_a_derived_title_and_a_flag(self):
        meta = extract_metadata(cleaned("004_fa8c0901263450be.txt"))
        assert meta.title.startswith("The evolving security landscape in West Africa")
        assert meta.title.endswith("…") and "untitled" in meta.flags

    def test_byline_block_gives_the_author(self):
        meta = extract_metadata(cleaned("003_a33a895daf8ffad1.txt"))
        assert meta.author == "Viral_X" and meta.reading_time_minutes == 11
        assert meta.subtitle == "Washington's Sahel Gamble: Can Diplomacy Halt Russia's Advance?"

    def test_disagreeing_dates_are_flagged(self):
        raw = normalize_text(
            "Title here\n\nFeb 5, 2026\n\nAnalysis from 07/02/2026. All rights reserved.\n\n"
            "Mali left ECOWAS."
        )
        meta = extract_metadata(clean_article(raw))
        assert str(meta.published.start) == "2026-02-05"
        assert "conflicting-dates" in meta.flags
