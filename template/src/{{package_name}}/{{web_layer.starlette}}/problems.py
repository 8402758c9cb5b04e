"""Every error Starlette or the service raises becomes an RFC 9457 problem+json answer.

`EXCEPTION_HANDLERS` is handed to `Starlette(exception_handlers=...)`: Starlette's own
404 and 405 (HTTPException), invalid fields, the service's domain errors, and the
database being out of reach."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ExceptionHandler

from ..database import DATABASE_UNAVAILABLE_ERRORS
from ..errors import DomainError
from .responses import ProblemResponse
from .validation import InvalidRequest

logger = logging.getLogger(__name__)


async def http_error(request: Request, error: HTTPException) -> ProblemResponse:
    return ProblemResponse(error.status_code, error.detail, dict(error.headers or {}))


async def invalid_request(request: Request, error: InvalidRequest) -> ProblemResponse:
    return ProblemResponse(422, "The request has invalid fields.", errors=error.errors)


async def domain_error(request: Request, error: DomainError) -> ProblemResponse:
    return ProblemResponse(error.status, error.detail, error.headers)


async def database_unavailable(request: Request, error: Exception) -> ProblemResponse:
    logger.warning("Database unavailable: %s", type(error).__name__)
    return ProblemResponse(
        503, "The database is unavailable; try again shortly.", {"Retry-After": "5"}
    )


EXCEPTION_HANDLERS: dict[type[Exception] | int, ExceptionHandler] = {
    HTTPException: http_error,
    InvalidRequest: invalid_request,
    DomainError: domain_error,
    **dict.fromkeys(DATABASE_UNAVAILABLE_ERRORS, database_unavailable),
}
