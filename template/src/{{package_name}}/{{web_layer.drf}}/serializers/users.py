from __future__ import annotations

from django.core.validators import RegexValidator
from rest_framework import serializers

from ...users.models import User
from ..fields import StrictCharField


class UserSerializer(serializers.ModelSerializer):
    username = StrictCharField(
        min_length=3,
        max_length=50,
        validators=[RegexValidator(r"^[A-Za-z0-9_.-]+$", "Use only letters, digits and _.-")],
    )
    password = StrictCharField(min_length=8, max_length=128, write_only=True, trim_whitespace=False)
    is_admin = serializers.BooleanField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "password", "is_admin"]
