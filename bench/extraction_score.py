"""Extraction score: import the development corpus (bench/corpus/README.md) and compare what
the importer stored for each article with the article's hand-written key.

    .venv/bin/python bench/extraction_score.py [--corpus DIR] [--json OUT]
                                               [--check FLOOR_FILE] [--verbose]

Every `<name>.txt` under the corpus (default bench/corpus) that has a `<name>.key.json` beside
it is imported, in one process, into a scratch SQLite database (a temporary folder, removed
afterwards), with the countries and actors fixtures loaded first. A corpus with no keyed text
is an error (exit 2). `--check` compares the totals with bench/extraction_floor.json and
exits 1 naming every figure below its floor (or above its maximum); see bench/EXTRACTION.md.

Shares are hits over cases; the total line sums hits and cases over all files (it is not an
average of the files' shares). A share with no case is "-" (None in JSON). Counts are of
distinct records, so an event two articles share counts once in the total.

Matching rules:

- An article's claims are the claims stored for it; its events are the events those claims
  point to; its countries are the alpha-3 codes of its claims' countries and object country
  and of its events' countries; its actors are its claims' subject, object actor, claimant
  and mentioned actors, and those of its events' participants that are the states of its
  countries (an event shared with other articles has their participants too, which this
  article never names: they are judged in their own articles).
- A failed file has nothing stored: every case in its key is a miss.
- Names: a stored actor matches a key actor when `facts.names.normalize_name` of the actor's
  name or one of its aliases equals that of the key's `name` or one of its `as_written`
  forms, or of one of those forms with a leading "the " removed. A state's names are its
  country's (name, official name, aliases), its government's ("Government of Mali",
  "Malian government", "Malian authorities") and its seat of power's ("the Kremlin", the
  language pack's METONYMS): the importer finds states through countries.
- Dates at a precision (publication dates and events): the stored precision equals the
  key's, and for day the stored start and end are the key's; for month, the first day of the
  key start's month and the last day of the key end's month; for year, 1 January of the key
  start's year and 31 December of the key end's year; for part-of-year the start year is
  compared and the two ranges must overlap; for decade only the start year is compared.
- Sentences and quotes are compared with runs of white space made single spaces. A quote
  covers a key sentence when it contains it, or when the sentence contains the quote and the
  quote is at least 80 % of the sentence's length.
- Key events are matched to at most one stored event each, of the same kind and not matched
  yet. First, for every dated key event in key order, one whose dates agree with the key's
  (a dated match); else one that lies inside the key's date and that a claim of this article
  points to with the key's date (also a dated match: the article said what the key says, and
  another article dates the shared event more finely, "the 2020 coup" and "on 18 August
  2020"). Then, for the key events still without one, one pointed to by a claim whose quote
  contains the key event's sentence (this also catches dated key events the importer dated
  wrongly, so participants and fatalities are measured apart from dates).

Figures:

- internal_failures (count, max): files whose import failed with an "internal error" (a
  refusal of bad input is not one). Every failure is listed, whatever its kind.
- exact_quotes: stored claims whose quote is exactly `text[quote_start:quote_end]` of their
  article, with their prefix and suffix where they say (`facts.anchors.anchored_at`).
- publication_dates: keys with `published` not null whose article has that date at its
  precision.
- country_recall / country_precision: key countries among the article's countries / the
  article's countries in the key.
- actor_recall / actor_precision: key actors matched by one of the article's actors / the
  article's actors that match a key actor.
- dated_event_recall: key events with a precision that have a dated match.
- participant_roles: participants of matched stored events whose actor matches a participant
  of the key event with the same role (a participant matching none is wrong). Only the
  participants this article's import gave the event are judged (the store records which
  article gave each): a shared event's other participants were given by other articles, and
  are judged against their keys. Where the store does not say, only actors the article's own
  claims name are judged.
- fatalities_found: key events with fatalities whose matched event has the key's best, or
  the key's low, as its fatalities_best or fatalities_low respectively.
- fact_sentence_recall: key fact sentences covered by a quote of one of the article's claims.
- invented_precision (count, max): the article's claims and events with a precision finer
  than their `date_text` supports (`supported_precision`), and matched events with a
  precision finer than their key event's (any precision, when the key event is undated),
  unless the match is of the second kind above, or none of the article's own claims on the
  event is finer than the key (the finer date is another article's either way).
- junk_quotes (count, max): claims whose quote holds page furniture or markup
  (`junk_markers`).
"""

import argparse
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from facts.anchors import anchored_at  # noqa: E402  (needs ROOT on the path when run as a script)
from facts.ingest.analysis.lang.en import METONYMS  # noqa: E402
from facts.names import normalize_name  # noqa: E402

DEFAULT_CORPUS = ROOT / "bench" / "corpus"
EMPTY_CORPUS_EXIT = 2

# facts.choices.DatePrecision's values, finest first (the scorer reads them without Django).
PRECISIONS = ("day", "month", "part-of-year", "year", "decade")
PRECISION_RANK = {precision: rank for rank, precision in enumerate(PRECISIONS)}

SHARES = (
    "exact_quotes",
    "publication_dates",
    "country_recall",
    "country_precision",
    "actor_recall",
    "actor_precision",
    "dated_event_recall",
    "participant_roles",
    "fatalities_found",
    "place_recall",
    "place_precision",
    "fact_sentence_recall",
)
COUNTS = ("internal_failures", "invented_precision", "junk_quotes")
# With --across: a share of events two corpora both report (floored like SHARES when given).
ACROSS = "linked_across_languages"
FIGURES = (COUNTS[0], *SHARES, *COUNTS[1:])
SHORT_HEADERS = {
    "internal_failures": "fail",
    "exact_quotes": "quote",
    "publication_dates": "pub",
    "country_recall": "ctyR",
    "country_precision": "ctyP",
    "actor_recall": "actR",
    "actor_precision": "actP",
    "dated_event_recall": "evDt",
    "participant_roles": "roles",
    "fatalities_found": "dead",
    "place_recall": "plcR",
    "place_precision": "plcP",
    "fact_sentence_recall": "facts",
    "invented_precision": "inv",
    "junk_quotes": "junk",
}
QUOTE_COVERS_SENTENCE = 0.8  # a quote inside a sentence covers it from this share of its length


class CorpusError(Exception):
    """A corpus that cannot be scored: no keyed text, or a key that cannot be read."""


# Dates: what the words support, and whether two ranges agree at a precision.

# A day number on its own: not inside a larger number, a year-month ("2023-07") or "07/2023".
_DAY_NUMBER = re.compile(
    r"(?<![\w,./])(?<!\d-)(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th|er)?(?![\w/])", re.I
)
_NUMERIC_DAY = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:1[89]|20)\d\d\b|\b(?:1[89]|20)\d\d-[01]\d-[0-3]\d\b"
)
_RELATIVE_DAY = re.compile(
    r"\b(?:yesterday|today|tonight|last night|this (?:morning|afternoon|evening)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    # counted from the narrative's last day: "the following day", "two days later"
    r"(?:following|next|previous|preceding|same) day|days? (?:later|earlier|afterwards)|"
    # the narrative's last day: "hours later", "that night"
    r"hours (?:later|earlier|afterwards)|that (?:night|evening|afternoon|morning))\b"
    # French: "hier", "mardi", "le lendemain", "la veille", "le même jour", "ce matin"
    r"|\b(?:hier|avant-hier|aujourd['’]hui|lundi|mardi|mercredi|jeudi|vendredi|samedi|"
    r"dimanche|lendemain|veille|même jour|ce (?:matin|soir)|cet après-midi|cette nuit|"
    r"la nuit dernière|"
    r"(?:jours?|heures) plus (?:tard|tôt))\b",
    re.I,
)
_MONTH = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b"
    r"|\b(?:1[89]|20)\d\d-[01]\d\b|\b[01]?\d/(?:1[89]|20)\d\d\b"
    r"|\b(?:last|this|next|that|same) month\b"
    # counted from the narrative's last date: "the following month", "a week later"
    r"|\b(?:following|previous|preceding) month\b|\b(?:weeks?|months?) (?:later|earlier)\b"
    # a week or a weekend: a span of days, stored at the month that holds it
    r"|\bweek(?:end)?s?\b|\bfortnight\b"
    # French months, "le mois dernier", "la semaine dernière", "un mois plus tard"
    r"|\b(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    r"octobre|novembre|décembre|decembre|janv|févr|avr|juil|sept|déc)\b"
    r"|\bmois\b|\bsemaines?\b|\bweek-ends?\b|\bquinzaine\b",
    re.I,
)
_PART_OF_YEAR = re.compile(
    r"\b(?:early|mid|middle|late|beginning|end|start|spring|summer|autumn|fall|winter|"
    r"quarter|half|season|q[1-4]|h[12]|"
    # French: "début 2022", "mi-juillet", "fin de l'année", seasons, quarters, halves
    r"début|mi|fin|printemps|été|automne|hiver|trimestre|semestre)\b",
    re.I,
)
_YEAR = re.compile(
    r"(?<!années )\b(?:1[89]|20)\d\d\b"
    r"|\b(?:last|this|next|that|same|previous|following|preceding) year\b"
    r"|\b(?:année|an) (?:dernière?|prochaine?|précédente?|suivante?)\b|\bcette année\b",
    re.I,
)
_DECADE = re.compile(r"\b(?:1[89]|20)\d0s\b|\bdecade\b|\bannées (?:19|20)\d0\b|\bdécennie\b", re.I)


def supported_precision(date_text: str) -> str | None:
    """The finest precision the words of a date support, or None when they support none.

    day: a day number (1–31, "3rd") or a day named relative to publication ("yesterday",
    "on Monday") or to the narrative's last date ("the following day", "two days later",
    "hours later", "that night");
    month: a month's name or abbreviation, "2023-07", "07/2023", "last month", "a week
    later" or "a month later" (counted loosely from the narrative's last date), a week or a
    weekend ("last week": a span of days, stored at the month that holds it, the scheme
    having no week); part-of-year: early/mid/late, a season, a quarter or half; year: a
    four-digit year or "last year"; decade: "the 2010s", "decade". English and French
    (bench/corpus_fr): "le 1er mai", "hier", "mi-juillet", "l'année dernière", "les années
    2010". A bare number is a day only beside a month, a year or nothing else, so the "3rd"
    of "the 3rd quarter" does not make a day.
    """
    finest = None
    for precision, pattern in (
        ("decade", _DECADE),
        ("year", _YEAR),
        ("part-of-year", _PART_OF_YEAR),
        ("month", _MONTH),
    ):
        if pattern.search(date_text):
            finest = precision
    if (
        _RELATIVE_DAY.search(date_text)
        or _NUMERIC_DAY.search(date_text)
        or (_DAY_NUMBER.search(date_text) and finest in ("month", "year", None))
    ):
        finest = "day"
    return finest


def invents_precision(precision: str, date_text: str) -> bool:
    """Whether a stored precision is finer than its words support ("day" for "July 2023",
    "month" for "2023", any precision for no words). No precision invents nothing; a
    precision coarser than the words is caution, not invention."""
    if not precision:
        return False
    supported = supported_precision(date_text)
    return supported is None or PRECISION_RANK[precision] < PRECISION_RANK[supported]


def finer_than(precision: str, key_precision: str | None) -> bool:
    """Whether a stored precision is finer than the key's (any precision beats none)."""
    if not precision:
        return False
    return key_precision is None or PRECISION_RANK[precision] < PRECISION_RANK[key_precision]


def _last_day_of_month(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


@dataclass(frozen=True)
class KeyDate:
    start: date
    end: date
    precision: str


def _key_last_day(key: KeyDate) -> date:
    """The last day the key's date covers at its precision."""
    if key.precision == "month":
        return _last_day_of_month(key.end)
    if key.precision in {"year", "part-of-year", "decade"}:
        return max(key.end, date(key.end.year, 12, 31))
    return key.end


def dates_agree(key: KeyDate, start: date | None, end: date | None, precision: str) -> bool:
    """Whether a stored range and precision say the key's date at the key's precision."""
    if precision != key.precision or start is None or end is None:
        return False
    if key.precision == "day":
        return (start, end) == (key.start, key.end)
    if key.precision == "month":
        return (start, end) == (key.start.replace(day=1), _last_day_of_month(key.end))
    if key.precision == "year":
        return (start, end) == (date(key.start.year, 1, 1), date(key.end.year, 12, 31))
    if key.precision == "part-of-year":
        # Bounds vary by convention ("early 2024": January to April, or to June), but the
        # part must be the key's: in its year, and overlapping it (not "late 2024" for it).
        return start.year == key.start.year and start <= key.end and key.start <= end
    return start.year == key.start.year  # decade: its bounds vary by convention


# Page furniture and markup that a quote of the article's own words never holds.

JUNK_PATTERNS = {
    "URL": re.compile(r"https?:|www\.|\b[\w-]+\.(?:com|org|net)/", re.I),
    "Share": re.compile(r"\bShare\b|\bTweet\b"),
    "Read more": re.compile(r"\bRead (?:more|also)\b", re.I),
    "Subscribe": re.compile(r"\bSubscribe\b|\bSign up\b|\bNewsletter\b", re.I),
    "Click here": re.compile(r"\bClick here\b", re.I),
    "Advertisement": re.compile(r"\bAdvertisement\b", re.I),
    "image caption": re.compile(
        r"\b(?:Photo|Image|Picture|Caption|Credit)s?\s*:|\bImage caption\b|\bGetty Images\b"
        r"|\(Photo\b",
        re.I,
    ),
    "©": re.compile(r"©|\(c\) \d{4}", re.I),
    "markdown bold": re.compile(r"\*\*|__\w"),
    "markdown heading": re.compile(r"(?m)^\s*#{1,6}\s"),
    "markdown link or image": re.compile(r"\]\(|!\["),
    "table pipe": re.compile(r"\|"),
    "HTML": re.compile(r"</?[a-z][a-z0-9]*\b[^>]*>|&(?:amp|nbsp|quot|lt|gt|#\d+);", re.I),
}


def junk_markers(quote: str) -> list[str]:
    """The kinds of page furniture or markup in a quote (JUNK_PATTERNS), empty when clean:
    URLs, "Share"/"Tweet" buttons, "Read more", "Subscribe"/"Sign up"/"Newsletter", "Click
    here", "Advertisement", image captions and credits ("Photo:", "Getty Images"), "©",
    markdown bold, headings, links and images, table pipes, and HTML tags or entities."""
    return [name for name, pattern in JUNK_PATTERNS.items() if pattern.search(quote)]


# Names and sentences.


def name_forms(*names: str) -> frozenset[str]:
    """The comparison keys of a key actor's forms, each also without a leading "the "."""
    forms = set()
    for name in names:
        normal = normalize_name(name)
        forms.add(normal)
        if normal.startswith("the "):
            forms.add(normal.removeprefix("the "))
    return frozenset(forms - {""})


def squash(text: str) -> str:
    return " ".join(text.split())


def quote_contains(quote: str, sentence: str) -> bool:
    return squash(sentence) in squash(quote)


def quote_covers(quote: str, sentence: str) -> bool:
    """Whether a claim's quote covers a key sentence (it holds it, or is most of it)."""
    quote, sentence = squash(quote), squash(sentence)
    if sentence in quote:
        return True
    return quote in sentence and len(quote) >= QUOTE_COVERS_SENTENCE * len(sentence)


# The key, as read from `<name>.key.json`.


@dataclass(frozen=True)
class KeyActor:
    name: str
    forms: frozenset[str]


@dataclass(frozen=True)
class KeyParticipant:
    name: str
    forms: frozenset[str]
    role: str


@dataclass(frozen=True)
class KeyEvent:
    kind: str
    sentence: str
    date_text: str
    when: KeyDate | None
    participants: tuple[KeyParticipant, ...]
    fatalities: dict | None
    place: str = ""
    place_precision: str = ""

    def describe(self) -> str:
        return f"{self.kind} {self.date_text or 'undated'}: {self.sentence[:70]}"


@dataclass(frozen=True)
class Key:
    published: KeyDate | None
    countries: frozenset[str]
    actors: tuple[KeyActor, ...]
    events: tuple[KeyEvent, ...]
    fact_sentences: tuple[str, ...]


def key_path(text: Path) -> Path:
    return text.with_name(f"{text.stem}.key.json")


def load_key(path: Path) -> Key:
    """A key file, read; a file that is not a key raises CorpusError naming it."""
    try:
        return parse_key(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise CorpusError(
            f"{path}: not a readable key ({type(error).__name__}: {error})"
        ) from error


def _key_date(start: str | None, end: str | None, precision: str | None) -> KeyDate | None:
    if not precision:
        return None
    if precision not in PRECISION_RANK:
        raise ValueError(f"unknown precision {precision!r}")
    return KeyDate(date.fromisoformat(start or ""), date.fromisoformat(end or ""), precision)


def parse_key(data: dict) -> Key:
    actors = tuple(
        KeyActor(actor["name"], name_forms(actor["name"], *actor.get("as_written", [])))
        for actor in data["actors"]
    )
    forms_by_name = {actor.name: actor.forms for actor in actors}
    published = data["published"]
    return Key(
        published=published
        and _key_date(published["date"], published["date"], published["precision"]),
        countries=frozenset(data["countries"]),
        actors=actors,
        events=tuple(_key_event(event, forms_by_name) for event in data["events"]),
        fact_sentences=tuple(data["fact_sentences"]),
    )


def _key_event(event: dict, forms_by_name: dict[str, frozenset[str]]) -> KeyEvent:
    participants = tuple(
        KeyParticipant(p["name"], forms_by_name.get(p["name"]) or name_forms(p["name"]), p["role"])
        for p in event.get("participants", [])
    )
    return KeyEvent(
        kind=event["kind"],
        sentence=event["sentence"],
        date_text=event.get("date_text") or "",
        when=_key_date(event.get("start"), event.get("end"), event.get("precision")),
        participants=participants,
        fatalities=event.get("fatalities"),
        place=event.get("place") or "",
        place_precision=event.get("place_precision") or "",
    )


# What the importer stored for an article, read into plain values.


@dataclass(frozen=True)
class StoredActor:
    id: int
    name: str
    forms: frozenset[str]  # normalised name and aliases


@dataclass(frozen=True)
class StoredClaim:
    id: int
    quote: str
    anchored: bool
    precision: str
    date_text: str


@dataclass(frozen=True)
class StoredEvent:
    id: int
    kind: str
    start: date | None
    end: date | None
    precision: str
    date_text: str
    fatalities_low: int | None
    fatalities_best: int | None
    participants: tuple[tuple[StoredActor, str], ...]
    quotes: tuple[str, ...]  # of the article's claims that point to it
    # (start, end, precision) of the article's claims that point to it: what this article
    # says of the event's date, when the event is shared with others that date it finer.
    claim_dates: tuple[tuple[date | None, date | None, str], ...] = ()
    # (actor id, role) of the participants this article's import gave the event; None when
    # the store does not say which article gave which (then the names rule applies).
    given_here: frozenset[tuple[int, str]] | None = None
    # The normalised names of the event's place, and how exactly the event is placed.
    place: frozenset[str] = frozenset()
    place_name: str = ""
    location_precision: str = ""
    # The names of the units and the country the place lies in, and whether this article's
    # words gave the place (another report of the same event may have placed it finer).
    place_within: frozenset[str] = frozenset()
    placed_here: bool = True

    def within(self, key: "KeyDate") -> bool:
        return (
            self.start is not None
            and self.end is not None
            and key.start <= self.start
            and self.end <= _key_last_day(key)
        )

    def said_as(self, key: "KeyDate") -> bool:
        """The article's own claim gives the key's date, and the event (which another
        article may date more finely) lies inside it."""
        return self.within(key) and any(
            dates_agree(key, start, end, precision) for start, end, precision in self.claim_dates
        )


@dataclass(frozen=True)
class StoredArticle:
    published_start: date | None = None
    published_end: date | None = None
    published_precision: str = ""
    claims: tuple[StoredClaim, ...] = ()
    events: tuple[StoredEvent, ...] = ()
    countries: frozenset[str] = frozenset()
    actors: tuple[StoredActor, ...] = ()
    # Actors this article's own claims name (as subject, object, claimant or mention).
    named: frozenset[int] = frozenset()


NOTHING_STORED = StoredArticle()


def read_article(article_id: int) -> StoredArticle:
    """An article's stored proposals, from the current database."""
    from facts.models import Actor, Article, Claim, Event

    article = Article.objects.get(pk=article_id)
    claims = list(
        Claim.objects.filter(article=article)
        .select_related("object_country")
        .prefetch_related("countries", "actors")
    )
    events = list(
        Event.objects.filter(claims__article=article)
        .distinct()
        .order_by("pk")
        .select_related("place__admin1", "place__admin2", "place__country")
        .prefetch_related("countries", "participants")
    )
    named = {
        actor_id
        for claim in claims
        for actor_id in (
            claim.subject_id,
            claim.object_actor_id,
            claim.claimant_id,
            *(actor.pk for actor in claim.actors.all()),
        )
        if actor_id is not None
    }
    countries = {c.alpha3 for claim in claims for c in claim.countries.all()}
    countries |= {claim.object_country.alpha3 for claim in claims if claim.object_country}
    countries |= {c.alpha3 for event in events for c in event.countries.all()}
    # A shared event's participants are this article's when its claims name them, or when
    # they are the states of the countries it names ("Mali and Niger left ECOWAS").
    participant_ids = {p.actor_id for event in events for p in event.participants.all()}
    states = set(
        Actor.objects.filter(
            pk__in=participant_ids, kind="state", country__alpha3__in=countries
        ).values_list("pk", flat=True)
    )
    named |= states
    actor_ids = named | participant_ids
    actors = {
        actor.pk: StoredActor(
            actor.pk,
            actor.name,
            frozenset(
                normalize_name(n)
                for n in [actor.name, *(a.name for a in actor.aliases.all()), *_state_names(actor)]
            ),
        )
        for actor in Actor.objects.filter(pk__in=actor_ids)
        .select_related("country")
        .prefetch_related("aliases")
    }
    return StoredArticle(
        published_start=article.published_start,
        published_end=article.published_end,
        published_precision=article.published_precision,
        claims=tuple(_stored_claim(article.text, claim) for claim in claims),
        events=tuple(
            _stored_event(event, claims, actors, article.pk, article.text) for event in events
        ),
        countries=frozenset(countries),
        actors=tuple(actors[pk] for pk in sorted(named)),
        named=frozenset(named),
    )


def _state_names(actor) -> list[str]:
    """A state is found through its country (the importer's gazetteer has no aliases for
    states): its names are the country's names, and its government's ("the Government of
    Mali", "the Malian government", "the Malian authorities")."""
    if actor.kind != "state" or actor.country is None:
        return []
    country = actor.country
    names = [
        country.name,
        *country.aliases,
        *([country.official_name] if country.official_name else []),
    ]
    governed = [f"government of {n}" for n in names] + [f"{n} government" for n in names]
    for demonym in country.demonyms:
        governed += [f"{demonym} government", f"{demonym} authorities"]
    # Its seat of power stands for it ("the Kremlin", "the Élysée"), as the importer reads it.
    seats = [seat for seat, alpha3 in METONYMS.items() if alpha3 == country.alpha3]
    return names + governed + seats


def _stored_claim(text: str, claim) -> StoredClaim:
    anchored = anchored_at(
        text,
        quote=claim.quote,
        start=claim.quote_start,
        end=claim.quote_end,
        prefix=claim.quote_prefix,
        suffix=claim.quote_suffix,
    )
    return StoredClaim(claim.pk, claim.quote, anchored, claim.date_precision, claim.date_text)


def _within(place) -> frozenset[str]:
    if place is None:
        return frozenset()
    units = [u for u in (place.admin1, place.admin2) if u is not None]
    return name_forms(
        place.country.name,
        *place.country.aliases,
        *(n for u in units for n in (u.name, *u.aliases)),
    )


def _stored_event(
    event, claims: list, actors: dict[int, StoredActor], article_id: int, text: str
) -> StoredEvent:
    return StoredEvent(
        id=event.pk,
        kind=event.kind,
        start=event.date_start,
        end=event.date_end,
        precision=event.date_precision,
        date_text=event.date_text,
        fatalities_low=event.fatalities_low,
        fatalities_best=event.fatalities_best,
        participants=tuple((actors[p.actor_id], p.role) for p in event.participants.all()),
        given_here=frozenset(
            (p.actor_id, p.role) for p in event.participants.all() if p.article_id == article_id
        ),
        quotes=tuple(claim.quote for claim in claims if claim.event_id == event.pk),
        place=name_forms(event.place.name, *event.place.aliases) if event.place else frozenset(),
        place_name=event.place.name if event.place else "",
        location_precision=event.location_precision,
        place_within=_within(event.place),
        placed_here=bool(event.location) and event.location in text,
        claim_dates=tuple(
            (claim.date_start, claim.date_end, claim.date_precision)
            for claim in claims
            if claim.event_id == event.pk
        ),
    )


# Comparing one article with its key.


@dataclass
class Share:
    """Hits among cases; `misses` says which cases missed (for --verbose)."""

    hits: int = 0
    cases: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, hit: bool, case: str = "") -> None:
        self.cases += 1
        if hit:
            self.hits += 1
        else:
            self.misses.append(case)

    @property
    def value(self) -> float | None:
        return round(self.hits / self.cases, 4) if self.cases else None

    def __add__(self, other: "Share") -> "Share":
        return Share(self.hits + other.hits, self.cases + other.cases, self.misses + other.misses)


@dataclass(frozen=True)
class Match:
    key: KeyEvent
    event: StoredEvent | None
    by_date: bool = False


def match_events(key_events: tuple[KeyEvent, ...], events: tuple[StoredEvent, ...]) -> list[Match]:
    """Each key event's stored event (module docstring: dates first, then the sentence)."""
    matched: set[int] = set()
    chosen: dict[int, StoredEvent] = {}
    # Dated matches for every key event first: an undated key event early in the key must not
    # take, by its sentence, the stored event a later key event of that sentence dates.
    for index, key_event in enumerate(key_events):
        when = key_event.when
        if when is None:
            continue
        free = [e for e in events if e.kind == key_event.kind and e.id not in matched]
        found = next(
            (e for e in free if dates_agree(when, e.start, e.end, e.precision)), None
        ) or next((e for e in free if e.said_as(when)), None)
        if found:
            matched.add(found.id)
            chosen[index] = found
    matches = []
    for index, key_event in enumerate(key_events):
        if index in chosen:
            matches.append(Match(key_event, chosen[index], by_date=True))
            continue
        free = [e for e in events if e.kind == key_event.kind and e.id not in matched]
        by_sentence = next(
            (e for e in free if any(quote_contains(q, key_event.sentence) for q in e.quotes)),
            None,
        )
        if by_sentence:
            matched.add(by_sentence.id)
        matches.append(Match(key_event, by_sentence))
    return matches


def score_quotes(claims: tuple[StoredClaim, ...]) -> Share:
    share = Share()
    for claim in claims:
        share.add(claim.anchored, f"claim #{claim.id} not anchored: {claim.quote[:70]!r}")
    return share


def score_publication(key: KeyDate | None, stored: StoredArticle) -> Share:
    share = Share()
    if key is not None:
        hit = dates_agree(
            key, stored.published_start, stored.published_end, stored.published_precision
        )
        found = (
            f"{stored.published_start}–{stored.published_end} {stored.published_precision}"
            if stored.published_start
            else "none"
        )
        share.add(hit, f"published {key.start} {key.precision}, stored {found}")
    return share


def score_sets(expected: frozenset[str], found: frozenset[str], what: str) -> tuple[Share, Share]:
    """Recall and precision of a set of codes."""
    recall, precision = Share(), Share()
    for code in sorted(expected):
        recall.add(code in found, f"{what} {code} not found")
    for code in sorted(found):
        precision.add(code in expected, f"{what} {code} not in the key")
    return recall, precision


def score_actors(
    key_actors: tuple[KeyActor, ...], actors: tuple[StoredActor, ...]
) -> tuple[Share, Share]:
    recall, precision = Share(), Share()
    for key_actor in key_actors:
        found = any(actor.forms & key_actor.forms for actor in actors)
        recall.add(found, f"actor {key_actor.name!r} not found")
    for actor in actors:
        known = any(actor.forms & key_actor.forms for key_actor in key_actors)
        precision.add(known, f"actor {actor.name!r} not in the key")
    return recall, precision


def score_dated_events(matches: list[Match]) -> Share:
    share = Share()
    for match in matches:
        if match.key.when is not None:
            share.add(match.by_date, f"no {match.key.describe()}")
    return share


def score_roles(matches: list[Match], named: frozenset[int]) -> Share:
    share = Share()
    for match in matches:
        event = match.event
        for actor, role in event.participants if event else ():
            if event is not None and event.given_here is not None:
                if (actor.id, role) not in event.given_here:
                    continue  # another article gave it: judged against that article's key
            elif actor.id not in named:
                continue  # another article's participant: this one never names the actor
            right = any(role == p.role and actor.forms & p.forms for p in match.key.participants)
            share.add(right, f"{actor.name!r} as {role} in {match.key.describe()}")
    return share


PLACE_PRECISIONS = ("exact", "near", "admin2", "admin1", "country")


def place_right(match: Match) -> bool:
    """The key's place at the key's precision; or, when another report of the event placed
    it (its words are not in this article), a finer place inside the key's place."""
    event, key = match.event, match.key
    if event is None or not key.place:
        return False
    forms = name_forms(key.place)
    if forms & event.place and event.location_precision == key.place_precision:
        return True
    finer = (
        event.location_precision in PLACE_PRECISIONS
        and key.place_precision in PLACE_PRECISIONS
        and PLACE_PRECISIONS.index(event.location_precision)
        < PLACE_PRECISIONS.index(key.place_precision)
    )
    return not event.placed_here and finer and bool(forms & event.place_within)


def score_place_recall(matches: list[Match]) -> Share:
    """Of the found events whose key names a place: the right place at the right precision."""
    share = Share()
    for match in matches:
        if match.event is not None and match.key.place:
            share.add(
                place_right(match),
                f"place {match.event.place_name or '-'!r} ({match.event.location_precision or '-'})"
                f" for {match.key.place!r} ({match.key.place_precision}) of {match.key.describe()}",
            )
    return share


def score_place_precision(matches: list[Match]) -> Share:
    """Of the found events the importer placed: placed right (a place where the key has
    none is wrong)."""
    share = Share()
    for match in matches:
        event = match.event
        if event is not None and event.place_name:
            share.add(
                place_right(match),
                f"placed at {event.place_name!r} ({event.location_precision}) but the key says "
                f"{match.key.place or 'no place'!r} of {match.key.describe()}",
            )
    return share


def score_fatalities(matches: list[Match]) -> Share:
    share = Share()
    for match in matches:
        dead = match.key.fatalities
        if not dead:
            continue
        event = match.event
        found = event is not None and (
            (dead.get("best") is not None and event.fatalities_best == dead["best"])
            or (dead.get("low") is not None and event.fatalities_low == dead["low"])
        )
        share.add(found, f"fatalities {dead} of {match.key.describe()}")
    return share


def score_fact_sentences(sentences: tuple[str, ...], claims: tuple[StoredClaim, ...]) -> Share:
    share = Share()
    for sentence in sentences:
        covered = any(quote_covers(claim.quote, sentence) for claim in claims)
        share.add(covered, f"not covered: {sentence[:80]!r}")
    return share


def invented_precision(stored: StoredArticle, matches: list[Match]) -> dict[str, str]:
    """Claims and events dated finer than their words, or (matched events) than the key."""
    invented = {
        f"claim #{c.id}": f"{c.precision} from {c.date_text!r}"
        for c in stored.claims
        if invents_precision(c.precision, c.date_text)
    }
    invented |= {
        f"event #{e.id}": f"{e.precision} from {e.date_text!r}"
        for e in stored.events
        if invents_precision(e.precision, e.date_text)
    }
    for match in matches:
        event = match.event
        key_precision = match.key.when.precision if match.key.when else None
        if (
            event
            and finer_than(event.precision, key_precision)
            and not (match.key.when and event.said_as(match.key.when))
            # The article's own claims on it are no finer than the key: the finer date is
            # another article's ("late July 2024" here, "On 25 July" in a battle's account).
            and (
                not event.claim_dates
                or any(finer_than(p, key_precision) for _, _, p in event.claim_dates)
            )
        ):
            invented.setdefault(f"event #{event.id}", f"{event.precision}, key {key_precision}")
    return invented


def junk_quotes(claims: tuple[StoredClaim, ...]) -> dict[str, str]:
    return {
        f"claim #{c.id}": f"{', '.join(markers)} in {c.quote[:70]!r}"
        for c in claims
        if (markers := junk_markers(c.quote))
    }


@dataclass
class FileScore:
    """One file's figures: shares by name, and counts as the records they count."""

    name: str
    failure: str = ""  # the import's reason, when it failed
    shares: dict[str, Share] = field(default_factory=dict)
    counted: dict[str, dict[str, str]] = field(default_factory=dict)

    def figures(self) -> dict[str, float | int | None]:
        values: dict[str, float | int | None] = {n: s.value for n, s in self.shares.items()}
        values |= {name: len(records) for name, records in self.counted.items()}
        return {name: values[name] for name in FIGURES}


def is_internal(reason: str) -> bool:
    return reason.startswith("internal error")


def score_file(name: str, key: Key, stored: StoredArticle | None, failure: str = "") -> FileScore:
    """Compare what was stored for one file (None when its import failed) with its key."""
    stored = stored or NOTHING_STORED
    matches = match_events(key.events, stored.events)
    country_recall, country_precision = score_sets(key.countries, stored.countries, "country")
    actor_recall, actor_precision = score_actors(key.actors, stored.actors)
    shares = {
        "exact_quotes": score_quotes(stored.claims),
        "publication_dates": score_publication(key.published, stored),
        "country_recall": country_recall,
        "country_precision": country_precision,
        "actor_recall": actor_recall,
        "actor_precision": actor_precision,
        "dated_event_recall": score_dated_events(matches),
        "participant_roles": score_roles(matches, stored.named),
        "fatalities_found": score_fatalities(matches),
        "place_recall": score_place_recall(matches),
        "place_precision": score_place_precision(matches),
        "fact_sentence_recall": score_fact_sentences(key.fact_sentences, stored.claims),
    }
    counted = {
        "internal_failures": {name: failure} if is_internal(failure) else {},
        "invented_precision": invented_precision(stored, matches),
        "junk_quotes": junk_quotes(stored.claims),
    }
    return FileScore(name, failure, shares, counted)


def total_of(files: list[FileScore]) -> FileScore:
    """The corpus's figures: hits and cases summed, counted records merged."""
    total = FileScore("total")
    for score in files:
        for name, share in score.shares.items():
            total.shares[name] = total.shares.get(name, Share()) + share
        for name, records in score.counted.items():
            total.counted[name] = total.counted.get(name, {}) | records
    return total


# Importing the corpus.


def keyed_texts(corpus: Path) -> list[Path]:
    """Every `*.txt` under the corpus with a key beside it, in path order."""
    return sorted(text for text in corpus.rglob("*.txt") if key_path(text).is_file())


@dataclass(frozen=True)
class Imported:
    """One keyed text as the import left it: its key, what was stored, why it failed."""

    name: str
    key: Key
    stored: StoredArticle | None
    failure: str = ""


def import_corpus(corpus: Path) -> list[Imported]:
    """Import the corpus's keyed texts into the current database and read back each one."""
    from facts.ingest.pipeline import import_sources
    from facts.ingest.reading.sources import expand_paths

    texts = keyed_texts(corpus)
    if not texts:
        raise CorpusError(f"{corpus}: no keyed text (<name>.txt with <name>.key.json) to score")
    keys = [load_key(key_path(text)) for text in texts]  # a bad key stops us before importing
    sources = [source for text in texts for source in expand_paths([str(text)])]
    run = import_sources(sources)
    reports = {report.name: report for report in run.files}
    imported = []
    for text, key, source in zip(texts, keys, sources, strict=True):
        report = reports[source.name]
        stored = read_article(report.article_id) if report.article_id else None
        failure = report.reason if report.status == "failed" else ""
        imported.append(Imported(text.relative_to(corpus).as_posix(), key, stored, failure))
    return imported


def score_corpus(corpus: Path) -> list[FileScore]:
    """Import the corpus's keyed texts into the current database and score each one."""
    return [score_imported(one) for one in import_corpus(corpus)]


def score_imported(one: Imported) -> FileScore:
    return score_file(one.name, one.key, one.stored, one.failure)


# Across corpora: one event reported in two languages.


def same_event_dates(one: KeyDate, other: KeyDate) -> bool:
    """Whether two keys date one event: the same range, or a day of one inside the month
    of the other (a report that gives the month only)."""
    if (one.start, one.end) == (other.start, other.end):
        return True
    day, month = sorted((one, other), key=lambda d: PRECISION_RANK[d.precision])
    return (
        day.precision == "day"
        and month.precision == "month"
        and month.start <= day.start <= _key_last_day(month)
    )


def score_linked_across(corpus: list[Imported], other: list[Imported]) -> Share:
    """Key events of `corpus` that a key of `other` reports too (same kind, same dates),
    counted as hits when the two articles' stored events for it are one event."""
    reported: list[tuple[KeyEvent, int | None]] = []
    for one in other:
        events = (one.stored or NOTHING_STORED).events
        for match in match_events(one.key.events, events):
            reported.append((match.key, match.event.id if match.event else None))
    share = Share()
    for one in corpus:
        events = (one.stored or NOTHING_STORED).events
        for match in match_events(one.key.events, events):
            when = match.key.when
            if when is None:
                continue
            partners = {
                event_id
                for key_event, event_id in reported
                if key_event.kind == match.key.kind
                and key_event.when is not None
                and same_event_dates(when, key_event.when)
            }
            if partners:
                linked = match.event is not None and match.event.id in partners
                share.add(linked, f"{one.name}: {match.key.describe()}")
    return share


# Floors.


def check_floors(figures: dict[str, float | int | None], floors: dict) -> list[str]:
    """Every figure below its floor ("min") or above its maximum ("max"), with why; a figure
    missing from the floor file, or a floor for no figure, is a problem too."""
    problems = []
    minimums, maximums = floors.get("min", {}), floors.get("max", {})
    for name in SHARES:
        value, floor = figures[name], minimums.get(name)
        if floor is None:
            problems.append(f"{name}: no floor in the floor file")
        elif value is None and floor > 0:
            problems.append(f"{name}: nothing to measure in the corpus (floor {floor})")
        elif value is not None and value < floor:
            problems.append(f"{name}: {value:.4f} is below its floor {floor}")
    for name in COUNTS:
        count, ceiling = figures[name], maximums.get(name)
        if ceiling is None:
            problems.append(f"{name}: no maximum in the floor file")
        elif count is not None and count > ceiling:
            problems.append(f"{name}: {count} is above its maximum {ceiling}")
    unknown = (set(minimums) - {*SHARES, ACROSS}) | (set(maximums) - set(COUNTS))
    problems += [f"{name}: not a figure this scorer computes" for name in sorted(unknown)]
    return problems


# Reporting.


def _cell(score: FileScore, name: str) -> str:
    if name in score.counted:
        return str(len(score.counted[name]))
    share = score.shares[name]
    return f"{share.hits}/{share.cases}" if share.cases else "-"


def table(files: list[FileScore], total: FileScore) -> str:
    width = max(len(score.name) for score in [*files, total])
    header = f"{'file':{width}}  " + " ".join(f"{SHORT_HEADERS[n]:>6}" for n in FIGURES)
    rows = [header]
    for score in [*files, total]:
        rows.append(f"{score.name:{width}}  " + " ".join(f"{_cell(score, n):>6}" for n in FIGURES))
    return "\n".join(rows)


def figure_lines(total: FileScore) -> list[str]:
    lines = []
    for name, value in total.figures().items():
        if name in total.shares:
            share = total.shares[name]
            shown = "-" if value is None else f"{value:.4f}"
            lines.append(f"{name:22s} {shown:>7}  ({share.hits}/{share.cases})")
        else:
            lines.append(f"{name:22s} {value:>7}")
    return lines


def details(files: list[FileScore]) -> list[str]:
    """Every miss and counted record, file by file (--verbose)."""
    lines = []
    for score in files:
        lines.append(f"{score.name}:")
        for name, share in score.shares.items():
            lines += [f"  {name}: {miss}" for miss in share.misses]
        for name, records in score.counted.items():
            lines += [f"  {name}: {record}: {why}" for record, why in records.items()]
    return lines


def as_json(corpus: Path, files: list[FileScore], total: FileScore) -> dict:
    def figures(score: FileScore) -> dict:
        shares = {
            n: {"value": s.value, "hits": s.hits, "cases": s.cases} for n, s in score.shares.items()
        }
        counts = {n: {"value": len(records)} for n, records in score.counted.items()}
        return {name: (shares | counts)[name] for name in FIGURES}

    return {
        "corpus": str(corpus),
        "files": [{"name": s.name, "failure": s.failure, "figures": figures(s)} for s in files],
        "failures": [{"name": s.name, "reason": s.failure} for s in files if s.failure],
        "total": figures(total),
    }


def report(files: list[FileScore], *, verbose: bool) -> FileScore:
    total = total_of(files)
    print(table(files, total))
    print()
    print("\n".join(figure_lines(total)))
    failures = [score for score in files if score.failure]
    if failures:
        print(f"\n{len(failures)} file(s) failed to import:")
        print("\n".join(f"  {score.name}: {score.failure}" for score in failures))
    if verbose:
        print()
        print("\n".join(details(files)))
    return total


# The command: a scratch database, then the import and the comparison.


def setup_scratch_django(folder: Path) -> None:
    """Django on a fresh SQLite database in `folder`, migrated, with the reference fixtures."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "sahel.settings"
    os.environ["DEBUG"] = "1"
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'extraction_score.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("loaddata", "countries", "actors", "places", verbosity=0)


def _share_text(share: Share) -> str:
    value = "-" if share.value is None else f"{share.value:.4f}"
    return f"{value} ({share.hits}/{share.cases})"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--across",
        type=Path,
        help="another corpus (another language), imported first: report the share of key "
        "events both report that end up on one event",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--check", type=Path, help="floor file: exit 1 if a figure is below")
    parser.add_argument("--verbose", action="store_true", help="list every miss, file by file")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not keyed_texts(args.corpus):  # before the minute of setting up a database
        print(
            f"{args.corpus}: no keyed text (<name>.txt with <name>.key.json) to score; "
            "see bench/corpus/README.md",
            file=sys.stderr,
        )
        return EMPTY_CORPUS_EXIT
    floors = json.loads(args.check.read_text(encoding="utf-8")) if args.check else None
    across: Share | None = None
    with tempfile.TemporaryDirectory(prefix="extraction-score-") as scratch:
        setup_scratch_django(Path(scratch))
        try:
            # The other corpus first: the scored one's articles then meet its events.
            others = import_corpus(args.across) if args.across else []
            imported = import_corpus(args.corpus)
        except CorpusError as error:
            print(error, file=sys.stderr)
            return EMPTY_CORPUS_EXIT
        files = [score_imported(one) for one in imported]
        total = report(files, verbose=args.verbose)
        if args.across:
            across = score_linked_across(imported, others)
            print(f"\n{ACROSS} (with {args.across}): {_share_text(across)}")
            if args.verbose and across.misses:
                print("\n".join(f"  not linked: {miss}" for miss in across.misses))
    if args.json:
        figures = as_json(args.corpus, files, total)
        if across is not None:
            figures[ACROSS] = {"value": across.value, "hits": across.hits, "cases": across.cases}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
    if floors is None:
        return 0
    problems = check_floors(total.figures(), floors)
    floor = floors.get("min", {}).get(ACROSS)
    if floor is not None:
        if across is None:
            problems.append(f"{ACROSS}: has a floor; give --across the other corpus")
        elif across.value is None or across.value < floor:
            problems.append(f"{ACROSS}: {_share_text(across)} is below its floor {floor}")
    if problems:
        heading = f"{len(problems)} figure(s) below their floors or above their maximums"
        print(f"\n{heading} ({args.check}):", file=sys.stderr)
        print("\n".join(f"  {problem}" for problem in problems), file=sys.stderr)
        return 1
    print("\nall figures at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
