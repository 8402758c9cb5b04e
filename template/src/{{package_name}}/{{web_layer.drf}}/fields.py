"""Serializer fields that hold to the contract's strict JSON types: DRF's own accept a
number for a string field and a string for a number field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class PriceField(serializers.DecimalField):
    """A JSON number above 0 and at most 1,000,000, with at most two decimal places."""

    default_error_messages = {
        "not_a_number": "A JSON number is required.",
        "not_positive": "Ensure this value is greater than 0.",
    }
    MAX_PRICE = 1_000_000

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            max_digits=9,
            decimal_places=2,
            max_value=self.MAX_PRICE,
            coerce_to_string=False,
            **kwargs,
        )

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool) or not isinstance(data, int | float):
            self.fail("not_a_number")
        value = super().to_internal_value(data)
        if value <= 0:
            self.fail("not_positive")
        return value
