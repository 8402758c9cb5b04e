"""The baseline for Flask: the smallest idiomatic Flask app that answers the same requests
as a generated service, with nothing of the template around it: no extension, no
middleware, no authentication, no logging per request.

``GET /api/v1/items`` asks the database what the generated service asks (the caller's
user, then the page of items with their total), in the tables its migrations created, with
SQLAlchemy 2 and psycopg 3 under SQLAlchemy's default pool, as a Flask tutorial would set
it up; ``POST /items`` validates a body with pydantic and touches no
database. The same module serves under every WSGI server:

    DATABASE_URL=postgresql://… gunicorn --worker-class sync bare_flask:app
    gunicorn --worker-class gthread --threads 4 --keep-alive 75 bare_flask:app
    granian --interface wsgi bare_flask:app

Run it with a generated Flask project's environment, so the library versions are the same:
``cd benchmarks && <project>/.venv/bin/gunicorn bare_flask:app``.
"""

from __future__ import annotations

import os
from functools import cache

from bodies import ItemIn, ItemRead, Pagination
from flask import Flask, g, request
from pydantic import ValidationError
from sqlalchemy import (
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker
from tables_sqlalchemy import BENCH_USER_ID, Item, User

# What the benchmark scripts know of this file, as plain literals they read without
# importing it (benchmarks/registry.py).
# bench.py serves `app` under gunicorn's sync worker, the usual deployment, which the
# generated service, all its middleware included, must at least match.
BASELINE = {"wsgi_app": "app", "target_ratio": 1.0}
# servers.py serves `app` under every WSGI server.
SERVER_CANDIDATES = {"wsgi_app": "app"}
# cold_import.py: bare Flask behind apig-wsgi, and what the generated handler's import adds
# to it, layer by layer, then the driver its engine loads at start-up.
LAMBDA = {
    "modules": ("flask", "apig_wsgi"),
    "handler_source": """
from apig_wsgi import make_lambda_handler
from flask import Flask

app = Flask(__name__)

@app.get("/health")
def health():
    return {"status": "ok"}

handler = make_lambda_handler(app)
""",
    "layers": (
        ("settings (pydantic-settings, with pydantic's models)", "import pydantic_settings"),
        ("OpenAPI (APIFlask: marshmallow, apispec, webargs)", "import apiflask"),
        ("metrics (prometheus-client)", "import prometheus_client"),
        ("password hashing and JWT (pwdlib, argon2, PyJWT)", "import pwdlib, jwt"),
        ("ORM (SQLAlchemy)", "import sqlalchemy.orm"),
    ),
    "started_layer": (
        "driver at engine creation (psycopg, its dialect)",
        "import sqlalchemy.dialects.postgresql.psycopg, psycopg",
    ),
}


@cache
def session_factory() -> sessionmaker[Session]:
    url = make_url(os.environ["DATABASE_URL"])
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return sessionmaker(create_engine(url), expire_on_commit=False)


app = Flask(__name__)


@app.teardown_appcontext
def close_session(_error: BaseException | None) -> None:
    session = g.pop("session", None)
    if session is not None:
        session.close()


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/v1/items")
def list_items() -> dict | tuple[dict, int]:
    try:
        page = Pagination.model_validate(request.args.to_dict())
    except ValidationError as error:
        return {"errors": error.errors(include_url=False)}, 422
    g.session = session = session_factory()()
    session.get(User, BENCH_USER_ID)
    count = select(func.count()).select_from(Item)
    statement = select(Item, count.scalar_subquery()).order_by(Item.id)
    rows = session.execute(statement.limit(page.limit).offset(page.offset)).all()
    total = rows[0][1] if rows else session.scalar(count)
    return {
        "items": [ItemRead.model_validate(item).model_dump(mode="json") for item, _ in rows],
        "total": total or 0,
        "limit": page.limit,
        "offset": page.offset,
    }


@app.post("/items")
def create_item() -> tuple[dict, int]:
    try:
        item = ItemIn.model_validate(request.get_json())
    except ValidationError as error:
        return {"errors": error.errors(include_url=False)}, 422
    return {"id": 1, **item.model_dump()}, 201
