"""SQLite's write-ahead log during a bulk import."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

# SQLite: an article's transaction dirties some 130 pages (its rows, their ~60 indexes, the
# full-text index, history rows holding whole texts). At SQLite's automatic checkpoint of
# 1,000 pages the WAL was copied into the database, and synced, every eight articles: a third
# of each commit. A run lets the WAL grow to ~40 MB between checkpoints instead; only on its
# own connection, and the setting is put back afterwards.
BULK_WAL_AUTOCHECKPOINT = 10_000


@contextmanager
def bulk_checkpoints() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        previous = cursor.fetchone()[0]
        if 0 < previous < BULK_WAL_AUTOCHECKPOINT:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_AUTOCHECKPOINT}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(previous)}")
