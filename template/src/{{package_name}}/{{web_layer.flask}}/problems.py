"""Every error Flask, APIFlask or the service raises becomes an RFC 9457 problem+json
answer."""

from __future__ import annotations

import logging
from collections.abc import Iterable

import orjson
from apiflask import APIFlask, HTTPError
from flask import Response
from pydantic import ValidationError
from werkzeug.exceptions import HTTPException

from ..database import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, AuthenticationError, DomainError, field_errors, problem

logger = logging.getLogger(__name__)


def problem_response(
    status: int,
    detail: str,
    headers: Iterable[tuple[str, str]] | dict[str, str] | None = None,
    **extra: object,
) -> Response:
    body = orjson.dumps(problem(status, detail, **extra))
    return Response(body, status, headers, mimetype=PROBLEM_CONTENT_TYPE)


def register_problem_handlers(app: APIFlask) -> None:
    # APIFlask answers its own errors (validation, authentication, `abort`) through this.
    @app.error_processor
    def api_error(error: HTTPError) -> Response:
        if isinstance(error.__cause__, ValidationError):
            errors = field_errors(error.__cause__.errors())
            return problem_response(422, "The request has invalid fields.", errors=errors)
        detail = error.message
        if error.status_code == 401 and detail == "Unauthorized":
            detail = AuthenticationError.detail
        return problem_response(error.status_code, detail, error.headers)

    # Registered after error_processor, which installs APIFlask's own handler for these:
    # this one keeps werkzeug's description of the error as the problem's detail.
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Response:
        headers = [(key, value) for key, value in error.get_headers() if key != "Content-Type"]
        return problem_response(error.code or 500, error.description or "", headers)

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> Response:
        return problem_response(error.status, error.detail, error.headers)

    def database_unavailable(error: Exception) -> Response:
        logger.warning("Database unavailable: %s", type(error).__name__)
        return problem_response(
            503, "The database is unavailable; try again shortly.", {"Retry-After": "5"}
        )

    for error_type in DATABASE_UNAVAILABLE_ERRORS:
        app.register_error_handler(error_type, database_unavailable)
