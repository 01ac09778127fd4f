"""Full-text search over claims, events and articles, with the same results on both engines.

The application stores `search_text`: the searchable fields reduced to plain lower-case,
accent-free words. PostgreSQL indexes it as a stored tsvector column with a GIN index;
SQLite as an FTS5 table kept in step by triggers. Because both see the same words and the
query is reduced the same way (every word must occur; a trailing * matches a prefix), they
return the same rows.
"""

import re

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from facts.names import strip_accents

SEARCHABLE = {
    "facts_claim": ("statement", "quote", "claimant_text", "reported_via"),
    "facts_event": ("title", "description", "location", "date_text"),
    "facts_article": ("title", "subtitle", "author", "publisher", "text"),
}
_WORD = re.compile(r"\w+")
_QUERY_TERM = re.compile(r"(\w+)(\*?)")
MAX_TERMS = 12


def search_words(*values: str) -> str:
    return " ".join(_WORD.findall(strip_accents(" ".join(v for v in values if v)).casefold()))


def search_text_of(obj) -> str:
    """The searchable words of a claim, event or article (what its `search_text` holds)."""
    return search_words(*(getattr(obj, name) or "" for name in SEARCHABLE[obj._meta.db_table]))


def with_search_text(objs) -> None:
    """Give unsaved objects written without save() (multi-row INSERTs) the search words their
    save() would store, unless they have them already (worked out ahead, in a worker)."""
    for obj in objs:
        if obj._meta.db_table in SEARCHABLE and not obj.search_text:
            obj.search_text = search_text_of(obj)


def parse_query(query: str) -> list[tuple[str, bool]]:
    """(word, is_prefix) pairs, reduced exactly as the stored text is."""
    terms = []
    for raw_word, star in _QUERY_TERM.findall(strip_accents(query or "").casefold()):
        for word in _WORD.findall(raw_word):
            terms.append((word, bool(star)))
    return terms[:MAX_TERMS]


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Rows of `queryset` whose search text contains every word of `query`."""
    terms = parse_query(query)
    if not terms:
        return queryset.none()
    table = queryset.model._meta.db_table
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        tsquery = " & ".join(
            "'{}'{}".format(word.replace("'", "''"), ":*" if prefix else "")
            for word, prefix in terms
        )
        sql = f"SELECT id FROM {table} WHERE search_vector @@ to_tsquery('simple', %s)"
        return queryset.filter(pk__in=RawSQL(sql, [tsquery]))
    match = " AND ".join(f'"{word}"' + ("*" if prefix else "") for word, prefix in terms)
    sql = f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s"
    return queryset.filter(pk__in=RawSQL(sql, [match]))


def ensure_search_index(connection) -> None:
    """Create the engine's index if missing (migrations and rebuilt SQLite tables need it)."""
    with connection.cursor() as cursor:
        for table in SEARCHABLE:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_vector tsvector "
                    "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED"
                )
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} "
                    "USING GIN (search_vector)"
                )
            elif connection.vendor == "sqlite":
                fts = f"{table}_fts"
                cursor.execute(
                    f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(search_text, "
                    f"content='{table}', content_rowid='id', tokenize='unicode61')"
                )
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN "
                    f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
                )
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN "
                    f"INSERT INTO {fts}({fts}, rowid, search_text) "
                    f"VALUES ('delete', old.id, old.search_text); END"
                )
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE ON {table} BEGIN "
                    f"INSERT INTO {fts}({fts}, rowid, search_text) "
                    f"VALUES ('delete', old.id, old.search_text); "
                    f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END"
                )
                cursor.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def drop_search_index(connection) -> None:
    with connection.cursor() as cursor:
        for table in SEARCHABLE:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP INDEX IF EXISTS {table}_search_gin")
                cursor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")
            elif connection.vendor == "sqlite":
                for suffix in ("insert", "delete", "update"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
                cursor.execute(f"DROP TABLE IF EXISTS {table}_fts")
