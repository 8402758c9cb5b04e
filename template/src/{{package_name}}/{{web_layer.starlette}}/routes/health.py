"""Liveness and readiness probes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from ...database import database_is_reachable


async def health(request: Request) -> JSONResponse:
    """Liveness: the process answers. Touches no dependency."""
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    """Readiness: the database answers."""
    if await database_is_reachable(request.app.state.engine):
        return JSONResponse({"status": "ok", "checks": {"database": "ok"}})
    return JSONResponse(
        {"status": "unavailable", "checks": {"database": "unavailable"}}, status_code=503
    )


routes = [
    Route("/health", health, methods=["GET"]),
    Route("/ready", ready, methods=["GET"]),
]
