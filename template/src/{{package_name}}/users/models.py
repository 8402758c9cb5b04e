from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """Django's user, as the project's own model from the first migration on, so fields can
    be added later without the painful switch away from `auth.User`."""

    @property
    def is_admin(self) -> bool:
        """An admin may change anyone's items and create users: a superuser."""
        return self.is_superuser
