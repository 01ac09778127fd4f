"""Articles in several languages: each is detected, analysed with its own language's pack (in
a process started for it), recorded on the article and on every claim, and reports of one
event in two languages meet on one event."""

from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from facts.choices import Language, LinkKind
from facts.ingest.analysis import lang
from facts.ingest.pipeline import import_sources
from facts.ingest.reading import read_document
from facts.ingest.reading.language import CANDIDATES, FALLBACK, detect_language
from facts.ingest.reading.sources import expand_paths
from facts.ingest.writing.state import load_context
from facts.models import Article, Claim, ClaimLink
from facts.services import claim_create
from tests.test_import_parallel import content

pytestmark = pytest.mark.django_db

FRENCH = """Mali : le colonel Assimi Goïta prend le pouvoir

Publié le 25 mai 2021

Bamako, 25 mai 2021 – Des militaires ont arrêté le président de la Transition, Bah N'Daw, \
et le Premier ministre Moctar Ouane le 24 mai 2021 à Bamako, a annoncé mardi le \
vice-président, le colonel Assimi Goïta.

Selon un communiqué lu à la télévision nationale, le colonel Assimi Goïta a démis le \
président et le Premier ministre de leurs fonctions.

La Communauté économique des États de l'Afrique de l'Ouest (CEDEAO) a condamné le coup \
d'État et suspendu le Mali de ses instances le 30 mai 2021.
"""

ENGLISH = """Mali's vice-president seizes power in second coup

May 25, 2021

BAMAKO, May 25, 2021 - Soldiers detained transitional President Bah Ndaw and Prime \
Minister Moctar Ouane on May 24, 2021, in a second coup led by Colonel Assimi Goita, \
the vice-president.

Goita said on Tuesday that he had stripped the president and the prime minister of their \
powers.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


class TestDetection:
    def test_the_language_of_a_paragraph(self):
        assert detect_language(FRENCH) == "fr"
        assert detect_language(ENGLISH) == "en"
        assert detect_language("El ejército de Malí anunció el martes la toma del poder.") == "es"
        assert detect_language("أعلن الجيش المالي يوم الثلاثاء استيلاءه على السلطة.") == "ar"

    def test_too_little_text_to_tell_is_the_fallback(self):
        for text in ("", "Mali", "Assimi Goïta, Bah N'Daw", "12 345"):
            assert detect_language(text) == FALLBACK, text

    def test_the_candidates_are_the_languages_the_database_records(self):
        assert set(CANDIDATES) == set(Language.values)

    def test_every_pack_is_a_candidate(self):
        assert set(lang.PACKS) <= set(CANDIDATES)


@pytest.mark.usefixtures("reference_data")
class TestImport:
    def test_an_article_and_its_claims_record_their_language(self, tmp_path):
        write(tmp_path, "fr.txt", FRENCH)
        write(tmp_path, "en.txt", ENGLISH)
        call_command("import_articles", str(tmp_path), verbosity=0)
        french = Article.objects.get(source_file__endswith="fr.txt")
        english = Article.objects.get(source_file__endswith="en.txt")
        assert (french.language, english.language) == ("fr", "en")
        assert set(french.claims.values_list("language", flat=True)) == {"fr"}
        assert set(english.claims.values_list("language", flat=True)) == {"en"}

    def test_a_french_article_is_analysed_with_the_french_pack(self, tmp_path):
        write(tmp_path, "fr.txt", FRENCH)
        call_command("import_articles", str(tmp_path), verbosity=0)
        article = Article.objects.get()
        assert article.published_start.isoformat() == "2021-05-25"
        coup = article.claims.filter(event__kind="coup").first()
        assert coup is not None, list(article.claims.values_list("quote", flat=True))
        assert coup.event.date_start.isoformat() == "2021-05-24"
        assert coup.quote in article.text  # verbatim, in French

    def test_reports_of_one_event_in_two_languages_meet_on_it(self, tmp_path):
        write(tmp_path, "a-en.txt", ENGLISH)
        write(tmp_path, "b-fr.txt", FRENCH)
        call_command("import_articles", str(tmp_path), verbosity=0)
        english = Claim.objects.filter(article__language="en", event__kind="coup")
        french = Claim.objects.filter(article__language="fr", event__kind="coup")
        assert english.exists() and french.exists()
        assert set(english.values_list("event", flat=True)) == set(
            french.values_list("event", flat=True)
        )
        assert ClaimLink.objects.filter(
            kind=LinkKind.CORROBORATES, from_claim__in=french, to_claim__in=english
        ).exists()

    def test_workers_give_what_one_process_gives(self, tmp_path):
        write(tmp_path, "a-en.txt", ENGLISH)
        write(tmp_path, "b-fr.txt", FRENCH)
        sources = list(expand_paths([str(tmp_path)]))
        alone = import_sources(sources)
        assert not alone.failed, [f.reason for f in alone.files]
        expected = content()
        for model in (ClaimLink, Claim, Article):
            model.objects.all().delete()
        import_sources(sources, workers=2)
        got = content()
        assert got["facts_article"] == expected["facts_article"]
        assert got["facts_claim"] == expected["facts_claim"]


@pytest.mark.usefixtures("reference_data")
def test_an_analysis_outside_a_run_is_in_the_documents_language():
    from facts.ingest.languages import analyze_in_language

    document = read_document("fr.txt", FRENCH.encode())
    analysis = analyze_in_language(document, load_context())
    assert analysis.language == "fr"
    assert any(event.kind == "coup" for event in analysis.events)
    assert analysis.context is not None


@pytest.mark.usefixtures("reference_data")
def test_a_curators_claim_takes_its_articles_language(tmp_path, curator):
    write(tmp_path, "fr.txt", FRENCH)
    call_command("import_articles", str(tmp_path), verbosity=0)
    article = Article.objects.get()
    claim = claim_create(
        article=article,
        user=curator,
        quote="le colonel Assimi Goïta a démis le président",
        reason="missed",
    )
    assert claim.language == "fr"


@pytest.mark.usefixtures("reference_data")
def test_the_api_shows_and_filters_the_language(tmp_path, curator):
    write(tmp_path, "fr.txt", FRENCH)
    write(tmp_path, "en.txt", ENGLISH)
    call_command("import_articles", str(tmp_path), verbosity=0)
    client = APIClient()
    client.force_authenticate(curator)
    french = client.get("/api/v1/claims/?language=fr&page_size=500").json()["results"]
    assert french and {row["language"] for row in french} == {"fr"}
    assert {row["article"]["id"] for row in french} == {Article.objects.get(language="fr").pk}
    articles = client.get("/api/v1/articles/?language=en").json()["results"]
    assert [row["language"] for row in articles] == ["en"]
    assert client.get("/api/v1/claims/?language=klingon").status_code == 400


@pytest.mark.usefixtures("reference_data")
def test_a_french_dateline_dates_the_release():
    from facts.ingest.languages import analyze_in_language

    text = (
        "Le Représentant spécial condamne l'attaque d'Indelimane\n\n"
        "Bamako, le 2 novembre 2019 – Le Représentant spécial du Secrétaire général pour le "
        "Mali condamne fermement l'attaque terroriste perpétrée hier contre le camp des "
        "Forces armées maliennes à Indelimane, qui a fait au moins 49 morts.\n"
    )
    analysis = analyze_in_language(read_document("fr.txt", text.encode()), load_context())
    published = analysis.metadata.published
    assert published is not None and published.start.isoformat() == "2019-11-02"
    assert "MLI" in {m.target.removeprefix("country:") for m in analysis.mentions}


@pytest.mark.usefixtures("reference_data")
def test_a_condemnation_in_each_language_meets_on_the_attack_it_dates(tmp_path):
    """The French names the hotel with its town ("l'hôtel … de Bamako") and dates the attack
    in a relative clause of occurrence; the English puts the town after "in"."""
    write(
        tmp_path,
        "a-en.txt",
        "Council condemns hotel attack\n\nPublished: 21 November 2015\n\nThe Council "
        "condemned the terrorist attack against the Radisson hotel in Bamako, Mali, which was "
        "carried out on 20 November 2015.\n",
    )
    write(
        tmp_path,
        "b-fr.txt",
        "Le Conseil condamne l'attaque de l'hôtel\n\nPublié le 21 novembre 2015\n\nLe Conseil a "
        "condamné l'attaque terroriste contre l'hôtel Radisson de Bamako, au Mali, qui a été "
        "perpétrée le 20 novembre 2015.\n",
    )
    call_command("import_articles", str(tmp_path), verbosity=0)
    attacks = Claim.objects.filter(event__kind="attack")
    assert set(attacks.values_list("article__language", flat=True)) == {"en", "fr"}
    (event,) = {claim.event for claim in attacks}
    assert (event.date_start.isoformat(), event.place.name) == ("2015-11-20", "Bamako")
