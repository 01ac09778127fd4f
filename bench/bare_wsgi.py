"""The physical ceiling: a bare WSGI app that runs the very SQL the API ran for a request
(captured by bench/api_bench.py) with psycopg or sqlite3, and returns the rows as orjson.

No framework, no ORM, no serializer: what is left is the database, the driver, the WSGI
server and JSON. Served by gunicorn exactly as the API is.

    BARE_REQUESTS=var/bench/requests-sqlite.json BARE_DATABASE_URL=sqlite:///... \\
        gunicorn bench.bare_wsgi:application
"""

import json
import os
import re
import sqlite3
import threading

import orjson

with open(os.environ["BARE_REQUESTS"], encoding="utf-8") as requests_file:
    _REQUESTS = json.load(requests_file)
_URL = os.environ["BARE_DATABASE_URL"]
_QMARK = re.compile(r"(?<!%)%s")
_local = threading.local()  # one connection per server thread, kept open


def _connect():
    if _URL.startswith(("postgres://", "postgresql://")):
        import psycopg

        # Client-side binding and no automatic prepared statements, as Django's backend does:
        # the same SQL must reach the server the same way, or plans differ.
        return psycopg.connect(
            _URL.replace("postgres://", "postgresql://", 1),
            autocommit=True,
            cursor_factory=psycopg.ClientCursor,
            prepare_threshold=None,
        )
    connection = sqlite3.connect(
        _URL.removeprefix("sqlite:///"), check_same_thread=False, isolation_level=None
    )
    connection.execute("PRAGMA mmap_size=1073741824")
    connection.execute("PRAGMA cache_size=-65536")
    return connection


def _statements() -> dict[str, list[tuple[str, list]]]:
    sqlite = not _URL.startswith(("postgres://", "postgresql://"))
    prepared = {}
    for name, request in _REQUESTS.items():
        queries = []
        for sql, params in request["queries"]:
            if sqlite:
                sql = _QMARK.sub("?", sql).replace("%%", "%")
            queries.append((sql, params))
        prepared[name] = queries
    return prepared


_STATEMENTS = _statements()


def application(environ, start_response):
    name = environ.get("PATH_INFO", "/").strip("/")
    queries = _STATEMENTS.get(name)
    if queries is None:
        start_response("404 Not Found", [("Content-Type", "application/json")])
        return [b'{"detail": "unknown request"}']
    connection = getattr(_local, "connection", None)
    if connection is None:
        connection = _local.connection = _connect()
    results = []
    for sql, params in queries:
        cursor = connection.cursor()
        cursor.execute(sql, params)
        results.append(cursor.fetchall())
        cursor.close()
    body = orjson.dumps(results, default=str)
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
