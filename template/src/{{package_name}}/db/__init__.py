"""The database: DATABASE_URL as Django's DATABASES entry, and what an outage looks like."""

from __future__ import annotations

from typing import Any

import dj_database_url
from django.db import DatabaseError, InterfaceError, OperationalError, connection

from ..settings import Settings

SQLITE_ENGINE = "django.db.backends.sqlite3"
# Django's PostgreSQL backend with its psycopg pool, answering at once during an outage.
POSTGRESQL_ENGINE = f"{__package__}.postgresql"
SQLITE_BUSY_TIMEOUT_SECONDS = 30

# Errors that mean "the database cannot be reached right now" (answered with 503),
# as opposed to a bug in a query (a 500).
DATABASE_UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)


def database_settings(settings: Settings) -> dict[str, Any]:
    """The `default` entry of DATABASES for the plain `postgresql://` or `sqlite:///` URL."""
    database = dj_database_url.parse(settings.database_url)
    if database["ENGINE"] == SQLITE_ENGINE:
        # WAL lets readers run while one writer writes; the busy timeout makes concurrent
        # writers queue instead of failing with "database is locked", and IMMEDIATE takes
        # the write lock when a transaction starts rather than failing halfway through it.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        }
        # One connection per server thread, kept open: opening SQLite is cheap, but not free.
        database["CONN_MAX_AGE"] = None
        return database
    database["ENGINE"] = POSTGRESQL_ENGINE
    # No CONN_HEALTH_CHECKS: the backend (db/postgresql/base.py) replaces a connection the
    # server closed without the query per request those checks cost.
    database["OPTIONS"] = {
        "pool": {
            "min_size": settings.db_pool_size,
            "max_size": settings.db_pool_size + settings.db_max_overflow,
            "timeout": settings.db_pool_timeout,
            "max_lifetime": settings.db_pool_recycle,
        }
    }
    return database


def database_is_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True
