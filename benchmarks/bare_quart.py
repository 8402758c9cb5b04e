"""The baseline for Quart: the smallest idiomatic Quart app that answers the same requests
as a generated service, with nothing of the template around it: no extension, no
middleware, no authentication, no logging per request.

It serves with the same uvicorn settings as the generated service (uvloop, httptools, one
worker, no access log, no ``Server`` header). ``GET /api/v1/items`` asks the database what
the generated service asks (the caller's user, then the page of items with their total),
in the tables its migrations created, with SQLAlchemy 2 async under its default pool, as a
Quart tutorial would set it up; ``POST /items`` validates a body with pydantic and touches
no database. The difference between the two is what the template adds.

Run it with a generated Quart project's interpreter, so both use the same library versions:
``DATABASE_URL=postgresql://… PORT=8001 <project>/.venv/bin/python bare_quart.py``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

from bodies import ItemIn, ItemRead, Pagination
from pydantic import ValidationError
from quart import Quart, g, request
from serving import serve
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from tables_sqlalchemy import BENCH_USER_ID, Item, User, async_url

# What the benchmark scripts know of this file, as plain literals they read without
# importing it (benchmarks/registry.py).
# bench.py runs this file, which serves itself with the generated service's uvicorn
# settings; the generated service must keep 0.85 of its throughput.
BASELINE = {"serves_itself_with": "uvicorn", "target_ratio": 0.85}
# servers.py serves `app` under these ASGI servers; Quart's views are coroutines.
SERVER_CANDIDATES = {
    "asgi_app": "app",
    "asgi_servers": (
        {"server": "uvicorn", "async_views": True},
        {"server": "granian", "async_views": True},
    ),
}
# cold_import.py: bare Quart behind Mangum, and what the generated handler's import adds
# to it, layer by layer, then the driver its engine loads at start-up.
LAMBDA = {
    "modules": ("quart", "mangum"),
    "handler_source": """
from mangum import Mangum
from quart import Quart

app = Quart(__name__)

@app.get("/health")
async def health():
    return {"status": "ok"}

handler = Mangum(app, lifespan="off")
""",
    "layers": (
        ("settings (pydantic-settings, with pydantic's models)", "import pydantic_settings"),
        ("validation and OpenAPI (quart-schema)", "import quart_schema"),
        ("metrics (prometheus-client)", "import prometheus_client"),
        ("password hashing and JWT (pwdlib, argon2, PyJWT)", "import pwdlib, jwt"),
        ("ORM (SQLAlchemy with asyncio)", "import sqlalchemy.orm, sqlalchemy.ext.asyncio"),
    ),
    "started_layer": (
        "driver at engine creation (asyncpg, its dialect)",
        "import sqlalchemy.dialects.postgresql.asyncpg, asyncpg",
    ),
}


app = Quart(__name__)


@app.while_serving
async def database() -> AsyncIterator[None]:
    # Only /health and POST /items are served without a database (servers.py).
    url = os.environ.get("DATABASE_URL")
    engine = create_async_engine(async_url(url)) if url else None
    if engine is not None:
        app.extensions["session_factory"] = async_sessionmaker(engine, expire_on_commit=False)
    yield
    if engine is not None:
        await engine.dispose()


@app.teardown_appcontext
async def close_session(_error: BaseException | None) -> None:
    session = g.pop("session", None)
    if session is not None:
        await session.close()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/v1/items")
async def list_items() -> dict | tuple[dict, int]:
    try:
        page = Pagination.model_validate(request.args.to_dict())
    except ValidationError as error:
        return {"errors": error.errors(include_url=False)}, 422
    g.session = session = app.extensions["session_factory"]()
    await session.get(User, BENCH_USER_ID)
    count = select(func.count()).select_from(Item)
    statement = select(Item, count.scalar_subquery()).order_by(Item.id)
    rows = (await session.execute(statement.limit(page.limit).offset(page.offset))).all()
    total = rows[0][1] if rows else await session.scalar(count)
    return {
        "items": [ItemRead.model_validate(item).model_dump(mode="json") for item, _ in rows],
        "total": total or 0,
        "limit": page.limit,
        "offset": page.offset,
    }


@app.post("/items")
async def create_item() -> tuple[dict, int]:
    try:
        item = ItemIn.model_validate(await request.get_json())
    except ValidationError as error:
        return {"errors": error.errors(include_url=False)}, 422
    return {"id": 1, **item.model_dump()}, 201


if __name__ == "__main__":
    serve(app)
