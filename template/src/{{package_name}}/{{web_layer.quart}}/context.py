"""What a request reaches through the app: the settings, the engine, and one database
session that lives until the end of the request."""

from __future__ import annotations

from quart import current_app, g
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ..settings import Settings


def get_settings() -> Settings:
    return current_app.extensions["settings"]


def get_engine() -> AsyncEngine:
    return current_app.extensions["engine"]


def get_session() -> AsyncSession:
    """The request's session, opened on first use: routes that never query pay nothing."""
    if "db_session" not in g:
        session_factory: async_sessionmaker[AsyncSession] = current_app.extensions[
            "session_factory"
        ]
        g.db_session = session_factory()
    return g.db_session


async def close_session(_error: BaseException | None = None) -> None:
    """Runs after the answer is made, so it must not fail it: a rollback on a connection
    the database dropped (an outage mid-request) has nothing left to undo, and the
    connection is already invalidated and out of the pool."""
    session = g.pop("db_session", None)
    if session is not None:
        try:
            await session.close()
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
