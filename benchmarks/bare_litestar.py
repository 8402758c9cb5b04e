"""The baseline for benchmarks/bench.py: the smallest idiomatic Litestar app that answers
the same two requests as a generated service, with nothing of the template around it.

No middleware, no authentication, no logging per request. It serves with the same uvicorn
settings as the generated service (uvloop, httptools, one worker, no access log, no
``Server`` header) and asks the database what the generated service asks, with SQLAlchemy 2
async through a session dependency: the caller's user, then the page of items with their
total. The difference between the two is what the template adds. ``POST /items`` validates
a body with pydantic and touches no database; without ``DATABASE_URL`` (servers.py) only
it and ``/health`` are served.

Run it with the generated project's interpreter, so both use the same library versions:
``DATABASE_URL=postgresql://… PORT=8001 <project>/.venv/bin/python bare_litestar.py``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from bodies import ItemCreated, ItemIn, ItemPage, ItemRead
from litestar import Litestar, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, QueryParameter
from serving import serve
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from tables_sqlalchemy import BENCH_USER_ID, Item, User, async_url

# What the benchmark scripts know of this file, as plain literals they read without
# importing it (benchmarks/registry.py).
# bench.py runs this file, which serves itself with the generated service's uvicorn
# settings; the generated service must keep 0.85 of its throughput.
BASELINE = {"serves_itself_with": "uvicorn", "target_ratio": 0.85}
# servers.py: the app under uvicorn, the generated service's server (its handlers are
# coroutines, so there are no sync views to try).
SERVER_CANDIDATES = {
    "asgi_app": "app",
    "asgi_servers": ({"server": "uvicorn", "async_views": True},),
}
# cold_import.py: bare Litestar behind Mangum, and what the generated handler's import adds
# to it, layer by layer, then the driver its engine loads at start-up.
LAMBDA = {
    "modules": ("litestar", "mangum"),
    "handler_source": """
from litestar import Litestar, get
from mangum import Mangum

@get("/health", sync_to_thread=False)
def health() -> dict[str, str]:
    return {"status": "ok"}

app = Litestar([health])
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
async def database(app: Litestar) -> AsyncIterator[None]:
    url = os.environ.get("DATABASE_URL")
    if url is None:
        yield
        return
    # SQLAlchemy's default pool (5 + 10 overflow), as a Litestar tutorial would set it up.
    engine = create_async_engine(async_url(url))
    app.state.session_factory = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


async def provide_session(state: State) -> AsyncIterator[AsyncSession]:
    async with state.session_factory() as session:
        yield session


@get("/health", sync_to_thread=False)
def health() -> dict[str, str]:
    return {"status": "ok"}


@get("/api/v1/items")
async def list_items(
    session: NamedDependency[AsyncSession],
    limit: Annotated[int, QueryParameter(ge=1, le=100)] = 20,
    offset: Annotated[int, QueryParameter(ge=0)] = 0,
) -> ItemPage:
    await session.get(User, BENCH_USER_ID)
    count = select(func.count()).select_from(Item)
    page = select(Item, count.scalar_subquery()).order_by(Item.id).limit(limit).offset(offset)
    rows = (await session.execute(page)).all()
    total = rows[0][1] if rows else await session.scalar(count)
    return ItemPage(
        items=[ItemRead.model_validate(item) for item, _ in rows],
        total=total or 0,
        limit=limit,
        offset=offset,
    )


@post("/items", sync_to_thread=False)
def create_item(data: JSONBody[ItemIn]) -> ItemCreated:
    return ItemCreated(id=1, **data.model_dump())


app = Litestar(
    [health, list_items, create_item],
    dependencies={"session": Provide(provide_session)},
    lifespan=[database],
)


if __name__ == "__main__":
    serve(app)
