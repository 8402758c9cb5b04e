"""CONTRACT.md §4: passwords are stored only as salted slow hashes — checked in the
database itself, since no HTTP answer can show it."""

from __future__ import annotations

import re
import secrets
import sqlite3
from urllib.parse import urlsplit

import pytest

from .conftest import LiveService, describe

# Argon2id in its PHC string form, or bcrypt's modular crypt form.
SLOW_HASH = re.compile(
    r"\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+"
    r"|\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}"
)


def _database_contents(live_service: LiveService) -> str:
    url = live_service.settings["DATABASE_URL"]
    if live_service.postgres is not None:
        return live_service.postgres.dump(urlsplit(url).path.lstrip("/"))
    connection = sqlite3.connect(url.removeprefix("sqlite:///"))
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_passwords_are_stored_only_as_salted_slow_hashes(live_service: LiveService) -> None:
    shared_password = f"shared-{secrets.token_urlsafe(12)}"
    usernames = [f"twin_{secrets.token_hex(4)}" for _ in range(2)]
    with live_service.admin_client() as admin:
        for username in usernames:
            response = admin.post(
                "/api/v1/users", json={"username": username, "password": shared_password}
            )
            assert response.status_code == 201, describe(response)
    contents = _database_contents(live_service)
    assert all(username in contents for username in usernames), "users not found in the dump"
    for password in (shared_password, live_service.admin_password):
        assert password not in contents, "a password is stored in plain text"
    hashes = SLOW_HASH.findall(contents)
    users = contents.count("twin_") + 1
    assert len(hashes) >= users, f"{len(hashes)} Argon2id/bcrypt hashes for {users} users"
    # Salted: two users with one password have two different hashes.
    assert len(set(hashes)) == len(hashes), "identical password hashes: no salt"
