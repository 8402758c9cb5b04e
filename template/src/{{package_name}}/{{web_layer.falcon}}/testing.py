"""The app in process, as the generated tests drive it: its lifespan runs, and an httpx
client speaks to its ASGI interface with no server or socket in between."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient

from ..middleware import ASGIApp, Receive, Scope, Send, ServiceMiddleware
from ..settings import Settings
from .app import create_app

App = ServiceMiddleware


@asynccontextmanager
async def running_app(settings: Settings) -> AsyncIterator[App]:
    app = create_app(settings)
    async with LifespanManager(asgi_3(app)):
        yield app


def asgi_3(app: ASGIApp) -> ASGIApp:
    """asgi-lifespan's scope names no ASGI version, which the specification reads as 2.0,
    and Falcon refuses to start under 2.0; servers (uvicorn, Mangum) send 3.0."""

    async def app_3(scope: Scope, receive: Receive, send: Send) -> None:
        scope.setdefault("asgi", {"version": "3.0"})
        await app(scope, receive, send)

    return app_3


def open_client(app: App) -> AsyncClient:
    return AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver")
