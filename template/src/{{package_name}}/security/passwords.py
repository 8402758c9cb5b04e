"""Password hashing with Argon2id (pwdlib)."""

from __future__ import annotations

from functools import cache

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

_password_hash = PasswordHash((Argon2Hasher(),))


@cache
def _dummy_hash() -> str:
    # Verifying against this when the user does not exist keeps "unknown user" and
    # "wrong password" equally slow, so timing does not reveal which usernames exist.
    # Made on first use, not at import, which every cold start on AWS Lambda would pay:
    # one Argon2 hash takes a tenth of a second or more there.
    return _password_hash.hash("trailhead-timing-equaliser")


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    # Made before either branch, so the first check of each kind costs the same too.
    dummy_hash = _dummy_hash()
    if password_hash is None:
        _password_hash.verify(password, dummy_hash)
        return False
    return _password_hash.verify(password, password_hash)
