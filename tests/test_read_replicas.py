"""Reads from read replicas, writes to the primary, and every client reads its own writes.

`replica1` is a database of its own here (tests/settings.py). A test copies a row into it
and changes the copy, so what a request shows tells which database answered; a write reaches
only the primary, as it would while a real replica lags. Transactional tests: the router
keeps reads inside a transaction on the primary, and the ordinary test wraps each test in one.
"""

import json

import pytest
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facts.api.etags import etag_of
from facts.models import Actor
from sahel.db_router import PrimaryReplicaRouter, replica_reads
from sahel.read_your_writes import PIN_COOKIE
from tests.base import make_actor, make_staff, reviewed
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db(databases=["default", "replica1"], transaction=True)

API = "/api/v1"


@pytest.fixture
def with_replica(settings):
    settings.READ_REPLICAS = ["replica1"]


@pytest.fixture
def actor():
    """An actor on the primary, and the replica's copy of it with a title of its own."""
    original = make_actor(name="Wagner Group", title="primary", **reviewed(status="verified"))
    fields = {f.attname: getattr(original, f.attname) for f in Actor._meta.concrete_fields}
    Actor.objects.using("replica1").bulk_create([Actor(**{**fields, "title": "replica copy"})])
    return original


def title_seen(client: APIClient, actor: Actor) -> str:
    response = client.get(f"{API}/actors/{actor.pk}/")
    assert response.status_code == 200, response.content
    return json.loads(response.content)["title"]


def curator_client() -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=make_staff("curator", "hawa"))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def rename(client: APIClient, actor: Actor, title: str):
    return client.patch(
        f"{API}/actors/{actor.pk}/",
        {"title": title, "reason": "rank checked"},
        format="json",
        HTTP_IF_MATCH=etag_of(actor),
    )


@pytest.mark.usefixtures("with_replica")
def test_a_reader_who_has_not_written_reads_a_replica(actor):
    assert title_seen(APIClient(), actor) == "replica copy"


def test_without_replicas_every_read_is_the_primarys(actor):
    assert title_seen(APIClient(), actor) == "primary"


@pytest.mark.usefixtures("with_replica")
def test_an_api_client_reads_its_own_write_and_the_write_reaches_only_the_primary(actor):
    client = curator_client()
    assert rename(client, actor, "General").status_code == 200
    assert Actor.objects.get(pk=actor.pk).title == "General"
    assert Actor.objects.using("replica1").get(pk=actor.pk).title == "replica copy"
    # No cookie kept (a script): the token alone pins the client to the primary.
    client.cookies.clear()
    assert title_seen(client, actor) == "General"
    # Someone else, who wrote nothing, may still read the lagging replica.
    assert title_seen(APIClient(), actor) == "replica copy"


@pytest.mark.usefixtures("with_replica")
def test_a_browser_reads_its_own_write_by_its_cookie(actor):
    client = APIClient()
    client.force_login(make_staff("curator", "hawa"))
    response = rename(client, actor, "General")
    assert response.status_code == 200
    assert PIN_COOKIE in response.cookies
    assert title_seen(client, actor) == "General"
    client.cookies.pop(PIN_COOKIE)
    assert title_seen(client, actor) == "replica copy"


@pytest.mark.usefixtures("with_replica")
def test_a_refused_write_pins_too_and_a_forged_pin_is_ignored(actor):
    anonymous = APIClient()
    assert rename(anonymous, actor, "General").status_code == 401
    assert title_seen(anonymous, actor) == "primary"
    forger = APIClient()
    forger.cookies[PIN_COOKIE] = "1700000000"
    assert title_seen(forger, actor) == "replica copy"


@pytest.mark.usefixtures("with_replica")
def test_the_router_sends_reads_to_a_replica_only_where_allowed():
    router = PrimaryReplicaRouter()
    assert router.db_for_read(Actor) == "default"  # commands, workers, the shell
    with replica_reads():
        assert router.db_for_read(Actor) == "replica1"
        assert router.db_for_write(Actor) == "default"
        with transaction.atomic():
            assert router.db_for_read(Actor) == "default"  # a transaction's own reads
    assert router.db_for_read(Actor) == "default"
    # A replica's schema comes with the stream: migrate never writes to it.
    assert router.allow_migrate("replica1", "facts") is False
    assert router.allow_migrate("default", "facts") is None


def test_each_replica_url_is_a_database_the_test_run_mirrors():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES; "
        "print(settings.READ_REPLICAS, d['replica2']['HOST'], d['replica2']['TEST']['MIRROR'])",
        DEBUG="1",
        DATABASE_URL="postgres://u:p@primary.invalid:5432/facts",
        DATABASE_REPLICA_URLS="postgres://u:p@r1.invalid:5432/facts, "
        "postgres://u:p@r2.invalid:5432/facts",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['replica1', 'replica2'] r2.invalid default"
