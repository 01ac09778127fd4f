"""Steps 7–8: events and claims proposed from the seed articles and from other styles. Pure."""

import re
from datetime import date
from pathlib import Path

import pytest

from facts.ingest.analysis import analyze, prefilter
from facts.ingest.analysis.cleaning import clean_article
from facts.ingest.analysis.events import TRIGGERS, TriggerHit, find_triggers
from facts.ingest.analysis.sentences import split_sentences
from facts.ingest.reading import normalize_text, read_document
from tests.base import fixture_context

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


@pytest.fixture(scope="module")
def seeds(ctx):
    return {
        path.name[:3]: analyze(read_document(path.name, path.read_bytes()), ctx)
        for path in sorted(SEEDS.glob("*.txt"))
    }


def analysis_of(ctx, text: str):
    return analyze(read_document("test.txt", text.encode()), ctx)


def events_of(analysis, kind):
    return [e for e in analysis.events if e.kind == kind and not e.link_only]


def roles(event) -> set[tuple[str, str]]:
    return set(event.participants)


class TestSeedEvents:
    def test_mali_coups_of_august_2020_and_may_2021_led_by_goita(self, seeds):
        coups = [e for e in events_of(seeds["003"], "coup") if "country:MLI" in e.countries]
        assert [(e.date.start, e.date.precision) for e in coups] == [
            (date(2020, 8, 1), "month"),
            (date(2021, 5, 1), "month"),
        ]
        assert all(("actor:assimi-goita", "leader") in roles(e) for e in coups)

    def test_burkina_faso_two_coups_in_2022_traore_in_september(self, seeds):
        coups = [e for e in events_of(seeds["003"], "coup") if "country:BFA" in e.countries]
        by_precision = {e.date.precision: e for e in coups}
        september = by_precision["month"]
        assert (september.date.start, september.date.end) == (date(2022, 9, 1), date(2022, 9, 30))
        assert ("actor:ibrahim-traore", "leader") in roles(september)
        other = by_precision["year"]  # the other coup of 2022, not Traoré's
        assert other.date.start == date(2022, 1, 1) and not other.participants

    def test_niger_coup_of_july_2023_tchiani_ousting_bazoum(self, seeds):
        (coup,) = [e for e in events_of(seeds["003"], "coup") if e.trigger == "overthrown"]
        assert coup.countries == ["country:NER"]
        assert (coup.date.start, coup.date.precision) == (date(2023, 7, 1), "month")
        assert roles(coup) == {
            ("actor:abdourahamane-tchiani", "leader"),
            ("actor:mohamed-bazoum", "target"),
        }

    def test_end_of_operation_barkhane_in_mali_august_2022(self, seeds):
        withdrawal = next(
            e for e in events_of(seeds["003"], "withdrawal") if "country:MLI" in e.countries
        )
        assert (withdrawal.date.start, withdrawal.date.precision) == (date(2022, 8, 1), "month")
        assert {"actor:operation-barkhane", "actor:takuba-task-force", "actor:france"} <= {
            t for t, _ in withdrawal.participants
        }

    @pytest.mark.parametrize(
        ("seed", "precision"), [("001", "year"), ("003", "month"), ("004", "month")]
    )
    def test_founding_of_the_aes_in_2023_in_three_articles(self, seeds, seed, precision):
        (founding,) = events_of(seeds[seed], "alliance-formation")
        assert ("actor:aes", "party") in roles(founding)
        assert founding.date.start.year == 2023 and founding.date.precision == precision

    def test_us_pause_of_500_million_in_aid_to_niger(self, seeds):
        (pause,) = [e for e in events_of(seeds["003"], "aid-suspension") if "paused" in e.trigger]
        assert roles(pause) >= {("actor:united-states", "party"), ("actor:niger", "target")}
        claim = next(c for c in seeds["003"].claims if "paused" in c.quote)
        assert (claim.subject, claim.predicate, claim.object_actor, claim.object_value) == (
            "actor:united-states",
            "suspended-aid-to",
            "actor:niger",
            "over $500 million",
        )

    def test_russian_l39_jets_to_mali_and_mi35_helicopters_to_niger(self, seeds):
        deliveries = events_of(seeds["003"], "equipment-delivery")
        assert {(e.detail, e.countries[0]) for e in deliveries} == {
            ("L-39 jets", "country:MLI"),
            ("Mi-35 attack helicopters", "country:NER"),
        }
        assert all(("actor:russia", "supplier") in roles(e) for e in deliveries)

    def test_inauguration_of_the_5000_strong_joint_force_late_2025(self, seeds):
        (force,) = events_of(seeds["001"], "force-creation")
        assert (force.date.start, force.date.end, force.date.precision) == (
            date(2025, 9, 1),
            date(2025, 12, 31),
            "part-of-year",
        )
        assert ("actor:aes-unified-force", "party") in roles(force)
        claim = next(c for c in seeds["001"].claims if "5,000-strong" in c.quote)
        assert claim.object_value == "5,000-strong"

    def test_diop_atallah_talks_on_july_9_year_unresolved(self, seeds):
        (talks,) = events_of(seeds["004"], "meeting")
        assert roles(talks) == {("actor:abdoulaye-diop", "party"), ("actor:rudy-atallah", "party")}
        assert talks.date.text == "July 9" and not talks.date.resolved
        assert "unresolved-dates" in seeds["004"].flags

    def test_limited_us_intelligence_sharing_with_aes_militaries(self, seeds):
        sharing = events_of(seeds["000"], "intelligence-sharing")
        assert any(
            roles(e) >= {("actor:united-states", "supplier"), ("actor:aes", "recipient")}
            for e in sharing
        )


class TestSeedClaims:
    def test_every_quote_is_its_sentence_in_the_cleaned_text(self, seeds):
        for analysis in seeds.values():
            text = analysis.cleaned.text
            for claim in analysis.claims:
                assert text[claim.start : claim.end] == claim.quote
                assert text[: claim.start].endswith(claim.prefix)
                assert text[claim.end :].startswith(claim.suffix)

    def test_headings_questions_opinion_and_speculation_yield_no_claims(self, seeds):
        quotes = [c.quote for a in seeds.values() for c in a.claims]
        assert not any(q.endswith("?") for q in quotes)
        assert not any(
            q.startswith(("I think", "In my view", "From my perspective")) for q in quotes
        )
        assert not any(" could " in q or " might " in q for q in quotes)
        assert "Geopolitical Complexity" not in quotes

    def test_brennan_is_the_claimant_of_the_intelligence_statement(self, seeds):
        claim = next(c for c in seeds["000"].claims if c.quote.startswith("Lieutenant General"))
        assert claim.claimant == "actor:john-brennan"
        assert claim.subject == "actor:united-states"
        assert claim.predicate == "shares-intelligence-with"

    def test_reported_sources_and_anonymous_officials_are_recorded(self, seeds):
        afp = next(c for c in seeds["000"].claims if c.quote.startswith("According to AFP"))
        assert afp.reported_via == "AFP; Malay Mail"
        official = next(c for c in seeds["001"].claims if "said a U.S. official" in c.quote)
        assert official.claimant_text == "a U.S. official familiar with the discussions"
        atallah = next(c for c in seeds["004"].claims if "Atallah said" in c.quote)
        assert atallah.claimant == "actor:rudy-atallah"

    def test_known_titled_people_are_linked_not_proposed_again(self, seeds):
        assert all(not a.people for a in seeds.values())
        assert (
            seeds["003"].titles["actor:molly-phee"]
            == "Assistant Secretary of State for African Affairs"
        )

    def test_generated_articles_score_lower(self, seeds):
        clean = max(c.confidence for c in seeds["004"].claims)
        generated = max(c.confidence for c in seeds["002"].claims)
        assert generated < clean


class TestOtherStyles:
    def test_wire_copy_with_a_new_titled_person_and_a_dated_event(self, ctx):
        analysis = analysis_of(
            ctx,
            "Mali junta names new defence chief\n\n"
            "BAMAKO, March 4, 2025 (Reuters) - Mali's transitional president appointed "
            "General Oumar Diarra as army chief on Monday.\n\n"
            "Defence Minister Issa Kanouté met Russian officials in Moscow on March 2, 2025, "
            "a ministry spokesman said.\n\n"
            "Kanouté said Russia would deliver more drones.\n",
        )
        assert {p.name for p in analysis.people} == {"Oumar Diarra", "Issa Kanouté"}
        titles = {p.name: p.title for p in analysis.people}
        assert titles["Issa Kanouté"] == "Defence Minister"
        claim = next(c for c in analysis.claims if c.quote.startswith("Defence Minister"))
        assert claim.date.start == date(2025, 3, 2)
        assert claim.claimant_text == "a ministry spokesman"
        # A forecast is kept only as what someone said, and proposes no event; the surname
        # alone finds the Kanouté named before.
        forecast = next(c for c in analysis.claims if "would deliver" in c.quote)
        assert (forecast.claimant, forecast.predicate) == ("actor:issa-kanoute", "stated")
        assert not any(e.kind == "equipment-delivery" for e in analysis.events)

    def test_french_names_and_month_day_dates_in_a_dated_article(self, ctx):
        analysis = analysis_of(
            ctx,
            "Niger and Mali deepen ties\n\nJune 20, 2024\n\n"
            "Prime Minister Ali Mahamane Lamine Zeine visited Bamako on June 12.\n\n"
            "General Abdourahamane Tiani received the Malian delegation in Niamey.\n",
        )
        visit = next(e for e in analysis.events if e.kind == "visit")
        assert visit.date.start == date(2024, 6, 12) and visit.date.precision == "day"
        # The capital visited is where the visit happened; the state is no participant.
        assert "country:MLI" in visit.countries
        assert visit.participants == [("actor:ali-mahamane-lamine-zeine", "visitor")]
        tiani = [m for m in analysis.mentions if m.text == "Abdourahamane Tiani"]
        assert tiani and tiani[0].target == "actor:abdourahamane-tchiani"

    def test_think_tank_prose_with_relative_dates(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Sahel after ECOWAS\n\nPublished 15 March 2025\n\n"
            "Mali, Niger and Burkina Faso left ECOWAS last year, after announcing their exit in "
            "January.\n\nAnalysts expect the AES to grow.\n",
        )
        claim = next(c for c in analysis.claims if "left ECOWAS" in c.quote)
        assert claim.date.start == date(2024, 1, 1) and claim.date.precision == "year"
        exit_event = next(e for e in analysis.events if e.kind == "membership-change")
        # The members that leave are its parties; the body they leave is the other side.
        assert ("actor:ecowas", "target") in exit_event.participants
        assert ("actor:mali", "party") in exit_event.participants

    def test_text_without_names_gives_no_claims_and_a_flag(self, ctx):
        analysis = analysis_of(
            ctx, "A quiet day\n\nNothing happened anywhere that anyone noticed.\n"
        )
        assert analysis.claims == [] and "no-claims" in analysis.flags


# ----------------------------------------------------------------------------- first look


def _every_vocabulary(sentence: str) -> list[TriggerHit]:
    """find_triggers without any first look: every vocabulary run on the sentence."""
    hits: list[TriggerHit] = []
    for kind, patterns in TRIGGERS.items():
        for pattern in patterns:
            for match in pattern.finditer(sentence):
                if any(h.start < match.end() and match.start() < h.end for h in hits):
                    continue
                hits.append(TriggerHit(kind, match.start(), match.end(), match.group(0)))
    return sorted(hits, key=lambda h: h.start)


def test_the_first_look_never_hides_a_trigger():
    sentences = [
        sentence.text
        for path in sorted(SEEDS.glob("*.txt"))
        for sentence in split_sentences(*_cleaned(path))
    ]
    sentences += [s.upper() for s in sentences] + [s.title() for s in sentences]
    sentences += [
        "The junta SEIZED POWER and later held talks with Russia.",
        "Troops WITHDREW; a coup d’état followed.",
        "Niger’s putsch leaders met Wagner commanders.",
        "Nothing happened here at all.",
    ]
    assert any(_every_vocabulary(s) for s in sentences)
    for sentence in sentences:
        assert find_triggers(sentence) == _every_vocabulary(sentence), sentence


def _cleaned(path: Path):
    cleaned = clean_article(normalize_text(path.read_text(encoding="utf-8")))
    return cleaned.text, cleaned.paragraphs


@pytest.mark.parametrize(
    "pattern, words",
    [
        (r"\bcoups?\b", {"coup"}),
        (r"\b(?:seized|toppled)\b", {"seized", "toppled"}),
        (r"\bheld (?:talks|a meeting)\b", {"held "}),
        (r"\b(?:visit\w*)?\s+to\b", {"to"}),
        (r"\b(?:a|b)?c", {"c"}),
        (r"\bcoup d['’]état", {"coup d"}),
        (r"\b\w+ed\b", {"ed"}),
        (r"\b[A-Z]\w*", None),
        (r"(?:x|\d)", None),
    ],
)
def test_required_words_of_a_pattern(pattern, words):
    found = prefilter.required_words(re.compile(pattern, re.I))
    assert found == (frozenset(words) if words is not None else None)


def test_a_pattern_is_ruled_out_only_on_ascii_texts_without_its_words():
    coup = re.compile(r"\bcoups?\b", re.I)
    words = prefilter.required_words(coup)
    assert not prefilter.may_match(words, prefilter.words_in(words, "Troops withdrew."))
    assert prefilter.may_match(words, prefilter.words_in(words, "A COUP in Niger."))
    assert prefilter.words_in(words, "Le coup d’État.") is None  # not ASCII: the pattern runs
    assert prefilter.may_match(None, frozenset())  # words unknown: the pattern runs
    assert prefilter.search(coup, "Troops withdrew.") is None
    assert prefilter.search(coup, "A COUP in Niger.").group(0) == "COUP"
    assert prefilter.search(coup, "Un COUP d’État.").group(0) == "COUP"


@pytest.mark.parametrize(
    ("sentence", "reported_via", "claimant"),
    [
        ("At least 21 soldiers were killed in Mali, according to the army.", "the army", None),
        (
            "Russian instructors arrived in Bamako, according to the Malian Armed Forces.",
            "the Malian Armed Forces",
            "actor:malian-armed-forces",
        ),
        (
            "Jihadists attacked Djibo, according to residents and security sources.",
            "residents; security sources",
            None,
        ),
    ],
)
def test_sources_cited_at_the_end_of_a_sentence_are_its_attribution(
    sentence, reported_via, claimant
):
    from facts.ingest.analysis.claims import find_attribution

    ctx = fixture_context()
    attribution = find_attribution(sentence, ctx.gazetteer.find(sentence), ctx)
    assert (attribution.reported_via, attribution.claimant) == (reported_via, claimant)


def test_narrative_would_reports_what_happened_next_but_a_conditional_does_not():
    from facts.ingest.analysis.events import MODAL

    assert not MODAL.search("Goïta, who would later seize power again in May 2021")
    assert not MODAL.search("France would eventually withdraw its last troops in August 2022")
    assert MODAL.search("The junta said it would withdraw from ECOWAS")


def test_an_actor_takes_one_side_of_an_event(ctx):
    from facts.ingest.analysis.events import _one_role_each

    found = [("actor:tiani", "perpetrator"), ("actor:bazoum", "target"), ("actor:tiani", "target")]
    assert _one_role_each(found) == [("actor:tiani", "perpetrator"), ("actor:bazoum", "target")]
    corpus = Path(__file__).resolve().parent.parent / "bench" / "corpus"
    for path in sorted(corpus.glob("*/*.txt")):
        analysis = analyze(read_document(path.name, path.read_bytes()), ctx)
        for event in analysis.events:
            actors = [target for target, _ in event.participants]
            assert len(actors) == len(set(actors)), (path.name, event.participants)
