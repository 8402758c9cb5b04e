"""The baseline for benchmarks/bench.py: the smallest idiomatic Starlette app that answers
the same two requests as a generated service, with nothing of the template around it.

No middleware, no authentication, no logging per request. It serves with the same uvicorn
settings as the generated service (uvloop, httptools, one worker, no access log, no
``Server`` header) and asks the database what the generated service asks, with SQLAlchemy 2
async: the caller's user, then the page of items with their total. ``POST /items``
validates a body with pydantic and touches no database, for servers.py. The difference
between the two is what the template adds.

Run it with the generated project's interpreter, so both use the same library versions:
``DATABASE_URL=postgresql://… PORT=8001 <project>/.venv/bin/python bare_starlette.py``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bodies import ItemIn, ItemPage, ItemRead, Pagination
from pydantic import ValidationError
from serving import serve
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from tables_sqlalchemy import BENCH_USER_ID, Item, User, async_url

# What the benchmark scripts know of this file, as plain literals they read without
# importing it (benchmarks/registry.py).
# bench.py runs this file, which serves itself with the generated service's uvicorn
# settings; the generated service must keep 0.85 of its throughput.
BASELINE = {"serves_itself_with": "uvicorn", "target_ratio": 0.85}
# servers.py: the same app under each ASGI server (its handlers are coroutines).
SERVER_CANDIDATES = {
    "asgi_app": "app",
    "asgi_servers": (
        {"server": "uvicorn", "async_views": True},
        {"server": "granian", "async_views": True},
    ),
}
# cold_import.py: bare Starlette behind Mangum, and what the generated handler's import adds
# to it, layer by layer, then the driver its engine loads at start-up.
LAMBDA = {
    "modules": ("starlette", "mangum"),
    "handler_source": """
from mangum import Mangum
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def health(request):
    return JSONResponse({"status": "ok"})

app = Starlette(routes=[Route("/health", health)])
handler = Mangum(app, lifespan="off")
""",
    "layers": (
        ("settings (pydantic-settings)", "import pydantic_settings"),
        ("metrics (prometheus-client)", "import prometheus_client"),
        ("password hashing and JWT (pwdlib, argon2, PyJWT)", "import pwdlib, jwt"),
        ("ORM (SQLAlchemy with asyncio)", "import sqlalchemy.orm, sqlalchemy.ext.asyncio"),
    ),
    "started_layer": (
        "driver at engine creation (asyncpg, its dialect)",
        "import sqlalchemy.dialects.postgresql.asyncpg, asyncpg",
    ),
}


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    # SQLAlchemy's default pool (5 + 10 overflow), as a Starlette tutorial would set it up.
    engine = create_async_engine(async_url(os.environ["DATABASE_URL"]))
    app.state.session_factory = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def list_items(request: Request) -> Response:
    try:
        page = Pagination.model_validate(request.query_params)
    except ValidationError as error:
        return JSONResponse({"errors": error.errors(include_url=False)}, status_code=422)
    async with request.app.state.session_factory() as session:
        await session.get(User, BENCH_USER_ID)
        count = select(func.count()).select_from(Item)
        statement = select(Item, count.scalar_subquery()).order_by(Item.id)
        rows = (await session.execute(statement.limit(page.limit).offset(page.offset))).all()
        total = rows[0][1] if rows else await session.scalar(count)
    body = ItemPage(
        items=[ItemRead.model_validate(item) for item, _ in rows],
        total=total or 0,
        limit=page.limit,
        offset=page.offset,
    )
    return Response(body.model_dump_json(), media_type="application/json")


async def create_item(request: Request) -> JSONResponse:
    try:
        item = ItemIn.model_validate_json(await request.body())
    except ValidationError as error:
        return JSONResponse({"errors": error.errors(include_url=False)}, status_code=422)
    return JSONResponse({"id": 1, **item.model_dump()}, status_code=201)


app = Starlette(
    routes=[
        Route("/health", health, methods=["GET"]),
        Route("/api/v1/items", list_items, methods=["GET"]),
        Route("/items", create_item, methods=["POST"]),
    ],
    lifespan=lifespan,
)


if __name__ == "__main__":
    serve(app)
