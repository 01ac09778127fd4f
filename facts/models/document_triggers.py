"""The triggers that keep the stored documents of claims and events (facts.models.documents)
honest.

Each record has a document row from its insert to its delete. Whatever changes what its
representation shows marks its document stale (body NULL) and raises its generation; a
builder stores a document only where the generation it read before reading the data is
still the row's, so a change that lands while a document is built is never hidden by it.

SQLite drops a table's triggers when a migration rebuilds the table, so they are put back
after every migration run (facts.apps), and every document is then marked stale.
"""

CLAIM_DOCUMENTS = "facts_claimdocument"
EVENT_DOCUMENTS = "facts_eventdocument"
# Each document table: the column holding its record's id, and the record's table.
DOCUMENT_TABLES = {
    CLAIM_DOCUMENTS: ("claim_id", "facts_claim"),
    EVENT_DOCUMENTS: ("event_id", "facts_event"),
}


def _bump(documents: str, ids: str) -> str:
    key, _ = DOCUMENT_TABLES[documents]
    return (
        f"UPDATE {documents} SET generation = generation + 1, body = NULL, "
        f"public_body = NULL WHERE {key} IN ({ids})"
    )


def _record_triggers(documents: str) -> list[tuple]:
    key, table = DOCUMENT_TABLES[documents]
    return [
        ("insert", table, "INSERT", None,
         f"INSERT INTO {documents} ({key}, generation) VALUES (NEW.id, 0)",
         f"INSERT INTO {documents} ({key}, generation) SELECT id, 0 FROM new_rows"),
        ("delete", table, "DELETE", None,
         f"DELETE FROM {documents} WHERE {key} = OLD.id",
         f"DELETE FROM {documents} WHERE {key} IN (SELECT id FROM old_rows)"),
        ("update", table, "UPDATE", None, _bump(documents, "NEW.id, OLD.id"),
         _bump(documents, "SELECT id FROM new_rows UNION SELECT id FROM old_rows")),
    ]  # fmt: skip


def _row_triggers(documents: str, name: str, table: str, column: str) -> list[tuple]:
    """A row of `table` names the record in `column`: its insert, update and delete."""
    return [
        (f"{name}_insert", table, "INSERT", None, _bump(documents, f"NEW.{column}"),
         _bump(documents, f"SELECT {column} FROM new_rows")),
        (f"{name}_update", table, "UPDATE", None, _bump(documents, f"NEW.{column}, OLD.{column}"),
         _bump(documents, f"SELECT {column} FROM new_rows UNION SELECT {column} FROM old_rows")),
        (f"{name}_delete", table, "DELETE", None, _bump(documents, f"OLD.{column}"),
         _bump(documents, f"SELECT {column} FROM old_rows")),
    ]  # fmt: skip


_CLAIM_TRIGGERS = [
    *_record_triggers(CLAIM_DOCUMENTS),
    *_row_triggers(CLAIM_DOCUMENTS, "countries", "facts_claim_countries", "claim_id"),
    *_row_triggers(CLAIM_DOCUMENTS, "actors", "facts_claim_actors", "claim_id"),
    ("actor_update", "facts_actor", "UPDATE", ("name", "slug"), _bump(CLAIM_DOCUMENTS, (
        "SELECT id FROM facts_claim WHERE subject_id = NEW.id "
        "UNION SELECT id FROM facts_claim WHERE object_actor_id = NEW.id "
        "UNION SELECT id FROM facts_claim WHERE claimant_id = NEW.id "
        "UNION SELECT claim_id FROM facts_claim_actors WHERE actor_id = NEW.id"
    ))),
    ("country_update", "facts_country", "UPDATE", ("alpha3", "alpha2", "name"),
     _bump(CLAIM_DOCUMENTS, (
        "SELECT id FROM facts_claim WHERE object_country_id = NEW.id "
        "UNION SELECT claim_id FROM facts_claim_countries WHERE country_id = NEW.id"
    ))),
    ("event_update", "facts_event", "UPDATE", ("slug", "title", "status"),
     _bump(CLAIM_DOCUMENTS, "SELECT id FROM facts_claim WHERE event_id = NEW.id")),
    ("article_update", "facts_article", "UPDATE", (
        "title", "url", "reliability", "publisher", "published_start", "published_end",
        "published_precision", "published_text",
    ), _bump(CLAIM_DOCUMENTS, "SELECT id FROM facts_claim WHERE article_id = NEW.id")),
]  # fmt: skip

_EVENT_TRIGGERS = [
    *_record_triggers(EVENT_DOCUMENTS),
    *_row_triggers(EVENT_DOCUMENTS, "countries", "facts_event_countries", "event_id"),
    *_row_triggers(EVENT_DOCUMENTS, "participant", "facts_eventparticipant", "event_id"),
    ("actor_update", "facts_actor", "UPDATE", ("name", "slug"),
     _bump(EVENT_DOCUMENTS,
           "SELECT event_id FROM facts_eventparticipant WHERE actor_id = NEW.id")),
    ("country_update", "facts_country", "UPDATE", ("alpha3", "alpha2", "name"),
     _bump(EVENT_DOCUMENTS,
           "SELECT event_id FROM facts_event_countries WHERE country_id = NEW.id")),
    # An event shows its place, and the place's region and district, each with its status.
    ("place_update", "facts_place", "UPDATE",
     ("slug", "name", "kind", "status", "admin1_id", "admin2_id"), _bump(EVENT_DOCUMENTS, (
        "SELECT id FROM facts_event WHERE place_id = NEW.id "
        "UNION SELECT e.id FROM facts_event e JOIN facts_place p ON p.id = e.place_id "
        "WHERE p.admin1_id = NEW.id OR p.admin2_id = NEW.id"
    ))),
]  # fmt: skip

# document table -> its triggers: (name, table, event, the columns whose change matters
# (None: any), the statement for one row (NEW, OLD), and, where it applies to any change,
# the same for a whole statement's rows (new_rows, old_rows): PostgreSQL runs that form once
# per statement, so an article's claims and their mentions, inserted in bulk, cost one
# statement each instead of one per row. SQLite runs the row form (it has no other, and a
# row trigger there is a function call, not a round trip).
TRIGGERS = {CLAIM_DOCUMENTS: _CLAIM_TRIGGERS, EVENT_DOCUMENTS: _EVENT_TRIGGERS}


_TRANSITION = {
    "INSERT": "NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
}


def _trigger_name(documents: str, name: str) -> str:
    return f"{documents}_{name}"


def _changed(columns, vendor: str) -> str:
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in columns)


def _create_statements(documents: str, vendor: str) -> list[str]:
    statements = []
    for name, table, event, columns, statement, *for_statement in TRIGGERS[documents]:
        trigger = _trigger_name(documents, name)
        when = f" WHEN ({_changed(columns, vendor)})" if columns else ""
        if vendor == "postgresql":
            each = f"FOR EACH ROW{when}"
            if for_statement:
                statement = for_statement[0]
                each = f"REFERENCING {_TRANSITION[event]} FOR EACH STATEMENT"
            statements += [
                f"CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ BEGIN {statement}; RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
                f"CREATE TRIGGER {trigger} AFTER {event} ON {table} {each} "
                f"EXECUTE FUNCTION {trigger}()",
            ]
        else:
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON {table} "
                f"FOR EACH ROW{when} BEGIN {statement}; END"
            )
    return statements


def _missing_triggers(cursor, documents: str, vendor: str) -> set[str]:
    wanted = {_trigger_name(documents, name) for name, *_ in TRIGGERS[documents]}
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)",
            [list(wanted)],
        )
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return wanted - {row[0] for row in cursor.fetchall()}


def ensure_document_triggers(connection) -> bool:
    """Create what is missing; where any trigger was, make every record's document row
    exist and be stale (changes may have gone unseen). Returns whether anything was missing.
    A document table not created yet (a migration to an earlier state) is left alone."""
    if connection.vendor not in ("postgresql", "sqlite"):
        return False
    tables = set(connection.introspection.table_names())
    repaired = False
    with connection.cursor() as cursor:
        for documents, (key, records) in DOCUMENT_TABLES.items():
            if documents not in tables or not _missing_triggers(
                cursor, documents, connection.vendor
            ):
                continue
            for statement in _create_statements(documents, connection.vendor):
                cursor.execute(statement)
            cursor.execute(f"DELETE FROM {documents} WHERE {key} NOT IN (SELECT id FROM {records})")
            cursor.execute(
                f"INSERT INTO {documents} ({key}, generation) SELECT id, 0 FROM {records} "
                f"WHERE id NOT IN (SELECT {key} FROM {documents})"
            )
            cursor.execute(
                f"UPDATE {documents} SET generation = generation + 1, body = NULL, "
                "public_body = NULL WHERE body IS NOT NULL"
            )
            repaired = True
    return repaired


def drop_document_triggers(connection, documents: str) -> None:
    with connection.cursor() as cursor:
        for name, table, *_ in TRIGGERS[documents]:
            trigger = _trigger_name(documents, name)
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {trigger}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
