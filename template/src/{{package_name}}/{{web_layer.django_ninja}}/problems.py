"""Every error Ninja or the services raise becomes an RFC 9457 problem+json answer.

What never reaches these handlers (an unknown route, a wrong method, an unexpected
exception) is answered by Django and turned into problem+json by the service middleware.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import orjson
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ..config.middleware import database_unavailable_response
from ..db import DATABASE_UNAVAILABLE_ERRORS
from ..errors import PROBLEM_CONTENT_TYPE, DomainError, field_errors, problem

CREDENTIALS_REQUIRED = "Valid credentials are required."


def problem_response(
    status: int, detail: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> HttpResponse:
    return HttpResponse(
        orjson.dumps(problem(status, detail, **extra)),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        headers=headers,
    )


def register_problem_handlers(api: NinjaAPI, challenge: str | None = None) -> None:
    """`challenge` is the WWW-Authenticate value a 401 names its scheme with."""
    challenge_headers = {"WWW-Authenticate": challenge} if challenge else None

    @api.exception_handler(ValidationError)
    def invalid_fields(request: HttpRequest, error: ValidationError) -> HttpResponse:
        errors = field_errors(list(_without_argument_names(error.errors)))
        return problem_response(422, "The request has invalid fields.", errors=errors)

    # Ninja raises it when no auth class accepted the request: the credentials are missing
    # or malformed. Wrong ones raise the services' AuthenticationError with a reason.
    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
        return problem_response(401, CREDENTIALS_REQUIRED, challenge_headers)

    # Malformed bodies (400), and any status a view raises with HttpError.
    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
        return problem_response(error.status_code, error.message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
        return problem_response(404, "The requested resource does not exist.")

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
        headers = challenge_headers if error.status == 401 else error.headers
        return problem_response(error.status, error.detail, headers)

    def database_unavailable(request: HttpRequest, error: Exception) -> HttpResponse:
        return database_unavailable_response(error)

    for error_type in DATABASE_UNAVAILABLE_ERRORS:
        api.add_exception_handler(error_type, database_unavailable)


def _without_argument_names(errors: Iterable[Mapping[str, Any]]) -> Iterable[dict[str, Any]]:
    """Ninja locates a body field under the view argument it fills, ("body", "data",
    "price"); the contract names the field alone."""
    for error in errors:
        location = tuple(error.get("loc", ()))
        if location[:1] == ("body",):
            location = ("body", *location[2:])
        yield {**error, "loc": location}
