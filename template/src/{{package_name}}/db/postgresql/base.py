"""Django's PostgreSQL backend, answering at once while the database cannot be reached.

Django's connection pool (psycopg_pool) opens connections in the background and lets a
request wait for one for as long as its timeout (DB_POOL_TIMEOUT), even while every attempt
to connect fails: during an outage each request would hang that long before its 503. Here
a request waits the whole timeout only when every connection the pool may open is in use;
otherwise the pool is merely connecting, which takes milliseconds while the server is up.
Once the pool's attempts to connect have failed since it last handed out a connection,
the database is down, and a request waits only a moment before its 503.

A pooled connection the server has closed (shutting down, restarting, ending the session)
is known without a round trip and replaced before Django sees it. psycopg_pool's own check
(CONN_HEALTH_CHECKS) would cost a query on every request, and after a restart it backs
off for a second and more at each dead connection it meets, longer than a request waits.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from django.db.backends.postgresql import base
from django.utils.asyncio import async_unsafe
from psycopg import Connection, IsolationLevel
from psycopg_pool import ConnectionPool

from ...psycopg_liveness import closed_by_server

CONNECT_WAIT_SECONDS = 2.0
FAILING_WAIT_SECONDS = 0.1

# Per pool (one per process): how many attempts to connect had failed when it last
# handed out a connection.
_failures_when_last_served: WeakKeyDictionary[ConnectionPool, int] = WeakKeyDictionary()


class DatabaseWrapper(base.DatabaseWrapper):
    @async_unsafe
    def get_new_connection(self, conn_params: dict[str, Any]) -> Connection:
        pool = self.pool
        if pool is None:
            return super().get_new_connection(conn_params)
        # What Django's backend sets when OPTIONS has no isolation_level, as here.
        self.isolation_level = IsolationLevel.READ_COMMITTED
        pool.open()
        stats = pool.get_stats()
        failures = stats.get("connections_errors", 0)
        if stats["pool_size"] >= stats["pool_max"] and not stats["pool_available"]:
            wait = pool.timeout
        elif failures > _failures_when_last_served.get(pool, 0):
            wait = min(pool.timeout, FAILING_WAIT_SECONDS)
        else:
            wait = min(pool.timeout, CONNECT_WAIT_SECONDS)
        connection = pool.getconn(wait)
        # Every connection the pool holds may be dead after a restart; it opens new ones
        # as these are returned closed.
        while closed_by_server(connection):
            connection.close()
            pool.putconn(connection)
            connection = pool.getconn(wait)
        _failures_when_last_served[pool] = pool.get_stats().get("connections_errors", 0)
        return connection
