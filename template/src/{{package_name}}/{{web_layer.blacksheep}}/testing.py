"""The app in process, as the generated tests drive it: its lifespan runs, and an httpx
client speaks to its ASGI interface with no server or socket in between."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient

from ..middleware import ASGIApp
from ..settings import Settings
from .app import create_app

App = ASGIApp


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[ASGIApp]:
    app = create_app(settings)
    async with LifespanManager(app):
        yield app


def open_client(app: ASGIApp) -> AsyncClient:
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver")
