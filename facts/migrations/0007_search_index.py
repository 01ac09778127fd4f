"""Full-text index on search_text: a stored tsvector with a GIN index on PostgreSQL, an FTS5
table kept by triggers on SQLite (facts.search)."""

from django.db import migrations


def create_index(apps, schema_editor):
    from facts.search import ensure_search_index, search_text_of

    # Fill search_text for rows written before the column existed.
    for name in ("Claim", "Event", "Article"):
        rows = apps.get_model("facts", name).objects.using(schema_editor.connection.alias)
        for row in rows.all().iterator():
            rows.filter(pk=row.pk).update(search_text=search_text_of(row))
    ensure_search_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    from facts.search import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("facts", "0006_search_text")]

    operations = [migrations.RunPython(create_index, drop_index)]
