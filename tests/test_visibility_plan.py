"""What anonymous readers may see is decided through indexes, whatever the statistics say:
on SQLite, the claimant test once walked every verified claim for each actor (124 s for one
`actors/?name=` on 300,000 claims), because most claims have no claimant."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from facts.bootstrap import initial_data_load
from facts.filtersets import ActorFilterSet
from facts.models import Actor

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner")
def test_every_visibility_subquery_searches_an_index_of_its_actor_column():
    initial_data_load()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # the statistics that misled the planner
    queryset = ActorFilterSet({"name": "zz"}, Actor.objects.visible_to(AnonymousUser())).qs[:51]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    claim_searches = [
        step for step in plan if step.startswith("SEARCH U0 USING") and "claim" in step
    ]
    assert claim_searches and all("status_queue" not in step for step in claim_searches), plan
    assert any("facts_claim_claimant_status" in step for step in plan), plan
