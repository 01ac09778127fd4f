"""Multi-row INSERTs for the importer's hot path, with their django-simple-history rows.

`bulk_create` and `bulk_create_with_history` send the same SQL as this module, but build every
statement anew and pass each value through several layers of field methods; for an article's
claims and their history rows that was most of the time an import spent writing. Here each
model's columns are worked out once, values of the plain type a column takes (text for text,
int for integers and keys, float for floats) go in as they are, and any other value (dates,
times, anything unexpected) still goes through the field's own `get_db_prep_save`. Statements
run through Django's cursor, so they are logged and counted like any other query.

History rows are what `HistoryManager.bulk_history_create` writes ("+", the current time, the
change reason, the default history user); a historical model with columns this module does
not know falls back to simple-history itself. One difference in kind, none in meaning: the
rows of one INSERT share its time (creation, modification, history), where bulk_create reads
the clock again for every row and field.
"""

from collections.abc import Sequence
from functools import cache
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db import connections, models, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.constants import OnConflict
from django.utils import timezone

from facts.search import with_search_text
from facts.services.history import history_of

_HISTORY_COLUMNS = {"history_date", "history_change_reason", "history_type", "history_user_id"}
_TEXT = (str, type(None))
_INT = (int, type(None))
_FLOAT = (float, type(None))
_NONE = (type(None),)
# Field classes whose database value is the Python value itself when it has the plain type;
# exact classes only, so a subclass with its own conversion is never short-circuited.
_PLAIN = {
    models.DateField: _NONE,
    models.DateTimeField: _NONE,
    models.CharField: _TEXT,
    models.TextField: _TEXT,
    models.SlugField: _TEXT,
    models.IntegerField: _INT,
    models.PositiveIntegerField: _INT,
    models.PositiveSmallIntegerField: _INT,
    models.SmallIntegerField: _INT,
    models.BigIntegerField: _INT,
    models.ForeignKey: _INT,
    models.FloatField: _FLOAT,
}


class _Column:
    __slots__ = ("attname", "field", "plain", "pre_save", "stamp")

    def __init__(self, field: models.Field):
        self.field = field
        self.attname = field.attname
        self.plain = _PLAIN.get(type(field), ())
        # Creation and modification times: the time of the INSERT, the same for all its rows.
        self.stamp = isinstance(field, models.DateTimeField) and (
            field.auto_now or field.auto_now_add
        )
        # Other fields that work out their value in pre_save; the rest just read it.
        self.pre_save = not self.stamp and type(field).pre_save is not models.Field.pre_save


class _Now:
    """The time of one INSERT, converted for the database once, not once per row and field."""

    def __init__(self, connection):
        self.value = timezone.now()
        self.connection = connection
        self._converted: dict[models.Field, object] = {}

    def for_field(self, field: models.Field):
        if field not in self._converted:
            self._converted[field] = field.get_db_prep_save(self.value, self.connection)
        return self._converted[field]


@cache
def _columns(model: type[models.Model]) -> list[_Column]:
    """What bulk_create inserts for objects without a primary key."""
    return [
        _Column(f)
        for f in model._meta.concrete_fields
        if not isinstance(f, models.AutoField) and not f.generated
    ]


def _values(columns: list[_Column], obj, now: _Now) -> list:
    row = []
    for column in columns:
        if column.stamp:
            setattr(obj, column.attname, now.value)  # as pre_save would
            row.append(now.for_field(column.field))
            continue
        value = (
            column.field.pre_save(obj, True) if column.pre_save else getattr(obj, column.attname)
        )
        if type(value) not in column.plain:
            value = column.field.get_db_prep_save(value, now.connection)
        row.append(value)
    return row


class Batch:
    """INSERTs whose keys nobody reads back, sent together: on PostgreSQL as one query string
    (their values are literals already, see _literal_quoter), one round trip for all; elsewhere
    each runs at once. `flush()` sends them, before the transaction ends; if an error comes
    first, they are dropped with the transaction they belonged to."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.connection: BaseDatabaseWrapper | None = None

    def add(self, connection, sql: str) -> None:
        self.connection = connection
        self.statements.append(sql)

    def add_after(self, connection, sql: str) -> None:
        """Run `sql` after everything added so far: with them on PostgreSQL, now elsewhere
        (where nothing waits in the batch)."""
        if connection.vendor == "postgresql":
            self.add(connection, sql)
            return
        with connection.cursor() as cursor:
            cursor.execute(sql)

    def flush(self) -> None:
        if self.statements and self.connection is not None:
            with self.connection.cursor() as cursor:
                cursor.execute(";\n".join(self.statements))
            self.statements = []


def insert(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    ignore_conflicts: bool = False,
    batch: Batch | None = None,
) -> None:
    """INSERT `objs` (none of them saved yet), several rows per statement, and give each its
    primary key, as bulk_create does; with ignore_conflicts, rows that would break a unique
    constraint are skipped and no keys are set, and with a batch, the keys are not needed."""
    if not objs:
        return
    with_search_text(objs)  # what save() would store
    using = router.db_for_write(model)
    connection = connections[using]
    columns = _columns(model)
    now = _Now(connection)
    rows = [_values(columns, obj, now) for obj in objs]
    pks = _execute(
        model,
        columns,
        rows,
        connection,
        returning=not ignore_conflicts and batch is None,
        ignore=ignore_conflicts,
        batch=batch,
    )
    for obj, pk in zip(objs, pks, strict=False):
        obj.pk = pk
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


def insert_values(
    model: type[models.Model],
    values: Sequence[dict],
    *,
    ignore_conflicts: bool = False,
    batch: Batch | None = None,
) -> None:
    """INSERT rows given as {attname: value} without building model instances (link tables,
    link rows): a column left out takes its field's default, auto_now columns the time."""
    if not values:
        return
    connection = connections[router.db_for_write(model)]
    columns = _columns(model)
    defaults = {c.attname: c.field.get_default() for c in columns}
    now = _Now(connection)
    rows = [_values(columns, SimpleNamespace(**{**defaults, **v}), now) for v in values]
    _execute(model, columns, rows, connection, ignore=ignore_conflicts, batch=batch)


def insert_with_history(
    model: type[models.Model],
    objs: Sequence[models.Model],
    *,
    reason: str,
    batch: Batch | None = None,
) -> None:
    """`insert`, then one "created" history row per object, like bulk_create_with_history
    (the history rows go in `batch`, if given). An object's own `_change_reason` wins over
    `reason`, as in simple-history."""
    insert(model, objs)
    if not objs or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    plan = _history_plan(model)
    if plan is None:  # a historical model with extra columns: let simple-history fill them
        history_of(model).bulk_history_create(objs, default_change_reason=reason)
        return
    history, columns = plan
    connection = connections[router.db_for_write(history)]
    date_field = history._meta.get_field("history_date")
    assert isinstance(date_field, models.Field)
    now = _Now(connection)
    rows = []
    for obj in objs:
        user = getattr(obj, "_history_user", None) or history.get_default_history_user(obj)
        when = getattr(obj, "_history_date", None)
        special = {
            "history_date": date_field.get_db_prep_save(when, connection)
            if when
            else now.for_field(date_field),
            "history_change_reason": getattr(obj, "_change_reason", None) or reason,
            "history_type": "+",
            "history_user_id": getattr(user, "pk", None),
        }
        row = []
        for column in columns:
            if column.attname in special:
                row.append(special[column.attname])
                continue
            value = getattr(obj, column.attname)
            if type(value) not in column.plain:
                value = column.field.get_db_prep_save(value, connection)
            row.append(value)
        rows.append(row)
    _execute(history, columns, rows, connection, batch=batch)


@cache
def _history_plan(model: type[models.Model]) -> tuple[Any, list[_Column]] | None:
    """The historical model and its columns, or None when it has any this module cannot fill.
    (Looked up once: `model.history` builds a new manager class on every access.)"""
    history = history_of(model).model
    tracked = {f.attname for f in history.tracked_fields}
    columns = _columns(history)
    if hasattr(history, "history_relation") or any(
        c.attname not in tracked and c.attname not in _HISTORY_COLUMNS for c in columns
    ):
        return None
    return history, columns


def _execute(
    model,
    columns: list[_Column],
    rows: list[list],
    connection,
    *,
    returning=False,
    ignore=False,
    batch: Batch | None = None,
) -> list:
    """Run the INSERTs in batches the backend accepts; with `returning`, the new keys in row
    order (one statement per row where the backend cannot return several)."""
    ops = connection.ops
    fields = [c.field for c in columns]
    table = model._meta.db_table
    on_conflict = OnConflict.IGNORE if ignore else None
    head = "{} {} ({}) VALUES ".format(
        ops.insert_statement(on_conflict=on_conflict),
        ops.quote_name(table),
        ", ".join(ops.quote_name(f.column) for f in fields),
    )
    tail = ops.on_conflict_suffix_sql(fields, on_conflict, None, None) if ignore else ""
    many = not returning or connection.features.can_return_rows_from_bulk_insert
    if returning and many:
        tail = ops.return_insert_columns([model._meta.pk])[0]
    tail = " " + tail if tail else ""
    per_statement = max(ops.bulk_batch_size(fields, rows), 1) if many else 1
    literal = _literal_quoter(connection)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    pks: list = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            if literal:
                values = ", ".join("(" + ", ".join(map(literal, row)) + ")" for row in chunk)
                if batch is not None and not returning:
                    batch.add(connection, head + values + tail)
                else:
                    cursor.execute(head + values + tail)
            else:
                values = ", ".join([placeholder] * len(chunk))
                cursor.execute(head + values + tail, [value for row in chunk for value in row])
            if returning and many:
                pks += [row[0] for row in ops.fetch_returned_insert_rows(cursor)]
            elif returning:
                pks.append(ops.last_insert_id(cursor, table, model._meta.pk.column))
    return pks


def _literal_quoter(connection):
    """On PostgreSQL, psycopg's own quoting of one value as an SQL literal, or None.

    Django's psycopg cursors bind parameters client-side: psycopg parses the statement for its
    placeholders, quotes each value and sends the merged text. It caches that parsing only for
    statements of up to 50 parameters, so a multi-row INSERT of a few hundred was parsed again
    every time; quoting the values here, with the same adapters, sends the same text without it.
    """
    if connection.vendor != "postgresql":
        return None
    from psycopg.adapt import Transformer

    connection.ensure_connection()
    transformer = Transformer.from_context(connection.connection)
    encoding = connection.connection.info.encoding

    def literal(value) -> str:
        return "NULL" if value is None else transformer.as_literal(value).decode(encoding)

    return literal
