"""Whether the server has closed a pooled psycopg connection, known without a round trip:
the SQLAlchemy pool (database.py) and Django's (db/postgresql/base.py) both ask it at
checkout, instead of a query per request."""

from __future__ import annotations

import select
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psycopg import Connection


def closed_by_server(connection: Connection[Any]) -> bool:
    # A connection at rest in the pool has nothing to read: anything waiting is the
    # server's last word (an error, then end of file) as it shut down or ended the session.
    if connection.closed:
        return True
    # poll, not select: a busy server's descriptors run past select's limit of 1024.
    waiting = select.poll()
    waiting.register(connection.fileno(), select.POLLIN)
    return bool(waiting.poll(0))
