from __future__ import annotations

from rest_framework import serializers

from ...items.models import Item
from ..fields import PriceField, StrictCharField


class ItemSerializer(serializers.ModelSerializer):
    # Fields a client may not set (id, owner_id, the timestamps) are read-only: sent, they
    # are ignored.
    name = StrictCharField(min_length=1, max_length=100, trim_whitespace=False)
    description = StrictCharField(
        max_length=1000, allow_null=True, allow_blank=True, required=False, trim_whitespace=False
    )
    price = PriceField()
    owner_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Item
        fields = ["id", "name", "description", "price", "owner_id", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]


class PageParametersSerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=100, default=20)
    # OFFSET is a 64-bit integer in SQL; a larger one is a client error, not a database one.
    offset = serializers.IntegerField(min_value=0, max_value=2**63 - 1, default=0)
