"""Reading django-simple-history records: what changed between versions, and by whom."""

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
