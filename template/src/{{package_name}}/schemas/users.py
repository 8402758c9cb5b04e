from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Username = Annotated[
    str, Field(min_length=3, max_length=50, pattern=r"^[A-Za-z0-9_.-]+$", strict=True)
]
Password = Annotated[str, Field(min_length=8, max_length=128, strict=True)]


class UserCreate(BaseModel):
    username: Username
    password: Password


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str
    is_admin: bool
