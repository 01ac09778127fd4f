"""The maps in a real browser: headless Debian Chromium driven by Playwright.

A curator locates a place by clicking its map and saves the point; an event's page draws its
point with the place and precision; readers' /map/ draws the published events that have a
point and counts those that have none. The maps load nothing from outside this site, so the
Content-Security-Policy refuses nothing. Screenshots go to tests/artifacts/.
"""

import os
import re
from datetime import date
from decimal import Decimal

import pytest

from facts.choices import EventKind, ReviewStatus
from facts.models import Place
from tests.base import make_claim, make_country, make_event, make_staff, reviewed
from tests.browsers import ARTIFACTS, BROWSER_MARKS, signed_in_page

# Playwright's sync API runs an event loop in this thread; the ORM calls below are
# ordinary blocking calls made between browser steps, never from inside the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

VERIFIED = ReviewStatus.VERIFIED

pytestmark = BROWSER_MARKS


@pytest.fixture
def world(transactional_db):
    burkina = make_country(name="Burkina Faso", alpha2="BF", alpha3="BFA", numeric="854")
    sahel = Place.objects.create(
        slug="sahel-region",
        name="Sahel",
        kind="admin1",
        country=burkina,
        latitude=Decimal("14.04000"),
        longitude=Decimal("-0.03000"),
        coordinates_source="GeoNames",
    )
    djibo = Place.objects.create(
        slug="djibo", name="Djibo", kind="locality", country=burkina, admin1=sahel
    )
    curator = make_staff("curator")
    return {"burkina": burkina, "sahel": sahel, "djibo": djibo, "curator": curator}


def log_in(browser, live_server, username: str):
    return signed_in_page(browser, live_server, username)


def watch_for_errors(page) -> list[str]:
    """Script errors, refused loads and failed requests on the page, as they happen."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors


def count_line(page, previous: str = "") -> str:
    """The page's count line once the events have loaded (or failed to), and it says
    something other than `previous`."""
    page.wait_for_function(
        """previous => {
            const text = document.querySelector('#map-count').textContent;
            return !text.startsWith('Loading') && text !== previous;
        }""",
        arg=previous,
    )
    return page.locator("#map-count").inner_text()


def five_decimals(text: str) -> Decimal:
    assert re.fullmatch(r"-?\d{1,3}\.\d{5}", text), text
    return Decimal(text)


def test_curator_locates_a_place_by_clicking_its_map(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    djibo = world["djibo"]
    page = log_in(browser, live_server, "curator")
    errors = watch_for_errors(page)
    page.goto(f"{live_server.url}/admin/facts/place/{djibo.pk}/change/")
    page.wait_for_selector("#place-map.sahel-map-outlined")  # the outlines were drawn
    assert page.input_value("#id_latitude") == page.input_value("#id_longitude") == ""
    marker = page.locator("#place-map .leaflet-overlay-pane path")
    assert marker.count() == 0

    page.locator("#place-map").click(position={"x": 300, "y": 150})
    latitude = five_decimals(page.input_value("#id_latitude"))
    longitude = five_decimals(page.input_value("#id_longitude"))
    # The map opened on the region's seat (14.04, -0.03) at zoom 7: a click lands near it.
    assert abs(latitude - Decimal("14.04")) < 3 and abs(longitude - Decimal("-0.03")) < 5
    assert marker.count() == 1
    clicked_at = marker.get_attribute("d")

    page.fill("#id_latitude", "13.5")  # typing moves the marker too
    page.fill("#id_longitude", "-0.5")
    assert marker.get_attribute("d") != clicked_at

    page.locator("#place-map").click(position={"x": 500, "y": 200})
    latitude = five_decimals(page.input_value("#id_latitude"))
    longitude = five_decimals(page.input_value("#id_longitude"))
    page.locator("#place-map").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "place-map.png"))

    page.fill("#id_coordinates_source", "Located on the map by a curator")
    page.fill("#id_change_reason", "Djibo's town centre, from the curator's map")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    djibo.refresh_from_db()
    assert (djibo.latitude, djibo.longitude) == (latitude, longitude)
    assert djibo.history.first().history_change_reason.startswith("Djibo's town centre")
    assert errors == []


def test_event_page_draws_the_point_with_its_place_and_precision(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    djibo = world["djibo"]
    djibo.latitude, djibo.longitude = Decimal("14.10140"), Decimal("-1.62800")
    djibo.save()
    pinned = make_event(
        kind=EventKind.ATTACK,
        title="Attack on the Djibo camp",
        place=djibo,
        location_precision="exact",
        location="Djibo",
        latitude=Decimal("14.09000"),
        longitude=Decimal("-1.63000"),
    )
    page = log_in(browser, live_server, "curator")
    errors = watch_for_errors(page)
    page.goto(f"{live_server.url}/admin/facts/event/{pinned.pk}/change/")
    page.wait_for_selector("#event-map.sahel-map-outlined")
    assert page.locator("#event-map path.leaflet-interactive").count() == 1
    assert "Djibo (locality)" in page.locator("#event-map .leaflet-tooltip").inner_text()
    caption = page.locator(".field-map .sahel-map-caption").inner_text()
    assert "Djibo (locality)" in caption and "The exact locality or site" in caption
    assert "14.09000, -1.63000" in caption and "the event's own coordinates" in caption
    page.locator("#event-map").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "event-map.png"))

    # An event with no point of its own is drawn at its place's.
    placed = make_event(place=djibo, location_precision="near", title="Ambush near Djibo")
    page.goto(f"{live_server.url}/admin/facts/event/{placed.pk}/change/")
    page.wait_for_selector("#event-map path.leaflet-interactive")
    caption = page.locator(".field-map .sahel-map-caption").inner_text()
    assert "14.10140, -1.62800" in caption and "its place's coordinates" in caption
    assert errors == []


def test_readers_map_draws_published_events_and_counts_the_others(browser, live_server, world):
    ARTIFACTS.mkdir(exist_ok=True)
    burkina, djibo = world["burkina"], world["djibo"]
    attack = make_event(
        kind=EventKind.ATTACK,
        title="Attack on the Djibo camp",
        place=djibo,
        location_precision="exact",
        latitude=Decimal("14.10140"),
        longitude=Decimal("-1.62800"),
        fatalities_best=12,
        date_start=date(2024, 5, 11),
        date_end=date(2024, 5, 11),
        date_precision="day",
        date_text="11 May 2024",
        **reviewed(status=VERIFIED),
    )
    make_event(
        kind=EventKind.COUP,
        title="Coup in Ouagadougou",
        location_precision="exact",
        latitude=Decimal("12.36566"),
        longitude=Decimal("-1.53388"),
        date_start=date(2022, 9, 30),
        date_end=date(2022, 9, 30),
        date_precision="day",
        date_text="30 September 2022",
        **reviewed(status=VERIFIED),
    )
    unplaced = make_event(kind=EventKind.STATEMENT, **reviewed(status=VERIFIED))
    unplaced.countries.add(burkina)
    make_event(  # not published: readers never see it
        title="Unreviewed clash", latitude=Decimal("13.0"), longitude=Decimal("1.0")
    )
    make_claim(event=attack, **reviewed(status=VERIFIED))  # quotes the Alliance's formation

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = watch_for_errors(page)
    page.goto(f"{live_server.url}/map/")
    assert page.title() == "Sahel Facts — map of events"
    line = count_line(page)
    assert line == "2 events on the map, 1 placed only by country (not drawn)"
    markers = page.locator("#map path.leaflet-interactive")
    assert markers.count() == 2
    page.wait_for_selector("#map.sahel-map-outlined")
    page.screenshot(path=str(ARTIFACTS / "map-page.png"))

    boxes = [markers.nth(index).bounding_box() for index in range(2)]
    northern = min(range(2), key=lambda index: boxes[index]["y"])  # Djibo, north of Ouaga
    markers.nth(northern).click()
    popup = page.locator(".leaflet-popup-content")
    assert "Attack on the Djibo camp" in popup.inner_text()
    text = popup.inner_text()
    assert "11 May 2024" in text and "Djibo" in text and "exact place" in text
    assert re.search(r"Fatalities\s+12", text)
    assert popup.locator("a", has_text="Sourced claims").count() == 1
    page.wait_for_selector(".event-popup .claims q")
    assert "formed the Alliance of Sahel States" in popup.locator(".claims").inner_text()

    page.select_option("#filter-kind", EventKind.COUP)
    page.click("#map-filters button[type=submit]")
    line = count_line(page, previous=line)
    assert line == "1 event on the map, 0 placed only by country (not drawn)"
    assert "kind=coup" in page.url  # the filters are in the address, to share

    page.select_option("#filter-kind", "")
    page.fill("#filter-date-before", "2023-12-31")  # the coup and the statement, not the attack
    page.click("#map-filters button[type=submit]")
    line = count_line(page, previous=line)
    assert line == "1 event on the map, 1 placed only by country (not drawn)"
    assert markers.count() == 1
    assert errors == []
