"""Every error FastAPI or the service raises becomes an RFC 9457 problem+json answer."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..database import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, DomainError, field_errors, problem

logger = logging.getLogger(__name__)


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_CONTENT_TYPE


def register_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> ProblemResponse:
        return ProblemResponse(
            problem(error.status_code, str(error.detail)),
            status_code=error.status_code,
            headers=error.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> ProblemResponse:
        errors = field_errors(error.errors())
        return ProblemResponse(
            problem(422, "The request has invalid fields.", errors=errors), status_code=422
        )

    @app.exception_handler(DomainError)
    async def domain_error(request: Request, error: DomainError) -> ProblemResponse:
        return ProblemResponse(
            problem(error.status, error.detail), status_code=error.status, headers=error.headers
        )

    async def database_unavailable(request: Request, error: Exception) -> ProblemResponse:
        logger.warning("Database unavailable: %s", type(error).__name__)
        return ProblemResponse(
            problem(503, "The database is unavailable; try again shortly."),
            status_code=503,
            headers={"Retry-After": "5"},
        )

    for error_type in DATABASE_UNAVAILABLE_ERRORS:
        app.add_exception_handler(error_type, database_unavailable)
