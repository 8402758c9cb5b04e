"""What the web layers do with users."""

from __future__ import annotations

import contextlib

from django.contrib import auth
from django.db import IntegrityError, transaction

from ..errors import ConflictError
from .models import User


def create_user(username: str, password: str) -> User:
    try:
        with transaction.atomic():
            return User.objects.create_user(username, password=password)
    except IntegrityError:
        raise ConflictError(f"The username '{username}' is taken.") from None


def authenticate(username: str, password: str) -> User | None:
    """The user with these credentials, or None. Django's backend hashes the password even
    for an unknown username, so timing does not tell which usernames exist."""
    if "\x00" in username:
        # No username holds a NUL, which PostgreSQL cannot store and refuses to compare with.
        return None
    user = auth.authenticate(username=username, password=password)
    return user if isinstance(user, User) else None


def ensure_admin(username: str, password: str) -> None:
    """Create the configured admin once; replicas starting together race safely."""
    if User.objects.filter(username=username).exists():
        return
    with contextlib.suppress(IntegrityError), transaction.atomic():
        User.objects.create_superuser(username, password=password)
