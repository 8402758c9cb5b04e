"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

from litestar import Response, get
from litestar.datastructures import State
from litestar.openapi.datastructures import ResponseSpec

from ...database import database_is_reachable


@get("/health", tags=["operations"], sync_to_thread=False)
def health() -> dict[str, str]:
    """Liveness: the process answers. Touches no dependency."""
    return {"status": "ok"}


@get(
    "/ready",
    tags=["operations"],
    responses={503: ResponseSpec(None, description="The database cannot be reached.")},
)
async def ready(state: State) -> Response[dict[str, Any]]:
    """Readiness: the database answers."""
    if await database_is_reachable(state.engine):
        return Response({"status": "ok", "checks": {"database": "ok"}})
    return Response(
        {"status": "unavailable", "checks": {"database": "unavailable"}}, status_code=503
    )
