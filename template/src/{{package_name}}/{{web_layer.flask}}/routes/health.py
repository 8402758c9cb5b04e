"""Liveness and readiness probes."""

from __future__ import annotations

from apiflask import APIBlueprint

from ...database import database_is_reachable
from ..context import get_engine

bp = APIBlueprint("operations", __name__, tag="operations")


@bp.get("/health")
def health() -> dict[str, str]:
    """Liveness: the process answers. Touches no dependency."""
    return {"status": "ok"}


@bp.get("/ready")
@bp.doc(responses={200: "The database answers.", 503: "The database cannot be reached."})
def ready() -> tuple[dict[str, object], int]:
    """Readiness: the database answers."""
    if database_is_reachable(get_engine()):
        return {"status": "ok", "checks": {"database": "ok"}}, 200
    return {"status": "unavailable", "checks": {"database": "unavailable"}}, 503
