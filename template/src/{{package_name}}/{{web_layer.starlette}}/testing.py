"""The app in process, as the generated tests drive it: its lifespan runs, and an httpx
client speaks to its ASGI interface with no server or socket in between."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient
from starlette.applications import Starlette

from ..settings import Settings
from .app import create_app

App = Starlette


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[Starlette]:
    app = create_app(settings)
    async with LifespanManager(app):
        yield app


def open_client(app: Starlette) -> AsyncClient:
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver")
