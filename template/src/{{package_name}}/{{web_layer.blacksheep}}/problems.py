"""Every error BlackSheep or the service raises becomes an RFC 9457 problem+json answer."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus

import orjson
from blacksheep import Application, Content, Request, Response
from blacksheep.exceptions import HTTPException
from pydantic import ValidationError

from ..database import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, DomainError, field_errors, problem
from ..request_policy import REPLACED_DETAIL, unhandled_error

logger = logging.getLogger(__name__)

PROBLEM = PROBLEM_CONTENT_TYPE.encode()
# The pattern of a route for every path, as BlackSheep writes it.
CATCH_ALL = b"/*"


def problem_response(
    status: int, detail: str, headers: Mapping[str, str] | None = None, **extra: object
) -> Response:
    raw_headers = [(name.encode(), value.encode()) for name, value in (headers or {}).items()]
    body = orjson.dumps(problem(status, detail, **extra))
    return Response(status, raw_headers, Content(PROBLEM, body))


def use_problem_details(app: Application) -> None:
    router = app.router

    def has_route(method: bytes, path: str) -> bool:
        # A route for every path (CORS's preflight answer) says nothing of this one.
        route = router.get_matching_route(method, path)
        return route is not None and route.pattern != CATCH_ALL

    async def unmatched(request: Request) -> Response:
        """The fallback route: 405 where another method has the path, else 404."""
        allowed = sorted(
            method.decode() for method in router.routes if has_route(method, request.path)
        )
        if allowed:
            detail = f"{request.method} is not allowed here."
            return problem_response(405, detail, {"Allow": ", ".join(allowed)})
        return problem_response(404, "The requested resource does not exist.")

    router.fallback = unmatched
    # BlackSheep answers a pydantic ValidationError with a 400 wherever it comes from. Its
    # binders raise BadRequest from the ones the client causes, so one that escapes a
    # handler is a bug: a 500, as any other.
    del app.exceptions_handlers[ValidationError]

    async def http_error(app: Application, request: Request, error: HTTPException) -> Response:
        # Binding a body, a form or a query to a pydantic model raises BadRequest from the
        # model's ValidationError.
        if isinstance(error.__cause__, ValidationError):
            errors = field_errors(error.__cause__.errors())
            return problem_response(422, "The request has invalid fields.", errors=errors)
        return problem_response(error.status, str(error) or REPLACED_DETAIL)

    # BlackSheep finds the handler of its own HTTP errors by their status code.
    for status in HTTPStatus:
        if HTTPStatus.BAD_REQUEST <= status < HTTPStatus.INTERNAL_SERVER_ERROR:
            app.exceptions_handlers[status] = http_error

    @app.exception_handler(DomainError)
    async def domain_error(app: Application, request: Request, error: DomainError) -> Response:
        return problem_response(error.status, error.detail, error.headers)

    async def database_unavailable(
        app: Application, request: Request, error: Exception
    ) -> Response:
        logger.warning("Database unavailable: %s", type(error).__name__)
        return problem_response(
            503, "The database is unavailable; try again shortly.", {"Retry-After": "5"}
        )

    for error_type in DATABASE_UNAVAILABLE_ERRORS:
        app.exceptions_handlers[error_type] = database_unavailable

    @app.exception_handler(Exception)
    async def unexpected_error(app: Application, request: Request, error: Exception) -> Response:
        # Logged with its traceback and answered as the shared policy does when an error
        # escapes an app; BlackSheep, finding a handler, logs it only at INFO.
        answer = unhandled_error(request.method, request.path)
        return Response(answer.status, None, Content(PROBLEM, answer.body))
