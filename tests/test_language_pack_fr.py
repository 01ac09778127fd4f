"""The French language pack: its tables say what French writes (months, weekdays, ordinals,
trigger phrases for every kind of event, elided words with both apostrophes), and the steps,
compiled from it in a process that analyses French, read French dates, deaths, triggers and
page furniture.

The tests of the tables run here, in the test process, whose steps are compiled from the
English pack; the steps' French readings are checked in one process started for French."""

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from facts.ingest.analysis import lang

FR = lang.pack("fr")
EN = lang.pack("en")
ROOT = Path(__file__).resolve().parent.parent

# A phrase per kind of event, as the Sahel's French press writes it.
EXAMPLES = {
    "coup": "des militaires ont renversé le président",
    "membership-change": "le Mali a décidé de se retirer de la CEDEAO",
    "withdrawal": "les soldats français se sont retirés du pays",
    "alliance-formation": "les trois États ont annoncé la création de la Confédération",
    "force-creation": "les trois pays ont inauguré une force conjointe",
    "meeting": "le ministre s'est entretenu avec son homologue",
    "visit": "le président s'est rendu à Niamey",
    "agreement": "les deux pays ont signé un accord de défense",
    "aid-suspension": "Washington a suspendu son aide militaire",
    "sanction": "la CEDEAO a imposé des sanctions économiques",
    "equipment-delivery": "la Turquie a livré des drones",
    "intelligence-sharing": "le partage de renseignements entre les deux armées",
    "deployment": "la Russie a déployé des instructeurs",
    "airstrike": "une frappe aérienne a visé le camp",
    "attack": "des hommes armés ont attaqué un convoi",
    "expulsion": "la junte a expulsé l'ambassadeur",
    "election": "l'élection présidentielle a eu lieu",
    "protest": "des milliers de manifestants se sont rassemblés",
    "statement": "le Conseil a condamné l'attaque",
    "other": "le Premier ministre a démissionné",
}


def _words(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [w for key in value for w in _words(key)]
    if isinstance(value, (tuple, frozenset)):
        return [w for item in value for w in _words(item)]
    return []


def test_the_french_pack_is_registered():
    assert lang.pack("fr") is lang.PACKS["fr"]


def test_the_french_months_are_numbered():
    names = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre",
    ]  # fmt: skip
    assert [FR.MONTHS[name] for name in names] == list(range(1, 13))
    # "sept" is also seven ("depuis sept ans"): a month only as written capitalised
    assert set(FR.WORDLIKE_MONTHS) == {"sept"}


def test_the_french_weekdays_are_numbered_and_read_off_a_date_line():
    names = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    assert [FR.WEEKDAY_NAMES[name] for name in names] == list(range(7))
    weekday = f"(?:{'|'.join(FR.WEEKDAYS)})(?:{FR.WEEKDAY_ENDING})?"
    assert all(re.fullmatch(weekday, name, re.I) for name in names)


def test_the_first_of_the_month_is_an_ordinal():
    day = rf"[0-3]?\d(?:{'|'.join(FR.ORDINAL_SUFFIXES)})?"
    assert re.fullmatch(day, "1er") and re.fullmatch(day, "1ᵉʳ")


def test_every_kind_of_the_english_pack_has_french_triggers():
    assert set(FR.TRIGGERS) == set(EN.TRIGGERS)
    assert all(FR.TRIGGERS[kind] for kind in EN.TRIGGERS)
    assert set(EXAMPLES) == set(EN.TRIGGERS)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_a_french_phrase_of_each_kind_matches_its_triggers(kind):
    assert any(re.search(piece, EXAMPLES[kind], re.I) for piece in FR.TRIGGERS[kind])


def test_the_formation_words_come_first_in_the_alliance_triggers():
    # events.py reads the first two pieces as the words that form a body (an alliance, or a
    # force when what is formed is one); "formation" is training in French, not one of them.
    formation = FR.TRIGGERS["alliance-formation"][:2]
    assert any(re.search(p, "la création de l'Alliance", re.I) for p in formation)
    assert any(re.search(p, "ils ont créé l'Alliance", re.I) for p in formation)
    assert not any(re.search(p, "la formation des soldats", re.I) for p in formation)


def test_every_elided_word_is_listed_with_both_apostrophes():
    for name in sorted(set(lang.LanguagePack.__annotations__) - lang.PIECE_TABLES):
        words = set(_words(getattr(FR, name)))
        for word in words:
            if "'" in word:
                assert word.replace("'", "’") in words, f"{name}: {word!r}"
            if "’" in word:
                assert word.replace("’", "'") in words, f"{name}: {word!r}"


def test_the_conditional_is_modal_and_negation_precedes_the_verb():
    modal = re.compile(rf"\b(?:{'|'.join(FR.MODAL)})\b")
    assert modal.search("le chef jihadiste aurait été tué")
    assert modal.search("les assaillants seraient venus du Mali")
    assert not modal.search("le chef jihadiste a été tué")
    negation = re.compile(rf"\b(?:{'|'.join(FR.NEGATION)})\s+(?:\w+\s+){{0,2}}$", re.I)
    assert negation.search("les soldats n'ont pas ")
    assert negation.search("l'armée n'a jamais ")
    assert not negation.search("plus de vingt ")  # "plus de 20 attaques" denies nothing


def test_the_bounds_of_a_count_of_the_dead_are_qualifiers():
    qualifiers = set(FR.FATALITY_QUALIFIERS)
    assert FR.FATALITY_LOWER_BOUNDS.issubset(qualifiers)
    assert FR.FATALITY_UPPER_BOUNDS.issubset(qualifiers)
    assert "au moins" in FR.FATALITY_LOWER_BOUNDS and "jusqu’à" in FR.FATALITY_UPPER_BOUNDS
    # "une embuscade qui a fait 21 morts" counts 21: "une" is no number
    assert "une" not in FR.NUMBER_WORDS and FR.NUMBER_WORDS["quarantaine"] == 40


def test_a_decade_needs_the_word_annees():
    decade = re.compile(
        rf"(?:{FR.DECADE_ARTICLE}\s+)?(?:(?:{'|'.join(FR.DECADE_PARTS)})\s*)?"
        rf"(?:1[89]|20)\d0{FR.DECADE_SUFFIX}",
        re.I,
    )
    assert decade.search("dans les années 1990").group(0) == "les années 1990"
    assert decade.search("à la fin des années 1980").group(0) == "à la fin des années 1980"
    assert decade.search("en 2020") is None


def test_dates_counted_back_from_the_publication_date():
    assert FR.RELATIVE_DATES["hier"] == ("day", -1)
    assert FR.RELATIVE_DATES["l’année dernière"] == ("year", -1)
    assert FR.RELATIVE_DATES["la semaine dernière"] == ("week", -1)
    assert FR.RELATIVE_DATES["il y a trois jours"] == ("day", -3)
    assert FR.RELATIVE_DATES["il y a 2 semaines"] == ("week", -2)


@pytest.mark.parametrize(
    "line",
    [
        "Lire aussi : Au Mali, la junte dissout les partis politiques",
        "À lire aussi",
        "LIRE AUSSI | Burkina Faso : le capitaine Traoré limoge son chef d’état-major",
        "Partager",
        "Partager sur Facebook",
        "Abonnez-vous à notre newsletter",
        "Photo : AFP",
        "Crédit photo : Studio Tamani",
    ],
)
def test_french_page_furniture_is_a_whole_line_of_the_pack(line):
    assert re.fullmatch(rf"(?:{'|'.join(FR.FURNITURE)})", line, re.I), line


# ------------------------------------------------------------ the steps compiled in French

_IN_FRENCH = r"""
import json
from datetime import date

from facts.ingest.analysis import lang
from facts.ingest.analysis.cleaning import BODY_ROLES, clean_article
from facts.ingest.analysis.context import build_context
from facts.ingest.analysis.dates import find_dates, parse_date_line
from facts.ingest.analysis.events import find_triggers, propose_events
from facts.ingest.analysis.fatalities import find_fatalities
from facts.ingest.analysis.metadata import extract_metadata

REFERENCE = date(2024, 3, 13)  # a Wednesday


def dates(text):
    return [
        [d.text, str(d.start), str(d.end), d.precision]
        for d in find_dates(text, reference=REFERENCE)
    ]


def deaths(text):
    found = find_fatalities(text)
    return found and [found.low, found.best, found.high]


CONTEXT = build_context(
    countries=[
        {"alpha3": "MLI", "name": "Mali", "demonyms": ["Malien"], "capital": "Bamako"},
        {"alpha3": "NER", "name": "Niger", "demonyms": ["Nigérien"], "capital": "Niamey"},
    ],
    actors=[
        {"slug": "mali", "name": "Mali", "kind": "state", "country": "MLI"},
        {"slug": "niger", "name": "Niger", "kind": "state", "country": "NER"},
        {"slug": "ecowas", "name": "ECOWAS", "kind": "international-organisation"},
    ],
    aliases=[{"actor": "ecowas", "name": "CEDEAO", "case_sensitive": True}],
)


def published(text):
    meta = extract_metadata(clean_article(text))
    day = meta.published
    return day and [str(day.start), day.precision, meta.posted_later]


def events(text):
    mentions = CONTEXT.gazetteer.find(text)
    return [e.kind for e in propose_events(0, text, mentions, find_dates(text), CONTEXT)]


def dated_events(text):
    mentions = CONTEXT.gazetteer.find(text)
    found = propose_events(0, text, mentions, find_dates(text), CONTEXT)
    return [[e.kind, str(e.date.start)] for e in found if e.date and e.date.resolved]


line = parse_date_line("Publié le mardi 12 mars 2024 à 10h05")
cleaned = clean_article(
    "Mali : la junte dissout les partis\n\nPar Awa Traoré\n\nPublié le 12 mars 2024\n\n"
    "Les partis politiques ont été dissous mercredi.\n\nLire aussi : Au Niger, la junte\n\n"
    "Partager\n\n© AFP 2024\n"
)
print(json.dumps({
    "language": lang.process_language(),
    "dates": {text: dates(text) for text in __TEXTS__},
    "deaths": {text: deaths(text) for text in __DEATHS__},
    "kinds": {text: sorted({hit.kind for hit in find_triggers(text)}) for text in __KINDS__},
    "events": {text: events(text) for text in __EVENTS__},
    "dated_events": {text: dated_events(text) for text in __DATED__},
    "published": {text: published(text) for text in __PUBLISHED__},
    "date_line": [str(line.start), line.precision] if line else None,
    "body": [line.text for line in cleaned.lines if line.role in BODY_ROLES],
}))
"""

DATES = {
    "Le 24 mai 2021, les militaires ont arrêté le président.": [
        ["24 mai 2021", "2021-05-24", "2021-05-24", "day"]
    ],
    "Il a été élu le 1er janvier 2020.": [["1er janvier 2020", "2020-01-01", "2020-01-01", "day"]],
    "Les soldats sont arrivés en juillet 2023.": [
        ["juillet 2023", "2023-07-01", "2023-07-31", "month"]
    ],
    "Les combats ont repris fin 2022.": [["fin 2022", "2022-09-01", "2022-12-31", "part-of-year"]],
    "Le groupe est né dans les années 2010.": [
        ["les années 2010", "2010-01-01", "2019-12-31", "decade"]
    ],
    "La transition a commencé en 2020.": [["2020", "2020-01-01", "2020-12-31", "year"]],
    "L'armée a riposté hier.": [["hier", "2024-03-12", "2024-03-12", "day"]],
    "Les élections ont eu lieu l'année dernière.": [
        ["l'année dernière", "2023-01-01", "2023-12-31", "year"]
    ],
    "Le convoi a été attaqué il y a trois jours.": [
        ["il y a trois jours", "2024-03-10", "2024-03-10", "day"]
    ],
    "Les pluies ont commencé début juillet dans le Sahel.": [
        ["début juillet", "2023-07-01", "2023-07-31", "month"]
    ],
    "Les otages sont détenus depuis sept ans.": [],
}
DEATHS = {
    "Au moins 21 soldats ont été tués samedi.": [21, 21, None],
    "L'attaque a fait une quarantaine de morts.": [None, 40, None],
    "Les assaillants ont ouvert le feu, tuant 12 civils.": [12, 12, 12],
    "L'EI-Sahel a revendiqué une embuscade qui a fait 21 morts.": [21, 21, 21],
    "Les attaques ont causé la mort de plus de 20 personnes.": [20, 20, None],
    # thousands set apart by a space, a narrow or a non-breaking space
    "L'attaque a fait 1 200 morts.": [1200, 1200, 1200],
    "Le conflit a fait plus de 10\u202f000 morts.": [10000, 10000, None],
    "Au moins 2\xa0500 civils ont été tués.": [2500, 2500, None],
    # one victim after a lead; a year before the count does not hide it
    "Une mine a explosé, tuant un Casque bleu et blessant six soldats.": [1, 1, 1],
    "Les rebelles ont tué un nombre inconnu de civils.": None,
    "L'attaque a été perpétrée le 20 novembre 2015 et au moins 18 personnes ont été tuées.": [
        18,
        18,
        None,
    ],
}
KINDS = {f"Selon des sources locales, {example}.": kind for kind, example in EXAMPLES.items()}
EVENTS = {
    "La CEDEAO a lancé une intervention militaire au Niger le 30 juillet 2023.": ["deployment"],
    # a threat, a denial, a conditional: no event
    "La CEDEAO a menacé d'une intervention militaire au Niger le 30 juillet 2023.": [],
    "Des hommes armés ont attaqué un camp au Mali le 3 mars 2024.": ["attack"],
    "Les soldats n'ont pas attaqué le camp au Mali le 3 mars 2024.": [],
    "Le chef jihadiste aurait été tué au Mali le 12 mars 2023.": [],
    "La CEDEAO a imposé des sanctions contre le Mali le 9 janvier 2022.": ["sanction"],
    "Les élections au Mali se sont déroulées en juillet 2018.": ["election"],
    "Un carnage a eu lieu au Mali le 5 juin 2021.": ["attack"],
}

BODY = "La France condamne l'attaque perpétrée contre la MINUSMA."
PUBLISHED = {
    f"Mali - Attaques contre la MINUSMA (14 avril 2018)\n\n{BODY}\n": ["2018-04-14", "day", False],
    (
        "Communiqué de la Présidence de la République, en date du 18 janvier 2016, sur un "
        f"attentat terroriste au Burkina Faso.\n\n{BODY}\n"
    ): ["2016-01-18", "day", False],
    f"Déclaration (16 janvier, 15h)\n\n{BODY}\n\nDernière modification : 16/01/2016\n": [
        "2016-01-16",
        "day",
        False,
    ],
    f"Mali\n\n{BODY}\n\nSource https://www.diplomatie.gouv.fr, le 27 mai 2021\n": [
        "2021-05-27",
        "day",
        True,
    ],
    # the subject's year in brackets; an attack's day in the heading
    f"Massacre de Solhan (2021)\n\n{BODY}\n": None,
    f"L'attaque du 14 avril 2018 à Tombouctou\n\n{BODY}\n": None,
}

DATED_EVENTS = {
    # a relative clause of occurrence dates the attack it follows; another clause does not
    "Le Conseil a condamné l'attaque contre un camp militaire au Mali, qui a été perpétrée le "
    "20 novembre 2015.": [["attack", "2015-11-20"]],
    "Le Mali a annoncé son retrait du G5 Sahel, qu'il avait rejoint en février 2014.": [],
    # a weekday and a date that open the sentence frame its acts
    "Le samedi 16 septembre 2023, le Mali a annoncé qu'il avait signé avec le Niger la charte "
    "établissant l'alliance.": [["statement", "2023-09-16"], ["agreement", "2023-09-16"]],
    # the outbreak of a conflict
    "C'est l'attaque la plus meurtrière au Mali depuis le début du conflit en 2012.": [
        ["other", "2012-01-01"]
    ],
    # a deadline is not the date of the act that set it
    "Le 25 juin 2014, le Conseil a prorogé le mandat de la force au Mali jusqu'au 30 juin 2015.": [
        ["other", "2014-06-25"]
    ],
}


@pytest.fixture(scope="module")
def in_french() -> dict:
    code = (
        _IN_FRENCH.replace("__TEXTS__", repr(list(DATES)))
        .replace("__DEATHS__", repr(list(DEATHS)))
        .replace("__KINDS__", repr(list(KINDS)))
        .replace("__EVENTS__", repr(list(EVENTS)))
        .replace("__DATED__", repr(list(DATED_EVENTS)))
        .replace("__PUBLISHED__", repr(list(PUBLISHED)))
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, lang.LANGUAGE_VARIABLE: "fr"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_steps_compile_the_french_pack_in_a_french_process(in_french):
    assert in_french["language"] == "fr"


@pytest.mark.parametrize("text", list(DATES))
def test_french_dates_are_read_at_their_precision(in_french, text):
    assert in_french["dates"][text] == DATES[text]


@pytest.mark.parametrize("text", list(DEATHS))
def test_french_counts_of_the_dead_are_read(in_french, text):
    assert in_french["deaths"][text] == DEATHS[text]


@pytest.mark.parametrize("text", list(KINDS))
def test_each_kind_is_found_by_the_steps_in_french(in_french, text):
    assert KINDS[text] in in_french["kinds"][text]


@pytest.mark.parametrize("text", list(EVENTS))
def test_french_threats_denials_and_the_conditional_propose_no_event(in_french, text):
    assert in_french["events"][text] == EVENTS[text]


def test_a_french_date_line_and_french_page_furniture(in_french):
    assert in_french["date_line"] == [str(date(2024, 3, 12)), "day"]
    assert in_french["body"] == ["Les partis politiques ont été dissous mercredi."]


@pytest.mark.parametrize("text", list(PUBLISHED))
def test_french_headings_date_lines_and_source_trailers_date_the_text(in_french, text):
    assert in_french["published"][text] == PUBLISHED[text]


@pytest.mark.parametrize("text", list(DATED_EVENTS))
def test_a_french_clause_of_occurrence_dates_the_act_before_it(in_french, text):
    assert in_french["dated_events"][text] == DATED_EVENTS[text]
