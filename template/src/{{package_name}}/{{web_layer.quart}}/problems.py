"""Every error Quart, quart-schema or the service raises becomes an RFC 9457 problem+json
answer."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import orjson
from pydantic import ValidationError
from quart import Quart, Response
from quart_schema import RequestSchemaValidationError
from werkzeug.exceptions import HTTPException

from ..database import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, DomainError, field_errors, problem

logger = logging.getLogger(__name__)


def problem_response(
    status: int,
    detail: str,
    headers: Iterable[tuple[str, str]] | dict[str, str] | None = None,
    **extra: object,
) -> Response:
    body = orjson.dumps(problem(status, detail, **extra))
    return Response(body, status, headers, content_type=PROBLEM_CONTENT_TYPE)


def register_problem_handlers(app: Quart) -> None:
    # quart-schema raises it for a body or query string its model refuses; it is a 400
    # to Quart, a 422 with the offending fields to the contract.
    @app.errorhandler(RequestSchemaValidationError)
    async def validation_error(error: RequestSchemaValidationError) -> Response:
        cause = error.validation_error
        if isinstance(cause, ValidationError):
            errors = field_errors(cause.errors())
        else:
            errors = [{"field": "body", "message": str(cause)}]
        return problem_response(422, "The request has invalid fields.", errors=errors)

    # Quart's own errors (unknown route, wrong method, malformed JSON, the 500 of an
    # unhandled exception) keep werkzeug's description as the problem's detail.
    @app.errorhandler(HTTPException)
    async def http_error(error: HTTPException) -> Response:
        headers = [(key, value) for key, value in error.get_headers() if key != "Content-Type"]
        return problem_response(error.code or 500, error.description or "", headers)

    @app.errorhandler(DomainError)
    async def domain_error(error: DomainError) -> Response:
        return problem_response(error.status, error.detail, error.headers)

    async def database_unavailable(error: Exception) -> Response:
        logger.warning("Database unavailable: %s", type(error).__name__)
        return problem_response(
            503, "The database is unavailable; try again shortly.", {"Retry-After": "5"}
        )

    for error_type in DATABASE_UNAVAILABLE_ERRORS:
        app.register_error_handler(error_type, database_unavailable)
