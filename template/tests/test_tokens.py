"""JWT: the token route, refresh rotation and rejected tokens."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
from httpx import AsyncClient

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME, SECRET_KEY
from .helpers import assert_problem, token_pair

REFRESH = "/api/v1/auth/refresh"
ME = "/api/v1/users/me"


async def test_token_pair_shape_and_no_store(client: AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/token", data={"username": ADMIN_USERNAME, "password": ADMIN_PASSWORD}
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    pair = response.json()
    assert pair["token_type"] == "bearer"
    assert pair["expires_in"] == 900
    claims = jwt.decode(pair["access_token"], SECRET_KEY, algorithms=["HS256"])
    assert {"sub", "exp", "iat", "jti", "type"} <= claims.keys()
    assert claims["type"] == "access"


async def test_refresh_rotates_and_reuse_revokes_the_family(client: AsyncClient) -> None:
    first = await token_pair(client, ADMIN_USERNAME, ADMIN_PASSWORD)
    rotated = await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert rotated.status_code == 200
    assert rotated.headers["Cache-Control"] == "no-store"
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]

    reused = await client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert_problem(reused, 401)
    revoked = await client.post(REFRESH, json={"refresh_token": second["refresh_token"]})
    assert_problem(revoked, 401)


def forge(claims: dict, key: str = SECRET_KEY, algorithm: str = "HS256") -> dict[str, str]:
    token = jwt.encode(claims, key, algorithm=algorithm)
    return {"Authorization": f"Bearer {token}"}


def claims(**overrides: object) -> dict:
    now = datetime.now(UTC)
    base = {"sub": "1", "iat": now, "exp": now + timedelta(minutes=5), "jti": "x", "type": "access"}
    return base | overrides


async def test_rejected_tokens(client: AsyncClient) -> None:
    pair = await token_pair(client, ADMIN_USERNAME, ADMIN_PASSWORD)
    rejected = {
        "expired": forge(claims(exp=datetime.now(UTC) - timedelta(seconds=5))),
        "bad signature": forge(claims(), key="another-key-that-is-long-enough-0123456789"),
        "alg none": forge(claims(), key="", algorithm="none"),
        "refresh as access": {"Authorization": f"Bearer {pair['refresh_token']}"},
    }
    for case, headers in rejected.items():
        response = await client.get(ME, headers=headers)
        assert response.status_code == 401, case
        assert response.headers["WWW-Authenticate"] == "Bearer"


async def test_a_token_signed_with_the_service_key_is_accepted(client: AsyncClient) -> None:
    pair = await token_pair(client, ADMIN_USERNAME, ADMIN_PASSWORD)
    me = (await client.get(ME, headers={"Authorization": f"Bearer {pair['access_token']}"})).json()
    response = await client.get(ME, headers=forge(claims(sub=str(me["id"]))))
    assert response.status_code == 200
    assert response.json()["username"] == ADMIN_USERNAME
