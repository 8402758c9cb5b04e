"""Every error becomes an RFC 9457 problem+json answer: Falcon's own (no route, wrong
method, a body it cannot parse), an invalid request, the service's domain errors and the
database's absence. An unhandled exception goes to Falcon's default handler, which logs it
and answers with an HTTPInternalServerError, serialized here like any other."""

from __future__ import annotations

import logging
from typing import Any

import falcon
import orjson
from falcon.asgi import App, Request, Response
from pydantic import BaseModel, ValidationError

from ..database import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, DomainError, field_errors, problem
from ..request_policy import REPLACED_DETAIL, UNHANDLED_DETAIL

logger = logging.getLogger(__name__)

# Falcon's errors for a request no responder took carry no description.
DEFAULT_DETAILS = {
    404: "No resource exists at this path.",
    405: "The resource does not allow this method.",
    500: UNHANDLED_DETAIL,
}
INVALID_DETAIL = "The request has invalid fields."


class FieldError(BaseModel):
    field: str
    message: str


class ValidationProblem(BaseModel):
    """The 422 answer: a problem document naming each offending field."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError]


class InvalidRequest(Exception):
    def __init__(self, error: ValidationError) -> None:
        super().__init__(INVALID_DETAIL)
        self.errors = field_errors(error.errors())


def reject_invalid_request(
    req: Request, resp: Response, error: Exception | None, instance: object, adapter: Any
) -> None:
    """spectree's hook between validating a request and calling the responder: an invalid
    request goes to the error handler below instead of spectree's own answer."""
    if isinstance(error, ValidationError):
        raise InvalidRequest(error)


def answer(
    resp: Response, status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> None:
    resp.status = status
    resp.content_type = PROBLEM_CONTENT_TYPE
    resp.data = orjson.dumps(problem(status, detail, **extra))
    if headers:
        resp.set_headers(headers)


def serialize_http_error(req: Request, resp: Response, error: falcon.HTTPError) -> None:
    """Falcon's error serializer: called for every HTTPError, whatever the client accepts,
    once Falcon has set the status and the error's headers (Allow, WWW-Authenticate)."""
    status = error.status_code
    detail = error.description or DEFAULT_DETAILS.get(status, REPLACED_DETAIL)
    answer(resp, status, detail)


async def invalid_request(
    req: Request, resp: Response, error: InvalidRequest, params: dict[str, Any]
) -> None:
    answer(resp, 422, INVALID_DETAIL, errors=error.errors)


async def domain_error(
    req: Request, resp: Response, error: DomainError, params: dict[str, Any]
) -> None:
    answer(resp, error.status, error.detail, error.headers)


async def database_unavailable(
    req: Request, resp: Response, error: Exception, params: dict[str, Any]
) -> None:
    logger.warning("Database unavailable: %s", type(error).__name__)
    answer(resp, 503, "The database is unavailable; try again shortly.", {"Retry-After": "5"})


def register_problem_handlers(app: App) -> None:
    app.set_error_serializer(serialize_http_error)
    app.add_error_handler(InvalidRequest, invalid_request)
    app.add_error_handler(DomainError, domain_error)
    app.add_error_handler(DATABASE_UNAVAILABLE_ERRORS, database_unavailable)
