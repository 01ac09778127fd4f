"""The timeline of verified events in a real browser: headless Debian Chromium driven by
Playwright.

A curator opens a country's page in the admin, finds one box per verified event linked to it,
reads a box's tooltip and clicks through to the event; a reader opens the country's public
timeline without signing in and finds the verified events only. The charts are server-rendered
SVG with a local stylesheet: nothing is loaded from elsewhere and no script runs, so the
Content-Security-Policy refuses nothing. Screenshots go to tests/artifacts/.
"""

import os
import re
from datetime import date

import pytest

from facts.choices import DatePrecision, EventKind, ReviewStatus
from tests.base import make_country, make_event, make_staff, reviewed
from tests.browsers import ARTIFACTS, BROWSER_MARKS, signed_in_page

# Playwright's sync API runs an event loop in this thread; the ORM calls below are
# ordinary blocking calls made between browser steps, never from inside the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


pytestmark = BROWSER_MARKS


def on(day: date, precision: str = DatePrecision.DAY) -> dict:
    return {
        "date_start": day,
        "date_end": day if precision == DatePrecision.DAY else date(day.year, 12, 31),
        "date_precision": precision,
        "date_text": day.isoformat(),
    }


@pytest.fixture
def world(transactional_db):
    mali = make_country(name="Mali", alpha2="ML", alpha3="MLI", numeric="466")
    published = [
        make_event(kind=kind, title=title, **reviewed(status=ReviewStatus.VERIFIED), **on(day))
        for kind, title, day in [
            (EventKind.COUP, "Second coup in Bamako", date(2021, 5, 24)),
            (EventKind.DEPLOYMENT, "Wagner arrives", date(2021, 12, 23)),
            (EventKind.EXPULSION, "French ambassador expelled", date(2022, 1, 31)),
            (EventKind.WITHDRAWAL, "Barkhane leaves Mali", date(2022, 8, 15)),
            (EventKind.ATTACK, "Attack on Kati", date(2022, 7, 22)),
            (EventKind.ATTACK, "Attack near Boulkessi", date(2022, 7, 28)),
            (EventKind.ALLIANCE_FORMATION, "Alliance of Sahel States", date(2023, 9, 16)),
        ]
    ]
    published.append(
        make_event(
            kind=EventKind.AID_SUSPENSION,
            title="Aid suspended (dated to the year)",
            **reviewed(status=ReviewStatus.VERIFIED),
            **on(date(2022, 1, 1), DatePrecision.YEAR),
        )
    )
    undated = make_event(
        title="Undated talks",
        **reviewed(status=ReviewStatus.VERIFIED),
        date_start=None,
        date_end=None,
        date_precision="",
        date_text="",
    )
    proposed = make_event(title="Only proposed", **on(date(2022, 7, 25)))
    for event in (*published, undated, proposed):
        event.countries.add(mali)
    return {"mali": mali, "published": published, "curator": make_staff("curator")}


def log_in(browser, live_server, username: str):
    return signed_in_page(browser, live_server, username)


def watch_for_errors(page) -> list[str]:
    """Script errors, refused loads and failed requests on the page, as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    return errors


def marks_by_event(page) -> dict[int, str]:
    links = page.locator("svg.timeline-chart a.timeline-link")
    return {
        int(links.nth(i).get_attribute("data-event-id")): links.nth(i).get_attribute("href")
        for i in range(links.count())
    }


def test_a_curator_clicks_from_a_countrys_timeline_to_the_event(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    mali, published = world["mali"], world["published"]
    page = log_in(browser, live_server, "curator")
    errors = watch_for_errors(page)
    page.goto(f"{live_server.url}/admin/facts/country/{mali.pk}/change/")

    section = page.locator("section.timeline-module")
    assert "Verified events in Mali, by month" in section.locator("h2").inner_text()
    assert "1 verified event has no date" in section.inner_text()
    assert marks_by_event(page) == {e.pk: f"/admin/facts/event/{e.pk}/change/" for e in published}
    assert "Only proposed" not in page.content()
    # May 2021 to September 2023, empty months included: 29 columns on the axis.
    assert page.locator("svg.timeline-chart g.timeline-month").count() == 29
    assert page.locator("g.timeline-month[data-month='2022-07'] a.timeline-link").count() == 2
    hollow = page.locator("a.timeline-link rect.timeline-mark-hollow")
    assert hollow.count() == 1
    assert page.locator(".timeline-legend li").count() == 8  # 7 kinds and the hollow box
    # The stylesheet came from this site and applies: the chart scrolls sideways if it must.
    overflow = page.eval_on_selector(".timeline-scroll", "e => getComputedStyle(e).overflowX")
    assert overflow == "auto"

    kati = next(e for e in published if e.title == "Attack on Kati")
    mark = page.locator(f"a.timeline-link[data-event-id='{kati.pk}']")
    assert mark.locator("title").text_content() == (
        "22 Jul 2022 — Attack on Kati (Attack or armed clash)"
    )
    box = mark.locator("rect").bounding_box()
    assert box is not None and box["width"] >= 10 and box["height"] >= 8
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(ARTIFACTS / "timeline-admin.png"))

    mark.click()
    page.wait_for_url(re.compile(rf"/admin/facts/event/{kati.pk}/change/$"))
    assert page.locator("#id_title").input_value() == "Attack on Kati"
    assert errors == []


def test_a_reader_opens_a_countrys_timeline_without_signing_in(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    published = world["published"]
    page = browser.new_page(viewport={"width": 1200, "height": 700})
    errors = watch_for_errors(page)
    response = page.goto(f"{live_server.url}/map/timeline/country/ML/")
    assert response is not None and response.status == 200

    assert page.locator("h1").inner_text() == "Verified events in Mali, by month"
    assert marks_by_event(page) == {e.pk: f"/api/v1/events/{e.pk}/" for e in published}
    assert "Only proposed" not in page.content()
    assert "1 verified event has no date" in page.locator(".timeline-summary").inner_text()
    page.screenshot(path=str(ARTIFACTS / "timeline-reader.png"), full_page=True)

    coup = published[0]
    page.locator(f"a.timeline-link[data-event-id='{coup.pk}']").click()
    page.wait_for_url(re.compile(rf"/api/v1/events/{coup.pk}/$"))
    assert "Second coup in Bamako" in page.content()
    assert errors == []
