"""The workbench in a real browser: headless Debian Chromium driven by Playwright.

A curator reviews a claim from the queue with a reason, sees its highlight in the article and
finds the change in the history; a viewer finds no way to change anything. Screenshots of the
queue and of the highlighted article go to tests/artifacts/.
"""

import os
import re

import pytest

from facts.models import Claim
from tests.base import import_seeds, make_staff
from tests.browsers import ARTIFACTS, BROWSER_MARKS, signed_in_page

# Playwright's sync API runs an event loop in this thread; the ORM calls below are
# ordinary blocking calls made between browser steps, never from inside the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


pytestmark = BROWSER_MARKS


@pytest.fixture
def world(transactional_db):
    import_seeds()
    return {"curator": make_staff("curator"), "viewer": make_staff("viewer")}


def log_in(browser, live_server, username: str):
    return signed_in_page(browser, live_server, username)


def test_curator_reviews_from_the_queue_and_finds_it_in_the_article_and_history(
    browser, live_server, world
):
    ARTIFACTS.mkdir(exist_ok=True)
    claim = Claim.objects.get(quote__startswith="Most recently, Niger")
    page = log_in(browser, live_server, "curator")

    summary = page.locator("#review-queue-summary")  # the index says what waits, and where
    assert "claims wait for review" in summary.inner_text()
    summary.locator("a").first.click()
    page.wait_for_url(re.compile(r"status__exact=unreviewed"))
    assert page.locator("#result_list tbody tr").count() > 10
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"))

    page.check(f"input[name=_selected_action][value='{claim.pk}']")
    page.select_option("select[name=action]", "verify")
    page.click("button[name=index]")
    page.wait_for_selector("form.review-form")
    page.click("input[type=submit][value='Mark verified']")  # without a reason: refused
    assert page.locator("#id_reason:invalid").count() == 1
    assert Claim.objects.get(pk=claim.pk).status == "unreviewed"
    page.fill("#id_reason", "Bazoum was deposed on 26 July 2023 (multiple wire reports)")
    page.select_option("#id_credibility", "1")
    page.click("input[type=submit][value='Mark verified']")
    page.wait_for_selector(".messagelist .success")
    claim.refresh_from_db()
    assert (claim.status, claim.reviewed_by.username, claim.credibility) == (
        "verified",
        "curator",
        1,
    )

    page.goto(f"{live_server.url}/admin/facts/claim/{claim.pk}/change/")
    mark = page.locator(".evidence mark.claim-quote")
    assert mark.inner_text().startswith("Most recently, Niger")
    page.click("text=Open the article with every claim highlighted")
    page.wait_for_selector(f"#claim-{claim.pk}", state="attached")
    highlights = page.locator("#cleaned-text mark.claim-quote")
    assert highlights.count() >= claim.article.claims.count()
    link = page.locator(f"#cleaned-text mark.claim-quote a[href$='/claim/{claim.pk}/change/']")
    assert link.count() == 1
    page.locator(f"#claim-{claim.pk}").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "article-highlighted.png"))
    assert not page.locator("details.raw-text pre").is_visible()
    page.click("details.raw-text summary")
    assert (
        "Self-Correction/Review during generation"
        in page.locator("details.raw-text pre").inner_text()
    )

    page.goto(f"{live_server.url}/admin/facts/claim/{claim.pk}/history/")
    history = page.locator("#change-history").inner_text()
    assert "verified: Bazoum was deposed on 26 July 2023" in history
    assert "curator" in history and "Status" in history
    newest = page.locator("#change-history tbody tr").first.inner_text()
    assert "Countries" not in newest and "Actors" not in newest  # untouched by the review
    assert "Deleted user" not in history


def test_viewer_finds_no_way_to_change_anything(browser, live_server, world):
    claim = Claim.objects.get(quote__startswith="Most recently, Niger")
    page = log_in(browser, live_server, "viewer")
    page.goto(f"{live_server.url}/admin/facts/claim/?status__exact=unreviewed")
    assert page.locator("#result_list tbody tr").count() > 10
    assert page.locator("select[name=action]").count() == 0
    assert page.locator("a.addlink").count() == 0
    for url in [
        f"/admin/facts/claim/{claim.pk}/change/",
        f"/admin/facts/article/{claim.article_id}/change/",
        "/admin/facts/actor/",
        "/admin/facts/event/",
    ]:
        page.goto(live_server.url + url)
        assert page.locator("input[name=_save]").count() == 0, url
        assert page.locator("a.deletelink").count() == 0, url
    response = page.goto(f"{live_server.url}/admin/facts/claim/add/")
    assert response.status == 403
    response = page.goto(f"{live_server.url}/admin/facts/claim/{claim.pk}/delete/")
    assert response.status == 403


def test_swagger_ui_and_the_admin_run_under_the_content_security_policy(
    browser, live_server, world
):
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    docs = page.goto(f"{live_server.url}/api/v1/docs/")
    assert "script-src 'self'" in docs.headers["content-security-policy"]
    page.wait_for_selector(".opblock", timeout=30_000)  # the UI ran and read the schema
    assert page.locator(".opblock").count() > 20
    page.close()
    page = log_in(browser, live_server, "curator")
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/admin/facts/claim/?status__exact=unreviewed")
    page.select_option("select[name=action]", "verify")  # the admin's own scripts still run
    assert page.locator("#result_list").is_visible()
    assert refused == []
