"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Literal

import falcon
from falcon.asgi import App, Request, Response
from pydantic import BaseModel
from spectree import Response as Answers

from ...database import database_is_reachable
from ..openapi import spec
from ..sessions import Database

# The probes are the most-called routes: their answers are encoded once.
HEALTHY = b'{"status":"ok"}'
READY = b'{"status":"ok","checks":{"database":"ok"}}'
UNAVAILABLE = b'{"status":"unavailable","checks":{"database":"unavailable"}}'


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ok", "unavailable"]
    checks: dict[str, Literal["ok", "unavailable"]]


class HealthResource:
    @spec.validate(resp=Answers(HTTP_200=Health), tags=["operations"])
    async def on_get(self, req: Request, resp: Response) -> None:
        """Liveness: the process answers. Touches no dependency."""
        resp.data = HEALTHY


class ReadyResource:
    def __init__(self, database: Database) -> None:
        self.database = database

    @spec.validate(
        resp=Answers(HTTP_200=Readiness, HTTP_503=(Readiness, "The database cannot be reached.")),
        tags=["operations"],
    )
    async def on_get(self, req: Request, resp: Response) -> None:
        """Readiness: the database answers."""
        if await database_is_reachable(self.database.engine):
            resp.data = READY
        else:
            resp.status = falcon.HTTP_503
            resp.data = UNAVAILABLE


def add_routes(app: App, database: Database) -> None:
    app.add_route("/health", HealthResource())
    app.add_route("/ready", ReadyResource(database))
