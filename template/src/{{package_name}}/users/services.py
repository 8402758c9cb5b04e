"""What the web layers do with users."""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.contrib import auth
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from ..errors import ConflictError
from ..security.sign_ins import client_address
from . import sign_ins
from .models import User


def create_user(username: str, password: str) -> User:
    try:
        with transaction.atomic():
            return User.objects.create_user(username, password=password)
    except IntegrityError:
        raise ConflictError(f"The username '{username}' is taken.") from None


def authenticate(request: HttpRequest, username: str, password: str) -> User | None:
    """The user with these credentials, or None. Django's backend hashes the password even
    for an unknown username, so timing does not tell which usernames exist. While the
    failures from the client's address refuse the attempt, raises TooManyRequestsError
    before any password is hashed."""
    address = client_address(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.SERVICE_SETTINGS.trusted_proxies,
    )
    failures = sign_ins.check(username, address)
    # No username holds a NUL, which PostgreSQL cannot store and refuses to compare with.
    user = (
        None
        if "\x00" in username
        else auth.authenticate(request, username=username, password=password)
    )
    if not isinstance(user, User):
        sign_ins.record_failure(username, address)
        return None
    if failures.for_username:
        sign_ins.clear_failures(username, address)
    return user


def ensure_admin(username: str, password: str) -> None:
    """Create the configured admin once; replicas starting together race safely."""
    if User.objects.filter(username=username).exists():
        return
    with contextlib.suppress(IntegrityError), transaction.atomic():
        User.objects.create_superuser(username, password=password)
