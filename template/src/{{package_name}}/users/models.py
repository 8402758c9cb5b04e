from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """Django's user, as the project's own model from the first migration on, so fields can
    be added later without the painful switch away from `auth.User`."""

    @property
    def is_admin(self) -> bool:
        """An admin may change anyone's items and create users: a superuser."""
        return self.is_superuser


class FailedSignIn(models.Model):
    """One failed sign-in; those within the sign-in window are counted (security/sign_ins.py)."""

    username_digest = models.CharField(max_length=64)
    address = models.CharField(max_length=64)
    failed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["address", "failed_at"], name="failed_sign_in_address_idx")]

    def __str__(self) -> str:
        return f"{self.address} at {self.failed_at:%Y-%m-%d %H:%M:%S}"
