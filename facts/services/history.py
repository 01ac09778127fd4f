"""Reading django-simple-history records: what changed between versions, and by whom."""

from django.db import connections, router
from django.db.models import Model


def changes_since(obj: Model, *, version: int) -> list[dict]:
    """Each recorded change to `obj` after `version`: who, when, why and which fields."""
    records = list(obj.history.filter(version__gt=version).order_by("history_date"))
    previous = obj.history.filter(version__lte=version).order_by("-history_date").first()
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
    fields = getattr(model.history.model, "_history_m2m_fields", ())
    if not pks or not fields:
        return []
    history = model.history.model
    table = history._meta.db_table
    ids = ", ".join(map(str, pks))
    newest = (
        f"SELECT id, MAX(history_id) AS history_id FROM {table} WHERE id IN ({ids}) GROUP BY id"
    )
    statements = []
    for field in fields:
        snapshot = model._meta.get_field(field.name).remote_field.through
        snapshot_history = model.history.model.__dict__[field.name].model
        source = snapshot._meta.get_field(_m2m_source_name(model, snapshot)).column
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


def _m2m_source_name(model: type[Model], through: type[Model]) -> str:
    return next(f.name for f in through._meta.fields if f.is_relation and f.related_model is model)
