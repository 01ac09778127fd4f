"""The curators' fixed paths in a real browser (headless Debian Chromium, Playwright): a
revert from the history page, a claim added from a quote alone, a queue that shows ten
claims in a 1440×900 window, and a viewer who finds nothing to edit. Screenshots go to
tests/artifacts/ (queue-1440x900.png, revert.png, add-claim.png, index-queues.png).
"""

import os
import re

import pytest

from facts.models import Article, Claim
from facts.services import claim_update
from tests.base import import_seeds, make_staff
from tests.browsers import ARTIFACTS, BROWSER_MARKS, signed_in_page

# Playwright's sync API runs an event loop in this thread; the ORM calls below are
# ordinary blocking calls made between browser steps, never from inside the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

WIDTH, HEIGHT = 1440, 900

pytestmark = BROWSER_MARKS


@pytest.fixture
def world(transactional_db):
    import_seeds()
    ARTIFACTS.mkdir(exist_ok=True)
    return {
        "curator": make_staff("curator"),
        "lead": make_staff("lead"),
        "viewer": make_staff("viewer"),
        "claim": Claim.objects.get(quote__startswith="Most recently, Niger"),
    }


def log_in(browser, live_server, username: str):
    return signed_in_page(browser, live_server, username, WIDTH, HEIGHT)


def test_the_queue_shows_ten_claims_in_a_1440x900_window(browser, live_server, world):
    page = log_in(browser, live_server, "curator")
    summary = page.locator("#review-queue-summary")
    text = summary.inner_text()
    assert "claims wait for review" in text and "Contradicted claims" in text
    assert "My reviews today" in text
    page.screenshot(path=str(ARTIFACTS / "index-queues.png"))
    summary.locator("a").first.click()
    page.wait_for_url(re.compile(r"status__exact=unreviewed"))
    rows = page.locator("#result_list tbody tr")
    assert rows.count() >= 10
    bottoms = [rows.nth(i).bounding_box() for i in range(rows.count())]
    inside = [
        box for box in bottoms if box and box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT
    ]
    page.screenshot(path=str(ARTIFACTS / "queue-1440x900.png"))
    assert len(inside) >= 10, [round(b["y"] + b["height"]) for b in bottoms if b]
    # Every column in sight: neither the page nor the table scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    results = page.locator("#changelist .results")
    assert results.evaluate("e => e.scrollWidth <= e.clientWidth"), "the table scrolls sideways"
    assert page.locator("#result_list thead th.column-contradiction").is_visible()
    # Statements take two lines at most.
    line = float(
        page.evaluate(
            "getComputedStyle(document.querySelector('.queue-statement')).lineHeight"
        ).removesuffix("px")
    )
    heights = page.eval_on_selector_all(
        ".queue-statement", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert max(heights) <= 2 * line + 1, (max(heights), line)


def test_a_curator_reverts_a_change_from_the_history_page(browser, live_server, world):
    claim = world["claim"]
    original_statement = claim.statement
    claim_update(
        claim=claim,
        user=world["curator"],
        changes={"statement": "Tchiani ousted Bazoum."},
        reason="Shorter",
        expected_version=claim.version,
    )
    original = claim.history.order_by("history_date", "history_id").first()
    page = log_in(browser, live_server, "lead")
    page.goto(f"{live_server.url}/admin/facts/claim/{claim.pk}/history/")
    page.click(f"#change-history a[href$='/history/{original.history_id}/']")
    page.wait_for_selector("textarea[name=change_reason]")
    restored = page.locator("table.revert-restored").inner_text()
    assert "Tchiani ousted Bazoum." in restored and original_statement in restored
    page.click("input[type=submit][value=Revert]")  # without a reason: refused, nothing saved
    page.wait_for_selector(".errorlist")
    assert Claim.objects.get(pk=claim.pk).statement == "Tchiani ousted Bazoum."
    page.fill("textarea[name=change_reason]", "The source's own words")
    page.locator("textarea[name=change_reason]").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "revert.png"), full_page=True)
    page.click("input[type=submit][value=Revert]")
    page.wait_for_selector(".messagelist .success")
    assert page.url.endswith(f"/admin/facts/claim/{claim.pk}/change/")
    assert page.locator("#id_statement").input_value() == original_statement
    page.goto(f"{live_server.url}/admin/facts/claim/{claim.pk}/history/")
    newest = page.locator("#change-history tbody tr").first.inner_text()
    assert f"reverted to version {original.version}: The source's own words" in newest
    assert "lead" in newest
    fresh = Claim.objects.get(pk=claim.pk)
    assert (fresh.statement, fresh.status) == (original_statement, claim.status)


def _missed_sentence() -> tuple[Article, str]:
    """A sentence of a seed article that occurs once in it and is no claim's quote."""
    quoted = set(Claim.objects.values_list("quote", flat=True))
    for article in Article.objects.order_by("pk"):
        for sentence in re.findall(r"[A-Z][^.?!\n]{40,160}[.?!]", article.text):
            if article.text.count(sentence) == 1 and sentence not in quoted:
                return article, sentence
    raise AssertionError("every sentence of the seeds is a claim")


def test_a_curator_adds_a_claim_from_a_quote_alone(browser, live_server, world):
    article, sentence = _missed_sentence()
    page = log_in(browser, live_server, "curator")
    page.goto(f"{live_server.url}/admin/facts/claim/add/")
    page.locator("#id_article + .select2 .select2-selection").click()
    words = [w for w in re.findall(r"\w+", article.title) if len(w) > 3][:2]
    page.fill(".select2-search__field", " ".join(words))
    page.locator(".select2-results__option", has_text=article.title[:30]).first.click()
    assert page.locator("#id_quote").is_visible()  # open, at the top: not in a closed section
    page.fill("#id_quote", "These words are not in the article.")
    page.click("input[name=_save]")
    error = page.locator("#id_quote_error")
    error.wait_for()
    assert error.is_visible() and "does not occur" in error.inner_text()
    page.fill("#id_quote", sentence)
    page.screenshot(path=str(ARTIFACTS / "add-claim.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get(article=article, quote=sentence)
    assert article.text[claim.quote_start : claim.quote_end] == sentence
    assert (claim.origin, claim.status) == ("curator", "unreviewed")
    assert claim.history.order_by("-history_id").first().history_user.username == "curator"


def test_a_viewer_sees_no_edit_controls(browser, live_server, world):
    claim = world["claim"]
    claim_update(
        claim=claim,
        user=world["curator"],
        changes={"statement": "Edited."},
        reason="x",
        expected_version=claim.version,
    )
    original = claim.history.order_by("history_date", "history_id").first()
    page = log_in(browser, live_server, "viewer")
    assert "My reviews today" not in page.locator("#review-queue-summary").inner_text()
    page.goto(f"{live_server.url}/admin/facts/claim/?status__exact=all")
    assert page.locator("#result_list tbody tr").count() >= 10
    assert page.locator("select[name=action]").count() == 0
    assert page.locator("a.addlink").count() == 0
    page.goto(f"{live_server.url}/admin/facts/claim/{claim.pk}/change/")
    for control in [
        "input[name=_save]",
        "#id_review_status",
        "#id_review_reason",
        "#id_change_reason",
        "#id_credibility",
        ".add-row a",
        "a.deletelink",
    ]:
        assert page.locator(control).count() == 0, control
    assert page.locator("textarea, select, input[type=text]").count() == 0
    page.goto(f"{live_server.url}/admin/facts/claim/{claim.pk}/history/{original.history_id}/")
    assert page.locator("input[type=submit]").count() == 0
    assert page.locator("textarea").count() == 0
    assert "Tchiani" in page.locator("table.revert-restored").inner_text()
