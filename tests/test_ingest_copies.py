"""Copies of one story (a wire report and the sites that reprint or lightly rewrite it) are
one witness: linked as copies, flagged, and never counted as corroborating each other."""

import io

import pytest
from django.core.management import call_command

from facts.choices import LinkKind, QualityFlag
from facts.models import Article, ClaimLink
from facts.models.evidence import with_evidence

WIRE = (
    "Soldiers seized power in Niger on 26 July 2023, detaining President Mohamed Bazoum in "
    "the presidential palace in Niamey. General Abdourahamane Tchiani was proclaimed head of "
    "the junta on 28 July 2023. ECOWAS imposed sanctions on Niger on 30 July 2023. France "
    "suspended its development aid to Niger on 29 July 2023. The United States paused some "
    "aid programmes to Niger in August 2023."
)
# A reprint: a new headline, one paragraph cut, one sentence of the site's own added.
REPRINT = (
    "Niger junta faces sanctions\n\n"
    "Soldiers seized power in Niger on 26 July 2023, detaining President Mohamed Bazoum in "
    "the presidential palace in Niamey. General Abdourahamane Tchiani was proclaimed head of "
    "the junta on 28 July 2023. ECOWAS imposed sanctions on Niger on 30 July 2023. Our "
    "correspondent in Niamey reports that shops in Niger were closed on 31 July 2023."
)
# Another outlet's own report of the same events: no sentence in common.
OWN_REPORT = (
    "In Niamey, the presidential guard detained Mohamed Bazoum on 26 July 2023 and the army "
    "backed the coup in Niger a day later. West African leaders meeting in Abuja on 30 July "
    "2023 announced sanctions against Niger. Tchiani named himself leader of Niger on 28 July "
    "2023."
)


def _import(folder, name: str, text: str) -> Article:
    (folder / name).write_text(text, encoding="utf-8")
    call_command("import_articles", str(folder / name), stdout=io.StringIO(), stderr=io.StringIO())
    return Article.objects.get(source_file__endswith=name)


@pytest.fixture
def story(reference_data, tmp_path):
    wire = _import(tmp_path, "wire.txt", f"Niger coup\n\n{WIRE}")
    reprint = _import(tmp_path, "reprint.txt", REPRINT)
    own = _import(tmp_path, "own.txt", f"Coup in Niger\n\n{OWN_REPORT}")
    return wire, reprint, own


def test_a_reprint_is_recorded_as_a_copy_and_flagged(story):
    wire, reprint, own = story
    assert reprint.copy_of == wire
    assert own.copy_of is None and wire.copy_of is None
    flag = reprint.flags.get(code=QualityFlag.WIRE_COPY)
    assert "3 of its" in flag.detail and wire.title in flag.detail


def test_each_shared_sentence_links_to_the_original_as_a_copy_not_a_corroboration(story):
    wire, reprint, _ = story
    copies = ClaimLink.objects.filter(kind=LinkKind.COPIES, from_claim__article=reprint)
    assert copies.count() == 3
    assert all(link.to_claim.article == wire for link in copies)
    assert all(link.from_claim.quote == link.to_claim.quote for link in copies)
    assert not ClaimLink.objects.filter(
        kind=LinkKind.CORROBORATES, from_claim__article=reprint, to_claim__article=wire
    ).exists()


def test_a_copy_adds_no_corroboration_and_an_independent_report_does(story):
    wire, reprint, own = story
    coup_claim = with_evidence(wire.claims.filter(event__kind="coup")).first()
    # The reprint reports the same coup, the independent report too: one other witness.
    assert reprint.claims.filter(event=coup_claim.event).exists()
    assert own.claims.filter(event=coup_claim.event).exists()
    assert coup_claim.corroborating_articles == 1
    reprinted = with_evidence(reprint.claims.filter(event=coup_claim.event)).first()
    assert reprinted.corroborating_articles == 1  # the independent report, not the wire


def test_two_reports_quoting_one_statement_are_not_copies(reference_data, tmp_path):
    statement = "ECOWAS imposed sanctions on Niger on 30 July 2023."
    first = _import(
        tmp_path,
        "first.txt",
        f"Sanctions\n\n{statement} Traders in Niamey said prices of rice in Niger rose on 2 "
        "August 2023. Nigeria cut electricity supplies to Niger on 1 August 2023.",
    )
    second = _import(
        tmp_path,
        "second.txt",
        f"Reaction\n\n{statement} Mali and Burkina Faso said on 31 July 2023 that an "
        "intervention in Niger would be a declaration of war. Algeria opposed an intervention "
        "in Niger on 1 August 2023.",
    )
    assert second.copy_of is None and first.copy_of is None
    assert not ClaimLink.objects.filter(kind=LinkKind.COPIES).exists()
