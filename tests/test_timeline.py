"""The timeline of verified events by month (facts/timeline.py): months bucketed with the
gaps filled, undated events counted, only verified events, on the admin's country and actor
pages and on the readers' pages, at a number of queries that does not grow with the events."""

import re
from datetime import date
from itertools import pairwise

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facts.choices import DatePrecision, EventKind, ParticipantRole, ReviewStatus
from facts.models import EventParticipant
from facts.timeline import (
    KIND_COLOURS,
    MIN_PITCH,
    EventRow,
    actor_timeline,
    bucket_by_month,
    build_timeline,
    country_timeline,
    date_words,
    months_between,
)
from tests.base import make_actor, make_article, make_country, make_event, reviewed

VERIFIED = ReviewStatus.VERIFIED
MARK_LINK = re.compile(r'<a class="timeline-link" href="([^"]+)" data-event-id="(\d+)"')


def row(pk: int, start: date | None, kind: str = EventKind.ATTACK, precision: str = "day"):
    return EventRow(
        id=pk,
        title=f"Event {pk}",
        kind=kind,
        date_start=start,
        date_precision=precision if start else "",
    )


def url(pk: int) -> str:
    return f"/events/{pk}/"


def verified_event(**fields):
    return make_event(**reviewed(status=VERIFIED), **fields)


def dated(day: date, **fields) -> dict:
    """An event's date fields for one day."""
    return {
        "date_start": day,
        "date_end": day,
        "date_precision": DatePrecision.DAY,
        "date_text": day.isoformat(),
        **fields,
    }


def take_part(event, actor, role: str = ParticipantRole.PERPETRATOR) -> None:
    """A part a curator confirmed (readers see it)."""
    EventParticipant.objects.create(event=event, actor=actor, role=role, status=VERIFIED)


def linked_events(html: str) -> dict[int, str]:
    """The event ids the chart's marks link to, with their links."""
    return {int(pk): href for href, pk in MARK_LINK.findall(html)}


# ------------------------------------------------------------------------------- bucketing


def test_months_run_from_the_first_to_the_last_across_a_new_year():
    assert months_between(date(2023, 11, 30), date(2024, 2, 1)) == [
        (2023, 11),
        (2023, 12),
        (2024, 1),
        (2024, 2),
    ]
    assert months_between(date(2024, 5, 3), date(2024, 5, 28)) == [(2024, 5)]


def test_months_without_events_still_appear_between_the_first_and_the_last():
    buckets, undated = bucket_by_month([row(1, date(2023, 7, 26)), row(2, date(2023, 10, 2))])
    assert list(buckets) == [(2023, 7), (2023, 8), (2023, 9), (2023, 10)]
    assert [len(events) for events in buckets.values()] == [1, 0, 0, 1]
    assert undated == 0


def test_events_of_one_month_stack_in_one_column_in_the_order_given():
    rows = [row(1, date(2023, 7, 3)), row(2, date(2023, 7, 26)), row(3, date(2023, 9, 1))]
    timeline = build_timeline(rows, event_url=url)
    july = timeline.months[0]
    assert (july.year, july.month, july.count) == (2023, 7, 2)
    first, second = july.marks
    assert first.x == second.x  # one column …
    assert second.y + second.height < first.y  # … the second mark above the first
    assert [m.url for m in july.marks] == ["/events/1/", "/events/2/"]
    assert [m.count for m in timeline.months] == [2, 0, 1]


def test_undated_events_are_counted_and_not_drawn():
    rows = [row(1, None), row(2, date(2024, 1, 5)), row(3, None), row(4, None)]
    timeline = build_timeline(rows, event_url=url)
    assert (timeline.undated, timeline.dated, timeline.total) == (3, 1, 4)
    assert [m.event_id for m in timeline.marks] == [2]

    only_undated = build_timeline([row(1, None)], event_url=url)
    assert (only_undated.months, only_undated.undated) == ([], 1)


def test_no_events_give_an_empty_timeline():
    timeline = build_timeline([], event_url=url)
    assert (timeline.months, timeline.undated, timeline.legend, timeline.total) == ([], 0, [], 0)


def test_dates_are_worded_no_more_exactly_than_known_and_coarse_ones_drawn_hollow():
    start = date(2023, 7, 1)
    assert date_words(date(2023, 7, 26), DatePrecision.DAY) == "26 Jul 2023"
    assert date_words(start, DatePrecision.MONTH) == "Jul 2023"
    assert date_words(start, DatePrecision.PART_OF_YEAR) == "part of 2023, from Jul 2023"
    assert date_words(date(2023, 1, 1), DatePrecision.YEAR) == "2023"
    assert date_words(date(2020, 1, 1), DatePrecision.DECADE) == "2020s"
    rows = [row(1, start, precision="month"), row(2, date(2023, 1, 1), precision="year")]
    timeline = build_timeline(rows, event_url=url)
    assert {m.event_id: m.hollow for m in timeline.marks} == {1: False, 2: True}
    assert timeline.has_hollow
    assert timeline.marks[0].tooltip == "2023 — Event 2 (Attack or armed clash)"


def test_legend_lists_the_kinds_present_in_choice_order_with_their_counts():
    rows = [
        row(1, date(2023, 7, 1), EventKind.MEETING),
        row(2, date(2023, 7, 2), EventKind.COUP),
        row(3, date(2023, 8, 2), EventKind.MEETING),
    ]
    legend = build_timeline(rows, event_url=url).legend
    assert [(e.kind, e.count) for e in legend] == [(EventKind.COUP, 1), (EventKind.MEETING, 2)]
    assert legend[0].colour == KIND_COLOURS[EventKind.COUP]


def test_every_kind_has_its_own_colour():
    assert set(KIND_COLOURS) == set(EventKind.values)
    assert len(set(KIND_COLOURS.values())) == len(KIND_COLOURS)


def test_a_crowded_month_shrinks_its_marks_but_draws_every_event():
    rows = [row(pk, date(2023, 7, 1 + pk % 28)) for pk in range(200)]
    timeline = build_timeline(rows, event_url=url)
    marks = timeline.marks
    assert len(marks) == 200
    assert min(m.y for m in marks) >= timeline.plot_top
    assert all(m.height >= MIN_PITCH - 1 for m in marks)
    stacked = sorted(marks, key=lambda m: m.y)
    assert all(below.y - above.y >= above.height for above, below in pairwise(stacked))


def test_years_are_labelled_under_januaries_and_under_the_first_month():
    rows = [row(1, date(2023, 7, 1)), row(2, date(2024, 3, 1))]
    labels = {
        (c.year, c.month): c.year_label
        for c in build_timeline(rows, event_url=url).months
        if c.year_label
    }
    assert labels == {(2023, 7): "2023", (2024, 1): "2024"}


# ------------------------------------------------------------------------------- selectors


@pytest.fixture
def world(db):
    """Two countries and an actor: verified, unverified and undated events in Mali."""
    mali = make_country(name="Mali", alpha2="ML", alpha3="MLI", numeric="466")
    niger = make_country(name="Niger", alpha2="NE", alpha3="NER", numeric="562")
    jnim = make_actor(slug="jnim", name="JNIM", **reviewed(status=VERIFIED))
    coup = verified_event(kind=EventKind.COUP, title="Coup in Bamako", **dated(date(2023, 7, 3)))
    attack = verified_event(kind=EventKind.ATTACK, title="Attack", **dated(date(2023, 7, 20)))
    later = verified_event(kind=EventKind.MEETING, title="Talks", **dated(date(2023, 10, 2)))
    undated = verified_event(
        title="Undated", date_start=None, date_end=None, date_precision="", date_text=""
    )
    proposed = make_event(title="Only proposed", **dated(date(2023, 8, 5)))
    disputed = make_event(
        title="Disputed",
        **reviewed(status=ReviewStatus.DISPUTED),
        **dated(date(2023, 9, 5)),
    )
    elsewhere = verified_event(title="In Niger", **dated(date(2022, 1, 5)))
    for event in (coup, attack, later, undated, proposed, disputed):
        event.countries.add(mali)
    elsewhere.countries.add(niger)
    for event, role in [
        (attack, ParticipantRole.PERPETRATOR),
        (later, ParticipantRole.PERPETRATOR),
        (proposed, ParticipantRole.PERPETRATOR),
    ]:
        take_part(event, jnim, role)
    # Two parts in one event: the event still counts once.
    take_part(later, jnim, ParticipantRole.TARGET)
    return {
        "mali": mali,
        "niger": niger,
        "jnim": jnim,
        "verified": [coup, attack, later],
        "undated": undated,
        "unverified": [proposed, disputed],
        "elsewhere": elsewhere,
    }


def test_a_countrys_timeline_holds_its_verified_events_only(world):
    timeline = country_timeline(country=world["mali"], event_url=url)
    assert [m.event_id for m in timeline.marks] == [e.pk for e in world["verified"]]
    assert timeline.undated == 1
    # August and September hold only unverified events: empty months, still on the axis.
    assert [(c.month, c.count) for c in timeline.months] == [(7, 2), (8, 0), (9, 0), (10, 1)]


def test_an_actors_timeline_counts_each_verified_event_once_whatever_its_roles(world):
    timeline = actor_timeline(actor=world["jnim"], event_url=url)
    attack, later = world["verified"][1:]
    assert [m.event_id for m in timeline.marks] == [attack.pk, later.pk]
    assert timeline.undated == 0


def test_a_part_the_importer_only_proposed_counts_for_staff_not_for_readers(world):
    guessed = verified_event(title="Ambush the importer attributed", **dated(date(2023, 7, 9)))
    EventParticipant.objects.create(
        event=guessed,
        actor=world["jnim"],
        role=ParticipantRole.PERPETRATOR,
        article=make_article(),  # the importer's proposal: unreviewed until a curator says
        status=ReviewStatus.UNREVIEWED,
    )
    staff = actor_timeline(actor=world["jnim"], event_url=url)
    readers = actor_timeline(actor=world["jnim"], event_url=url, confirmed_parts_only=True)
    assert guessed.pk in {m.event_id for m in staff.marks}
    assert guessed.pk not in {m.event_id for m in readers.marks}
    assert readers.dated == staff.dated - 1


def test_the_timeline_is_one_query_however_many_events(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        few = country_timeline(country=world["mali"], event_url=url)
    for day in range(1, 29):
        event = verified_event(**dated(date(2024, 2, day)))
        event.countries.add(world["mali"])
        take_part(event, world["jnim"])
    with django_assert_num_queries(1):
        many = country_timeline(country=world["mali"], event_url=url)
    with django_assert_num_queries(1):
        actor_timeline(actor=world["jnim"], event_url=url)
    assert many.dated == few.dated + 28


# ------------------------------------------------------------------------------- the admin


def admin_change(model: str, pk: int) -> str:
    return reverse(f"admin:facts_{model}_change", args=[pk])


def test_the_country_page_in_the_admin_links_marks_to_verified_events_only(world, client, curator):
    client.force_login(curator)
    response = client.get(admin_change("country", world["mali"].pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="timeline-chart"' in html and "facts/timeline.css" in html
    assert linked_events(html) == {e.pk: admin_change("event", e.pk) for e in world["verified"]}
    assert "Only proposed" not in html and "Disputed" not in html and "In Niger" not in html
    assert "1 verified event has no date" in html
    assert "3 Jul 2023 — Coup in Bamako (Coup d&#x27;état)" in html  # the tooltip, escaped
    assert 'data-month="2023-08" data-count="0"' in html  # an empty month, on the axis


def test_the_actor_page_in_the_admin_shows_the_events_it_takes_part_in(world, client, curator):
    client.force_login(curator)
    html = client.get(admin_change("actor", world["jnim"].pk)).content.decode()
    attack, later = world["verified"][1:]
    assert linked_events(html) == {e.pk: admin_change("event", e.pk) for e in (attack, later)}
    assert "Verified events JNIM takes part in, by month" in html


def test_the_add_pages_have_no_timeline(db, client, lead):
    client.force_login(lead)
    for model in ("country", "actor"):
        html = client.get(reverse(f"admin:facts_{model}_add")).content.decode()
        assert "timeline-chart" not in html and "No verified events" not in html, model


def test_a_country_without_verified_events_says_so(db, client, curator):
    empty = make_country()
    client.force_login(curator)
    html = client.get(admin_change("country", empty.pk)).content.decode()
    assert "No verified events yet." in html and "timeline-chart" not in html


def test_a_title_is_escaped_in_the_chart(world, client, curator):
    event = verified_event(title='<script>alert("x")</script>', **dated(date(2023, 7, 9)))
    event.countries.add(world["mali"])
    client.force_login(curator)
    html = client.get(admin_change("country", world["mali"].pk)).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html


def queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def add_events(world, n: int) -> None:
    for i in range(n):
        event = verified_event(**dated(date(2021 + i % 3, 1 + i % 12, 1 + i % 28)))
        event.countries.add(world["mali"])
        take_part(event, world["jnim"])


def test_the_admin_pages_query_count_does_not_grow_with_the_events(world, client, curator):
    client.force_login(curator)
    pages = [admin_change("country", world["mali"].pk), admin_change("actor", world["jnim"].pk)]
    before = [queries_for(client, page) for page in pages]
    add_events(world, 30)
    assert [queries_for(client, page) for page in pages] == before


# ------------------------------------------------------------------------------- readers


def reader_country(iso2: str) -> str:
    return reverse("web:country-timeline", kwargs={"iso2": iso2})


def reader_actor(slug: str) -> str:
    return reverse("web:actor-timeline", kwargs={"slug": slug})


def api_event(pk: int) -> str:
    return reverse("api:event-detail", args=[pk])


def test_readers_see_a_countrys_verified_events_linked_to_the_api(world, client):
    response = client.get(reader_country("ML"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.wsgi_request.user.is_anonymous
    assert reader_country("ML") == "/map/timeline/country/ML/"
    assert linked_events(html) == {e.pk: api_event(e.pk) for e in world["verified"]}
    assert "Only proposed" not in html and "Disputed" not in html
    assert "1 verified event has no date" in html
    assert "Verified events in Mali, by month" in html
    for href in linked_events(html).values():  # each link answers a reader
        assert client.get(href).status_code == 200


def test_a_country_code_is_read_in_either_case_and_an_unknown_one_is_not_found(world, client):
    assert client.get(reader_country("ml")).status_code == 200
    assert client.get(reader_country("ZZ")).status_code == 404
    assert client.get("/map/timeline/country/MLI/").status_code == 404


def test_readers_see_a_visible_actors_events_and_not_an_unpublished_actor(world, client):
    response = client.get(reader_actor("jnim"))
    attack, later = world["verified"][1:]
    assert response.status_code == 200
    assert linked_events(response.content.decode()) == {
        e.pk: api_event(e.pk) for e in (attack, later)
    }
    hidden = make_actor(slug="unreviewed-group", name="Unreviewed group")
    take_part(world["verified"][0], hidden)
    assert client.get(reader_actor("unreviewed-group")).status_code == 404
    assert client.get(reader_actor("no-such-actor")).status_code == 404


def test_readers_do_not_see_an_event_through_a_part_nobody_confirmed(world, client, lead):
    guessed = verified_event(title="Ambush the importer attributed", **dated(date(2023, 7, 9)))
    EventParticipant.objects.create(
        event=guessed,
        actor=world["jnim"],
        role=ParticipantRole.PERPETRATOR,
        article=make_article(),
        status=ReviewStatus.UNREVIEWED,
    )
    assert guessed.pk not in linked_events(client.get(reader_actor("jnim")).content.decode())
    client.force_login(lead)
    assert guessed.pk in linked_events(client.get(reader_actor("jnim")).content.decode())


def test_staff_see_an_unpublished_actors_timeline_with_verified_events_only(world, client, lead):
    hidden = make_actor(slug="unreviewed-group", name="Unreviewed group")
    for event in (world["verified"][0], *world["unverified"]):
        take_part(event, hidden)
    client.force_login(lead)
    response = client.get(reader_actor("unreviewed-group"))
    assert response.status_code == 200
    assert set(linked_events(response.content.decode())) == {world["verified"][0].pk}


def test_the_readers_pages_take_two_queries_however_many_events(world, client):
    pages = [reader_country("ML"), reader_actor("jnim")]
    # The country or the actor (with its visibility), then the events.
    assert [queries_for(client, page) for page in pages] == [2, 2]
    add_events(world, 30)
    assert [queries_for(client, page) for page in pages] == [2, 2]
