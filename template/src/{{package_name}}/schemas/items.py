from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

MAX_PRICE = 1_000_000
PRICE_DECIMAL_PLACES = 2


def _at_most_two_decimal_places(value: float) -> float:
    exponent = Decimal(str(value)).as_tuple().exponent
    if isinstance(exponent, int) and exponent < -PRICE_DECIMAL_PLACES:
        raise ValueError(f"must have at most {PRICE_DECIMAL_PLACES} decimal places")
    return value


# PostgreSQL cannot store NUL in text, so refuse it at the edge instead of failing in SQL.
NO_NUL = r"^[^\x00]*$"

Name = Annotated[str, Field(min_length=1, max_length=100, pattern=NO_NUL, strict=True)]
Description = Annotated[str, Field(max_length=1000, pattern=NO_NUL, strict=True)]
Price = Annotated[
    float, Field(gt=0, le=MAX_PRICE, strict=True), AfterValidator(_at_most_two_decimal_places)
]


class ItemCreate(BaseModel):
    # Unknown fields (including id, owner_id and the timestamps) are ignored, never applied.
    model_config = ConfigDict(extra="ignore")

    name: Name
    description: Description | None = None
    price: Price


class ItemUpdate(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: Name | None = None
    description: Description | None = None
    price: Price | None = None

    @field_validator("name", "price")
    @classmethod
    def required_fields_are_not_null(cls, value: object) -> object:
        # Runs only for values the client sent: leaving a field out is fine, null is not.
        if value is None:
            raise ValueError("may be left out but not set to null")
        return value

    def changes(self) -> dict[str, object]:
        return self.model_dump(exclude_unset=True)


class ItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    description: str | None
    price: float
    owner_id: int | None
    created_at: datetime
    updated_at: datetime


class ItemPage(BaseModel):
    items: list[ItemRead]
    total: int
    limit: int
    offset: int
