"""django-simple-history records: who changes a record and why, what changed between
versions, and the many-to-many values of records written in bulk."""

from functools import cache
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connections, router
from django.db.models import ManyToManyField, Model


def note_change(obj: Model, *, reason: str, user: AbstractBaseUser | None = None) -> None:
    """Say who makes the next save of `obj` and why: its history record will hold them."""
    # simple-history reads these two attributes at save time; it ships no type hints.
    obj._change_reason = reason  # type: ignore[attr-defined]
    if user is not None:
        obj._history_user = user  # type: ignore[attr-defined]


def history_of(model: type[Model] | Model) -> Any:
    """The history manager simple-history adds to a model (or to one of its objects)."""
    return model.history  # type: ignore[union-attr]


@cache
def history_model_of(model: type[Model]) -> Any:
    """The historical model of a model class, looked up once: `model.history` builds a new
    manager class on every access, which costs more than the bulk writes it serves."""
    return history_of(model).model


def changes_since(obj: Model, *, version: int) -> list[dict]:
    """Each recorded change to `obj` after `version`: who, when, why and which fields."""
    records = list(history_of(obj).filter(version__gt=version).order_by("history_date"))
    previous = history_of(obj).filter(version__lte=version).order_by("-history_date").first()
    changes = []
    for record in records:
        fields: list[str] = []
        if previous is not None:
            delta = record.diff_against(previous)
            fields = [change.field for change in delta.changes]
        changes.append(
            {
                "version": record.version,
                "user": record.history_user.get_username() if record.history_user else "",
                "date": record.history_date,
                "reason": record.history_change_reason or "",
                "fields": fields,
            }
        )
        previous = record
    return changes


def many_to_many_snapshot_statements(
    model: type[Model], pks: list[int], *, replace: bool = True
) -> list[str]:
    """SQL that makes the newest history record of each object hold its many-to-many values.

    Rows written in bulk (the importer's multi-row INSERTs, loading a fixture) get their
    history records before their many-to-many rows exist, so those records say "no countries,
    no actors". The next real edit would then appear to add them all ("Countries: [] → …").
    Copying the current values into the newest record makes history show only what changed.
    The statements hold integer keys only and run as they are on SQLite and PostgreSQL.
    Without `replace`, the newest records are known to hold no values yet (just created), and
    what they hold is not deleted first.
    """
    pks = sorted({int(pk) for pk in pks})
    history = history_model_of(model)
    # In the model's own order: the history keeps them in a set, whose order changes when
    # the model's fields do.
    fields = sorted(getattr(history, "_history_m2m_fields", ()), key=lambda f: f.creation_counter)
    if not pks or not fields:
        return []
    table = history._meta.db_table
    ids = ", ".join(map(str, pks))
    newest = (
        f"SELECT id, MAX(history_id) AS history_id FROM {table} WHERE id IN ({ids}) GROUP BY id"
    )
    statements = []
    for field in fields:
        many_to_many = model._meta.get_field(field.name)
        assert isinstance(many_to_many, ManyToManyField)
        snapshot = many_to_many.remote_field.through
        assert snapshot is not None  # set once the app registry is ready
        snapshot_history = history.__dict__[field.name].model
        source = _m2m_source_column(model, snapshot)
        columns = [f.column for f in snapshot._meta.fields]
        if replace:
            statements.append(
                f"DELETE FROM {snapshot_history._meta.db_table} WHERE history_id IN "
                f"(SELECT history_id FROM ({newest}) AS newest)"
            )
        statements.append(
            f"INSERT INTO {snapshot_history._meta.db_table} ({', '.join(columns)}, history_id) "
            f"SELECT {', '.join('t.' + c for c in columns)}, newest.history_id "
            f"FROM {snapshot._meta.db_table} t JOIN ({newest}) AS newest ON newest.id = t.{source}"
        )
    return statements


def many_to_many_snapshot(model: type[Model], pks: list[int]) -> None:
    """Run `many_to_many_snapshot_statements` now."""
    statements = many_to_many_snapshot_statements(model, pks)
    if not statements:
        return
    with connections[router.db_for_write(model)].cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _m2m_source_column(model: type[Model], through: type[Model]) -> str:
    """The column of the through table that points at `model`."""
    return next(
        f.column for f in through._meta.fields if f.is_relation and f.related_model is model
    )
