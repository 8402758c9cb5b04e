"""Signed JSON Web Tokens (PyJWT, HS256): issuing and verifying access and refresh tokens."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"


class InvalidTokenError(Exception):
    """The token is malformed, forged, expired or of the wrong type."""


@dataclass(frozen=True)
class IssuedToken:
    token: str
    jti: str
    expires_at: datetime


def issue_token(
    subject: str, token_type: str, ttl_seconds: int, key: str, family: str | None = None
) -> IssuedToken:
    now = datetime.now(UTC)
    expires_at = now + timedelta(seconds=ttl_seconds)
    jti = uuid.uuid4().hex
    claims = {"sub": subject, "iat": now, "exp": expires_at, "jti": jti, "type": token_type}
    if family is not None:
        claims["fam"] = family
    return IssuedToken(jwt.encode(claims, key, algorithm=ALGORITHM), jti, expires_at)


def decode_token(token: str, expected_type: str, key: str) -> dict:
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            options={"require": ["sub", "exp", "iat", "jti", "type"]},
        )
    except jwt.PyJWTError as error:
        raise InvalidTokenError(str(error)) from error
    if claims.get("type") != expected_type:
        raise InvalidTokenError(f"expected a {expected_type} token")
    return claims
