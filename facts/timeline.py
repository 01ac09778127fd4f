"""A timeline of verified events by month, for a country or an actor: the selector that reads
the events (one query) and the month bucketing and layout that the chart is drawn from.

Only verified events count, for every reader (the publication rule): a curator's timeline
shows the events readers see (though on an actor's, readers count only the parts a curator
confirmed: actor_timeline). The chart itself is server-rendered SVG
(facts/templates/facts/includes/timeline.html, styled by facts/static/facts/timeline.css):
each month between the first and the last dated event is a column, each event a mark
stacked in its month's column and linked to the event (`event_url`: the admin's change page,
or the API's detail for readers). Events dated only to part of a year, a year or a decade are
drawn hollow at the month their range starts; undated events are counted, not drawn.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TypedDict, cast

from django.db.models import Exists, F, OuterRef, QuerySet

from facts.choices import DatePrecision, EventKind, ReviewStatus
from facts.models import Actor, Country, Event, EventParticipant

EventUrl = Callable[[int], str]


class EventRow(TypedDict):
    """One event as the timeline reads it (QuerySet.values over EVENT_ROW_FIELDS)."""

    id: int
    title: str
    kind: str
    date_start: date | None
    date_precision: str


EVENT_ROW_FIELDS = ("id", "title", "kind", "date_start", "date_precision")

# One colour per kind, in families: violence red/orange, forces brown/olive, diplomacy blue,
# aid and sanctions green/purple. A kind missing here is drawn in OTHER_COLOUR.
KIND_COLOURS: dict[str, str] = {
    EventKind.COUP: "#7f1d1d",
    EventKind.ATTACK: "#d62728",
    EventKind.AIRSTRIKE: "#ff7f0e",
    EventKind.WITHDRAWAL: "#8c564b",
    EventKind.DEPLOYMENT: "#bcbd22",
    EventKind.FORCE_CREATION: "#b8860b",
    EventKind.ALLIANCE_FORMATION: "#1f77b4",
    EventKind.MEMBERSHIP_CHANGE: "#17becf",
    EventKind.MEETING: "#6baed6",
    EventKind.VISIT: "#393b79",
    EventKind.AGREEMENT: "#2ca02c",
    EventKind.AID_SUSPENSION: "#e377c2",
    EventKind.AID: "#98df8a",
    EventKind.SANCTION: "#9467bd",
    EventKind.EQUIPMENT_DELIVERY: "#637939",
    EventKind.INTELLIGENCE_SHARING: "#5254a3",
    EventKind.EXPULSION: "#00796b",
    EventKind.ELECTION: "#e7ba52",
    EventKind.PROTEST: "#ce6dbd",
    EventKind.STATEMENT: "#7f7f7f",
    EventKind.OTHER: "#c7c7c7",
}
OTHER_COLOUR = "#c7c7c7"
KIND_LABELS: dict[str, str] = dict(EventKind.choices)
# Dated more coarsely than a month: the mark stands at the month the range starts, hollow.
COARSE_PRECISIONS = frozenset(
    {DatePrecision.PART_OF_YEAR, DatePrecision.YEAR, DatePrecision.DECADE}
)
MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

# Layout, in SVG user units (pixels at the chart's natural size).
COLUMN = 18  # one month's width
MARK_WIDTH = 14
LEFT = 34  # room for the count axis' labels
RIGHT = 10
TOP = 10
BOTTOM = 36  # month initials, then years
MAX_PITCH = 16  # a mark's height and the gap above it, in a month of few events
MIN_PITCH = 4  # … in a crowded month: the chart grows taller rather than marks vanishing
PLOT_HEIGHT = 192  # the plot's height when the busiest month fills it
MIN_LEVELS = 4  # the count axis goes at least this high
MONTH_INITIALS_UP_TO = 48  # months on the axis; beyond, only years are labelled


# ------------------------------------------------------------------------------- selector


def verified_event_rows(events: QuerySet[Event]) -> list[EventRow]:
    """The verified ones among `events`, dated ones oldest first, as rows: one query."""
    rows = (
        events.filter(status=ReviewStatus.VERIFIED)
        .order_by(F("date_start").asc(nulls_last=True), "id")
        .values(*EVENT_ROW_FIELDS)
    )
    return cast(list[EventRow], list(rows))


def country_timeline(*, country: Country, event_url: EventUrl) -> "Timeline":
    """The verified events of `country` (Event.countries) by month."""
    rows = verified_event_rows(Event.objects.filter(countries=country))
    return build_timeline(rows, event_url=event_url)


def actor_timeline(
    *, actor: Actor, event_url: EventUrl, confirmed_parts_only: bool = False
) -> "Timeline":
    """The verified events `actor` takes part in, in any role, each once. With
    `confirmed_parts_only` (readers without a role), only the parts a curator confirmed count:
    readers are not shown a part the importer merely proposed, even on a verified event
    (facts.models.visibility.shown_participants)."""
    # EXISTS rather than a join: an actor with two roles in one event still gives one row.
    takes_part = EventParticipant.objects.filter(event=OuterRef("pk"), actor=actor)
    if confirmed_parts_only:
        takes_part = takes_part.filter(status=ReviewStatus.VERIFIED)
    rows = verified_event_rows(Event.objects.filter(Exists(takes_part)))
    return build_timeline(rows, event_url=event_url)


# ------------------------------------------------------------------------------- bucketing


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    """Every (year, month) from `first`'s month to `last`'s, both included."""
    start, end = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
    return [(index // 12, index % 12 + 1) for index in range(start, end + 1)]


def bucket_by_month(rows: Iterable[EventRow]) -> tuple[dict[tuple[int, int], list[EventRow]], int]:
    """The dated rows by (year, month), every month from the first to the last present (empty
    lists for the gaps), each month's rows in the order given; and the number of undated rows."""
    dated: list[EventRow] = []
    undated = 0
    for row in rows:
        if row["date_start"] is None:
            undated += 1
        else:
            dated.append(row)
    if not dated:
        return {}, undated
    starts = [cast(date, row["date_start"]) for row in dated]
    months: dict[tuple[int, int], list[EventRow]] = {
        month: [] for month in months_between(min(starts), max(starts))
    }
    for row, start in zip(dated, starts, strict=True):
        months[(start.year, start.month)].append(row)
    return months, undated


def date_words(start: date, precision: str) -> str:
    """The date as the mark's tooltip says it, no more exact than the event's precision."""
    month = f"{MONTH_ABBREVIATIONS[start.month - 1]} {start.year}"
    if precision == DatePrecision.DAY:
        return f"{start.day} {month}"
    if precision == DatePrecision.MONTH:
        return month
    if precision == DatePrecision.PART_OF_YEAR:
        return f"part of {start.year}, from {month}"
    if precision == DatePrecision.YEAR:
        return str(start.year)
    if precision == DatePrecision.DECADE:
        return f"{start.year // 10 * 10}s"
    return start.isoformat()


# ------------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Mark:
    """One event's mark: a box stacked in its month's column, linked to the event."""

    event_id: int
    title: str
    kind: str
    kind_label: str
    colour: str
    when: str  # the date in words (date_words)
    hollow: bool  # dated more coarsely than a month
    url: str
    x: int
    y: int
    width: int
    height: int

    @property
    def tooltip(self) -> str:
        return f"{self.when} — {self.title} ({self.kind_label})"


@dataclass(frozen=True)
class MonthColumn:
    year: int
    month: int
    marks: list[Mark]
    x: int  # the column's left edge
    initial: str  # the month's initial under the column, or ""
    year_label: str  # the year under the column (its January, and the first month), or ""

    @property
    def count(self) -> int:
        return len(self.marks)

    @property
    def name(self) -> str:
        return f"{MONTH_ABBREVIATIONS[self.month - 1]} {self.year}"

    @property
    def width(self) -> int:
        return COLUMN

    @property
    def centre(self) -> int:
        return self.x + COLUMN // 2


@dataclass(frozen=True)
class Tick:
    """A line across the plot at a number of events, labelled on the left."""

    count: int
    y: int


@dataclass(frozen=True)
class LegendEntry:
    kind: str
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class Timeline:
    months: list[MonthColumn]
    undated: int
    legend: list[LegendEntry]
    ticks: list[Tick]
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    has_hollow: bool  # some mark is dated more coarsely than a month (the legend says so)

    @property
    def dated(self) -> int:
        return sum(column.count for column in self.months)

    @property
    def total(self) -> int:
        return self.dated + self.undated

    @property
    def first(self) -> MonthColumn | None:
        return self.months[0] if self.months else None

    @property
    def last(self) -> MonthColumn | None:
        return self.months[-1] if self.months else None

    @property
    def marks(self) -> list[Mark]:
        return [mark for column in self.months for mark in column.marks]

    @property
    def plot_height(self) -> int:
        return self.plot_bottom - self.plot_top

    @property
    def initial_y(self) -> int:  # the baseline of the months' initials
        return self.plot_bottom + 14

    @property
    def year_y(self) -> int:  # … and of the years under them
        return self.plot_bottom + 29


def _tick_step(busiest: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 … that gives at most four lines above zero."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if busiest <= 4 * step * factor:
                return step * factor
        step *= 10


def build_timeline(rows: Iterable[EventRow], *, event_url: EventUrl) -> Timeline:
    """The chart of `rows` (verified_event_rows), laid out; `event_url(id)` is each mark's
    link. Computes only: no query."""
    buckets, undated = bucket_by_month(rows)
    busiest = max((len(events) for events in buckets.values()), default=0)
    levels = max(busiest, MIN_LEVELS)
    pitch = max(MIN_PITCH, min(MAX_PITCH, PLOT_HEIGHT // levels))
    gap = 2 if pitch >= 8 else 1
    plot_height = levels * pitch
    plot_bottom = TOP + plot_height
    label_months = len(buckets) <= MONTH_INITIALS_UP_TO

    columns: list[MonthColumn] = []
    kind_counts: dict[str, int] = {}
    has_hollow = False
    for index, ((year, month), events) in enumerate(buckets.items()):
        x = LEFT + index * COLUMN
        marks = []
        for level, row in enumerate(events, start=1):
            start = cast(date, row["date_start"])
            kind = row["kind"]
            hollow = row["date_precision"] in COARSE_PRECISIONS
            has_hollow = has_hollow or hollow
            kind_counts[kind] = kind_counts.get(kind, 0) + 1
            marks.append(
                Mark(
                    event_id=row["id"],
                    title=row["title"],
                    kind=kind,
                    kind_label=KIND_LABELS.get(kind, kind),
                    colour=KIND_COLOURS.get(kind, OTHER_COLOUR),
                    when=date_words(start, row["date_precision"]),
                    hollow=hollow,
                    url=event_url(row["id"]),
                    x=x + (COLUMN - MARK_WIDTH) // 2,
                    y=plot_bottom - level * pitch + gap,
                    width=MARK_WIDTH,
                    height=pitch - gap,
                )
            )
        # A year under its January, and under the first month unless a January follows
        # too closely (within three columns) for both to fit.
        next_january = 13 - month  # its index, when the first month is not a January
        first_label = index == 0 and (month <= 10 or next_january >= len(buckets))
        columns.append(
            MonthColumn(
                year=year,
                month=month,
                marks=marks,
                x=x,
                initial=MONTH_ABBREVIATIONS[month - 1][0] if label_months else "",
                year_label=str(year) if month == 1 or first_label else "",
            )
        )

    step = _tick_step(levels)
    ticks = [
        Tick(count=count, y=plot_bottom - count * pitch) for count in range(0, levels + 1, step)
    ]
    legend = [
        LegendEntry(kind=kind, label=label, colour=KIND_COLOURS.get(kind, OTHER_COLOUR), count=n)
        for kind, label in EventKind.choices
        if (n := kind_counts.get(kind, 0))
    ]
    legend += [  # kinds that are no longer choices, should the database still hold one
        LegendEntry(kind=kind, label=kind, colour=OTHER_COLOUR, count=n)
        for kind, n in kind_counts.items()
        if kind not in KIND_LABELS
    ]
    plot_right = LEFT + len(columns) * COLUMN
    return Timeline(
        months=columns,
        undated=undated,
        legend=legend,
        ticks=ticks,
        width=plot_right + RIGHT,
        height=plot_bottom + BOTTOM,
        plot_left=LEFT,
        plot_right=plot_right,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        has_hollow=has_hollow,
    )
