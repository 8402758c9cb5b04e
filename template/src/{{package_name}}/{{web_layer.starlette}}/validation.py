"""Request bodies and query strings read into the shared pydantic schemas.

Starlette hands an endpoint the raw request, which the endpoint validates with pydantic
inside `request_validation()`: an error there is the client's, a 422 problem listing the
fields. A ValidationError anywhere else (an answer the service builds) stays a 500.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import ValidationError

from ..errors import field_errors


class InvalidRequest(Exception):
    def __init__(self, error: ValidationError) -> None:
        super().__init__("The request has invalid fields.")
        self.errors = field_errors(error.errors())


@contextmanager
def request_validation() -> Iterator[None]:
    try:
        yield
    except ValidationError as error:
        raise InvalidRequest(error) from None
