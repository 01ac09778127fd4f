"""Counting without an unbounded COUNT(*): exact up to a cap, estimated beyond it."""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

EXACT_COUNT_CAP = 10_000


def planner_estimate(queryset) -> int | None:
    """PostgreSQL's own estimate of the rows a query returns (EXPLAIN, nothing is counted)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Counts at most EXACT_COUNT_CAP + 1 rows; past that, the planner's estimate is used
    (on SQLite, which has no estimate, the cap itself) and `is_estimate` says so.

    On PostgreSQL the estimate is always asked for, so a page runs the same queries whether
    the table holds a hundred rows or ten million."""

    is_estimate = False

    @cached_property
    def count(self) -> int:
        rows = self.object_list.order_by().values("pk")  # no annotations: nothing to compute
        exact = rows[: EXACT_COUNT_CAP + 1].count()
        estimate = planner_estimate(rows)
        if exact <= EXACT_COUNT_CAP:
            return exact
        self.is_estimate = True
        return max(estimate or 0, exact)
