"""Events as real reporting writes them: one event per dated trigger, dates that belong
together, sides read from the words around a name, places, and a claim per event. Pure: the
analysis runs on texts written here in other styles than the seeds, against the reference
data."""

import re
from datetime import date

import pytest

from facts.anchors import fingerprint
from facts.ingest.analysis import analyze
from facts.ingest.analysis.dates import find_dates
from facts.ingest.analysis.events import home_country, title_home
from facts.ingest.analysis.fatalities import find_fatalities
from facts.ingest.analysis.gazetteer import Mention
from facts.ingest.reading import read_document
from tests.base import fixture_context


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def analysis_of(ctx, text: str):
    return analyze(read_document("test.txt", text.encode()), ctx)


def events(analysis, kind: str) -> list:
    return [e for e in analysis.events if e.kind == kind and not e.link_only]


def dated(event) -> tuple:
    return (event.date.start, event.date.end, event.date.precision) if event.date else None


class TestDaysOfOneMonth:
    @pytest.mark.parametrize(
        "text",
        [
            "attacks on 4 and 5 June 2021 in the Sahel region",
            "between 4 and 5 June 2021, in Solhan",
            "on June 4-5, 2021, gunmen",
            "from 4 to 5 June 2021",
        ],
    )
    def test_two_days_are_their_month(self, text):
        (mention,) = find_dates(text)
        assert (mention.start, mention.end, mention.precision) == (
            date(2021, 6, 1),
            date(2021, 6, 30),
            "month",
        )
        assert mention.text.endswith("2021")

    def test_without_a_year_they_take_the_publication_date_or_stay_unresolved(self):
        (dated_by_reference,) = find_dates(
            "built between 6 and 18 August", reference=date(2024, 9, 1)
        )
        assert dated_by_reference.start == date(2024, 8, 1)
        (unresolved,) = find_dates("built between 6 and 18 August")
        assert not unresolved.resolved

    def test_days_out_of_order_are_not_a_range(self):
        assert all(not m.resolved for m in find_dates("from 18 to 6 August 2024"))


class TestOneEventPerDatedTrigger:
    def test_two_triggers_with_their_own_dates_are_two_coups(self, ctx):
        analysis = analysis_of(
            ctx,
            "Colonel Assimi Goïta led soldiers who ousted President Ibrahim Boubacar Keïta "
            "in August 2020, then seized power again in May 2021 by detaining the transitional "
            "president in Mali.",
        )
        coups = events(analysis, "coup")
        assert [e.date.start for e in coups] == [date(2020, 8, 1), date(2021, 5, 1)]
        assert ("actor:ibrahim-boubacar-keita", "target") in coups[0].participants

    def test_dates_of_one_list_date_one_event_and_dates_apart_do_not(self, ctx):
        listed = analysis_of(
            ctx, "Russia began deploying troops to Mali in late 2021 and early 2022."
        )
        (deployment,) = events(listed, "deployment")
        assert (deployment.date.start, deployment.date.end) == (date(2021, 9, 1), date(2022, 4, 30))

        apart = analysis_of(
            ctx,
            "Niger's foreign ministry noted the visit to Niamey on 30 July 2023 of the "
            "president of Chad, and the arrival in Niamey of an ECOWAS delegation on 3 August "
            "2023.",
        )
        (visit,) = events(apart, "visit")
        assert dated(visit) == (date(2023, 7, 30), date(2023, 7, 30), "day")

    def test_a_plural_trigger_gives_each_date_the_names_of_its_own_list_item(self, ctx):
        analysis = analysis_of(
            ctx,
            "The three countries are ruled by officers who seized power in coups: Assimi "
            "Goïta in Mali in 2021, Ibrahim Traoré in Burkina Faso in September 2022 and "
            "Abdourahamane Tiani in Niger in July 2023.",
        )
        coups = {e.date.start.year: e for e in events(analysis, "coup")}
        assert set(coups) == {2021, 2022, 2023}
        assert coups[2022].countries == ["country:BFA"]
        assert ("actor:ibrahim-traore", "leader") in coups[2022].participants
        assert not any(t == "actor:assimi-goita" for t, _ in coups[2022].participants)
        assert coups[2023].countries == ["country:NER"]

    def test_a_trigger_without_a_date_takes_the_date_of_its_clause(self, ctx):
        analysis = analysis_of(
            ctx,
            "On 16 September 2023, Mali, Burkina Faso and Niger signed the Liptako-Gourma "
            "Charter establishing the Alliance of Sahel States.",
        )
        (formation,) = events(analysis, "alliance-formation")
        assert dated(formation) == (date(2023, 9, 16), date(2023, 9, 16), "day")


class TestSides:
    def test_who_led_a_coup_and_who_it_removed(self, ctx):
        analysis = analysis_of(
            ctx,
            "A coup d'état took place in Burkina Faso on 30 September 2022, removing interim "
            "President Paul-Henri Sandaogo Damiba.",
        )
        (coup,) = events(analysis, "coup")
        assert coup.participants == [("actor:paul-henri-sandaogo-damiba", "target")]

        led = analysis_of(
            ctx, "On 30 September 2022, soldiers led by Captain Ibrahim Traoré staged a coup."
        )
        (coup,) = events(led, "coup")
        assert ("actor:ibrahim-traore", "leader") in coup.participants

    def test_a_name_after_a_seizure_with_no_marker_takes_no_side(self, ctx):
        analysis = analysis_of(
            ctx,
            "Soldiers seized power in Niger on 26 July 2023, a week after Mohamed Bazoum met "
            "officials.",
        )
        (coup,) = events(analysis, "coup")
        assert not any(t == "actor:mohamed-bazoum" for t, _ in coup.participants)

    def test_carried_out_by_names_the_perpetrator_after_the_trigger(self, ctx):
        analysis = analysis_of(
            ctx,
            "The massacre in Moura in March 2022 was carried out by the Malian Armed Forces and "
            "the Wagner Group.",
        )
        (attack,) = events(analysis, "attack")
        assert set(attack.participants) == {
            ("actor:malian-armed-forces", "perpetrator"),
            ("actor:wagner-group", "perpetrator"),
        }

    def test_a_bare_demonym_is_not_a_side(self, ctx):
        analysis = analysis_of(
            ctx, "Gunmen attacked a hotel in the Malian capital on 20 November 2015."
        )
        (attack,) = events(analysis, "attack")
        assert not any(t == "actor:mali" for t, _ in attack.participants)


class TestKinds:
    def test_a_formation_word_forms_a_force_when_it_names_an_armed_group(self, ctx):
        analysis = analysis_of(
            ctx, "The Islamic State in the Greater Sahara was formed on 15 May 2015 in Mali."
        )
        assert events(analysis, "force-creation")
        assert not events(analysis, "alliance-formation")

    def test_a_threat_is_not_the_act(self, ctx):
        analysis = analysis_of(
            ctx,
            "On 30 July 2023, ECOWAS threatened military intervention in Niger against the "
            "coup leaders.",
        )
        assert not events(analysis, "deployment")

    def test_leaving_a_bloc_is_a_membership_change_however_far_the_bloc(self, ctx):
        analysis = analysis_of(
            ctx,
            "The withdrawal of Mali, Burkina Faso and Niger from the Economic Community of "
            "West African States took effect on 29 January 2025.",
        )
        assert events(analysis, "membership-change")
        assert not events(analysis, "withdrawal")

    @pytest.mark.parametrize(
        "clause",
        ["which was carried out on 20 November 2015", "which took place on 20 November 2015"],
    )
    def test_a_relative_clause_of_occurrence_dates_the_act_it_follows(self, ctx, clause):
        analysis = analysis_of(
            ctx,
            "The Council condemned the terrorist attack against a hotel in Bamako, "
            f"{clause}, in which at least 18 people were killed.",
        )
        assert [dated(a) for a in events(analysis, "attack")] == [
            (date(2015, 11, 20), date(2015, 11, 20), "day")
        ]

    def test_a_relative_clause_of_another_act_does_not_date_the_act_before_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "Mali announced its withdrawal from the G5 Sahel, which Mali had joined in "
            "February 2014.",
        )
        assert all(not e.date or e.date.start.year != 2014 for e in events(analysis, "withdrawal"))

    def test_a_deadline_is_not_the_date_of_the_act_that_set_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "Security Council\n\n25 June 2014\n\nThe Security Council today extended the "
            "mandate of MINUSMA in Mali until 30 June 2015.",
        )
        (extension,) = events(analysis, "other")
        assert dated(extension) == (date(2014, 6, 25), date(2014, 6, 25), "day")

    def test_a_date_after_until_that_opens_a_when_clause_dates_that_act(self, ctx):
        analysis = analysis_of(
            ctx,
            "The force operated in Mali until 30 October 2016, when it was withdrawn from "
            "the country.",
        )
        assert [dated(e) for e in events(analysis, "withdrawal")] == [
            (date(2016, 10, 30), date(2016, 10, 30), "day")
        ]

    def test_a_weekday_and_date_that_open_the_sentence_date_each_act_in_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "AES charter signed\n\nPublished 18 September 2023\n\nOn Saturday 16 September, "
            "the leaders of Mali, Burkina Faso and Niger announced they had signed a charter "
            "establishing the Alliance of Sahel States.",
        )
        assert [dated(e) for e in events(analysis, "alliance-formation")] == [
            (date(2023, 9, 16), date(2023, 9, 16), "day")
        ]

    def test_the_outbreak_of_a_conflict_is_an_event_of_its_year(self, ctx):
        analysis = analysis_of(
            ctx,
            "It was the deadliest attack in Burkina Faso since the start of the insurgency in "
            "2015.",
        )
        assert [dated(e) for e in events(analysis, "other")] == [
            (date(2015, 1, 1), date(2015, 12, 31), "year")
        ]

    def test_an_explosive_device_set_off_is_an_attack(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Council condemned the improvised explosive device explosion 30 kilometres "
            "west of Timbuktu, Mali, on 30 June 2014, which killed one peacekeeper.",
        )
        (attack,) = events(analysis, "attack")
        assert dated(attack) == (date(2014, 6, 30), date(2014, 6, 30), "day")

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("The elections in Burkina Faso were held in November 2020.", True),
            ("The last elections took place in Mali in July 2018.", True),
            ("The junta has postponed elections in Mali since February 2022.", False),
        ],
    )
    def test_elections_held_are_an_election(self, ctx, text, found):
        assert bool(events(analysis_of(ctx, text), "election")) is found

    def test_a_statement_in_the_present_tense_is_dated_by_the_release(self, ctx):
        analysis = analysis_of(
            ctx,
            "Washington, DC\nMay 11, 2012\n\nThe United States is deeply concerned about the "
            "deteriorating political situation in Mali.",
        )
        (statement,) = events(analysis, "statement")
        assert dated(statement) == (date(2012, 5, 11), date(2012, 5, 11), "day")
        assert ("actor:united-states", "party") in statement.participants

    def test_a_resignation_is_an_event_of_its_own(self, ctx):
        analysis = analysis_of(
            ctx, "Mali's President Ibrahim Boubacar Keïta resigned on 18 August 2020."
        )
        assert events(analysis, "other")


class TestDatelinesAndPlaces:
    def test_the_dateline_dates_the_article_not_the_event(self, ctx):
        analysis = analysis_of(
            ctx,
            "BAMAKO, Mali, Aug 19, 2020 (Reuters) - Mutinous soldiers detained President "
            "Ibrahim Boubacar Keïta on Tuesday.",
        )
        (coup,) = events(analysis, "coup")
        assert dated(coup) == (date(2020, 8, 18), date(2020, 8, 18), "day")

    def test_a_region_of_a_country_and_a_country_that_experienced_it_are_places(self, ctx):
        region = analysis_of(
            ctx, "On 1 November 2019, gunmen killed 50 soldiers in the Ménaka region of Mali."
        )
        (attack,) = events(region, "attack")
        assert attack.countries == ["country:MLI"]
        experienced = analysis_of(ctx, "Burkina Faso experienced two military coups in 2022.")
        assert all(e.countries == ["country:BFA"] for e in events(experienced, "coup"))

    @pytest.mark.parametrize(
        ("text", "town"),
        [
            ("Gunmen attacked the military camp of Boulkessi in Mali on 30 September 2019.",
             "Boulkessi"),
            ("Gunmen attacked the Radisson hotel of Bamako in Mali on 20 November 2015.",
             "Bamako"),
        ],
    )  # fmt: skip
    def test_a_facility_named_with_its_town_is_at_that_town(self, ctx, text, town):
        (attack,) = events(analysis_of(ctx, text), "attack")
        assert attack.place is not None and attack.place.name == town

    def test_an_attack_whose_sentence_names_no_country_happened_in_the_articles_country(self, ctx):
        analysis = analysis_of(
            ctx,
            "Tension rose in Mali this week. Officials in Mali said talks would resume.\n\n"
            "On 7 March 2015, gunmen opened fire at a restaurant in the capital, killing five "
            "people.",
        )
        (attack,) = events(analysis, "attack")
        assert attack.countries == ["country:MLI"]
        assert attack.fatalities.best == 5

    def test_the_home_country_is_where_most_places_are_and_actors_do_not_count(self):
        names = {"Mali": "country:MLI", "Niger": "country:NER", "Washington": "country:USA"}

        def home(text: str) -> str | None:
            mentions = [
                Mention(m.start(), m.end(), m.group(0), names[m.group(0)], "country-name")
                for m in re.finditer("|".join(names), text)
            ]
            return home_country(text, mentions)

        assert home("Clashes in Mali. Fighting in Mali. Talks in Niger.") == "country:MLI"
        assert home("Clashes in Mali. Talks in Niger.") is None
        assert home("Clashes in Mali.") is None
        # Washington acts in every sentence; the events are in Mali.
        assert (
            home("Washington said so. Washington paid. Clashes in Mali. Raids in Mali.")
            == "country:MLI"
        )


class TestClaimPerEvent:
    def test_a_sentence_with_two_events_has_a_claim_for_each(self, ctx):
        sentence = (
            "A military junta seized power in Mali in 2020 and ousted the civilian transition "
            "leaders the following year."
        )
        analysis = analysis_of(ctx, sentence)
        coups = [i for i, e in enumerate(analysis.events) if e.kind == "coup"]
        claims = [c for c in analysis.claims if c.quote == sentence]
        assert len(coups) == 2 and sorted(c.event_index for c in claims) == coups
        assert [c.fingerprint for c in claims] == [
            fingerprint(sentence, 1),
            fingerprint(sentence, 1, part=2),
        ]
        assert [c.date.start.year for c in claims] == [2020, 2021]


class TestNumbers:
    @pytest.mark.parametrize(
        ("sentence", "best"),
        [
            ("Fifteen people were killed in an attack on a convoy.", 15),
            ("On the same day, twenty-five people were killed at a market.", 25),
            ("Forty two soldiers died in the ambush.", 42),
        ],
    )
    def test_number_words_above_ten(self, sentence, best):
        assert find_fatalities(sentence).best == best

    @pytest.mark.parametrize(
        ("sentence", "best"),
        [
            ("The attack killed 1,200 people.", 1200),
            ("At least 1 200 civilians were killed.", 1200),
            ("More than 10\u202f000 people have been killed.", 10000),
            # a year before the count, with no comma between
            ("In 2021 160 people were killed.", 160),
            # one victim after a lead, not "a number of"
            ("A mine exploded, killing a peacekeeper and wounding six.", 1),
            ("The raid ended, killing a number of civilians.", None),
            # a year right before the count does not hide it
            ("The attack was carried out in 2015 and 18 people were killed.", 18),
            # a day of a month is no count; "may" in lower case is a verb
            ("On 12 May 30 people were killed.", 30),
            ("At least 12 may have been killed.", 12),
        ],
    )
    def test_thousands_in_groups_of_three(self, sentence, best):
        found = find_fatalities(sentence)
        assert (found.best if found else None) == best


class TestYearsFromTheSentence:
    def test_a_month_takes_the_year_of_a_later_date_keeping_the_order(self):
        april, _ = find_dates(
            "The Council created the mission in April, and it took over on 1 July 2013."
        )
        assert (april.start, april.precision) == (date(2013, 4, 1), "month")
        december, _ = find_dates(
            "It was authorised in December, but the advance on 10 January 2013 changed it."
        )
        assert december.start == date(2012, 12, 1)

    def test_a_day_inside_a_name_is_no_date(self):
        assert (
            find_dates("Protests were led by the June 5 Movement-Rally of Patriotic Forces.") == []
        )
        (day,) = find_dates("Protests began on June 5 in Bamako.", reference=date(2020, 8, 19))
        assert day.start == date(2020, 6, 5)


class TestNamesAndFacts:
    def test_a_lower_case_role_after_its_body_introduces_a_person(self, ctx):
        analysis = analysis_of(
            ctx, "Attacks have risen in Mali, UNHCR spokesperson Andrej Mahecic said on Friday."
        )
        assert [(p.name, p.title) for p in analysis.people] == [
            ("Andrej Mahecic", "UNHCR spokesperson")
        ]

    def test_a_body_named_again_by_its_head_word_is_the_body_named_before(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Security Council met in New York on Monday. The Council condemned the attack "
            "in Mali. The Council of Ministers of Mali met on Tuesday.",
        )
        found = {(m.text, m.target) for m in analysis.mentions if m.target_type == "actor"}
        assert ("The Council", "actor:un-security-council") in found
        assert not any(text.startswith("The Council of") for text, _ in found)

    def test_an_event_reported_without_a_name_is_still_a_claim(self, ctx):
        analysis = analysis_of(
            ctx,
            "Fighting spread across Mali in July. Officials in Mali counted the dead.\n\n"
            "The village was attacked on 14 February 2020 by gunmen on motorbikes.",
        )
        assert any(c.quote.startswith("The village was attacked") for c in analysis.claims)
        assert not any(
            c.quote.startswith("Officials in Mali counted") and c.event_index
            for c in analysis.claims
        )

    def test_the_government_of_a_country_is_its_state_acting_and_an_army_names_its_country(
        self, ctx
    ):
        analysis = analysis_of(
            ctx,
            "The government of Mali expelled the French ambassador on 31 January 2022. French "
            "forces left Gao on 15 August 2022.",
        )
        expelled, left = analysis.claims[:2]
        assert "actor:mali" in expelled.actors and "country:MLI" in expelled.countries
        assert "actor:french-armed-forces" in left.actors and "country:FRA" in left.countries


class TestWhoTakesPart:
    def test_a_name_that_reports_an_act_takes_no_part_in_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Malian Armed Forces noted on 2 August 2023 that Nigeria had cut off the supply "
            "of electricity to Niger.",
        )
        (sanction,) = events(analysis, "sanction")
        assert not any(t == "actor:malian-armed-forces" for t, _ in sanction.participants)

    def test_a_country_where_an_event_of_no_kind_happened_is_its_place(self, ctx):
        analysis = analysis_of(
            ctx, "An insurgency has raged in northern Burkina Faso since 2015, officials say."
        )
        (insurgency,) = events(analysis, "other")
        assert insurgency.countries == ["country:BFA"]
        assert not insurgency.participants

    def test_a_name_arrested_or_detained_is_the_coups_target(self, ctx):
        analysis = analysis_of(
            ctx,
            "President Ibrahim Boubacar Keïta of Mali was arrested on 18 August 2020 in a mutiny "
            "by soldiers.",
        )
        (coup,) = events(analysis, "coup")
        assert coup.participants == [("actor:ibrahim-boubacar-keita", "target")]

    def test_the_person_visits_not_the_forces_named_with_them(self, ctx):
        analysis = analysis_of(
            ctx, "François Hollande and French forces visited Timbuktu in Mali on 2 February 2013."
        )
        (visit,) = events(analysis, "visit")
        assert [t for t, r in visit.participants if r == "visitor"] == ["actor:francois-hollande"]

    def test_a_progressive_is_not_a_passive(self, ctx):
        analysis = analysis_of(
            ctx, "François Hollande was visiting Timbuktu in Mali on 2 February 2013."
        )
        (visit,) = events(analysis, "visit")
        assert ("actor:francois-hollande", "visitor") in visit.participants


class TestFactSheetsAndStatements:
    def test_the_fields_of_an_infobox_are_claims_and_a_lone_headline_is_not_a_field(self, ctx):
        analysis = analysis_of(
            ctx,
            "Mali: the junta's gamble\n\n"
            "Place: Bamako, Mali\nFormed: 25 April 2013\nCommander2: Assimi Goïta, Malick Diaw\n\n"
            "Soldiers seized power in Mali on 18 August 2020.",
        )
        quotes = [c.quote for c in analysis.claims]
        assert "Place: Bamako, Mali" in quotes and "Formed: 25 April 2013" in quotes
        assert any("Assimi Goïta" in q for q in quotes)
        assert not any(q.startswith("Mali: the junta") for q in quotes)

    def test_a_link_to_another_article_is_furniture(self, ctx):
        analysis = analysis_of(
            ctx,
            "Soldiers seized power in Niger on 26 July 2023.\n\n"
            "Read more: How the coup in Niger unfolded\n"
            "Read more: Timeline of the Alliance of Sahel States",
        )
        assert not any("Read more" in c.quote for c in analysis.claims)

    def test_an_institution_speaking_as_we_states_a_fact_and_a_blogger_does_not(self, ctx):
        analysis = analysis_of(
            ctx,
            "We call on the junta in Mali to step aside on 11 May 2012.\n\n"
            "We think Mali will change course.",
        )
        quotes = [c.quote for c in analysis.claims]
        assert any(q.startswith("We call on the junta") for q in quotes)
        assert not any(q.startswith("We think") for q in quotes)

    def test_the_people_of_a_country_name_it(self, ctx):
        analysis = analysis_of(
            ctx, "Among the dead were six Russians working for a cargo airline in Bamako."
        )
        assert "country:RUS" in analysis.claims[0].countries


class TestListsOfCountries:
    def test_a_country_listed_after_an_actor_is_no_place(self, ctx):
        analysis = analysis_of(
            ctx,
            "Burkina Faso and Mali have vowed to defend the junta in Niger, where soldiers ousted "
            "the elected president in July 2023.",
        )
        (coup,) = events(analysis, "coup")
        assert "country:MLI" not in coup.countries and "country:BFA" not in coup.countries

    def test_countries_listed_after_a_place_are_places(self, ctx):
        analysis = analysis_of(ctx, "Attacks in Mali and Niger killed 40 soldiers on 3 March 2024.")
        (attack,) = events(analysis, "attack")
        assert set(attack.countries) == {"country:MLI", "country:NER"}

    def test_a_line_that_introduces_the_statement_is_its_first_line_not_a_standfirst(self, ctx):
        analysis = analysis_of(
            ctx,
            "Press statement on Burkina Faso\n\n"
            "The following press statement was issued today by Council President Michel "
            "Xavier Biang (Gabon):\n\n"
            "The members of the Security Council condemned the coup in Burkina Faso.",
        )
        assert analysis.metadata.subtitle == ""
        assert any(c.quote.startswith("The following press statement") for c in analysis.claims)


class TestMoreOfTheSheet:
    def test_a_month_named_from_the_publication_date(self):
        reference = date(2023, 7, 27)
        (last,) = find_dates("Traoré took power last September.", reference=reference)
        assert (last.start, last.end) == (date(2022, 9, 1), date(2022, 9, 30))
        (coming,) = find_dates("Elections are due next March.", reference=reference)
        assert coming.start == date(2024, 3, 1)
        assert not find_dates("Traoré took power last September.")[0].resolved

    def test_a_field_that_counts_is_a_claim_and_a_field_of_people_names_them(self, ctx):
        analysis = analysis_of(
            ctx,
            "Attack on a convoy in Mali\n\n"
            "Place: Gao, Mali\nFatalities: 13\nCommander: Salman al-Bambari, Abdul-Salam "
            "al-Fulani\n\nGunmen attacked a convoy near Gao in Mali on 30 May 2020.",
        )
        quotes = [c.quote for c in analysis.claims]
        assert "Fatalities: 13" in quotes
        assert [p.name for p in analysis.people] == ["Salman al-Bambari", "Abdul-Salam al-Fulani"]
        assert all(p.title == "Commander" for p in analysis.people)


def test_the_claims_of_a_sentences_events_stay_within_the_articles_cap(ctx, monkeypatch):
    from facts.ingest.analysis import article

    monkeypatch.setattr(article, "MAX_CLAIMS_PER_ARTICLE", 2)
    analysis = analysis_of(
        ctx,
        "Coups hit Mali in 2012, in 2020 and in 2021, Burkina Faso in 2015 and in 2022 and "
        "Niger in 2023.",
    )
    assert len(events(analysis, "coup")) > 2
    assert len(analysis.claims) == 2
    assert "too-many-claims" in analysis.flags


class TestSidesFromTheWordsAround:
    def test_a_country_a_visitor_goes_to_is_the_place_not_the_host(self, ctx):
        analysis = analysis_of(
            ctx, "Foreign Minister Abdoulaye Diop travelled to Niger on 14 March 2024."
        )
        (visit,) = events(analysis, "visit")
        assert visit.participants == [("actor:abdoulaye-diop", "visitor")]
        assert "country:NER" in visit.countries

    def test_a_possessive_country_qualifies_the_body_after_it(self, ctx):
        analysis = analysis_of(
            ctx, "In 2021, the government of Mali contracted with Russia’s Wagner Group."
        )
        (deal,) = events(analysis, "agreement")
        assert ("actor:wagner-group", "party") in deal.participants
        assert not any(t == "actor:russia" for t, _ in deal.participants)

    def test_a_country_inside_a_bodys_name_and_a_dateline_take_no_part(self, ctx):
        analysis = analysis_of(
            ctx,
            "Niamey, Niger — The Ministry of National Defense of the Republic of Niger "
            "issued a statement on 6 August 2024.",
        )
        (statement,) = events(analysis, "statement")
        (ministry,) = [t for t, _ in statement.participants]
        assert ministry.endswith("ministry-of-national-defense-of-the-republic-of-niger")

    def test_a_nationality_in_a_list_of_perpetrators_is_not_its_state(self, ctx):
        analysis = analysis_of(
            ctx,
            "The attack on Moura was carried out by the Malian Armed Forces and Russian "
            "fighters of the Wagner Group in March 2022.",
        )
        (attack,) = events(analysis, "attack")
        assert sorted(attack.participants) == [
            ("actor:malian-armed-forces", "perpetrator"),
            ("actor:wagner-group", "perpetrator"),
        ]

    def test_who_undergoes_an_event_is_its_target_and_who_leads_a_protest_its_leader(self, ctx):
        analysis = analysis_of(
            ctx,
            "President Ibrahim Boubacar Keïta faced mass protests in Bamako in July 2020 led by "
            "imam Mahmoud Dicko.",
        )
        (protest,) = events(analysis, "protest")
        assert sorted(protest.participants) == [
            ("actor:ibrahim-boubacar-keita", "target"),
            ("actor:mahmoud-dicko", "leader"),
        ]

    def test_a_name_after_another_events_trigger_is_that_events(self, ctx):
        analysis = analysis_of(
            ctx,
            "Ibrahim Boubacar Keïta, re-elected in 2018, faced protests in Mali in 2020 led by "
            "Mahmoud Dicko.",
        )
        (election,) = events(analysis, "election")
        assert election.participants == [("actor:ibrahim-boubacar-keita", "party")]

    def test_the_body_left_and_the_member_suspended_are_the_other_side(self, ctx):
        left = analysis_of(
            ctx, "Niger and Mali announced their exit from ECOWAS on 28 January 2024."
        )
        (exit_event,) = events(left, "membership-change")
        assert ("actor:ecowas", "target") in exit_event.participants
        assert ("actor:niger", "party") in exit_event.participants
        suspended = analysis_of(
            ctx, "The African Union suspended Mali’s membership on 1 June 2021."
        )
        (suspension,) = events(suspended, "membership-change")
        assert sorted(suspension.participants) == [
            ("actor:african-union", "party"),
            ("actor:mali", "target"),
        ]

    def test_the_junta_of_a_country_named_after_it_is_that_countrys(self, ctx):
        analysis = analysis_of(
            ctx,
            "Sahel solidarity\n\n12 August 2023\n\nBurkina Faso's leaders pledged to defend "
            "the junta in neighbouring Niger.",
        )
        juntas = [m.target for m in analysis.mentions if m.text == "the junta"]
        assert juntas == ["actor:cnsp"]


class TestDatesOfTheSentence:
    def test_a_date_that_opens_the_line_dates_every_act_of_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "12 Feb 2024: ECOWAS imposes sanctions on Mali; protesters gather outside the "
            "embassy of France in Bamako.",
        )
        (protest,) = events(analysis, "protest")
        assert dated(protest) == (date(2024, 2, 12), date(2024, 2, 12), "day")

    def test_an_act_only_asked_for_takes_no_date_from_the_opening(self, ctx):
        analysis = analysis_of(
            ctx, "In June 2023, the government of Mali demanded the withdrawal of MINUSMA."
        )
        assert all(e.date is None for e in analysis.events if e.kind == "withdrawal")

    def test_the_date_after_an_act_named_as_an_object_is_the_verbs(self, ctx):
        analysis = analysis_of(
            ctx,
            "Coup condemned\n\nOctober 2, 2022\n\nThe African Union condemned the coup on Friday.",
        )
        (statement,) = [e for e in analysis.events if e.kind == "statement"]
        assert dated(statement) == (date(2022, 9, 30), date(2022, 9, 30), "day")

    def test_since_a_month_reaches_up_to_the_publication(self):
        (_, since) = find_dates(
            "re-elected in 2018, he faced protests since June", reference=date(2020, 8, 19)
        )
        # June to August is no month: part of the year, from June up to the publication.
        assert (since.start, since.end, since.precision) == (
            date(2020, 6, 1),
            date(2020, 8, 19),
            "part-of-year",
        )
        (since,) = find_dates("protests since August", reference=date(2020, 8, 19))
        assert (since.start, since.end, since.precision) == (
            date(2020, 8, 1),
            date(2020, 8, 31),
            "month",
        )

    def test_a_year_named_before_a_dash_of_punctuation(self):
        (_, following) = find_dates("seized power in 2019 and the following year-a record")
        assert (following.start, following.precision) == (date(2020, 1, 1), "year")

    def test_days_and_weeks_counted_from_the_narratives_last_date(self, ctx):
        analysis = analysis_of(
            ctx,
            "Jihadists advanced on Konna on 10 January 2013. France deployed troops to Mali "
            "the following day.\n\nA week later, gunmen attacked a gas plant in Algeria.",
        )
        (deployment,) = events(analysis, "deployment")
        assert dated(deployment) == (date(2013, 1, 11), date(2013, 1, 11), "day")
        (attack,) = [e for e in events(analysis, "attack") if "country:DZA" in e.countries]
        assert dated(attack) == (date(2013, 1, 1), date(2013, 1, 31), "month")

    def test_a_count_from_nothing_stays_unresolved(self):
        (later,) = find_dates("Two days later, the convoy was ambushed.")
        assert later.start is None and "no earlier date" in later.note

    def test_a_stance_on_a_known_event_takes_the_date_after_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "Soldiers detained President Mohamed Bazoum in Niger on 26 July 2023, and the army "
            "command backed the coup in Niger a day later.",
        )
        (coup,) = events(analysis, "coup")
        assert dated(coup) == (date(2023, 7, 26), date(2023, 7, 26), "day")


class TestStatesNamedAsActors:
    def test_a_country_that_acts_is_its_state_and_a_place_is_not(self, ctx):
        analysis = analysis_of(
            ctx,
            "France suspended its military cooperation with Mali on 3 June 2021, as fighting "
            "in Burkina Faso, Niger and Chad spread. U.S. troops stayed in Bamako, Mali.",
        )
        suspension = next(c for c in analysis.claims if "suspended" in c.quote)
        assert {"actor:france", "actor:mali"} <= set(suspension.actors)
        assert not {"actor:burkina-faso", "actor:niger", "actor:chad"} & set(suspension.actors)
        stayed = next(c for c in analysis.claims if "stayed" in c.quote)
        assert "actor:united-states" not in stayed.actors and "actor:mali" not in stayed.actors


class TestMoreSidesAndDates:
    def test_a_body_a_list_item_comes_from_keeps_the_lists_part(self, ctx):
        analysis = analysis_of(
            ctx,
            "The raid on Moura was carried out by the Malian Armed Forces and foreign fighters "
            "from the Wagner Group in March 2022, against AQIM's Jama'at Nusrat al-Islam "
            "wal-Muslimin.",
        )
        (attack,) = events(analysis, "attack")
        assert ("actor:wagner-group", "perpetrator") in attack.participants
        assert not any(t == "actor:aqim" for t, _ in attack.participants)

    def test_a_relative_clauses_date_is_not_the_main_acts(self, ctx):
        analysis = analysis_of(
            ctx,
            "3 Feb 2024: Niger announced its withdrawal from the G5 Sahel, which Mali had left "
            "in May 2022.",
        )
        (exit_event,) = events(analysis, "membership-change")
        assert dated(exit_event) == (date(2024, 2, 3), date(2024, 2, 3), "day")
        assert ("actor:g5-sahel", "target") in exit_event.participants

    def test_a_month_before_an_event_noun_dates_it(self):
        (month,) = find_dates("condemning the January offensive", reference=date(2013, 4, 25))
        assert (month.text, month.start, month.precision) == ("January", date(2013, 1, 1), "month")
        assert find_dates("in the may be") == []

    def test_a_presence_is_a_deployment_from_its_start(self, ctx):
        analysis = analysis_of(ctx, "The Wagner Group has been active in Mali since 2021.")
        (deployment,) = events(analysis, "deployment")
        assert deployment.date.start == date(2021, 1, 1)
        assert "country:MLI" in deployment.countries

    def test_an_event_of_no_kind_takes_no_far_subject(self, ctx):
        analysis = analysis_of(
            ctx,
            "The government of Burkina Faso proved unable for years to contain the insurgency "
            "in northern Burkina Faso in 2016.",
        )
        (insurgency,) = events(analysis, "other")
        assert not insurgency.participants
        assert insurgency.countries == ["country:BFA"]

    def test_forming_a_force_or_a_mission_is_a_force_creation(self, ctx):
        unnamed = analysis_of(
            ctx,
            "The Security Council approved on 25 April 2013 the creation of a peacekeeping "
            "force for Mali.",
        )
        assert [e.kind for e in unnamed.events if e.kind.endswith("formation")] == []
        assert events(unnamed, "force-creation")
        named = analysis_of(ctx, "The Security Council created MINUSMA in April 2013.")
        assert events(named, "force-creation") and not events(named, "alliance-formation")

    def test_a_coordinated_clause_with_its_own_subject_keeps_its_names(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Security Council created MINUSMA in April 2013, and the mission took over from "
            "AFISMA on 1 July 2013, after talks in Ouagadougou.",
        )
        (deployment,) = events(analysis, "deployment")
        assert dated(deployment) == (date(2013, 7, 1), date(2013, 7, 1), "day")
        assert "actor:un-security-council" not in {t for t, _ in deployment.participants}
        assert "country:BFA" not in deployment.countries  # the talks' place, not the mission's

    def test_a_wiki_permanent_links_stamp_dates_the_text(self, ctx):
        analysis = analysis_of(
            ctx,
            "Battle of Tessit (2021)\n\n"
            "This is an old revision of this page, as edited by Example (talk | contribs) at "
            "09:15, 3 September 2021. The present address (URL) is a permanent link to this "
            "revision.\n\n"
            "On 12 August, militants attacked the Malian Armed Forces in Tessit in Mali.\n",
        )
        published = analysis.metadata.published
        assert (published.start, published.precision) == (date(2021, 9, 3), "day")
        assert not any("old revision" in c.quote for c in analysis.claims)
        (attack,) = events(analysis, "attack")
        assert dated(attack) == (date(2021, 8, 12), date(2021, 8, 12), "day")

    def test_a_place_in_another_clause_is_not_the_events(self, ctx):
        analysis = analysis_of(
            ctx,
            "U.S. troops completed their withdrawal from Niger on 5 August 2024; by then the "
            "Malian Armed Forces had fought JNIM in clashes near Tinzaouaten in late July 2024, "
            "and in June 2025 the Wagner Group announced its departure.",
        )
        (clashes,) = events(analysis, "attack")
        assert "country:NER" not in clashes.countries
        (statement,) = events(analysis, "statement")
        assert [t for t, _ in statement.participants] == ["actor:wagner-group"]

    def test_who_speaks_of_an_event_or_asks_for_it_takes_no_part(self, ctx):
        noted = analysis_of(
            ctx,
            "The Ministry of Foreign Affairs of Niger takes note of the visit to Niamey on 30 "
            "July 2023 of President Mahamat Idriss Déby Itno.",
        )
        (visit,) = events(noted, "visit")
        assert visit.participants == [("actor:mahamat-idriss-deby", "visitor")]
        asked = analysis_of(
            ctx,
            "In June 2023 the Malian foreign minister, Abdoulaye Diop, asked the Security "
            "Council to withdraw MINUSMA from Mali.",
        )
        assert not any(t == "actor:abdoulaye-diop" for e in asked.events for t, _ in e.participants)

    def test_in_a_clash_no_side_is_the_attacker(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Wagner Group lost dozens of fighters in clashes with JNIM near Tinzaouaten in "
            "Mali in late July 2024.",
        )
        (clashes,) = events(analysis, "attack")
        assert {r for _, r in clashes.participants} == {"party"}

    def test_a_crowds_attack_is_a_protest_against_the_state_whose_embassy_it_hit(self, ctx):
        analysis = analysis_of(
            ctx,
            "Crowds attacked the French embassy in Ouagadougou in Burkina Faso on 1 October 2022.",
        )
        assert not events(analysis, "attack")
        (protest,) = events(analysis, "protest")
        assert ("actor:france", "target") in protest.participants

    def test_a_name_after_a_protest_in_no_against_phrase_takes_no_part(self, ctx):
        analysis = analysis_of(
            ctx,
            "Mass protests in Mali in June 2020 were led by a coalition that rallied behind "
            "imam Mahmoud Dicko against President Ibrahim Boubacar Keïta.",
        )
        (protest,) = events(analysis, "protest")
        assert ("actor:ibrahim-boubacar-keita", "target") in protest.participants
        assert not any(t == "actor:mahmoud-dicko" for t, r in protest.participants if r != "leader")

    def test_a_toll_in_a_later_sentence_is_the_last_deadly_events(self, ctx):
        analysis = analysis_of(
            ctx,
            "On 30 May 2020, militants ambushed a convoy of the Burkinabe army near Barsalogho "
            "in Burkina Faso. Thirteen people were killed and forty others were wounded in the "
            "attack.",
        )
        (ambush,) = events(analysis, "attack")
        assert (ambush.fatalities.low, ambush.fatalities.best) == (13, 13)

    def test_countries_listed_after_a_sentence_opening_preposition_are_places(self, ctx):
        analysis = analysis_of(
            ctx, "In Burkina Faso, Mali and Niger, juntas expelled French troops in 2023."
        )
        (claim,) = analysis.claims
        assert not {"actor:mali", "actor:niger", "actor:burkina-faso"} & set(claim.actors)


class TestWhereADateBelongs:
    def test_a_date_after_only_the_place_of_an_act_is_that_acts(self, ctx):
        analysis = analysis_of(
            ctx,
            "An agreement signed in Ouagadougou in June 2013 allowed a presidential election "
            "in Mali in August.",
        )
        (agreement,) = events(analysis, "agreement")
        assert dated(agreement) == (date(2013, 6, 1), date(2013, 6, 30), "month")
        (election,) = events(analysis, "election")
        assert dated(election) == (date(2013, 8, 1), date(2013, 8, 31), "month")

    def test_a_date_before_a_semicolon_is_not_the_act_after_it_or_before(self, ctx):
        analysis = analysis_of(
            ctx,
            "Mali held a presidential election in 2013; a year later, on 1 August 2014, Serval "
            "was folded into a regional operation.",
        )
        (election,) = events(analysis, "election")
        assert dated(election) == (date(2013, 1, 1), date(2013, 12, 31), "year")

    def test_a_date_of_a_clause_with_no_trigger_dates_nothing_else(self, ctx):
        analysis = analysis_of(
            ctx,
            "Extremists seized northern Mali in 2012, and a French-led military operation "
            "drove them from the main towns in January 2013.",
        )
        (deployment,) = events(analysis, "deployment")
        assert dated(deployment) == (date(2013, 1, 1), date(2013, 1, 31), "month")

    def test_a_comma_and_with_no_date_after_it_still_shares_the_date(self, ctx):
        analysis = analysis_of(
            ctx,
            "Gunfire was heard in Ouagadougou on Saturday 1 October 2022, and crowds "
            "attacked the French embassy.",
        )
        (protest,) = events(analysis, "protest")
        assert dated(protest) == (date(2022, 10, 1), date(2022, 10, 1), "day")

    def test_an_event_named_as_a_point_in_time_takes_neither_the_date_nor_the_actor(self, ctx):
        analysis = analysis_of(
            ctx,
            "U.S. forces resumed surveillance flights over Niger in September 2023 after a "
            "pause following the coup.",
        )
        coups = [e for e in analysis.events if e.kind == "coup"]
        assert all(e.date is None for e in coups)
        assert not any(t == "actor:us-armed-forces" for e in coups for t, _ in e.participants)

    def test_the_date_of_a_subordinate_clause_with_its_own_subject_is_its_own(self, ctx):
        analysis = analysis_of(
            ctx,
            "The last U.S. troops left Niger on 5 August 2024, after the French had left the "
            "country in December 2023.",
        )
        (withdrawal,) = events(analysis, "withdrawal")
        assert dated(withdrawal) == (date(2024, 8, 5), date(2024, 8, 5), "day")


class TestStatementsAndSources:
    def test_what_a_statement_says_is_not_who_makes_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Élysée announced on 17 February 2022 that French forces and Operation Barkhane "
            "would leave Mali.",
        )
        (statement,) = events(analysis, "statement")
        assert not any(t == "actor:operation-barkhane" for t, _ in statement.participants)
        # the announcement is a fact, though its words look ahead
        assert analysis.claims

    def test_a_forecast_is_no_fact_unless_someone_is_reported_saying_it(self, ctx):
        forecast = analysis_of(ctx, "Mali will hold elections in 2026.")
        assert forecast.claims == []
        reported = analysis_of(
            ctx, "Fifteen governments said on 23 December 2021 that Mali would regret it."
        )
        assert reported.claims

    def test_whoever_acts_before_according_to_is_not_the_reports_author(self, ctx):
        analysis = analysis_of(
            ctx,
            "Malian troops killed at least 500 people in Moura, according to a report "
            "published by the United Nations in May 2023.",
        )
        reports = [e for e in analysis.events if e.kind == "statement"]
        assert not any(t == "actor:malian-armed-forces" for e in reports for t, _ in e.participants)

    def test_a_force_formed_by_a_body_is_a_force(self, ctx):
        analysis = analysis_of(
            ctx,
            "MINUSMA was established on 25 April 2013 by the United Nations Security Council.",
        )
        (creation,) = events(analysis, "force-creation")
        assert dated(creation) == (date(2013, 4, 25), date(2013, 4, 25), "day")
        assert not events(analysis, "alliance-formation")

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("France joined the conflict in Mali in 2013.", "deployment"),
            ("The sanctions decided against Niger by ECOWAS hurt trade in 2023.", "sanction"),
            (
                "In July 2024, Mali and Niger turned the Alliance of Sahel States into a "
                "confederation.",
                "alliance-formation",
            ),
            ("Amnesty International published a report on Mali in May 2023.", "statement"),
        ],
    )
    def test_more_trigger_words(self, ctx, text, kind):
        analysis = analysis_of(ctx, text)
        assert any(e.kind == kind for e in analysis.events), analysis.events


class TestWhoTakesNoPart:
    def test_who_asks_for_an_act_takes_no_part_in_it_whoever_does_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "In June 2023 the Malian foreign minister, Abdoulaye Diop, asked the Security "
            "Council to withdraw MINUSMA without delay, and the Council ended the mission on "
            "30 June 2023.",
        )
        taking_part = {t for e in analysis.events for t, _ in e.participants}
        assert "actor:abdoulaye-diop" not in taking_part
        assert "actor:mali" not in taking_part  # "the Malian foreign minister": a nationality

    def test_who_speaks_of_anothers_statement_is_not_its_author(self, ctx):
        analysis = analysis_of(
            ctx,
            "Niamey, 3 August 2023\n\nThe Ministry of Foreign Affairs welcomes the joint "
            "communiqué issued on 31 July 2023 by the Governments of Burkina Faso and Mali.",
        )
        (communique,) = [e for e in events(analysis, "statement") if e.date.start.day == 31]
        assert set(communique.participants) >= {
            ("actor:burkina-faso", "party"),
            ("actor:mali", "party"),
        }
        assert all(
            r == "party" and t in {"actor:burkina-faso", "actor:mali"}
            for t, r in communique.participants
        )

    def test_a_person_under_whose_leadership_a_group_acts_leads_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "On 13 May 2015, elements of Al-Mourabitoun under the leadership of Adnan Abu Walid "
            "al-Sahrawi pledged allegiance to the Islamic State.",
        )
        (allegiance,) = events(analysis, "alliance-formation")
        assert ("actor:adnan-abu-walid-al-sahrawi", "leader") in allegiance.participants

    def test_rebels_seizing_territory_stage_no_coup(self, ctx):
        analysis = analysis_of(
            ctx,
            "After a military coup in Mali in 2012, Islamist rebels, some with ties to al-Qaeda, "
            "seized control of large areas of northern Mali.",
        )
        coups = [e for e in analysis.events if e.kind == "coup"]
        assert [dated(e) for e in coups] == [(date(2012, 1, 1), date(2012, 12, 31), "year")]
        assert not any(t == "actor:al-qaeda" for e in coups for t, _ in e.participants)

    def test_who_acts_before_with_the_formation_takes_no_part_in_it(self, ctx):
        analysis = analysis_of(
            ctx,
            "Al-Qaeda aligned groups have waged an insurgency in Mali since 2012, gaining steam "
            "in 2017 with the formation of Jama'at Nasr al-Islam wal-Muslimin.",
        )
        (formation,) = events(analysis, "force-creation") or events(analysis, "alliance-formation")
        assert formation.participants == [("actor:jnim", "party")]

    def test_clauses_end_at_a_colon_and_at_a_subject_with_its_participle(self, ctx):
        analysis = analysis_of(
            ctx,
            "The jihadists' advance on Konna on 10 January 2013 changed the calculus in Paris: "
            "the following day the Élysée launched Operation Serval, and between late January "
            "and March French troops retook Gao and Timbuktu, President François Hollande "
            "visiting Timbuktu on 2 February.",
        )
        (deployment,) = events(analysis, "deployment")
        assert {t for t, _ in deployment.participants} == {"actor:france", "actor:operation-serval"}
        (visit,) = events(analysis, "visit")
        assert visit.participants == [("actor:francois-hollande", "visitor")]


class TestTheArticlesCountry:
    def test_the_title_places_the_unplaced_events(self, ctx):
        analysis = analysis_of(
            ctx,
            "Security Council Press Statement on Situation in Burkina Faso\n\n"
            "Gunmen attacked a convoy on 3 March 2023, the Council members said.",
        )
        (attack,) = events(analysis, "attack")
        assert attack.countries == ["country:BFA"]

    @pytest.mark.parametrize(
        ("title", "home"),
        [
            ("Mali", "country:MLI"),
            ("2023 Nigerien coup d'état", "country:NER"),
            ("Gunmen kill hostages in siege of luxury hotel in Mali's capital", "country:MLI"),
            ("Russia's security footprint in the central Sahel", None),
            ("US Joins Condemnation of Mali Coup", None),
        ],
    )
    def test_a_title_places_its_story_only_where_it_says_so(self, ctx, title, home):
        assert title_home(title, ctx) == home

    def test_a_country_inside_a_persons_name_is_no_country_of_the_article(self, ctx):
        analysis = analysis_of(
            ctx,
            "The rift was a reaction to the adherence of one of its leaders, Adnan Abu Walid "
            "al-Sahrawi, to the Islamic State.",
        )
        assert not any(m.target == "country:ESH" for m in analysis.mentions)

    def test_the_army_command_is_the_army_of_the_country_named_most(self, ctx):
        analysis = analysis_of(
            ctx,
            "Niger coup\n\nSoldiers detained the president of Niger on 26 July 2023. On 27 July "
            "2023, the army command declared its support for the coup leaders in Niger.",
        )
        assert any(
            m.text == "the army command" and m.target == "actor:nigerien-armed-forces"
            for m in analysis.mentions
        )


class TestAgentsAndNamingDates:
    def test_states_named_after_by_made_the_statement(self, ctx):
        analysis = analysis_of(
            ctx,
            "A joint communiqué was issued on 31 July 2023 by the Governments of Burkina "
            "Faso and Mali.",
        )
        (communique,) = events(analysis, "statement")
        assert set(communique.participants) == {
            ("actor:burkina-faso", "party"),
            ("actor:mali", "party"),
        }

    def test_a_nationality_before_an_office_after_by_is_no_agent(self, ctx):
        analysis = analysis_of(
            ctx,
            "The Ministry notes the arrival in Niamey on 30 July 2023 of an ECOWAS delegation led "
            "by former Nigerian head of state Abdulsalami Abubakar.",
        )
        assert not any(t == "actor:nigeria" for e in analysis.events for t, _ in e.participants)

    def test_a_date_that_names_another_noun_dates_no_event(self, ctx):
        analysis = analysis_of(
            ctx,
            "The coup was condemned by the United States and France, leading to the 2023–2024 "
            "Niger crisis.",
        )
        assert all(e.date is None for e in analysis.events if e.kind == "statement")
        named = analysis_of(ctx, "France left Mali after the 2020 Malian coup d'état.")
        (coup,) = [e for e in named.events if e.kind == "coup"]
        assert dated(coup) == (date(2020, 1, 1), date(2020, 12, 31), "year")
