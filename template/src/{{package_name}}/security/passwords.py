"""Password hashing with Argon2id (pwdlib)."""

from __future__ import annotations

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

_password_hash = PasswordHash((Argon2Hasher(),))
# Verifying against this when the user does not exist keeps "unknown user" and
# "wrong password" equally slow, so timing does not reveal which usernames exist.
_DUMMY_HASH = _password_hash.hash("trailhead-timing-equaliser")


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is None:
        _password_hash.verify(password, _DUMMY_HASH)
        return False
    return _password_hash.verify(password, password_hash)
