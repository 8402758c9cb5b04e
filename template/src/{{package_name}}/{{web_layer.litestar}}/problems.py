"""Every error Litestar or the service raises becomes an RFC 9457 problem+json answer.

Litestar answers an exception raised anywhere in the app (routing's 404 and 405, the
guards, the authentication middleware, a handler) with the handler registered here for
its class or its nearest base class.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
)
from litestar.types import ExceptionHandlersMap

from ..database import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, DomainError, field_errors, problem
from ..request_policy import unhandled_error

logger = logging.getLogger(__name__)

INVALID_FIELDS = "The request has invalid fields."
TEXT = Schema(type=OpenAPIType.STRING)
VALIDATION_PROBLEM = Schema(
    type=OpenAPIType.OBJECT,
    required=["type", "title", "status", "detail", "errors"],
    properties={
        "type": TEXT,
        "title": TEXT,
        "status": Schema(type=OpenAPIType.INTEGER),
        "detail": TEXT,
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            items=Schema(
                type=OpenAPIType.OBJECT,
                required=["field", "message"],
                properties={"field": TEXT, "message": TEXT},
            ),
        ),
    },
)
VALIDATION_PROBLEM_RESPONSE = OpenAPIResponse(
    description=INVALID_FIELDS,
    content={
        # Inline: Litestar's document lists as components only the types of its handlers.
        PROBLEM_CONTENT_TYPE: OpenAPIMediaType(schema=VALIDATION_PROBLEM)
    },
)


@dataclass
class ProblemOperation(Operation):
    """An operation whose invalid requests are documented as they are answered: Litestar
    documents them as a 400 in its own error shape, `validation_error` answers them 422
    with a problem document."""

    def __post_init__(self) -> None:
        if self.responses and self.responses.pop("400", None) is not None:
            self.responses["422"] = VALIDATION_PROBLEM_RESPONSE


def problem_response(
    status: int, detail: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> Response[dict[str, Any]]:
    return Response(
        problem(status, detail, **extra),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_CONTENT_TYPE,
    )


def http_error(request: Request, error: HTTPException) -> Response[Any]:
    if error.status_code >= 500:
        # Litestar's own server errors (a misconfiguration, a failing dependency) say what
        # went wrong inside: that goes to the log, the client gets the plain 500.
        return unhandled(request, error)
    return problem_response(error.status_code, error.detail, error.headers)


def validation_error(request: Request, error: ValidationException) -> Response[dict[str, Any]]:
    # Litestar validates a pydantic body with pydantic and keeps pydantic's error list as
    # the cause; query and path parameters it validates itself, naming each by its key.
    pydantic_errors = getattr(error.__cause__, "errors", None)
    if pydantic_errors is None:
        pydantic_errors = [
            {"loc": (entry.get("key", ""),), "msg": entry.get("message", "")}
            for entry in error.extra or ()
        ]
    errors = field_errors(pydantic_errors)
    return problem_response(422, INVALID_FIELDS, errors=errors)


def domain_error(request: Request, error: DomainError) -> Response[dict[str, Any]]:
    return problem_response(error.status, error.detail, error.headers)


def database_unavailable(request: Request, error: Exception) -> Response[dict[str, Any]]:
    logger.warning("Database unavailable: %s", type(error).__name__)
    return problem_response(
        503, "The database is unavailable; try again shortly.", {"Retry-After": "5"}
    )


def unhandled(request: Request, error: Exception) -> Response[bytes]:
    # Litestar answers every exception itself, so none reaches the request policy's own
    # catch: its logging and its answer are called from here.
    answer = unhandled_error(request.method, request.url.path)
    return Response(answer.body, status_code=answer.status, media_type=PROBLEM_CONTENT_TYPE)


EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    HTTPException: http_error,
    ValidationException: validation_error,
    DomainError: domain_error,
    **dict.fromkeys(DATABASE_UNAVAILABLE_ERRORS, database_unavailable),
    Exception: unhandled,
}
