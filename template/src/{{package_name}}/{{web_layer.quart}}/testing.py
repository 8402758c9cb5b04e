"""The app in process, as the generated tests drive it: Quart's test app runs its start-up
and shut-down, and an httpx client speaks to its ASGI interface with no server or socket
in between."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from httpx import ASGITransport, AsyncClient
from quart import Quart

from ..settings import Settings
from .app import create_app

App = Quart


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[Quart]:
    app = create_app(settings)
    async with app.test_app():
        yield app


def open_client(app: Quart) -> AsyncClient:
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver")
