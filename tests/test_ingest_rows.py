"""The importer's multi-row INSERTs write what the ORM and django-simple-history would."""

from pathlib import Path

import pytest
from django.forms.models import model_to_dict
from simple_history.utils import bulk_create_with_history

from facts.ingest.pipeline import import_sources
from facts.ingest.reading.sources import expand_paths
from facts.ingest.writing import rows
from facts.ingest.writing.corroboration import MAX_CORROBORATION_LINKS
from facts.models import Actor, Article, Claim, ClaimLink
from tests.base import make_article

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
TIMES = {"created_at", "updated_at", "history_date", "history_id", "id"}


def claim(article: Article, n: int, **fields) -> Claim:
    quote = f"Mali and Niger signed accord number {n}."
    return Claim(
        article=article,
        fingerprint=f"{n:032x}",
        quote=quote,
        quote_start=0,
        quote_end=len(quote),
        anchor_text_sha256=article.text_sha256,
        statement=quote,
        confidence=0.5,
        **fields,
    )


def history_of(obj) -> dict:
    record = obj.history.get()
    return {k: v for k, v in model_to_dict(record).items() if k not in TIMES}


@pytest.mark.django_db
class TestInsertWithHistory:
    def test_rows_and_history_match_bulk_create_with_history(self, reference_data):
        article = make_article()
        mali = Actor.objects.get(slug="mali")
        ours = [claim(article, 1, subject=mali), claim(article, 2, claimant_text="AFP")]
        theirs = [claim(article, 1, subject=mali), claim(article, 2, claimant_text="AFP")]
        for reference in theirs:
            reference.fingerprint = reference.fingerprint.replace("0", "f")  # stay unique
        rows.insert_with_history(Claim, ours, reason="Proposed by the importer")
        bulk_create_with_history(theirs, Claim, default_change_reason="Proposed by the importer")

        def stored(obj) -> dict:
            row = model_to_dict(Claim.objects.get(pk=obj.pk))
            return {k: v for k, v in row.items() if k not in {"id", "fingerprint"}}

        for mine, reference in zip(ours, theirs, strict=True):
            assert mine.pk is not None and not mine._state.adding
            assert stored(mine) == stored(reference)
            mine_history, their_history = history_of(mine), history_of(reference)
            assert mine_history.pop("fingerprint") != their_history.pop("fingerprint")
            assert mine_history == their_history
            assert (
                mine_history["history_type"],
                mine_history["history_change_reason"],
                mine_history["history_user"],
            ) == ("+", "Proposed by the importer", None)

    def test_an_objects_own_change_reason_wins(self, reference_data):
        article = make_article()
        mine = claim(article, 1)
        mine._change_reason = "Imported from a.txt"
        rows.insert_with_history(Claim, [mine], reason="Proposed by the importer")
        assert mine.history.get().history_change_reason == "Imported from a.txt"

    def test_creation_times_are_set(self, reference_data):
        article = make_article()
        mine = claim(article, 1)
        rows.insert_with_history(Claim, [mine], reason="Proposed by the importer")
        stored = Claim.objects.get(pk=mine.pk)
        assert stored.created_at is not None and stored.created_at == stored.updated_at
        assert mine.created_at == stored.created_at

    def test_ignore_conflicts_skips_rows_that_exist(self, reference_data):
        article = make_article()
        first, second = claim(article, 1), claim(article, 2)
        rows.insert(Claim, [first, second])
        link = {"from_claim_id": first.pk, "to_claim_id": second.pk, "kind": "corroborates"}
        rows.insert_values(ClaimLink, [link], ignore_conflicts=True)
        rows.insert_values(ClaimLink, [link, link], ignore_conflicts=True)
        stored = ClaimLink.objects.get()
        assert (stored.origin, stored.note, stored.created_by) == ("import", "", None)


@pytest.mark.django_db
def test_a_much_reported_event_links_each_claim_to_at_most_ten_earlier_articles(
    reference_data, tmp_path
):
    """The first claim of each of the first ten other articles, in the order of those claims.
    Each article is its own report (no sentence shared: copies of one story corroborate
    nothing, see test_ingest_copies.py)."""
    for n in [*range(13), 99]:
        (tmp_path / f"report{n:02d}.txt").write_text(
            f"Report number {n} from Niamey\n\n"
            f"Soldiers seized power in Niger on 26 July 2023, witness number {n} said. "
            f"Correspondent number {n} saw President Mohamed Bazoum detained in Niamey on "
            f"26 July 2023.\n",
            encoding="utf-8",
        )
    import_sources(list(expand_paths([str(tmp_path)])))

    last = Article.objects.get(source_file__endswith="report99.txt")
    earlier = Article.objects.exclude(pk=last.pk)
    reporting = last.claims.filter(event__isnull=False)
    assert reporting.exists()
    for new in reporting:
        linked = list(
            ClaimLink.objects.filter(from_claim=new)
            .order_by("pk")
            .values_list("to_claim_id", flat=True)
        )
        firsts = [a.claims.filter(event=new.event).order_by("pk").first() for a in earlier]
        expected = sorted(c.pk for c in firsts if c is not None)[:MAX_CORROBORATION_LINKS]
        assert len(expected) == MAX_CORROBORATION_LINKS
        assert linked == expected
