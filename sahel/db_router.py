"""Reads to the read replicas, writes to the primary.

The production topology is one PostgreSQL primary with streaming replicas (`READ_REPLICAS`,
from `DATABASE_REPLICA_URLS`). A replica lags the primary by a moment, so reads go to it only
where that cannot show anyone a stale copy of their own work: inside `replica_reads()`, which
`sahel.read_your_writes` opens for the safe requests of clients that have not written lately.
Everything else reads the primary: writes, reads in a transaction, management commands (an
import reads what it is about to write), task-queue workers and the shell.
"""

import random
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within the block, reads outside a transaction may be served by a replica."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replicas() -> list[str]:
    return list(getattr(settings, "READ_REPLICAS", ()))


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        if not _replica_reads.get():
            return DEFAULT_DB_ALIAS
        aliases = replicas()
        if not aliases or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            # A read inside a transaction belongs to it: it must see the writes before it.
            return DEFAULT_DB_ALIAS
        return aliases[0] if len(aliases) == 1 else random.choice(aliases)

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_migrate(self, db, app_label, **hints) -> bool | None:
        # A replica is a read-only copy of the primary: its schema comes with the stream.
        return False if db in replicas() else None

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # Every alias holds the same data: objects read from a replica may be related to
        # objects of the primary.
        return True
