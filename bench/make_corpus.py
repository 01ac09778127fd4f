"""A deterministic corpus at the scale of a busy desk, loaded through bulk paths.

Full scale (`--scale 1`) is 100,000 articles, 1,000,000 claims, 200,000 events and 50,000
actors. Actor mentions follow a Zipf law (a few actors are everywhere, most are rare), dates
spread over 2010-2026, most claims are unreviewed, and every quote is the exact span of its
article's text at its offsets (the database's own check constraints verify it on load).

    .venv/bin/python bench/make_corpus.py --database-url sqlite:///var/bench/corpus.sqlite3
    .venv/bin/python bench/make_corpus.py --scale 0.1 \
        --database-url postgres://sahel:sahel@127.0.0.1:5432/sahel_corpus

The database is dropped and rebuilt. PostgreSQL is loaded with COPY, SQLite with batched
executemany in one transaction; the full-text index is built once after the load instead of
row by row. A manifest (counts, load seconds, search words by frequency) is written beside
the figures, for the other benchmarks.
"""

import argparse
import bisect
import hashlib
import itertools
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    UnsafeTarget,
    check_scratch_target,
    is_postgres,
    recreate_database,
    save_figures,
    setup_django,
)

FULL = {"articles": 100_000, "claims": 1_000_000, "events": 200_000, "actors": 50_000}
BATCH_ARTICLES = 500
STATUS_MIX = [("unreviewed", 80), ("verified", 12), ("disputed", 3), ("rejected", 5)]
PRECISIONS = [("day", 60), ("month", 25), ("year", 10), ("", 5)]
PUBLISHERS = [
    "Reuters", "AFP", "Associated Press", "Al Jazeera", "RFI", "Jeune Afrique", "Le Monde",
    "BBC", "Crisis Group", "ACLED", "ISS Africa", "Wikipedia", "Sahel Intelligence",
    "The Africa Report", "Le Faso", "Mali Web", "ActuNiger", "Deutsche Welle",
]  # fmt: skip
COUNTRY_WEIGHTS = {
    "MLI": 30, "BFA": 25, "NER": 25, "TCD": 5, "MRT": 4, "SEN": 3, "NGA": 4, "BEN": 2,
    "TGO": 2, "CIV": 2, "DZA": 2, "LBY": 1, "RUS": 3, "USA": 3, "FRA": 4, "CHN": 1, "TUR": 1,
}  # fmt: skip
TOWNS = [
    "Bamako", "Gao", "Timbuktu", "Kidal", "Mopti", "Ménaka", "Ségou", "Sikasso", "Kayes",
    "Tessalit", "Niamey", "Agadez", "Tillabéri", "Tahoua", "Diffa", "Zinder", "Maradi", "Dosso",
    "Ouallam", "Ouagadougou", "Djibo", "Kaya", "Dori", "Fada N'Gourma", "Bobo-Dioulasso",
    "Ouahigouya", "Arbinda", "Gorom-Gorom", "Nouakchott", "N'Djamena", "Léré", "Boni", "Douentza",
    "Tombouctou", "Anderamboukane", "Inates", "Solhan", "Seytenga", "Barsalogho", "Koulikoro",
]  # fmt: skip
FIRST_NAMES = [
    "Assimi", "Abdourahamane", "Ibrahim", "Moussa", "Amadou", "Oumar", "Mahamat", "Bah",
    "Choguel", "Abdoulaye", "Salif", "Fatoumata", "Aïssata", "Mariam", "Hamidou", "Boubacar",
    "Sadio", "Modibo", "Ismaël", "Kassoum", "Youssouf", "Aminata", "Djibrilla", "Issoufou",
]  # fmt: skip
SURNAMES = [
    "Goïta", "Tiani", "Traoré", "N'Daw", "Diop", "Maïga", "Coulibaly", "Keïta", "Sangaré",
    "Touré", "Cissé", "Diarra", "Ouédraogo", "Sawadogo", "Kaboré", "Zerbo", "Bazoum", "Mahamadou",
    "Ag Ghaly", "Kouffa", "Sahraoui", "Déby", "Salifou", "Camara", "Konaté", "Dembélé",
]  # fmt: skip
SYLLABLES = ["ka", "ta", "bo", "ri", "ni", "dou", "ma", "sa", "ko", "ré", "ba", "la", "gou", "zi"]
GROUP_FORMS = ["Katiba {}", "{} Brigade", "{} Self-Defence Group", "Front de libération du {}"]
BODY_FORMS = ["Ministry of {} Affairs", "{} Transitional Council", "{} Development Agency"]
PREDICATES = [
    ("attacked", "attack", "{s} attacked {o} near {p}"),
    ("met-with", "meeting", "{s} met {o} in {p} to discuss security cooperation"),
    ("deployed-to", "deployment", "{s} deployed troops to {p}, according to local officials"),
    ("withdrew-from", "withdrawal", "{s} withdrew its forces from {p} after weeks of fighting"),
    ("supplied", "equipment-delivery", "{s} delivered drones and armoured vehicles to {o}"),
    ("sanctioned", "sanction", "{s} imposed sanctions on {o} over the transition timetable"),
    ("visited", "visit", "{s} visited {p} for talks with {o}"),
    ("stated", "statement", "{s} said the situation in {p} remained tense"),
    ("suspended-aid-to", "aid-suspension", "{s} suspended development aid to {o}"),
    ("shares-intelligence-with", "intelligence-sharing", "{s} agreed to share intelligence"
     " with {o}"),
]  # fmt: skip
FILLERS = [
    "Residents described a tense atmosphere in the days that followed.",
    "The information could not be independently verified.",
    "Analysts say the region has seen a sharp rise in violence since the coups.",
    "Humanitarian agencies warned of worsening food insecurity across the Sahel.",
    "The ministry did not respond to a request for comment.",
]
# Searches are for names and things, not for "with" or "after".
FUNCTION_WORDS = {"with", "after", "from", "that", "said", "according", "weeks", "remained"}
CLAIMANTS = ["a military spokesman", "local officials", "residents", "the ministry", "a UN report"]


def scaled(scale: float) -> dict[str, int]:
    return {name: max(1, round(count * scale)) for name, count in FULL.items()}


class Picker:
    """Weighted choice in O(log n), from cumulative weights."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def zipf(items, exponent: float) -> Picker:
    return Picker(items, [1 / (rank**exponent) for rank in range(1, len(items) + 1)])


@dataclass
class Ids:
    """Next free primary key per table (reference fixtures already hold some rows)."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


class Loader:
    """Rows into tables: COPY on PostgreSQL, executemany on SQLite; one transaction."""

    def __init__(self, connection):
        self.connection = connection
        self.vendor = connection.vendor
        self.rows: Counter = Counter()
        self.seconds = 0.0

    def write(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        if not rows:
            return
        started = time.perf_counter()
        names = ", ".join(f'"{c}"' for c in columns)
        raw = self.connection.connection
        if self.vendor == "postgresql":
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)
        else:
            marks = ", ".join("?" * len(columns))
            raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        self.rows[table] += len(rows)
        self.seconds += time.perf_counter() - started


def _dated(rng: random.Random, around: date | None = None) -> tuple:
    precision = Picker(*zip(*PRECISIONS, strict=True))(rng)
    if not precision:
        return None, None, "", ""
    day = around or date(2010, 1, 1) + timedelta(days=rng.randrange(6209))  # to 2026-12-31
    if precision == "day":
        return day, day, "day", day.strftime("%B %-d, %Y")
    if precision == "month":
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return start, end, "month", start.strftime("%B %Y")
    return date(day.year, 1, 1), date(day.year, 12, 31), "year", str(day.year)


def _review(rng: random.Random, status: str, when: datetime) -> tuple:
    if status == "unreviewed":
        return "", None
    reason = "" if status == "verified" else f"Marked {status} after checking the sources"
    return reason, when


class Generator:
    def __init__(self, counts: dict[str, int], seed: int, loader: Loader, ids: Ids):
        from facts.models import Actor, Country

        self.counts = counts
        self.rng = random.Random(seed)
        self.loader = loader
        self.ids = ids
        self.word_docs: Counter = Counter()
        codes = dict(Country.objects.values_list("alpha3", "pk"))
        self.country_ids = codes
        weighted = {code: COUNTRY_WEIGHTS.get(code, 0.02) for code in codes}
        self.pick_country = Picker(weighted.keys(), weighted.values())
        self.country_names = dict(Country.objects.values_list("pk", "name"))
        self.actors: list[tuple[int, str]] = list(
            Actor.objects.order_by("pk").values_list("pk", "name")
        )
        villages = sorted({self._word(3) for _ in range(max(50, counts["claims"] // 100))})
        self.pick_place = Picker(
            TOWNS + villages,
            [40.0] * len(TOWNS) + [1 / (r**0.9) for r in range(1, len(villages) + 1)],
        )
        self.statuses = Picker(*zip(*STATUS_MIX, strict=True))

    def _word(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    # --------------------------------------------------------------------------- actors

    def actors_table(self) -> None:
        from facts.names import normalize_name

        rng, rows, aliases, taken = self.rng, [], [], set()
        now = datetime(2026, 1, 1, tzinfo=UTC)
        while len(self.actors) < self.counts["actors"]:
            kind = rng.choices(
                ["person", "armed-group", "government-body", "company",
                 "international-organisation"],
                [60, 15, 15, 7, 3],
            )[0]  # fmt: skip
            if kind == "person":
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)} {self._word(2)}"
            elif kind == "armed-group":
                name = rng.choice(GROUP_FORMS).format(self._word(3))
            elif kind == "government-body":
                name = rng.choice(BODY_FORMS).format(self._word(3))
            else:
                name = f"{self._word(3)} {rng.choice(['Group', 'Holdings', 'Union', 'Council'])}"
            key = normalize_name(name)
            if key in taken:
                continue
            taken.add(key)
            pk = self.ids.take("facts_actor")
            slug = f"{key.replace(' ', '-')[:100]}-{pk}"
            status = rng.choices(["unreviewed", "verified"], [70, 30])[0]
            reason, reviewed_at = _review(rng, status, now)
            country = self.country_ids[self.pick_country(rng)]
            rows.append(
                (pk, slug, name, key, kind, "", "", country, "", "", "import", status, reason,
                 reviewed_at, 1, now, now)
            )  # fmt: skip
            if rng.random() < 0.2:
                alias = strip = name.split(" ")[-1]
                aliases.append((pk, alias, f"{normalize_name(strip)} {pk}", "spelling", "", False))
            self.actors.append((pk, name))
        self.loader.write(
            "facts_actor",
            ["id", "slug", "name", "name_key", "kind", "title", "description", "country_id",
             "wikidata_qid", "acled_name", "origin", "status", "status_reason", "reviewed_at",
             "version", "created_at", "updated_at"],
            rows,
        )  # fmt: skip
        self.loader.write(
            "facts_actoralias",
            ["actor_id", "name", "normalized", "kind", "language", "case_sensitive"],
            aliases,
        )
        self.pick_actor = zipf(self.actors, 1.0)

    # --------------------------------------------------------------------------- events

    def events_table(self) -> None:
        from facts.search import search_words

        rng, rows, countries, participants = self.rng, [], [], []
        self.events: list[tuple[int, date | None, str, int]] = []
        for index in range(self.counts["events"]):
            pk = self.ids.take("facts_event")
            _, kind, _ = rng.choice(PREDICATES)
            place = self.pick_place(rng)
            start, end, precision, text = _dated(rng)
            country = self.country_ids[self.pick_country(rng)]
            title = f"{kind.replace('-', ' ').capitalize()} in {place}"
            slug = f"{kind}-{index}"
            status = self.statuses(rng)
            when = datetime.combine(start or date(2020, 1, 1), datetime.min.time(), tzinfo=UTC)
            reason, reviewed_at = _review(rng, status, when)
            rows.append(
                (pk, slug, kind, title, "", place, "", "import", search_words(title, place, text),
                 start, end, precision, text, status, reason, reviewed_at, 1, when, when)
            )  # fmt: skip
            countries.append((pk, country))
            seen = set()
            for role in ("perpetrator", "target")[: rng.randint(1, 2)]:
                actor = self.pick_actor(rng)[0]
                if actor not in seen:
                    seen.add(actor)
                    # As in the store: parts of a verified event were verified with it.
                    part_status = "verified" if status == "verified" else "unreviewed"
                    participants.append((pk, actor, role, "", part_status))
            self.events.append((pk, start, place, country))
        self.loader.write(
            "facts_event",
            ["id", "slug", "kind", "title", "description", "location", "location_precision",
             "origin", "search_text",
             "date_start", "date_end", "date_precision", "date_text", "status", "status_reason",
             "reviewed_at", "version", "created_at", "updated_at"],
            rows,
        )  # fmt: skip
        self.loader.write("facts_event_countries", ["event_id", "country_id"], countries)
        self.loader.write(
            "facts_eventparticipant",
            ["event_id", "actor_id", "role", "note", "status"],
            participants,
        )
        self.pick_event = zipf(self.events, 0.5)

    # --------------------------------------------------------------------------- articles

    def articles_and_claims(self) -> None:
        articles = self.counts["articles"]
        claims_left = self.counts["claims"]
        self.last_claim_of_event: dict[int, tuple[int, int]] = {}
        for first in range(0, articles, BATCH_ARTICLES):
            batch = Batch()
            for index in range(first, min(articles, first + BATCH_ARTICLES)):
                remaining_articles = articles - index
                share = claims_left / remaining_articles
                n = claims_left if remaining_articles == 1 else self._claims_in(share)
                n = min(n, claims_left)
                claims_left -= n
                self._article(index, n, batch)
            batch.write(self.loader)

    def _claims_in(self, mean: float) -> int:
        return max(0, round(self.rng.gauss(mean, mean / 3)))

    def _article(self, index: int, claim_count: int, batch: "Batch") -> None:
        from facts.search import search_words

        rng = self.rng
        article_id = self.ids.take("facts_article")
        topics = [self.pick_event(rng) for _ in range(2)]
        published = topics[0][1] or date(2010, 1, 1) + timedelta(days=rng.randrange(6209))
        country_name = self.country_names[topics[0][3]]
        title = f"{country_name}: {topics[0][2]} {['update', 'report', 'analysis'][index % 3]}"
        parts, spans = [title, "\n\n"], []
        offset = len(title) + 2
        for position in range(claim_count):
            if rng.random() < 0.35:
                filler = rng.choice(FILLERS) + " "
                parts.append(filler)
                offset += len(filler)
            subject, obj = self.pick_actor(rng), self.pick_actor(rng)
            predicate, _, template = rng.choice(PREDICATES)
            event = topics[0] if rng.random() < 0.5 else topics[1] if rng.random() < 0.6 else None
            place = event[2] if event else self.pick_place(rng)
            sentence = template.format(s=subject[1], o=obj[1], p=place)
            claimant = rng.choice(CLAIMANTS) if rng.random() < 0.5 else ""
            sentence += f", {claimant} said." if claimant else "."
            spans.append((offset, sentence, subject, predicate, obj, event, claimant, position))
            parts.append(sentence)
            offset += len(sentence)
            separator = "\n\n" if position % 4 == 3 else " "
            parts.append(separator)
            offset += len(separator)
        text = "".join(parts).rstrip() + "\n"
        text_sha = hashlib.sha256(text.encode()).hexdigest()
        publisher = PUBLISHERS[index % len(PUBLISHERS)]
        created = datetime.combine(published, datetime.min.time(), tzinfo=UTC)
        batch.articles.append(
            (article_id, hashlib.sha256(f"article {index}".encode()).hexdigest(), title, "",
             f"https://news.example/{publisher.lower().replace(' ', '-')}/{index}", publisher,
             "", published, published, "day", published.strftime("%B %-d, %Y"), "en", text,
             text, text_sha, f"corpus/article_{index:06d}.txt", rng.choice("ABCF"), "", "bench",
             search_words(title, publisher, text), created, created, "", "", "")
        )  # fmt: skip
        for start, sentence, subject, predicate, obj, event, claimant, position in spans:
            self._claim(batch, article_id, text, text_sha, start, sentence, subject, predicate,
                        obj, event, claimant, position, published)  # fmt: skip

    def _claim(self, batch, article_id, text, text_sha, start, sentence, subject, predicate,
               obj, event, claimant, position, published) -> None:  # fmt: skip
        from facts.search import search_words

        rng = self.rng
        pk = self.ids.take("facts_claim")
        end = start + len(sentence)
        statement = f"{subject[1]} {predicate.replace('-', ' ')} {obj[1]}"
        status = self.statuses(rng)
        when = datetime.combine(published, datetime.min.time(), tzinfo=UTC)
        reason, reviewed_at = _review(rng, status, when)
        dated = _dated(rng, around=event[1] if event and event[1] else published)
        words = search_words(statement, sentence, claimant)
        self.word_docs.update(set(words.split()))
        subject_id = subject[0]
        object_id = obj[0] if obj[0] != subject_id else None
        batch.claims.append(
            (pk, article_id, f"{article_id:08x}{position:08x}", sentence, start, end,
             text[max(0, start - 32) : start], text[end : end + 32], text_sha, statement,
             subject_id, predicate, object_id, "", event[0] if event else None, claimant,
             "", round(rng.uniform(0.3, 0.99), 2), "bench", "import", words, *dated, status,
             reason, reviewed_at, None if status == "unreviewed" else rng.randint(1, 6), 1,
             when, when, "en")
        )  # fmt: skip
        countries = {event[3]} if event else set()
        countries.add(self.country_ids[self.pick_country(rng)])
        batch.claim_countries.extend((pk, c) for c in countries)
        batch.claim_actors.extend((pk, a) for a in {subject_id, obj[0]})
        if event:
            previous = self.last_claim_of_event.get(event[0])
            if previous and previous[1] != article_id:
                roll = rng.random()
                if roll < 0.3:
                    batch.links.append((pk, previous[0], "corroborates", "", "import", when, when))
                elif roll < 0.32:
                    batch.links.append((pk, previous[0], "contradicts", "", "import", when, when))
            self.last_claim_of_event[event[0]] = (pk, article_id)


@dataclass
class Batch:
    articles: list = field(default_factory=list)
    claims: list = field(default_factory=list)
    claim_countries: list = field(default_factory=list)
    claim_actors: list = field(default_factory=list)
    links: list = field(default_factory=list)

    def write(self, loader: Loader) -> None:
        loader.write(
            "facts_article",
            ["id", "sha256", "title", "subtitle", "url", "publisher", "author",
             "published_start", "published_end", "published_precision", "published_text",
             "language", "raw_text", "text", "text_sha256", "source_file", "reliability",
             "reliability_reason", "extractor_version", "search_text", "created_at",
             "updated_at", "snapshot_type", "site_name", "fetched_url"],
            self.articles,
        )  # fmt: skip
        loader.write(
            "facts_claim",
            ["id", "article_id", "fingerprint", "quote", "quote_start", "quote_end",
             "quote_prefix", "quote_suffix", "anchor_text_sha256", "statement", "subject_id",
             "predicate", "object_actor_id", "object_value", "event_id", "claimant_text",
             "reported_via",
             "confidence", "extractor_version", "origin", "search_text", "date_start",
             "date_end", "date_precision", "date_text", "status", "status_reason",
             "reviewed_at", "credibility", "version", "created_at", "updated_at", "language"],
            self.claims,
        )  # fmt: skip
        loader.write("facts_claim_countries", ["claim_id", "country_id"], self.claim_countries)
        loader.write("facts_claim_actors", ["claim_id", "actor_id"], self.claim_actors)
        loader.write(
            "facts_claimlink",
            ["from_claim_id", "to_claim_id", "kind", "note", "origin", "created_at",
             "updated_at"],
            self.links,
        )  # fmt: skip


def search_words_by_frequency(word_docs: Counter, claims: int) -> dict:
    """A rare, a medium and a common word: the ones nearest to 0.002%, 1% and 25% of claims."""
    targets = {"rare": max(2, claims * 0.00002), "medium": claims * 0.01, "common": claims * 0.25}
    usable = {
        w: n for w, n in word_docs.items() if w.isalpha() and len(w) > 3 and w not in FUNCTION_WORDS
    }
    chosen = {}
    for label, target in targets.items():
        word = min(usable, key=lambda w: (abs(usable[w] - target), w))
        chosen[label] = {"word": word, "claims": usable[word]}
    return chosen


def _next_ids(connection) -> Ids:
    ids = Ids()
    with connection.cursor() as cursor:
        for table in ("facts_actor", "facts_event", "facts_article", "facts_claim"):
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
            ids.next[table] = cursor.fetchone()[0]
    return ids


def _reset_sequences(connection) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows explicit ids by itself
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(
        no_style(), apps.get_app_config("facts").get_models(include_auto_created=True)
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def build(database_url: str, scale: float, seed: int) -> dict:
    recreate_database(database_url)
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection, transaction

    from facts.search import drop_search_index, ensure_search_index

    timings: dict[str, float] = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "countries", "actors", verbosity=0)
    timings["migrate_and_reference_data"] = time.perf_counter() - started

    counts = scaled(scale)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        # A one-off bulk load: no journal, no fsync; WAL is switched back on afterwards.
        connection.connection.execute("PRAGMA journal_mode=OFF")
        connection.connection.execute("PRAGMA synchronous=OFF")
    drop_search_index(connection)
    loader = Loader(connection)
    started = time.perf_counter()
    with transaction.atomic():
        generator = Generator(counts, seed, loader, _next_ids(connection))
        generator.actors_table()
        generator.events_table()
        generator.articles_and_claims()
        _reset_sequences(connection)
    timings["generate_and_load"] = time.perf_counter() - started
    timings["of_which_database_writes"] = loader.seconds

    started = time.perf_counter()
    ensure_search_index(connection)
    timings["full_text_index"] = time.perf_counter() - started
    started = time.perf_counter()
    # The lists' read model (facts.models.documents), as `build_documents` builds it.
    from facts.api.documents import KINDS, build_stale_documents

    for kind in KINDS:
        build_stale_documents(kind)
    timings["stored_documents"] = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if connection.vendor == "sqlite":
        connection.connection.execute("PRAGMA journal_mode=WAL")
    timings["analyze"] = time.perf_counter() - started
    timings["total"] = sum(v for k, v in timings.items() if not k.startswith("of_which"))
    return {
        "database": "postgresql" if is_postgres(database_url) else "sqlite",
        "scale": scale,
        "seed": seed,
        "rows": dict(loader.rows),
        "seconds": {k: round(v, 1) for k, v in timings.items()},
        "search_words": search_words_by_frequency(generator.word_docs, counts["claims"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 1,000,000 claims")
    parser.add_argument("--claims", type=int, help="another way to give the scale")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--manifest", type=Path, help="where to write the figures (JSON)")
    args = parser.parse_args()
    scale = args.claims / FULL["claims"] if args.claims else args.scale
    if not 0 < scale <= 10:
        parser.error("the scale must be above 0 and at most 10 (10 million claims)")
    try:
        check_scratch_target(args.database_url)
    except UnsafeTarget as error:
        parser.error(str(error))
    manifest = build(args.database_url, scale, args.seed)
    path = save_figures(f"corpus-{manifest['database']}", manifest, args.manifest)
    rows = manifest["rows"]
    print(
        f"{manifest['database']}: {rows.get('facts_claim', 0):,} claims, "
        f"{rows.get('facts_article', 0):,} articles, {rows.get('facts_event', 0):,} events, "
        f"{rows.get('facts_actor', 0):,} new actors; "
        + ", ".join(f"{k} {v} s" for k, v in manifest["seconds"].items())
    )
    words = manifest["search_words"]
    print(
        "search words: "
        + ", ".join(f"{k} '{v['word']}' ({v['claims']:,} claims)" for k, v in words.items())
    )
    print(f"manifest: {path}")


if __name__ == "__main__":
    main()
