"""One database session per API request, as `request.state.session`."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send


class DatabaseSession:
    """Opens the request's session around the API routes, so that the authentication
    backend and the endpoint share it (one pooled connection per request), and closes it
    once the answer is sent. A session takes a connection only when first used."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async with scope["app"].state.session_factory() as session:
            scope.setdefault("state", {})["session"] = session
            await self.app(scope, receive, send)
