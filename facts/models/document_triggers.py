"""The triggers that keep the claims' stored documents (facts.models.documents) honest.

Each claim has a document row from its insert to its delete. Whatever changes what a claim's
representation shows marks its document stale (body NULL) and raises its generation; a
builder stores a document only where the generation it read before reading the data is
still the row's, so a change that lands while a document is built is never hidden by it.

SQLite drops a table's triggers when a migration rebuilds the table, so they are put back
after every migration run (facts.apps), and every document is then marked stale.
"""

DOCUMENT_TABLE = "facts_claimdocument"
_BUMP = (
    f"UPDATE {DOCUMENT_TABLE} SET generation = generation + 1, body = NULL, "
    "public_body = NULL WHERE claim_id IN ({claims})"
)

# name, table, event, the columns whose change matters (None: any), the statement.
TRIGGERS = [
    ("claim_insert", "facts_claim", "INSERT", None,
     f"INSERT INTO {DOCUMENT_TABLE} (claim_id, generation) VALUES (NEW.id, 0)"),
    ("claim_delete", "facts_claim", "DELETE", None,
     f"DELETE FROM {DOCUMENT_TABLE} WHERE claim_id = OLD.id"),
    ("claim_update", "facts_claim", "UPDATE", None, _BUMP.format(claims="NEW.id, OLD.id")),
    ("claim_countries_insert", "facts_claim_countries", "INSERT", None,
     _BUMP.format(claims="NEW.claim_id")),
    ("claim_countries_delete", "facts_claim_countries", "DELETE", None,
     _BUMP.format(claims="OLD.claim_id")),
    ("claim_actors_insert", "facts_claim_actors", "INSERT", None,
     _BUMP.format(claims="NEW.claim_id")),
    ("claim_actors_delete", "facts_claim_actors", "DELETE", None,
     _BUMP.format(claims="OLD.claim_id")),
    ("actor_update", "facts_actor", "UPDATE", ("name", "slug"), _BUMP.format(claims=(
        "SELECT id FROM facts_claim WHERE subject_id = NEW.id "
        "UNION SELECT id FROM facts_claim WHERE object_actor_id = NEW.id "
        "UNION SELECT id FROM facts_claim WHERE claimant_id = NEW.id "
        "UNION SELECT claim_id FROM facts_claim_actors WHERE actor_id = NEW.id"
    ))),
    ("country_update", "facts_country", "UPDATE", ("alpha3", "alpha2", "name"),
     _BUMP.format(claims=(
        "SELECT id FROM facts_claim WHERE object_country_id = NEW.id "
        "UNION SELECT claim_id FROM facts_claim_countries WHERE country_id = NEW.id"
    ))),
    ("event_update", "facts_event", "UPDATE", ("slug", "title", "status"),
     _BUMP.format(claims="SELECT id FROM facts_claim WHERE event_id = NEW.id")),
    ("article_update", "facts_article", "UPDATE", (
        "title", "url", "reliability", "publisher", "published_start", "published_end",
        "published_precision", "published_text",
    ), _BUMP.format(claims="SELECT id FROM facts_claim WHERE article_id = NEW.id")),
]  # fmt: skip


def _trigger_name(name: str) -> str:
    return f"{DOCUMENT_TABLE}_{name}"


def _changed(columns, vendor: str) -> str:
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in columns)


def _create_statements(vendor: str) -> list[str]:
    statements = []
    for name, table, event, columns, statement in TRIGGERS:
        trigger = _trigger_name(name)
        when = f" WHEN ({_changed(columns, vendor)})" if columns else ""
        if vendor == "postgresql":
            statements += [
                f"CREATE OR REPLACE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql "
                f"AS $$ BEGIN {statement}; RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS {trigger} ON {table}",
                f"CREATE TRIGGER {trigger} AFTER {event} ON {table} FOR EACH ROW{when} "
                f"EXECUTE FUNCTION {trigger}()",
            ]
        else:
            statements.append(
                f"CREATE TRIGGER IF NOT EXISTS {trigger} AFTER {event} ON {table} "
                f"FOR EACH ROW{when} BEGIN {statement}; END"
            )
    return statements


def _missing_triggers(cursor, vendor: str) -> set[str]:
    wanted = {_trigger_name(name) for name, *_ in TRIGGERS}
    if vendor == "postgresql":
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)",
            [list(wanted)],
        )
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    return wanted - {row[0] for row in cursor.fetchall()}


def ensure_document_triggers(connection) -> bool:
    """Create what is missing; if any trigger was, make every claim's document row exist
    and stale (changes may have gone unseen). Returns whether anything was missing. Does
    nothing before the table exists (a migration to an earlier state)."""
    if connection.vendor not in ("postgresql", "sqlite"):
        return False
    if DOCUMENT_TABLE not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        if not _missing_triggers(cursor, connection.vendor):
            return False
        for statement in _create_statements(connection.vendor):
            cursor.execute(statement)
        cursor.execute(
            f"DELETE FROM {DOCUMENT_TABLE} WHERE claim_id NOT IN (SELECT id FROM facts_claim)"
        )
        cursor.execute(
            f"INSERT INTO {DOCUMENT_TABLE} (claim_id, generation) SELECT id, 0 FROM facts_claim "
            f"WHERE id NOT IN (SELECT claim_id FROM {DOCUMENT_TABLE})"
        )
        cursor.execute(
            f"UPDATE {DOCUMENT_TABLE} SET generation = generation + 1, body = NULL, "
            "public_body = NULL WHERE body IS NOT NULL"
        )
    return True


def drop_document_triggers(connection) -> None:
    with connection.cursor() as cursor:
        for name, table, *_ in TRIGGERS:
            trigger = _trigger_name(name)
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
                cursor.execute(f"DROP FUNCTION IF EXISTS {trigger}()")
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
