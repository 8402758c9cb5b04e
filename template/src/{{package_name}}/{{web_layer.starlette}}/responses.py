"""The two answer bodies the API sends: a pydantic model as JSON, and a problem document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from starlette.responses import JSONResponse, Response

from ..errors import PROBLEM_CONTENT_TYPE, problem


class ModelResponse(Response):
    """A shared schema's model, serialised by pydantic straight to JSON bytes."""

    media_type = "application/json"

    def render(self, content: BaseModel) -> bytes:
        return content.__pydantic_serializer__.to_json(content)


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_CONTENT_TYPE

    def __init__(
        self, status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(problem(status, detail, **extra), status_code=status, headers=headers)
