"""The baseline for benchmarks/bench.py: the smallest idiomatic FastAPI app that answers
the same two requests as a generated service, with nothing of the template around it.

No middleware, no authentication, no logging per request. It serves with the same uvicorn
settings as the generated service (uvloop, httptools, one worker, no access log, no
``Server`` header) and asks the database what the generated service asks, with SQLAlchemy 2
async: the caller's user, then the page of items with their total. The difference between
the two is what the template adds.

Run it with the generated project's interpreter, so both use the same library versions:
``DATABASE_URL=postgresql://… PORT=8001 <project>/.venv/bin/python bare_fastapi.py``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from bodies import ItemPage, ItemRead
from fastapi import Depends, FastAPI, Query, Request
from serving import serve
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from tables_sqlalchemy import BENCH_USER_ID, Item, User, async_url

# What the benchmark scripts know of this file, as plain literals they read without
# importing it (benchmarks/registry.py).
# bench.py runs this file, which serves itself with the generated service's uvicorn
# settings; the generated service must keep 0.85 of its throughput.
BASELINE = {"serves_itself_with": "uvicorn", "target_ratio": 0.85}
# cold_import.py: bare FastAPI behind Mangum, and what the generated handler's import adds
# to it, layer by layer, then the driver its engine loads at start-up.
LAMBDA = {
    "modules": ("fastapi", "mangum"),
    "handler_source": """
from fastapi import FastAPI
from mangum import Mangum

app = FastAPI()

@app.get("/health")
async def health():
    return {"status": "ok"}

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
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # SQLAlchemy's default pool (5 + 10 overflow), as a FastAPI tutorial would set it up.
    engine = create_async_engine(async_url(os.environ["DATABASE_URL"]))
    app.state.session_factory = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


app = FastAPI(lifespan=lifespan)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.session_factory() as session:
        yield session


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/v1/items")
async def list_items(
    session: Annotated[AsyncSession, Depends(get_session)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
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


if __name__ == "__main__":
    serve(app)
