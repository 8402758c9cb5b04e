"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from ...database import database_is_reachable


async def health() -> dict[str, str]:
    """Liveness: the process answers. Touches no dependency."""
    return {"status": "ok"}


async def ready(request: Request) -> JSONResponse:
    """Readiness: the database answers."""
    if await database_is_reachable(request.app.state.engine):
        return JSONResponse({"status": "ok", "checks": {"database": "ok"}})
    return JSONResponse(
        {"status": "unavailable", "checks": {"database": "unavailable"}}, status_code=503
    )


def register(app: FastAPI) -> None:
    # On the app itself rather than through an APIRouter: FastAPI keeps an included
    # router as one more route to match through, and the probes are the most-called routes.
    app.add_api_route("/health", health, methods=["GET"], tags=["operations"])
    app.add_api_route(
        "/ready",
        ready,
        methods=["GET"],
        tags=["operations"],
        responses={503: {"description": "The database cannot be reached."}},
    )
