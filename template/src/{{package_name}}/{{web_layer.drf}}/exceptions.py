"""One exception handler turns every error DRF or the services raise into RFC 9457
problem+json."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.http import HttpResponseBase
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from ..config.middleware import database_unavailable_response
from ..db import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, DomainError, problem

# Headers DRF's own handler sets that the answer keeps.
KEPT_HEADERS = ("WWW-Authenticate", "Retry-After", "Allow")


def problem_exception_handler(error: Exception, context: dict[str, Any]) -> HttpResponseBase | None:
    if isinstance(error, DomainError):
        return _problem(error.status, error.detail, error.headers)
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        return database_unavailable_response(error)
    # DRF's handler maps Django's Http404 and PermissionDenied, and sets the auth headers.
    response = exception_handler(error, context)
    if response is None:
        # Not an API error: Django answers 500, and the service middleware logs it.
        return None
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    if isinstance(error, exceptions.ValidationError):
        return _problem(
            422,
            "The request has invalid fields.",
            headers,
            errors=list(_field_errors(error.detail)),
        )
    assert isinstance(error, exceptions.APIException)
    return _problem(response.status_code, str(error.detail), headers)


def _problem(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    return Response(
        problem(status, detail, **extra),
        status=status,
        headers=headers,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def _field_errors(detail: Any, path: str = "") -> Iterator[dict[str, str]]:
    """DRF's nested {field: [messages]} as the contract's flat [{field, message}] list."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "body" if key == "non_field_errors" else str(key)
            yield from _field_errors(value, f"{path}.{name}" if path else name)
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, dict | list):
                yield from _field_errors(value, f"{path}.{index}" if path else str(index))
            else:
                yield {"field": path or "body", "message": str(value)}
    else:
        yield {"field": path or "body", "message": str(detail)}
