"""Liveness and readiness probes."""

from __future__ import annotations

from pydantic import BaseModel
from quart import Blueprint
from quart_schema import tag_blueprint, validate_response

from ...database import database_is_reachable
from ..context import get_engine

bp = Blueprint("operations", __name__)
tag_blueprint(bp, ["operations"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    checks: dict[str, str]


# Answered as models rather than dicts: quart-schema converts a dict through a pydantic
# TypeAdapter built for every answer, which would cost the most-called route more than
# the rest of its work.
HEALTHY = Health(status="ok")
READY = Readiness(status="ok", checks={"database": "ok"})
NOT_READY = Readiness(status="unavailable", checks={"database": "unavailable"})


@bp.get("/health")
@validate_response(Health)
async def health() -> Health:
    """Liveness: the process answers. Touches no dependency."""
    return HEALTHY


@bp.get("/ready")
@validate_response(Readiness)
@validate_response(Readiness, 503)
async def ready() -> tuple[Readiness, int]:
    """Readiness: the database answers."""
    if await database_is_reachable(get_engine()):
        return READY, 200
    return NOT_READY, 503
