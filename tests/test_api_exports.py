"""Exports and `fields=`: CSV, JSON Lines and the list name the same fields the same way
(a CSV column is a JSON path joined with dots, as pandas.json_normalize names it); each CSV
is read back with Python's csv module and each JSON line with json, and every column has the
type it documents; the new columns (an event's sources, a claim's article publisher and
publication date, its contradictions) count only what the reader is shown; the export
endpoints document the list's filters; README's column tables are the declared ones."""

import csv
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from facts.api.columns import CLAIM, EVENT, TABLES, markdown_table
from facts.choices import (
    DatePrecision,
    EventKind,
    LinkKind,
    LocationPrecision,
    Reliability,
    ReviewStatus,
)
from facts.models import Article, Claim, ClaimLink, Event
from tests.base import make_article, make_claim, make_event, make_staff, reviewed
from tests.test_api import API, APITestCase

ROOT = Path(__file__).resolve().parent.parent
VERIFIED = ReviewStatus.VERIFIED


def flattened(row: dict, prefix: str = "") -> dict:
    """A JSON object's leaves by their dotted paths, as pandas.json_normalize names them:
    objects are opened, lists and nulls are leaves."""
    out: dict = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out.update(flattened(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def openapi_3_0_as_json_schema(schema: dict) -> dict:
    """The document's components as JSON Schema: OpenAPI 3.0's `nullable` becomes a null
    alternative, so that jsonschema reads the schema as the server means it."""

    def convert(node):
        if isinstance(node, list):
            return [convert(item) for item in node]
        if not isinstance(node, dict):
            return node
        converted = {key: convert(value) for key, value in node.items() if key != "nullable"}
        if node.get("nullable"):
            return {"anyOf": [converted, {"type": "null"}]}
        return converted

    return {"components": convert(schema["components"])}


def csv_rows(response) -> tuple[list[str], list[dict]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), list(reader)


def jsonl_rows(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]


def listed(client, resource: str, query: str = "") -> list[dict]:
    """Every row the list gives for a query, page after page."""
    rows: list[dict] = []
    url = f"{API}/{resource}/?page_size=500&{query}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        url = response.json()["next"]
    return rows


# What each column holds, as the README's tables say: the CSV cell parses as this, and the
# JSON value has this type. Columns not named are text.
INT, INT_OR_NULL, FLOAT_OR_NULL, DECIMAL_OR_NULL = "int", "int?", "float?", "decimal?"
DATE_OR_NULL, DATETIME, DATETIME_OR_NULL, BOOL = "date?", "datetime", "datetime?", "bool"
EVENT_TYPES = {
    "id": INT,
    "kind": set(EventKind.values),
    "date.start": DATE_OR_NULL,
    "date.end": DATE_OR_NULL,
    "date.precision": {"", *DatePrecision.values},
    "latitude": DECIMAL_OR_NULL,
    "longitude": DECIMAL_OR_NULL,
    "location_precision": {"", *LocationPrecision.values},
    "geo_precision": INT_OR_NULL,
    "where_prec": INT_OR_NULL,
    "fatalities_low": INT_OR_NULL,
    "fatalities_best": INT_OR_NULL,
    "fatalities_high": INT_OR_NULL,
    "sources": INT,
    "status": set(ReviewStatus.values),
    "reviewed_at": DATETIME_OR_NULL,
    "version": INT,
    "created_at": DATETIME,
    "updated_at": DATETIME,
}
CLAIM_TYPES = {
    "id": INT,
    "subject.id": INT_OR_NULL,
    "object_actor.id": INT_OR_NULL,
    "event.id": INT_OR_NULL,
    "claimant.id": INT_OR_NULL,
    "date.start": DATE_OR_NULL,
    "date.end": DATE_OR_NULL,
    "date.precision": {"", *DatePrecision.values},
    "quote.start": INT,
    "quote.end": INT,
    "article.id": INT,
    "article.published.start": DATE_OR_NULL,
    "article.published.end": DATE_OR_NULL,
    "article.published.precision": {"", *DatePrecision.values},
    "article.reliability": set(Reliability.values),
    "status": set(ReviewStatus.values),
    "reviewed_at": DATETIME_OR_NULL,
    "credibility": INT_OR_NULL,
    "confidence": FLOAT_OR_NULL,
    "corroborating_articles": INT,
    "contradicted": BOOL,
    "contradictions": INT,
    "version": INT,
    "created_at": DATETIME,
    "updated_at": DATETIME,
}


def _parses(kind, cell: str) -> bool:
    if isinstance(kind, set):
        return cell in kind
    if kind.endswith("?") and cell == "":
        return True
    parse = {
        "int": int,
        "float": float,
        "decimal": Decimal,
        "date": date.fromisoformat,
        "datetime": lambda text: datetime.fromisoformat(text.replace("Z", "+00:00")),
        "bool": {"true": True, "false": False}.__getitem__,
    }[kind.rstrip("?")]
    try:
        parse(cell)
    except (ValueError, KeyError, ArithmeticError):
        return False
    return True


def _typed(kind, value) -> bool:
    if isinstance(kind, set):
        return value in kind or (value is None and "" in kind)
    if kind.endswith("?") and value is None:
        return True
    base = kind.rstrip("?")
    if base == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if base == "float":
        return isinstance(value, float | int) and not isinstance(value, bool)
    if base == "bool":
        return isinstance(value, bool)
    return isinstance(value, str) and _parses(base, value)


FORMULA = re.compile(r"^[=+\-@\t\r\n＝＋－＠]")


def cell_of(path: str, value) -> str:
    """What the CSV writes for a JSON value, by the README's rules."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if path == "participants":
            return ";".join(
                f"{p['actor']['slug']}:{p['role']}"
                + ("" if p["status"] == VERIFIED else f":{p['status']}")
                for p in value
            )
        key = "code" if path == "countries" else "slug"
        return ";".join(item[key] for item in value)
    text = str(value)
    if FORMULA.match(text) and not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text):
        return "'" + text
    return text


def value_at(row: dict, path: str):
    value = row
    for key in path.split("."):
        if value is None:
            return None
        value = value[key]
    return value


class ExportsTestCase(APITestCase):
    """The seed set, with an article's publisher and date, a graded claim, a contradiction
    and a toll filled in, so that each new column holds a value somewhere."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        Article.objects.filter(pk=cls.niger.article_id).update(
            publisher="Reuters",
            published_start=date(2023, 7, 27),
            published_end=date(2023, 7, 27),
            published_precision="day",
            published_text="27 July 2023",
        )
        Claim.objects.filter(pk=cls.niger.pk).update(credibility=2)
        cls.other = Claim.objects.filter(status=VERIFIED).exclude(pk=cls.niger.pk).first()
        ClaimLink.objects.create(
            from_claim=cls.other, to_claim=cls.niger, kind=LinkKind.CONTRADICTS
        )
        cls.coup = Event.objects.get(slug="2023-07-coup-in-niger")
        Event.objects.filter(pk=cls.coup.pk).update(
            fatalities_low=1, fatalities_best=2, fatalities_high=3
        )


class TestColumns(ExportsTestCase):
    def _check_names(self, resource: str, table) -> None:
        rows = jsonl_rows(self.client_for("viewer").get(f"{API}/{resource}/export/jsonl/"))
        header, _ = csv_rows(self.client_for("viewer").get(f"{API}/{resource}/export/csv/"))
        assert header == list(table.columns)
        for row in rows:
            paths = []
            for path, value in flattened(row).items():
                under = [c for c in table.columns if c.startswith(path + ".")]
                # A null object leaves its columns empty: they are the paths below it.
                paths += under if value is None and under else [path]
            assert [p for p in paths if p not in table.json_only] == header, row["id"]

    def test_the_csv_header_is_the_json_paths_joined_with_dots(self):
        self._check_names("events", EVENT)
        self._check_names("claims", CLAIM)

    def test_the_names_are_those_pandas_json_normalize_gives(self):
        pandas = pytest.importorskip("pandas")
        client = self.client_for("viewer")
        for resource in ("events", "claims"):
            for row in jsonl_rows(client.get(f"{API}/{resource}/export/jsonl/")):
                # The same names (pandas puts an object's columns after the plain values).
                assert sorted(pandas.json_normalize(row).columns) == sorted(flattened(row))

    def test_each_csv_and_jsonl_column_has_its_documented_type(self):
        for role in (None, "viewer"):
            client = self.client_for(role)
            for resource, table, types in (
                ("events", EVENT, EVENT_TYPES),
                ("claims", CLAIM, CLAIM_TYPES),
            ):
                _, cells = csv_rows(client.get(f"{API}/{resource}/export/csv/?ordering=id"))
                rows = jsonl_rows(client.get(f"{API}/{resource}/export/jsonl/?ordering=id"))
                assert [int(cell["id"]) for cell in cells] == [row["id"] for row in rows]
                assert rows, (role, resource)
                for cell, row in zip(cells, rows, strict=True):
                    for column in table.columns:
                        value = value_at(row, column)
                        assert cell[column] == cell_of(column, value), (resource, column)
                        kind = types.get(column)
                        if kind is None:
                            assert isinstance(value, str | list) or value is None, column
                            continue
                        assert _parses(kind, cell[column]), (resource, column, cell[column])
                        assert _typed(kind, value), (resource, column, value)

    def test_the_new_columns_hold_what_the_records_hold(self):
        client = self.client_for(None)
        _, claims = csv_rows(
            client.get(f"{API}/claims/export/csv/?article={self.niger.article_id}")
        )
        niger = next(row for row in claims if int(row["id"]) == self.niger.pk)
        assert (niger["article.publisher"], niger["article.published.start"]) == (
            "Reuters",
            "2023-07-27",
        )
        assert niger["article.published.precision"] == "day"
        assert niger["article.reliability"] == "D" and niger["credibility"] == "2"
        assert (niger["contradicted"], niger["contradictions"]) == ("true", "1")
        assert int(niger["corroborating_articles"]) >= 0
        assert niger["status"] == "verified" and niger["status_reason"]
        _, events = csv_rows(client.get(f"{API}/events/export/csv/?kind=coup&country=NER"))
        coup = next(row for row in events if row["slug"] == self.coup.slug)
        assert (coup["fatalities_low"], coup["fatalities_best"], coup["fatalities_high"]) == (
            "1",
            "2",
            "3",
        )
        assert coup["taxonomy.acled_sub_event_type"] == "Other" and coup["kind"] == "coup"
        reporting = Claim.objects.filter(event=self.coup, status=VERIFIED)
        witnesses = {a.copy_of_id or a.pk for a in Article.objects.filter(claims__in=reporting)}
        assert int(coup["sources"]) == len(witnesses) >= 1

    def test_a_negative_coordinate_keeps_its_sign(self):
        _, events = csv_rows(self.client_for(None).get(f"{API}/events/export/csv/?country=MLI"))
        west = [row for row in events if row["longitude"].startswith("-")]
        assert west and all(float(row["longitude"]) < 0 for row in west)


class TestExportsEqualTheList(ExportsTestCase):
    def test_export_rows_equal_list_rows_for_the_same_filters(self):
        for role in (None, "viewer"):
            client = self.client_for(role)
            for resource, table, query in (
                ("events", EVENT, "country=MLI&ordering=id"),
                ("events", EVENT, "kind=coup&ordering=-date"),
                ("claims", CLAIM, "country=NER&ordering=-id"),
                ("claims", CLAIM, "min_corroboration=1&ordering=id"),
            ):
                rows = listed(client, resource, query)
                assert rows, (role, resource, query)
                assert jsonl_rows(client.get(f"{API}/{resource}/export/jsonl/?{query}")) == rows
                _, cells = csv_rows(client.get(f"{API}/{resource}/export/csv/?{query}"))
                assert cells == [
                    {column: cell_of(column, value_at(row, column)) for column in table.columns}
                    for row in rows
                ]

    def test_a_detail_shows_what_the_list_shows(self):
        client = self.client_for(None)
        for resource in ("events", "claims"):
            for row in listed(client, resource)[:5]:
                assert client.get(f"{API}/{resource}/{row['id']}/").json() == row

    def test_exports_read_a_fixed_number_of_queries(self):
        client = self.client_for("viewer")
        client.get(f"{API}/")  # the token and its role are then remembered (as in production)
        for resource, one in (
            ("events", "kind=coup"),
            ("claims", "min_corroboration=2"),
        ):
            counts = []
            for query in (one, ""):
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(f"{API}/{resource}/export/jsonl/?{query}")
                    rows = jsonl_rows(response)
                counts.append((len(queries), len(rows)))
            (few, some), (many, more) = counts
            assert more > some and few == many, (resource, counts)


class TestFields(ExportsTestCase):
    def test_a_list_shows_the_fields_asked_for_in_its_own_order(self):
        client = self.client_for(None)
        rows = client.get(f"{API}/events/?fields=date,id,place.name").json()["results"]
        assert rows and all(list(row) == ["id", "date", "place"] for row in rows)
        assert all(set(row["date"]) == {"start", "end", "precision", "text"} for row in rows)
        assert all(row["place"] is None or list(row["place"]) == ["name"] for row in rows)
        claims = client.get(f"{API}/claims/?fields=article.publisher,id,date").json()["results"]
        assert claims and all(list(row) == ["id", "date", "article"] for row in claims)
        assert all(list(row["article"]) == ["publisher"] for row in claims)

    def test_a_whole_object_wins_over_a_part_of_it(self):
        client = self.client_for(None)
        rows = client.get(f"{API}/claims/?fields=article.title,article").json()["results"]
        full = client.get(f"{API}/claims/").json()["results"]
        assert rows == [{"article": row["article"]} for row in full]

    def test_exports_narrow_to_the_same_names(self):
        client = self.client_for(None)
        query = "fields=sources,id,date.start,taxonomy&ordering=id"
        header, cells = csv_rows(client.get(f"{API}/events/export/csv/?{query}"))
        assert header == [
            "id",
            "taxonomy.acled_event_type",
            "taxonomy.acled_sub_event_type",
            "taxonomy.plover",
            "date.start",
            "sources",
        ]
        rows = jsonl_rows(client.get(f"{API}/events/export/jsonl/?{query}"))
        assert rows == listed(client, "events", query)
        assert [list(row) for row in rows] == [["id", "taxonomy", "date", "sources"]] * len(rows)
        assert [cell["date.start"] for cell in cells] == [
            row["date"]["start"] or "" for row in rows
        ]
        header, _ = csv_rows(client.get(f"{API}/claims/export/csv/?fields=article.published"))
        assert header == [
            f"article.published.{key}" for key in ("start", "end", "precision", "text")
        ]
        # quote.selectors is JSON only: `quote` gives it there, and the quote's columns in CSV.
        header, _ = csv_rows(client.get(f"{API}/claims/export/csv/?fields=quote"))
        assert header == [f"quote.{key}" for key in ("exact", "prefix", "suffix", "start", "end")]
        rows = jsonl_rows(client.get(f"{API}/claims/export/jsonl/?fields=quote"))
        assert "selectors" in rows[0]["quote"]

    def test_the_schema_promises_only_the_fields_asked_for(self):
        client = self.client_for(None)
        schema = client.get(f"{API}/schema/", HTTP_ACCEPT="application/json").json()

        def validator(name):
            root = {"$ref": f"#/components/schemas/{name}", **openapi_3_0_as_json_schema(schema)}
            return jsonschema.Draft202012Validator(root)

        for resource, page in (("events", "PaginatedEventList"), ("claims", "PaginatedClaimList")):
            for fields in ("id", "date.start,place.name,article.publisher", None):
                known = [
                    f
                    for f in (fields or "").split(",")
                    if f in TABLES[resource.removesuffix("s")].names
                ]
                query = f"fields={','.join(known)}" if fields else ""
                body = client.get(f"{API}/{resource}/?{query}").json()
                with self.subTest(resource=resource, fields=fields):
                    assert body["results"]
                    validator(page).validate(body)
            # The detail still promises every field: a cut-down row is not a whole one.
            item = page.removeprefix("Paginated").removesuffix("List")
            assert not validator(item).is_valid({"id": 1})
            detail = client.get(body["results"][0]["url"]).json()
            validator(item).validate(detail)

    def test_pages_keep_the_fields(self):
        client = self.client_for(None)
        page = client.get(f"{API}/claims/?fields=id&page_size=2").json()
        assert "fields=id" in page["next"]
        following = client.get(page["next"]).json()["results"]
        assert following and all(list(row) == ["id"] for row in following)

    def test_unknown_or_no_fields_are_a_400_naming_them(self):
        client = self.client_for(None)
        for path in ("events/", "events/export/csv/", "events/export/jsonl/"):
            response = client.get(f"{API}/{path}?fields=id,nope,date.bogus")
            assert response.status_code == 400, path
            (message,) = response.json()["fields"]
            assert "“nope”" in message and "“date.bogus”" in message
            assert "date.start" in message and "sources" in message  # the names accepted
            assert client.get(f"{API}/{path}?fields=").status_code == 400
            assert client.get(f"{API}/{path}?fields=,").status_code == 400
        response = client.get(f"{API}/claims/?fields=quote.selectors.type")
        assert response.status_code == 400 and "article.publisher" in response.json()["fields"][0]
        # The map's GeoJSON has its own flat properties: no fields= there.
        response = client.get(f"{API}/events/export/geojson/?fields=id")
        assert response.status_code == 400 and "fields" in response.json()


class TestSchema(TestCase):
    def test_exports_document_the_lists_filters_and_fields(self):
        schema = APIClient().get(f"{API}/schema/", HTTP_ACCEPT="application/json").json()

        def parameters(path: str) -> dict[str, dict]:
            operation = schema["paths"][f"{API}{path}"]["get"]
            return {p["name"]: p for p in operation.get("parameters", [])}

        for resource, table in (("events", EVENT), ("claims", CLAIM)):
            listing = parameters(f"/{resource}/")
            export = parameters(f"/{resource}/export/{{fmt}}/")
            paging = {"cursor", "page_size", "facets"}
            assert set(listing) - paging <= set(export) - {"fmt"}, resource
            assert "ordering" in export and "q" in export and "status" in export
            for found in (listing, export):
                items = found["fields"]["schema"]["items"]
                assert items["enum"] == list(table.names)
                assert found["fields"]["explode"] is False
        geojson = parameters("/events/export/geojson/")
        assert {"kind", "bbox", "year", "ordering", "limit"} <= set(geojson)


class TestReadme(TestCase):
    def test_readme_tables_are_the_declared_columns(self):
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        for table in (EVENT, CLAIM):
            assert markdown_table(table) in readme, table.name


class TestWhatReadersAreShown(TestCase):
    """A verified event reported by a verified claim, a copy of its article, an unreviewed
    claim and a rejected one; a verified claim contradicted by a verified claim (linked both
    ways) and by an unreviewed one. Readers without a role count the verified only."""

    @classmethod
    def setUpTestData(cls):
        cls.viewer = make_staff("viewer")
        cls.event = make_event(slug="counted-event", **reviewed(status=VERIFIED))
        original = make_article()
        copy = make_article(copy_of=original)
        cls.first = make_claim(original, event=cls.event, **reviewed(status=VERIFIED))
        make_claim(copy, event=cls.event, **reviewed(status=VERIFIED))
        cls.unreviewed = make_claim(make_article(), event=cls.event)
        make_claim(make_article(), event=cls.event, **reviewed(status="rejected"))
        cls.disputing = make_claim(make_article(), **reviewed(status=VERIFIED))
        for a, b in ((cls.disputing, cls.first), (cls.first, cls.disputing)):
            ClaimLink.objects.create(from_claim=a, to_claim=b, kind=LinkKind.CONTRADICTS)
        ClaimLink.objects.create(
            from_claim=cls.unreviewed, to_claim=cls.first, kind=LinkKind.CONTRADICTS
        )

    def _counts(self, client) -> tuple[set, set]:
        event = f"{API}/events/{self.event.pk}/"
        claim = f"{API}/claims/{self.first.pk}/"
        sources = {
            client.get(event).json()["sources"],
            *(r["sources"] for r in listed(client, "events", "fields=id,sources")),
            *(r["sources"] for r in jsonl_rows(client.get(f"{API}/events/export/jsonl/"))),
            *(int(r["sources"]) for r in csv_rows(client.get(f"{API}/events/export/csv/"))[1]),
        }
        query = f"ordering=id&event={self.event.slug}"
        contradictions = {
            client.get(claim).json()["contradictions"],
            *(
                r["contradictions"]
                for r in listed(client, "claims", query)
                if r["id"] == self.first.pk
            ),
            *(
                int(r["contradictions"])
                for r in csv_rows(client.get(f"{API}/claims/export/csv/?{query}"))[1]
                if int(r["id"]) == self.first.pk
            ),
        }
        return sources, contradictions

    def test_readers_without_a_role_count_only_what_they_are_shown(self):
        anonymous = APIClient()
        assert self._counts(anonymous) == ({1}, {1})
        viewer = APIClient()
        viewer.force_authenticate(self.viewer)
        # The original and its copy are one witness; the rejected claim is none.
        assert self._counts(viewer) == ({2}, {2})
