from __future__ import annotations

from rest_framework import serializers

from ..fields import StrictCharField


class PasswordGrantSerializer(serializers.Serializer):
    """The OAuth2 password grant's form fields."""

    grant_type = serializers.ChoiceField(choices=["password"], required=False)
    username = serializers.CharField(max_length=150, trim_whitespace=False)
    password = serializers.CharField(max_length=128, trim_whitespace=False)


class RefreshSerializer(serializers.Serializer):
    refresh_token = StrictCharField(min_length=1, max_length=4096)


class TokenPairSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.ChoiceField(choices=["bearer"])
    expires_in = serializers.IntegerField()
    refresh_token = serializers.CharField()
