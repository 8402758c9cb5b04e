"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ...database import database_is_reachable

router = APIRouter(tags=["operations"])


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness: the process answers. Touches no dependency."""
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "The database cannot be reached."}})
async def ready(request: Request) -> JSONResponse:
    """Readiness: the database answers."""
    if await database_is_reachable(request.app.state.engine):
        return JSONResponse({"status": "ok", "checks": {"database": "ok"}})
    return JSONResponse(
        {"status": "unavailable", "checks": {"database": "unavailable"}}, status_code=503
    )
