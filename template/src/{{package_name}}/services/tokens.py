"""Access and rotating refresh tokens; reusing a refresh token revokes its whole family."""

from __future__ import annotations

import uuid

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import utc_now
from ..errors import AuthenticationError
from ..models import RefreshToken, User
from ..schemas.tokens import TokenPair
from ..security.jwt_tokens import ACCESS, REFRESH, InvalidTokenError, decode_token, issue_token
from ..settings import Settings

INVALID_REFRESH = "The refresh token is invalid, expired or already used."


async def issue_pair(
    session: AsyncSession, user: User, settings: Settings, family: str | None = None
) -> TokenPair:
    key = settings.signing_key
    family = family or uuid.uuid4().hex
    access = issue_token(str(user.id), ACCESS, settings.access_token_ttl_seconds, key)
    refresh = issue_token(
        str(user.id), REFRESH, settings.refresh_token_ttl_seconds, key, family=family
    )
    session.add(
        RefreshToken(jti=refresh.jti, family=family, user_id=user.id, expires_at=refresh.expires_at)
    )
    await session.commit()
    return TokenPair(
        access_token=access.token,
        expires_in=settings.access_token_ttl_seconds,
        refresh_token=refresh.token,
    )


async def rotate(session: AsyncSession, refresh_token: str, settings: Settings) -> TokenPair:
    try:
        claims = decode_token(refresh_token, REFRESH, settings.signing_key)
    except InvalidTokenError:
        raise AuthenticationError(INVALID_REFRESH) from None
    stored = await session.get(RefreshToken, claims["jti"])
    if stored is None or stored.revoked_at is not None:
        raise AuthenticationError(INVALID_REFRESH)
    # Mark as used only if nobody else did first: two requests racing with one
    # token cannot both win.
    claimed = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.jti == stored.jti, RefreshToken.used_at.is_(None))
        .values(used_at=utc_now())
    )
    if claimed.rowcount != 1:
        await _revoke_family(session, stored.family)
        raise AuthenticationError(INVALID_REFRESH)
    user = await session.get(User, stored.user_id)
    if user is None:
        await session.commit()
        raise AuthenticationError(INVALID_REFRESH)
    return await issue_pair(session, user, settings, family=stored.family)


async def user_from_access_token(session: AsyncSession, token: str, settings: Settings) -> User:
    try:
        claims = decode_token(token, ACCESS, settings.signing_key)
        user_id = int(claims["sub"])
    except (InvalidTokenError, ValueError):
        raise AuthenticationError("The access token is invalid or expired.") from None
    user = await session.get(User, user_id)
    if user is None:
        raise AuthenticationError("The access token is invalid or expired.")
    return user


async def _revoke_family(session: AsyncSession, family: str) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family == family, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utc_now())
    )
    await session.commit()
