"""CI's Schemathesis runs (.ci/schemathesis) leave no operation of the served schema out:
every read is the anonymous run's, every write the run of the role that may make it. And the
hooks that make each request as a careful client would (.ci/schemathesis_hooks.py) name
operations the schema has, and keep a body within the rules the schema cannot state."""

import importlib.util
import os
import re
from pathlib import Path
from unittest import mock

from django.test import TestCase
from rest_framework.test import APIClient

CI = Path(__file__).resolve().parent.parent / ".ci"
LEAD_ONLY = re.compile(r"^(DELETE |POST /api/v1/[a-z]+/merge/$)")


def role_patterns() -> dict[str, re.Pattern]:
    script = (CI / "schemathesis").read_text(encoding="utf-8")
    block = re.search(r"declare -A include=\((.*?)\n\)", script, re.S)
    assert block, "the roles' operations are declared in .ci/schemathesis"
    return {
        role: re.compile(pattern)
        for role, pattern in re.findall(r"\[(\w+)\]='([^']*)'", block.group(1))
    }


def load_hooks():
    spec = importlib.util.spec_from_file_location("ci_hooks", CI / "schemathesis_hooks.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, {"SAHEL_API": "http://127.0.0.1:1"}):
        spec.loader.exec_module(module)
    return module


class TestRolesCoverEveryOperation(TestCase):
    @classmethod
    def setUpTestData(cls):
        response = APIClient().get(
            "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
        )
        cls.operations = [
            f"{method.upper()} {path}"
            for path, item in response.json()["paths"].items()
            for method in item
            if method in ("get", "post", "patch", "delete")
        ]

    def test_the_four_roles_run(self):
        assert set(role_patterns()) == {"anonymous", "viewer", "curator", "lead"}

    def test_each_operation_is_run_by_the_role_it_is_for(self):
        roles = role_patterns()
        for operation in self.operations:
            with self.subTest(operation):
                runs = {role for role, pattern in roles.items() if pattern.search(operation)}
                if operation.startswith("GET ") or operation == "POST /api/v1/auth/token/":
                    assert "anonymous" in runs and not runs & {"curator", "lead"}
                elif LEAD_ONLY.search(operation):
                    assert runs == {"lead"}  # curators merge and delete nothing
                else:
                    assert runs == {"curator"}

    def test_the_hooks_name_operations_of_the_schema(self):
        hooks = load_hooks()
        for operation in (*hooks.BODY_RULES, *hooks.REFERENCES):
            with self.subTest(operation):
                assert operation in self.operations


class TestHookRules(TestCase):
    def setUp(self):
        self.hooks = load_hooks()

    def test_a_date_range_is_sent_whole_and_in_order(self):
        cases = [
            ({"date_end": "2020-01-01"}, ("2020-01-01", "2020-01-01", "day")),
            (
                {"date_start": "2021-05-01", "date_end": "2020-01-01", "date_precision": "year"},
                ("2020-01-01", "2021-05-01", "year"),
            ),
            ({"date_precision": ""}, (None, None, "")),
            ({"date_start": "2021-05-01", "date_end": "2021-06-01", "date_precision": "day"}, None),
        ]
        for body, expected in cases:
            with self.subTest(body):
                self.hooks.dates(body)
                start, end, precision = (body[name] for name in self.hooks.DATES)
                if expected:
                    assert (start, end, precision) == expected
                assert precision != "day" or start == end

    def test_fatalities_read_low_best_high_and_a_point_is_whole(self):
        body = {"fatalities_best": 9, "fatalities_low": 12, "latitude": "13.5"}
        self.hooks.event_edit(body, {})
        assert body["fatalities_low"] == 9 and body["fatalities_best"] is None
        assert body["fatalities_high"] == 12
        assert body["latitude"] == "13.5" and body["longitude"] == "0"

    def test_a_merge_keeps_the_survivor_out_of_the_merged(self):
        events = [
            {"id": 1, "kind": "coup"},
            {"id": 2, "kind": "coup"},
            {"id": 3, "kind": "visit"},
        ]
        with mock.patch.dict(self.hooks._rows, {"events": events}):
            for _ in range(10):
                body = {"survivor": 1, "merged": [1, 3], "reason": "same"}
                _, survivor = self.hooks.merge("events", body)
                assert survivor == body["survivor"] and survivor not in body["merged"]
                assert body["merged"] and {survivor, *body["merged"]} <= {1, 2}
