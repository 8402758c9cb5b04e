"""What a request reaches through the app: the settings, and one database session that
lives until the end of the request."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..database import create_engine, create_session_factory
from ..settings import Settings


def init_app(app: Flask, settings: Settings) -> None:
    engine = create_engine(settings)
    app.extensions["settings"] = settings
    app.extensions["engine"] = engine
    app.extensions["session_factory"] = create_session_factory(engine)
    app.teardown_appcontext(close_session)


def get_settings() -> Settings:
    return current_app.extensions["settings"]


def get_engine() -> Engine:
    return current_app.extensions["engine"]


def get_session() -> Session:
    """The request's session, opened on first use: routes that never query pay nothing."""
    if "db_session" not in g:
        session_factory: sessionmaker[Session] = current_app.extensions["session_factory"]
        g.db_session = session_factory()
    return g.db_session


def close_session(_error: BaseException | None = None) -> None:
    """Runs after the answer is made, so it must not fail it: a rollback on a connection
    the database dropped (an outage mid-request) has nothing left to undo, and the
    connection is already invalidated and out of the pool."""
    session = g.pop("db_session", None)
    if session is not None:
        try:
            session.close()
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
