"""No input stalls the importer: linear patterns in the cleaning step, over-long sentences
left unanalysed, a cap on claims per article, and a time budget per article after which the
file fails with its reason and the run goes on."""

import io
import json
import time

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.ingest.analysis import analyze, limits
from facts.ingest.analysis import article as analysis
from facts.ingest.reading import ReadError, read_document
from facts.models import Article
from tests.base import fixture_context

SENTENCE = "In Bamako, Colonel Assimi Goïta met General Tchiani on 9 July 2024 to discuss the AES. "


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def analysed(ctx, text: str):
    return analyze(read_document("probe.txt", text.encode()), ctx)


@pytest.mark.parametrize(
    "unit",
    ["[ a", "{{", "{{ a ", "the coup in Mali. {{", "Mali [expand on this ", "( [ { "],
)
def test_inputs_that_stalled_the_cleaning_step_finish_within_the_budget(ctx, unit):
    """48 KB of these took over 120 s (quadratic patterns); the default budget is 10 s."""
    text = (unit * (48_000 // len(unit) + 1))[:48_000]
    try:
        result = analysed(ctx, text)
    except limits.BudgetExceeded as exceeded:  # what the quadratic patterns ran into
        pytest.fail(str(exceeded))
    except ReadError:
        return  # nothing but page furniture or placeholders: refused, and quickly
    assert len(result.claims) <= limits.MAX_CLAIMS_PER_ARTICLE


def test_an_overlong_sentence_is_kept_but_not_analysed(ctx):
    run_on = ", and ".join(["Mali and Niger signed a pact in 2023"] * 60) + "."
    assert len(run_on) > limits.MAX_SENTENCE_CHARS
    result = analysed(ctx, f"A title\n\n{SENTENCE}\n\n{run_on}\n")
    assert run_on in result.cleaned.text  # the text keeps it
    assert all(run_on[:100] not in claim.quote for claim in result.claims)
    assert [c.quote.strip() for c in result.claims] == [SENTENCE.strip()]
    note = result.flags["overlong-sentences"]
    assert note[0].startswith("1 sentence(s) over 1,500 characters")


def test_claims_per_article_are_capped_and_flagged(ctx):
    body = "\n\n".join(
        f"Mali and Niger signed accord number {n} in Niamey on {1 + n % 28} March 2024."
        for n in range(limits.MAX_CLAIMS_PER_ARTICLE + 30)
    )
    result = analysed(ctx, "Accords\n\n" + body)
    assert len(result.claims) == limits.MAX_CLAIMS_PER_ARTICLE
    assert "30 later sentence(s) not read" in result.flags["too-many-claims"][0]


def test_the_budget_stops_a_stuck_analysis_with_its_reason(ctx, monkeypatch):
    def stuck(text):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(analysis, "clean_article", stuck)
    with (
        pytest.raises(limits.BudgetExceeded, match=r"time budget of 0\.2 s"),
        limits.time_budget(0.2),
    ):
        analysis._analyze(read_document("stuck.txt", SENTENCE.encode()), ctx)


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_over_budget_fails_alone_and_the_run_goes_on(
    reference_data, tmp_path, monkeypatch, workers
):
    real_clean = analysis.clean_article

    def clean_or_hang(text):
        while "HANG" in text:  # this one file never finishes on its own
            time.sleep(0.01)
        return real_clean(text)

    monkeypatch.setattr(analysis, "clean_article", clean_or_hang)
    (tmp_path / "a.txt").write_text(f"First\n\n{SENTENCE}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"HANG\n\n{SENTENCE}\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(f"Third\n\n{SENTENCE}Niger agreed.\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError):  # one file failed: the command says so in its status
        call_command(
            "import_articles",
            str(tmp_path),
            json=True,
            time_budget=0.5,
            workers=workers,
            stdout=out,
            stderr=io.StringIO(),
        )
    report = json.loads(out.getvalue())
    by_name = {f["name"].rsplit("/", 1)[-1]: f for f in report["files"]}
    assert by_name["b.txt"]["status"] == "failed"
    assert "time budget of 0.5 s" in by_name["b.txt"]["reason"]
    assert by_name["a.txt"]["status"] == by_name["c.txt"]["status"] == "created"
    assert Article.objects.count() == 2


def test_the_budget_option_is_checked():
    with pytest.raises(CommandError, match="--time-budget"):
        call_command("import_articles", "x.txt", time_budget=-1, stdout=io.StringIO())


HOSTILE = st.sampled_from(
    [
        "[",
        "]",
        "{{",
        "}}",
        "(",
        ")",
        ".",
        " ",
        "\n",
        "\n\n",
        "Mali",
        "coup",
        "July 9",
        "2023",
        "N'Daw",
        "Goïta",
        "—",
        '"',
        "said",
        "[expand",
        "TODO",
        "#",
        "*",
        "1.",
        "http://x",
        "…",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HOSTILE, min_size=1, max_size=400), st.integers(min_value=1, max_value=60))
def test_fuzzed_hostile_text_is_analysed_or_refused_never_stalled(ctx, parts, repeat):
    """Random mixtures of brackets, braces, dates and names, repeated up to 60 times: the
    analysis ends inside its budget with claims whose quotes are where they say."""
    text = "".join(parts) * repeat
    try:
        result = analysed(ctx, text)
    except limits.BudgetExceeded as exceeded:
        pytest.fail(f"{exceeded} on {len(text):,} characters")
    except ReadError:
        return
    assert len(result.claims) <= limits.MAX_CLAIMS_PER_ARTICLE
    for claim in result.claims:
        assert result.cleaned.text[claim.start : claim.end] == claim.quote
