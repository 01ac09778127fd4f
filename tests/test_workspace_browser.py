"""The review workspace in a real browser (headless Debian Chromium, Playwright): a curator
triages an article's claims with the keyboard alone, adds a claim by selecting words, and
weighs an event's competing accounts; a viewer reads the same pages with no controls.
Screenshots of each screen go to tests/artifacts/."""

import os
import re

import pytest
from django.db.models import Count, Q

from facts.choices import REVIEW_REASON_TEMPLATES, ReviewStatus
from facts.models import Article, Claim, EventFigureSource
from tests.base import import_seeds, make_staff
from tests.browsers import ARTIFACTS, BROWSER_MARKS, signed_in_page

# Playwright's sync API runs an event loop in this thread; the ORM calls below are
# ordinary blocking calls made between browser steps, never from inside the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

KEYS_PER_CLAIM = 3

pytestmark = BROWSER_MARKS


@pytest.fixture
def world(transactional_db):
    import_seeds()
    return {"curator": make_staff("curator"), "viewer": make_staff("viewer")}


def log_in(browser, live_server, username: str, width: int = 1440, height: int = 900):
    return signed_in_page(browser, live_server, username, width, height)


def busiest_article() -> Article:
    return (
        Article.objects.annotate(
            open=Count("claims", filter=Q(claims__status=ReviewStatus.UNREVIEWED))
        )
        .filter(open__gte=10)
        .order_by("-open", "pk")
        .first()
    )


class Keyboard:
    """Presses keys and counts them."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.count += 1


def test_a_curator_triages_ten_claims_with_three_keys_each(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    article = busiest_article()
    assert article is not None, "a seed article with ten unreviewed claims"
    page = log_in(browser, live_server, "curator")
    page.goto(f"{live_server.url}/admin/facts/article/{article.pk}/workspace/")
    page.wait_for_selector(".ws-card.ws-current")
    page.screenshot(path=str(ARTIFACTS / "workspace-article.png"))
    keys = Keyboard(page)
    decided = []
    template = REVIEW_REASON_TEMPLATES[ReviewStatus.VERIFIED][0]
    for step in range(10):
        current = page.locator(".ws-card.ws-current")
        claim_id = int(current.get_attribute("data-claim"))
        assert current.get_attribute("data-status") == "unreviewed", step
        decision = "v" if step % 3 else "d"
        keys.press(decision)
        keys.press("1")
        if step == 0:
            page.screenshot(path=str(ARTIFACTS / "workspace-decision.png"))
        keys.press("Enter")
        decided.append((claim_id, decision))
        page.wait_for_function(
            "id => document.getElementById('card-' + id).dataset.saved === '1'", arg=claim_id
        )
    assert keys.count <= KEYS_PER_CLAIM * 10
    statuses = dict(
        Claim.objects.filter(pk__in=[c for c, _ in decided]).values_list("pk", "status")
    )
    assert statuses == {
        pk: ReviewStatus.VERIFIED if key == "v" else ReviewStatus.DISPUTED for pk, key in decided
    }
    verified = Claim.objects.get(pk=decided[1][0])
    assert (verified.status_reason, verified.reviewed_by.username) == (template, "curator")
    assert len({pk for pk, _ in decided}) == 10  # each step moved on to another claim
    # The highlight of a decided claim changed colour in the text.
    mark = page.locator(f"#ws-text mark[data-claim='{decided[1][0]}']").first
    assert "status-verified" in mark.get_attribute("class")
    page.screenshot(path=str(ARTIFACTS / "workspace-triaged.png"))


def first_unclaimed_sentence(article: Article) -> tuple[int, int]:
    """A sentence of the article that no claim quotes (the importer's split, roughly)."""
    taken = list(article.claims.values_list("quote_start", "quote_end"))
    for match in re.finditer(r"[A-Z][^.\n]{30,200}\.", article.text):
        start, end = match.span()
        if all(end <= s or e <= start for s, e in taken):
            return start, end
    raise AssertionError("every sentence of the article is claimed")


def test_a_curator_selects_words_and_confirms_a_new_claim(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    article = busiest_article()
    start, end = first_unclaimed_sentence(article)
    words = article.text[start:end]
    page = log_in(browser, live_server, "curator")
    page.goto(f"{live_server.url}/admin/facts/article/{article.pk}/workspace/")
    page.wait_for_selector("#ws-text")
    # Select the words as a mouse would: a range over the text, then the mouse is released.
    page.evaluate(
        """words => {
            const box = document.getElementById('ws-text');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const at = n.data.indexOf(words);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(n, at);
                    range.setEnd(n, at + words.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    const r = range.getBoundingClientRect();
                    box.dispatchEvent(new MouseEvent(
                        'mouseup', {bubbles: true, clientX: r.right, clientY: r.bottom}));
                    return;
                }
            }
            throw new Error('words not found');
        }""",
        words,
    )
    page.wait_for_selector("#ws-from-selection:not([hidden])")
    page.keyboard.press("n")
    page.wait_for_selector("#ws-new-claim:not([hidden])")
    assert page.locator("#ws-new-quote").inner_text() == words
    assert page.locator("#ws-new-claim textarea[name=statement]").input_value()
    page.screenshot(path=str(ARTIFACTS / "workspace-new-claim.png"))
    page.fill("#ws-new-claim textarea[name=statement]", "A curator's statement")
    page.click("#ws-new-claim button[type=submit]")
    page.wait_for_url(re.compile(r"/workspace/#card-\d+$"))
    claim = Claim.objects.get(article=article, quote_start=start)
    assert (claim.quote, claim.quote_end, claim.statement, claim.origin) == (
        words,
        end,
        "A curator's statement",
        "curator",
    )
    page.wait_for_selector(f"#card-{claim.pk}")
    assert page.locator(f"#ws-text mark[data-claim='{claim.pk}']").count() >= 1


def test_a_curator_weighs_competing_accounts_side_by_side(browser, live_server, world):
    from tests.test_workspace import event_with_accounts

    ARTIFACTS.mkdir(exist_ok=True)
    event, army, local = event_with_accounts()
    page = log_in(browser, live_server, "curator")
    page.goto(f"{live_server.url}/admin/facts/event/{event.pk}/workspace/")
    rows = page.locator(".ws-figures tbody tr")
    assert rows.count() == 2
    table = page.locator(".ws-figures").inner_text()
    assert "12" in table and "15" in table and "20" in table and "Gunmen group" in table
    assert page.locator(".ws-columns .ws-card").count() == 2
    page.check(f"input[name=source_low][value='{army.pk}']")
    page.check(f"input[name=source_best][value='{local.pk}']")
    page.check(f"input[name=source_high][value='{local.pk}']")
    page.fill("input[name=fatalities_low]", "12")
    page.fill("input[name=fatalities_best]", "15")
    page.fill("input[name=fatalities_high]", "20")
    page.fill("#ws-figures-form input[name=reason]", "The army's count is the floor")
    page.screenshot(path=str(ARTIFACTS / "workspace-event-figures.png"), full_page=True)
    page.click("#ws-figures-form button[type=submit]")
    page.wait_for_selector(".messagelist .success")
    event.refresh_from_db()
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (12, 15, 20)
    assert EventFigureSource.objects.filter(event=event).count() == 3
    assert page.locator(f"input[name=source_best][value='{local.pk}']").is_checked()


def test_a_viewer_reads_the_workspace_with_no_controls(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    article = busiest_article()
    page = log_in(browser, live_server, "viewer")
    page.goto(f"{live_server.url}/admin/facts/article/{article.pk}/workspace/")
    page.wait_for_selector(".ws-card.ws-current")
    assert page.locator(".ws-card").count() == article.claims.count()
    assert page.locator(".ws-act, .ws-decision, #ws-new-claim, #ws-from-selection").count() == 0
    first = int(page.locator(".ws-card.ws-current").get_attribute("data-claim"))
    page.keyboard.press("v")
    page.keyboard.press("1")
    page.keyboard.press("Enter")
    page.keyboard.press("j")  # reading still moves along
    assert int(page.locator(".ws-card.ws-current").get_attribute("data-claim")) != first
    assert Claim.objects.get(pk=first).status == ReviewStatus.UNREVIEWED
    page.screenshot(path=str(ARTIFACTS / "workspace-viewer.png"))
