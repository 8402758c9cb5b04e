"""Domain errors and the RFC 9457 problem document every error response uses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

PROBLEM_CONTENT_TYPE = "application/problem+json"


class DomainError(Exception):
    status: int = 400
    detail: str = "The request could not be processed."

    def __init__(self, detail: str | None = None) -> None:
        super().__init__(detail or self.detail)
        self.detail = detail or self.detail

    @property
    def headers(self) -> dict[str, str]:
        """Headers the answer carries besides the problem document."""
        return {}


class NotFoundError(DomainError):
    status = 404
    detail = "The requested resource does not exist."


class ConflictError(DomainError):
    status = 409
    detail = "The resource already exists."


class PermissionDeniedError(DomainError):
    status = 403
    detail = "You are not allowed to do this."


class AuthenticationError(DomainError):
    status = 401
    detail = "Missing or invalid credentials."


class TooManyRequestsError(DomainError):
    status = 429
    detail = "Too many requests; try again later."

    def __init__(self, detail: str | None = None, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


def problem(status: int, detail: str, *, title: str | None = None, **extra: Any) -> dict[str, Any]:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or phrase,
        "status": status,
        "detail": detail,
    }
    body.update(extra)
    return body


# Where a framework says the field came from; the contract names only the field.
_LOCATION_PREFIXES = frozenset({"body", "query", "path", "header", "form", "cookie"})


def field_errors(pydantic_errors: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Turn pydantic error entries into the contract's [{field, message}] list."""
    result = []
    for error in pydantic_errors:
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in _LOCATION_PREFIXES:
            location = location[1:]
        result.append({"field": ".".join(location) or "body", "message": error.get("msg", "")})
    return result
