"""The benchmark corpus (bench/make_corpus.py) on the real engine: the sizes asked for, quotes
that are exact spans of their articles, mostly unreviewed claims, the same rows for the same
seed, and no database dropped that is not plainly a scratch one."""

import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.db import connection
from django.test import TestCase

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from common import UnsafeTarget, check_scratch_target
from make_corpus import Generator, Loader, _next_ids, scaled

from facts.bootstrap import initial_data_load
from facts.models import Actor, Article, Claim, Event

SCALE = 0.002  # 2,000 claims, 200 articles, 400 events
# The generator tops the actors up to this total; the reference data alone holds 314.
COUNTS = {**scaled(SCALE), "actors": 400}


class Recorder(Loader):
    """Keeps the rows instead of writing them."""

    def __init__(self):
        super().__init__(connection)
        self.tables: dict[str, list] = defaultdict(list)

    def write(self, table, columns, rows):
        self.tables[table] += rows


def generate(loader) -> Generator:
    generator = Generator(COUNTS, 7, loader, _next_ids(connection))
    generator.actors_table()
    generator.events_table()
    generator.articles_and_claims()
    return generator


class TestCorpus(TestCase):
    @classmethod
    def setUpTestData(cls):
        initial_data_load()

    def test_loads_the_sizes_asked_for_with_quotes_that_are_spans_of_their_articles(self):
        counts = COUNTS
        articles_before, events_before = Article.objects.count(), Event.objects.count()
        claims_before = Claim.objects.count()
        generate(Loader(connection))
        assert Actor.objects.count() == counts["actors"]
        assert Event.objects.count() - events_before == counts["events"]
        assert Article.objects.count() - articles_before == counts["articles"]
        new_claims = Claim.objects.filter(extractor_version="bench")
        assert new_claims.count() == Claim.objects.count() - claims_before == counts["claims"]
        for claim in new_claims.select_related("article"):
            assert claim.article.text[claim.quote_start : claim.quote_end] == claim.quote
        statuses = Counter(new_claims.values_list("status", flat=True))
        assert statuses.most_common(1)[0][0] == "unreviewed"
        assert statuses["unreviewed"] > counts["claims"] / 2
        years = {
            d.year for d in new_claims.exclude(date_start=None).values_list("date_start", flat=True)
        }
        assert min(years) >= 2010 and max(years) <= 2026 and len(years) > 5

    def test_the_same_seed_gives_the_same_rows(self):
        first, second = Recorder(), Recorder()
        generate(first)
        generate(second)
        assert first.tables == second.tables
        assert len(first.tables["facts_claim"]) == scaled(SCALE)["claims"]


@pytest.mark.parametrize(
    "url",
    [
        "postgres://sahel:sahel@127.0.0.1:5432/sahel",
        "sqlite:///var/sahel.sqlite3",
        "mysql://user@host/sahel_corpus",
        "",
    ],
)
def test_refuses_to_drop_a_database_that_is_not_a_scratch_one(url):
    with pytest.raises(UnsafeTarget):
        check_scratch_target(url)


def test_accepts_scratch_databases():
    check_scratch_target("postgres://sahel:sahel@127.0.0.1:5432/sahel_corpus")
    check_scratch_target("sqlite:////work/var/bench/corpus.sqlite3")
