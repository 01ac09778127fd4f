"""Deaths counted from the words of a sentence, as low/best/high, and stored on the event."""

import pytest
from django.core.management import call_command

from facts.ingest.analysis.fatalities import Fatalities, find_fatalities
from facts.models import Event


def estimate(sentence: str) -> tuple[int | None, int | None, int | None] | None:
    found = find_fatalities(sentence)
    return None if found is None else (found.low, found.best, found.high)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("At least 21 soldiers were killed when gunmen attacked the camp.", (21, 21, None)),
        ("More than 100 civilians have been killed since January.", (100, 100, None)),
        ("Jihadists stormed the post near Djibo, killing 12 gendarmes.", (12, 12, 12)),
        ("Up to 40 people died in the raid on Solhan.", (None, 40, 40)),
        ("Between 20 and 30 villagers were killed, residents said.", (20, 20, 30)),
        ("Some 60 people were killed in Moura, according to Human Rights Watch.", (None, 60, None)),
        ("The attack killed three soldiers and two civilians.", (5, 5, 5)),
        ("Five Malian soldiers and a civilian were killed on Sunday.", (6, 6, 6)),
        ("The death toll rose to 56 on Tuesday.", (56, 56, 56)),
        ("The ambush left 1,200 people dead, officials said.", (1200, 1200, 1200)),
    ],
)
def test_a_count_of_the_dead_gives_the_estimates_its_words_support(sentence, expected):
    assert estimate(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 1,200 French troops were deployed to Gao in 2013.",
        "Dozens were killed in the raid.",  # no number: nothing is invented
        "In 2023 the junta killed the agreement.",  # a year is not a count
        "The raid left 30 troops stranded in Tessalit.",
        "Three soldiers were wounded and two were kidnapped.",
    ],
)
def test_numbers_that_are_not_deaths_give_nothing(sentence):
    assert find_fatalities(sentence) is None


def test_wounded_in_the_same_breath_are_not_added_to_the_dead():
    assert estimate("Gunmen killed 12 soldiers and 3 others were wounded.") == (12, 12, 12)


def test_the_estimates_always_keep_low_at_most_best_at_most_high():
    for sentence in [
        "Between 30 and 20 were killed.",  # ends reversed: no estimate rather than a wrong one
        "At least 7 people were killed.",
        "As many as 9 died.",
    ]:
        found = find_fatalities(sentence)
        if found is not None:
            values = [v for v in (found.low, found.best, found.high) if v is not None]
            assert values == sorted(values), sentence
    assert find_fatalities("Between 30 and 20 were killed.") is None
    assert isinstance(find_fatalities("As many as 9 died."), Fatalities)


@pytest.mark.django_db
def test_the_imported_attack_carries_its_dead(reference_data, tmp_path):
    (tmp_path / "ambush.txt").write_text(
        "Ambush in central Mali\n\n"
        "JNIM fighters attacked an army convoy near Mopti in Mali on "
        "March 2, 2024, killing at least 21 soldiers, the army said.\n",
        encoding="utf-8",
    )
    call_command("import_articles", str(tmp_path), verbosity=0)
    event = Event.objects.get(kind="attack")
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (21, 21, None)
