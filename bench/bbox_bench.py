"""Bounding-box queries at 200,000 events: how fast a map's box is answered, on SQLite and
(when DATABASE_URL is a PostgreSQL one) on PostgreSQL.

Target: p95 ≤ 100 ms at 200,000 events. Each engine gets a scratch database (SQLite:
var/bench/bbox-bench.sqlite3; PostgreSQL: sahel_bbox_bench on DATABASE_URL's server), dropped
and rebuilt unless --reuse, and kept afterwards unless --drop. It is filled with events
clustered around the real towns of the places fixture (no claims: visibility is the event's
own status), then random boxes of a map's sizes (a town, a region, a country, the whole
Sahel) are asked:

- page:  the API list's query, built by the real EventFilterSet (facts.geo.in_box) on what
         an anonymous reader may see, newest first, 100 rows (and one more, as the cursor
         paginator asks);
- count: the number of events in the box, the same filters;
- http:  GET /api/v1/events/?bbox=…&page_size=100 through Django's full handler (test
         Client: middleware, throttles, filters, serializers, rendering; no network);
- geojson: GET /api/v1/events/export/geojson/?bbox=… read to its last byte, when that route
         exists (--geojson auto) or always (--geojson on); it returns every event in the
         box, so a big box takes seconds and only --geojson-boxes (3) boxes a size are asked.

Each figure also gives the time spent in the database driver (SQL), the rest being Python.

    .venv/bin/python bench/bbox_bench.py                       # SQLite (+ PostgreSQL)
    .venv/bin/python bench/bbox_bench.py --engines sqlite --events 20000 --boxes 10   # smoke
    .venv/bin/python bench/bbox_bench.py --reuse --explain    # the last run's data, every plan

Where a p95 is over the target, the plan (EXPLAIN ANALYZE / EXPLAIN QUERY PLAN) of that
size's p95 box is printed. Run by hand; nothing is asserted. Figures: var/bench/bbox.json.
"""

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    DEFAULT_PG_SERVER,
    OUT,
    UnsafeTarget,
    check_scratch_target,
    drop_database,
    is_postgres,
    machine,
    recreate_database,
    save_figures,
    sqlite_url,
)

TARGET_MS = 100.0
PAGE = 100
# The Sahel as the issue draws it; the towns of the places fixture inside it carry the events.
WEST, SOUTH, EAST, NORTH = -12.0, 4.0, 16.0, 25.0
# Width of the box in degrees of longitude; a map window is wider than it is tall.
SIZES = {"town": 0.5, "region": 3.0, "country": 10.0, "sahel": 30.0}
ASPECT = 0.6
STATUS_MIX = [("verified", 85), ("unreviewed", 10), ("rejected", 3), ("disputed", 2)]
PRECISION_MIX = [("exact", 50), ("near", 25), ("admin2", 10), ("admin1", 5), ("", 10)]
SCRATCH_PG_NAME = "sahel_bbox_bench"
MEASURES = ("page", "count", "http", "geojson")
GEOJSON_PATH = "/api/v1/events/export/geojson/"


# ------------------------------------------------------------------ which databases


def default_engines() -> str:
    return "sqlite,postgresql" if is_postgres(os.environ.get("DATABASE_URL", "")) else "sqlite"


def scratch_url(engine: str) -> str:
    if engine == "sqlite":
        return sqlite_url(OUT / "bbox-bench.sqlite3")
    # The server (and role) DATABASE_URL names, never its database: that one is not ours.
    url = os.environ.get("DATABASE_URL", "")
    server = url.rsplit("/", 1)[0] if is_postgres(url) else DEFAULT_PG_SERVER
    return f"{server}/{SCRATCH_PG_NAME}"


# ------------------------------------------------------------------ building the events


class Picker:
    def __init__(self, items, weights, rng: random.Random):
        self.items, self.weights, self.rng = list(items), list(weights), rng

    def __call__(self):
        return self.rng.choices(self.items, self.weights)[0]


def sahel_towns():
    """Localities and sites of the places fixture inside the Sahel box, with their regions'
    and districts' seats (where ACLED puts an event known only to its region)."""
    from facts.models import Place

    return list(
        Place.objects.filter(
            kind__in=["locality", "site"],
            longitude__gte=WEST,
            longitude__lte=EAST,
            latitude__gte=SOUTH,
            latitude__lte=NORTH,
        ).select_related("admin1", "admin2")
    )


def town_weight(place) -> float:
    # Events follow people, but not linearly: a capital has many more events than a village,
    # not a thousand times more.
    return max(place.population or 500, 500) ** 0.6


def build(count: int, seed: int) -> dict:
    from datetime import UTC, date, datetime, timedelta
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import transaction

    from facts.choices import EventKind
    from facts.models import Event
    from facts.search import search_words

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("loaddata", "countries", "places", verbosity=0)
    reference_s = time.perf_counter() - started

    rng = random.Random(seed)
    towns = sahel_towns()
    pick_town = Picker(towns, [town_weight(t) for t in towns], rng)
    pick_status = Picker(*zip(*STATUS_MIX, strict=True), rng)
    pick_precision = Picker(*zip(*PRECISION_MIX, strict=True), rng)
    kinds = list(EventKind.values)
    first_day = date(2012, 1, 1)

    def five(value: float) -> Decimal:
        return Decimal(f"{value:.5f}")

    started = time.perf_counter()
    events, countries = [], []
    for index in range(count):
        town = pick_town()
        precision = pick_precision()
        point = (town.latitude, town.longitude)
        place = town
        if precision == "near":
            point = (
                five(float(town.latitude) + rng.gauss(0, 0.08)),
                five(float(town.longitude) + rng.gauss(0, 0.08)),
            )
        elif precision in ("admin1", "admin2"):
            unit = town.admin1 if precision == "admin1" else town.admin2
            if unit is not None and unit.latitude is not None:
                place, point = unit, (unit.latitude, unit.longitude)
        elif not precision:
            # Placed by the importer at a place nobody has located yet: no point.
            place, point = None, (None, None)
        kind = rng.choice(kinds)
        day = first_day + timedelta(days=rng.randrange(5400))
        status = pick_status()
        when = datetime.combine(day, datetime.min.time(), tzinfo=UTC)
        location = town.name if place is not None else f"near {town.name}"
        title = f"{kind.replace('-', ' ').capitalize()} in {location}"
        events.append(
            Event(
                slug=f"bbox-{kind}-{index}",
                kind=kind,
                title=title,
                location=location,
                place=place,
                location_precision=precision,
                latitude=point[0],
                longitude=point[1],
                date_start=day,
                date_end=day,
                date_precision="day",
                date_text=day.isoformat(),
                status=status,
                status_reason="" if status in ("verified", "unreviewed") else "Bench",
                reviewed_at=None if status == "unreviewed" else when,
                origin="import",
                search_text=search_words(title, location),
            )
        )
        countries.append(town.country_id)
    with transaction.atomic():
        created = Event.objects.bulk_create(events, batch_size=2000)
        through = Event.countries.through
        through.objects.bulk_create(
            [through(event_id=e.pk, country_id=c) for e, c in zip(created, countries, strict=True)],
            batch_size=5000,
        )
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    analyze()
    return {
        "towns": len(towns),
        "seconds": {
            "reference_data": round(reference_s, 1),
            "events": round(load_s, 1),
            "analyze": round(time.perf_counter() - started, 1),
        },
    }


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM too: a table that has settled has been vacuumed by autovacuum, whose
            # visibility map lets counts skip the heap; without it the first minutes after
            # a bulk load are measured, and autovacuum may start in the middle of the run.
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")


# ------------------------------------------------------------------ the boxes


def boxes(per_size: int, seed: int) -> dict[str, list[str]]:
    """Per size, "west,south,east,north" strings: half centred near a town (where readers
    look), half anywhere in the Sahel (panning over empty desert)."""
    rng = random.Random(seed + 1)
    towns = sahel_towns()
    pick_town = Picker(towns, [town_weight(t) for t in towns], rng)
    result = {}
    for name, width in SIZES.items():
        height = width * ASPECT
        chosen = []
        for index in range(per_size):
            if index % 2 == 0:
                town = pick_town()
                lon = float(town.longitude) + rng.uniform(-width / 3, width / 3)
                lat = float(town.latitude) + rng.uniform(-height / 3, height / 3)
            else:
                lon, lat = rng.uniform(WEST, EAST), rng.uniform(SOUTH, NORTH)
            west, east = lon - width / 2, lon + width / 2
            south = max(-90.0, lat - height / 2)
            north = min(90.0, lat + height / 2)
            chosen.append(f"{west:.4f},{south:.4f},{east:.4f},{north:.4f}")
        result[name] = chosen
    return result


# ------------------------------------------------------------------ measuring


def captured(run):
    """Run `run()` and return (its result, seconds, [(sql, params, seconds)])."""
    from django.db import connection

    queries = []

    def capture(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((sql, list(params or []), time.perf_counter() - started))

    started = time.perf_counter()
    with connection.execute_wrapper(capture):
        result = run()
    return result, time.perf_counter() - started, queries


def explain(sql: str, params: list) -> str:
    from django.db import connection

    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return "\n".join(row[0] for row in rows)
    return "\n".join(f"{row[0]:>3} {row[1]:>3}  {row[-1]}" for row in rows)


def interpolated(sql: str, params: list) -> str:
    """The SQL with its parameters, and without its long list of columns."""
    from django.db import connection

    with connection.cursor() as cursor:
        text = connection.ops.last_executed_query(cursor.cursor, sql, params) or sql
    return re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", text, count=1, flags=re.S)


class Runner:
    def __init__(self, reader, geojson: bool):
        from django.test import Client

        from facts.filtersets import EventFilterSet
        from facts.models import Event

        self.reader = reader
        self.geojson = geojson
        self.client = Client()
        if reader.is_authenticated:
            self.client.force_login(reader)
        self.filterset, self.model = EventFilterSet, Event

    def _filtered(self, box: str):
        filterset = self.filterset(
            data={"bbox": box}, queryset=self.model.objects.visible_to(self.reader)
        )
        if not filterset.is_valid():
            raise SystemExit(f"bbox {box}: {filterset.errors}")
        return filterset.qs

    def page(self, box: str) -> int:
        return len(list(self._filtered(box).order_by("-id")[: PAGE + 1]))

    def count(self, box: str) -> int:
        return self._filtered(box).count()

    def http(self, box: str) -> int:
        response = self.client.get("/api/v1/events/", {"bbox": box, "page_size": PAGE})
        if response.status_code != 200:
            raise SystemExit(f"GET events bbox={box}: HTTP {response.status_code}")
        return len(json.loads(response.content)["results"])

    def geojson_export(self, box: str) -> int:
        started = time.perf_counter()
        response = self.client.get(GEOJSON_PATH, {"bbox": box})
        if response.status_code != 200:
            raise SystemExit(f"GET {GEOJSON_PATH}?bbox={box}: HTTP {response.status_code}")
        chunks = iter(response.streaming_content if response.streaming else [response.content])
        body = [next(chunks, b"")]
        # A map can start drawing at the first block of features; the last says when it is done.
        self.first_byte_ms = (time.perf_counter() - started) * 1000
        body.extend(chunks)
        return len(json.loads(b"".join(body)).get("features", []))

    def measures(self) -> dict:
        chosen = {"page": self.page, "count": self.count, "http": self.http}
        if self.geojson:
            chosen["geojson"] = self.geojson_export
        return chosen


def geojson_route_exists() -> bool:
    from django.urls import Resolver404, resolve

    try:
        resolve(GEOJSON_PATH)
    except Resolver404:
        return False
    return True


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def measure(runner: Runner, chosen: dict[str, list[str]], args) -> dict:
    results, plans = {}, []
    for size, size_boxes in chosen.items():
        results[size] = {}
        for name, run in runner.measures().items():
            if name == "geojson":
                # A big box exports most of the table: seconds each, so fewer of them.
                size_boxes = size_boxes[: args.geojson_boxes]
            else:
                for box in size_boxes[:3]:  # warm: caches, compiled regexes, the connection
                    run(box)
            times, sql_times, first_bytes, rows, query_counts, runs = [], [], [], [], [], []
            for box in size_boxes:
                found, seconds, queries = captured(lambda run=run, box=box: run(box))
                times.append(seconds * 1000)
                sql_times.append(sum(q[2] for q in queries) * 1000)
                if name == "geojson":
                    first_bytes.append(runner.first_byte_ms)
                rows.append(found)
                query_counts.append(len(queries))
                runs.append((seconds, box, queries))
            p95 = percentile(times, 0.95)
            results[size][name] = {
                "boxes": len(times),
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(p95, 2),
                "max_ms": round(max(times), 2),
                # Time inside the database driver: the rest is Python (ORM, DRF, rendering).
                "sql_p50_ms": round(statistics.median(sql_times), 2),
                "sql_p95_ms": round(percentile(sql_times, 0.95), 2),
                "rows_median": statistics.median(rows),
                "rows_max": max(rows),
                "queries": max(query_counts),
            }
            if first_bytes:
                results[size][name]["first_byte_p95_ms"] = round(percentile(first_bytes, 0.95), 2)
            if args.explain or p95 > TARGET_MS:
                # The box at the p95, so the plan is the one the figure stands for.
                seconds, box, queries = min(runs, key=lambda r: abs(r[0] * 1000 - p95))
                sql, params, query_s = max(queries, key=lambda q: q[2])
                plans.append(
                    f"--- {size} / {name}: bbox={box}, {seconds * 1000:.1f} ms in "
                    f"{len(queries)} queries; slowest {query_s * 1000:.1f} ms:\n"
                    f"{interpolated(sql, params)}\n{explain(sql, params)}"
                )
            figures = results[size][name]
            first = figures.get("first_byte_p95_ms")
            print(
                f"  {size:8s} {name:8s} {len(times):4d} boxes  p50 {figures['p50_ms']:8.1f}"
                f"  p95 {figures['p95_ms']:8.1f}  max {figures['max_ms']:8.1f} ms"
                f" | SQL p50 {figures['sql_p50_ms']:7.1f}  p95 {figures['sql_p95_ms']:7.1f} ms"
                f" | rows median {figures['rows_median']:>8}  max {figures['rows_max']:>7}"
                f" | queries {figures['queries']}"
                + (f" | first byte p95 {first:.1f} ms" if first is not None else ""),
                flush=True,
            )
    return {"sizes": results, "plans": plans}


# ------------------------------------------------------------------ one engine (a child)


def run_engine(engine: str, url: str, args) -> dict:
    if not args.reuse:
        recreate_database(url)
    from common import bench_viewer, setup_django

    os.environ.setdefault("API_ANON_EXPORT_RATE", "100000000/minute")
    os.environ.setdefault("API_ANON_MAP_RATE", "100000000/minute")
    # Throttle counts go to a folder of the benchmark's own, not the development server's.
    os.environ.setdefault("CACHE_URL", f"file://{OUT / 'bbox-cache'}")
    setup_django(url)
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from facts.models import Event

    built = None
    if not args.reuse:
        built = build(args.events, args.seed)
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
    total = Event.objects.count()
    if total < args.events:
        raise SystemExit(f"{engine}: {total:,} events in {url}; run without --reuse.")
    reader = bench_viewer() if args.reader == "viewer" else AnonymousUser()
    geojson = args.geojson == "on" or (args.geojson == "auto" and geojson_route_exists())
    info = {
        "events": total,
        "with_point": Event.objects.filter(latitude__isnull=False).count(),
        "visible": Event.objects.visible_to(reader).count(),
        "build": built,
        "reader": args.reader,
        "geojson_measured": geojson,
        "server": (
            f"PostgreSQL {connection.pg_version}"
            if connection.vendor == "postgresql"
            else f"SQLite {connection.Database.sqlite_version}"
        ),
    }
    print(
        f"\n== {engine} ({info['server']}): {total:,} events, {info['with_point']:,} with a "
        f"point, {info['visible']:,} visible to the {args.reader} reader"
        + (f"; built in {sum(built['seconds'].values()):.0f} s" if built else "")
        + f"; load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    if not geojson:
        print(f"  GeoJSON export not measured: {GEOJSON_PATH} does not resolve (--geojson on)")
    info["load_before"] = round(os.getloadavg()[0], 2)
    info.update(measure(Runner(reader, geojson), boxes(args.boxes, args.seed), args))
    info["load_after"] = round(os.getloadavg()[0], 2)
    for plan in info["plans"]:
        print(plan)
    return info


def child_process(engine: str, url: str, args) -> dict:
    part = OUT / f"bbox-{engine}.part.json"
    part.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, __file__, "--child", engine, "--database-url", url, "--out", str(part),
        "--events", str(args.events), "--boxes", str(args.boxes), "--seed", str(args.seed),
        "--reader", args.reader, "--geojson", args.geojson,
        "--geojson-boxes", str(args.geojson_boxes),
    ]  # fmt: skip
    command += ["--reuse"] * args.reuse + ["--explain"] * args.explain
    subprocess.run(command, check=True)
    result = json.loads(part.read_text())
    part.unlink()
    return result


# ------------------------------------------------------------------ the summary


def summary(results: dict) -> list[str]:
    lines = [
        "",
        f"== p95 in ms by box size (target ≤ {TARGET_MS:.0f} ms); "
        "rows: median events in the box (count) or returned (page)",
    ]
    header = f"  {'engine':10s} {'measure':8s}" + "".join(f"{s:>18s}" for s in SIZES)
    lines.append(header + "   verdict")
    for engine, info in results.items():
        for name in MEASURES:
            cells = [info["sizes"][size].get(name) for size in SIZES]
            if not any(cells):
                continue
            held = all(c["p95_ms"] <= TARGET_MS for c in cells if c)
            row = "".join(
                f"{c['p95_ms']:9.1f} ({c['rows_median']:>6})" if c else f"{'–':>18s}" for c in cells
            )
            verdict = "holds" if held else "DOES NOT HOLD"
            lines.append(f"  {engine:10s} {name:8s}{row}   {verdict}")
        lines.append(
            f"  {engine:10s} load average {info['load_before']} before, "
            f"{info['load_after']} after the measures ({os.cpu_count()} cores)"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default=default_engines())
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--boxes", type=int, default=100, help="random boxes per size")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--reader", choices=["anonymous", "viewer"], default="anonymous")
    parser.add_argument(
        "--geojson",
        choices=["auto", "on", "off"],
        default="auto",
        help=f"measure {GEOJSON_PATH} (auto: when the route exists)",
    )
    parser.add_argument("--geojson-boxes", type=int, default=3, help="boxes per size")
    parser.add_argument("--reuse", action="store_true", help="keep the databases of a past run")
    parser.add_argument("--drop", action="store_true", help="drop the PostgreSQL database after")
    parser.add_argument("--explain", action="store_true", help="print every plan, not the slow")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="figures file (JSON)")
    args = parser.parse_args()
    if args.child:
        args.out.write_text(json.dumps(run_engine(args.child, args.database_url, args)))
        return
    results = {}
    for engine in args.engines.split(","):
        url = scratch_url(engine)
        try:
            check_scratch_target(url)
        except UnsafeTarget as error:
            parser.error(str(error))
        print(f"{engine}: scratch database {urlsplit(url).path.lstrip('/')}", flush=True)
        results[engine] = child_process(engine, url, args)
        if args.drop and is_postgres(url):
            drop_database(url)
    lines = summary(results)
    print("\n".join(lines))
    figures = {"machine": machine(), "target_ms": TARGET_MS, "page": PAGE, "engines": results}
    print(f"figures: {save_figures('bbox', figures, args.out)}")


if __name__ == "__main__":
    main()
