"""Access and rotating refresh tokens; reusing a refresh token revokes its whole family."""

from __future__ import annotations

import uuid
from typing import TypedDict

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..errors import AuthenticationError
from ..security.jwt_tokens import ACCESS, REFRESH, InvalidTokenError, decode_token, issue_token
from ..users.models import User
from .models import RefreshToken

INVALID_REFRESH = "The refresh token is invalid, expired or already used."
INVALID_ACCESS = "The access token is invalid or expired."


class TokenPair(TypedDict):
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str


def issue_pair(user: User, family: str | None = None) -> TokenPair:
    service = settings.SERVICE_SETTINGS
    family = family or uuid.uuid4().hex
    subject = str(user.pk)
    access = issue_token(subject, ACCESS, service.access_token_ttl_seconds, service.signing_key)
    refresh = issue_token(
        subject,
        REFRESH,
        service.refresh_token_ttl_seconds,
        service.signing_key,
        family=family,
    )
    RefreshToken.objects.create(
        jti=refresh.jti, family=family, user=user, expires_at=refresh.expires_at
    )
    return {
        "access_token": access.token,
        "token_type": "bearer",
        "expires_in": service.access_token_ttl_seconds,
        "refresh_token": refresh.token,
    }


def rotate(refresh_token: str) -> TokenPair:
    try:
        claims = decode_token(refresh_token, REFRESH, settings.SERVICE_SETTINGS.signing_key)
    except InvalidTokenError:
        raise AuthenticationError(INVALID_REFRESH) from None
    with transaction.atomic():
        # The token's row stays locked until the new pair is stored: a concurrent use of
        # the same token waits, then finds it used and revokes the family, new pair included.
        stored = (
            RefreshToken.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(jti=claims["jti"])
            .first()
        )
        if stored is None or stored.revoked_at is not None:
            raise AuthenticationError(INVALID_REFRESH)
        if stored.used_at is None:
            stored.used_at = timezone.now()
            stored.save(update_fields=["used_at"])
            return issue_pair(stored.user, family=stored.family)
        RefreshToken.objects.filter(family=stored.family, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    raise AuthenticationError(INVALID_REFRESH)


def user_from_access_token(token: str) -> User:
    try:
        claims = decode_token(token, ACCESS, settings.SERVICE_SETTINGS.signing_key)
        user_id = int(claims["sub"])
    except (InvalidTokenError, ValueError):
        raise AuthenticationError(INVALID_ACCESS) from None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise AuthenticationError(INVALID_ACCESS)
    return user
