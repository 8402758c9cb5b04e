"""The baseline for Falcon: the smallest idiomatic Falcon ASGI app that answers the same
requests as a generated service, with nothing of the template around it: no extension, no
ASGI middleware, no authentication, no logging per request.

``GET /api/v1/items`` asks the database what the generated service asks (the caller's
user, then the page of items with their total), in the tables its migrations created, with
SQLAlchemy 2 async under its default pool, the engine created by a middleware component at
start-up, as Falcon's own SQLAlchemy recipe sets it up; ``POST /items`` validates a body
with pydantic and touches no database. It serves with the same uvicorn settings as the
generated service (uvloop, httptools, one worker, no access log, no ``Server`` header).

Run it with a generated Falcon project's interpreter, so both use the same library versions:
``DATABASE_URL=postgresql://… PORT=8001 <project>/.venv/bin/python bare_falcon.py``, or
under another ASGI server: ``cd benchmarks && <project>/.venv/bin/uvicorn bare_falcon:app``.
"""

from __future__ import annotations

import os
from typing import Any

import falcon
import orjson
from bodies import ItemIn, ItemPage, ItemRead, Pagination
from falcon import media
from falcon.asgi import App, Request, Response
from pydantic import ValidationError
from serving import serve
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from tables_sqlalchemy import BENCH_USER_ID, Item, User, async_url

# What the benchmark scripts know of this file, as plain literals they read without
# importing it (benchmarks/registry.py).
# bench.py runs this file, which serves itself with the generated service's uvicorn
# settings; the generated service must keep 0.85 of its throughput.
BASELINE = {"serves_itself_with": "uvicorn", "target_ratio": 0.85}
# servers.py serves `app` under these ASGI servers (its responders are coroutines either way).
SERVER_CANDIDATES = {
    "asgi_app": "app",
    "asgi_servers": (
        {"server": "uvicorn", "async_views": True},
        {"server": "granian", "async_views": True},
    ),
}
# cold_import.py: bare Falcon behind Mangum, and what the generated handler's import adds
# to it, layer by layer, then the driver its engine loads at start-up.
LAMBDA = {
    "modules": ("falcon", "mangum"),
    "handler_source": """
import falcon.asgi
from mangum import Mangum

class Health:
    async def on_get(self, req, resp):
        resp.media = {"status": "ok"}

app = falcon.asgi.App()
app.add_route("/health", Health())
handler = Mangum(app, lifespan="off")
""",
    "layers": (
        ("settings (pydantic-settings)", "import pydantic_settings"),
        ("validation and OpenAPI (spectree)", "import spectree, spectree.plugins.falcon_plugin"),
        ("metrics (prometheus-client)", "import prometheus_client"),
        ("password hashing and JWT (pwdlib, argon2, PyJWT)", "import pwdlib, jwt"),
        ("ORM (SQLAlchemy with asyncio)", "import sqlalchemy.orm, sqlalchemy.ext.asyncio"),
    ),
    "started_layer": (
        "driver at engine creation (asyncpg, its dialect)",
        "import sqlalchemy.dialects.postgresql.asyncpg, asyncpg",
    ),
}


class Database:
    """Creates the engine at start-up; one session per request that asks for it."""

    async def process_startup(self, scope: dict[str, Any], event: dict[str, Any]) -> None:
        self.engine = create_async_engine(async_url(os.environ["DATABASE_URL"]))
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    async def process_shutdown(self, scope: dict[str, Any], event: dict[str, Any]) -> None:
        await self.engine.dispose()


class Health:
    async def on_get(self, req: Request, resp: Response) -> None:
        resp.media = {"status": "ok"}


class Items:
    def __init__(self, database: Database) -> None:
        self.database = database

    async def on_get(self, req: Request, resp: Response) -> None:
        try:
            page = Pagination.model_validate(req.params)
        except ValidationError as error:
            raise falcon.HTTPUnprocessableEntity(description=str(error)) from None
        async with self.database.sessions() as session:
            await session.get(User, BENCH_USER_ID)
            count = select(func.count()).select_from(Item)
            statement = select(Item, count.scalar_subquery()).order_by(Item.id)
            rows = (await session.execute(statement.limit(page.limit).offset(page.offset))).all()
            total = rows[0][1] if rows else await session.scalar(count)
        resp.text = ItemPage(
            items=[ItemRead.model_validate(item) for item, _ in rows],
            total=total or 0,
            limit=page.limit,
            offset=page.offset,
        ).model_dump_json()


class NewItems:
    async def on_post(self, req: Request, resp: Response) -> None:
        try:
            item = ItemIn.model_validate(await req.get_media())
        except ValidationError as error:
            raise falcon.HTTPUnprocessableEntity(description=str(error)) from None
        resp.status = falcon.HTTP_201
        resp.media = {"id": 1, **item.model_dump()}


json_handler = media.JSONHandler(dumps=orjson.dumps, loads=orjson.loads)
database = Database()
app = App(middleware=[database])
app.req_options.media_handlers[falcon.MEDIA_JSON] = json_handler
app.resp_options.media_handlers[falcon.MEDIA_JSON] = json_handler
app.add_route("/health", Health())
app.add_route("/api/v1/items", Items(database))
app.add_route("/items", NewItems())


if __name__ == "__main__":
    serve(app)
