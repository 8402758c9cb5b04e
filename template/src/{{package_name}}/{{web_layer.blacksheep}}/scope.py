"""One dependency-injection scope per request, shared by the authentication handler and
the controller: both get the same database session, opened on first use and closed once
the answer is ready."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from blacksheep import Request, Response
from rodi import Container
from sqlalchemy.ext.asyncio import AsyncSession

Handler = Callable[[Request], Awaitable[Response]]


class RequestScope:
    """BlackSheep middleware: the request's scope, where BlackSheep's binders and
    guardpost's strategies look for it (`request._di_scope`)."""

    def __init__(self, services: Container) -> None:
        self.services = services

    async def __call__(self, request: Request, handler: Handler) -> Response:
        with self.services.provider.create_scope() as scope:
            request._di_scope = scope
            try:
                return await handler(request)
            finally:
                session = scope.scoped_services.get(AsyncSession)
                if session is not None:
                    await session.close()
