from __future__ import annotations

from django.conf import settings
from django.db import models


class RefreshToken(models.Model):
    """One issued refresh token; a family is every token rotated from one login."""

    jti = models.CharField(max_length=32, primary_key=True)
    family = models.CharField(max_length=32, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="refresh_tokens"
    )
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.jti
