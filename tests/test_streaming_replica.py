"""Reads on a real PostgreSQL streaming standby, and every client reads its own writes at once.

Runs only where bench/replica_bench.py has started a hot standby of the test server and named
it in TEST_STREAMING_REPLICA_URL (CI's replica step): the alias `streaming` then reads the test
database through the standby. tests/test_read_replicas.py covers the same rules everywhere
with a stand-in database.
"""

import json
import os
import time

import pytest
from django.db import DatabaseError, connections
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facts.api.etags import etag_of
from facts.models import Actor
from tests.base import make_actor, make_staff, reviewed

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("TEST_STREAMING_REPLICA_URL"),
        reason="needs a streaming standby (bench/replica_bench.py starts one)",
    ),
    pytest.mark.django_db(databases=["default", "streaming"], transaction=True),
]

API = "/api/v1"


def caught_up(timeout_s: float = 30) -> None:
    """Until the standby has replayed every write the primary had made when asked."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + timeout_s
    with connections["streaming"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", [target])
            if cursor.fetchone()[0] <= 0:
                return
            time.sleep(0.01)
    raise AssertionError("the standby did not catch up")


@pytest.fixture
def actor():
    actor = make_actor(name="Wagner Group", title="before", **reviewed(status="verified"))
    caught_up()
    return actor


def curator_client() -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=make_staff("curator", "hawa"))
    caught_up()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def read_title(client: APIClient, actor: Actor) -> tuple[str, int]:
    """The title a client reads, and how many queries the standby answered for it."""
    with CaptureQueriesContext(connections["streaming"]) as on_standby:
        response = client.get(f"{API}/actors/{actor.pk}/")
    assert response.status_code == 200, response.content
    return json.loads(response.content)["title"], len(on_standby.captured_queries)


def test_the_standby_is_a_read_only_copy_of_the_test_database(actor):
    with connections["streaming"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_database()")
        in_recovery, name = cursor.fetchone()
        assert in_recovery is True
        assert name == connections["default"].settings_dict["NAME"]
        assert Actor.objects.using("streaming").get(pk=actor.pk).title == "before"
        with pytest.raises(DatabaseError, match="read-only"):
            cursor.execute("UPDATE facts_actor SET title = 'x'")


def test_a_reader_is_served_by_the_standby(actor):
    title, standby_queries = read_title(APIClient(), actor)
    assert title == "before"
    assert standby_queries > 0


def test_a_client_reads_its_own_write_at_once_and_others_once_it_has_streamed(actor):
    client = curator_client()
    response = client.patch(
        f"{API}/actors/{actor.pk}/",
        {"title": "General", "reason": "rank checked"},
        format="json",
        HTTP_IF_MATCH=etag_of(actor),
    )
    assert response.status_code == 200, response.content
    # Straight after the write, with no wait for the stream: the writer reads the primary.
    client.cookies.clear()
    title, standby_queries = read_title(client, actor)
    assert (title, standby_queries) == ("General", 0)
    # Everyone else reads the standby, which has the write once it has replayed it.
    caught_up()
    title, standby_queries = read_title(APIClient(), actor)
    assert title == "General"
    assert standby_queries > 0


def test_a_list_from_the_standby_equals_the_primarys(actor):
    reader = APIClient()
    with CaptureQueriesContext(connections["streaming"]) as on_standby:
        from_standby = reader.get(f"{API}/actors/?ordering=name")
    assert from_standby.status_code == 200
    assert on_standby.captured_queries
    # Any write, even a refused one, pins the client to the primary (by its cookie here).
    assert reader.post(f"{API}/actors/", {}, format="json").status_code == 401
    with CaptureQueriesContext(connections["streaming"]) as on_standby:
        from_primary = reader.get(f"{API}/actors/?ordering=name")
    assert not on_standby.captured_queries
    assert json.loads(from_standby.content) == json.loads(from_primary.content)
