"""CONTRACT.md §4: authentication in each mode, JWT issue/rotation/rejection, user routes,
and the admin created from the environment."""

from __future__ import annotations

import secrets
import time
from typing import Any

import httpx
import pytest

from .conftest import (
    LiveService,
    assert_problem,
    assert_unauthorized,
    assert_validation_problem,
    basic_authorization,
    describe,
    forge_jwt,
    jwt_parts,
    jwt_signature_valid,
)

PROTECTED = "/api/v1/items"


def _same_answer(first: httpx.Response, second: httpx.Response) -> None:
    """Two refusals a client cannot tell apart (request ids and timing aside)."""
    assert first.status_code == second.status_code
    assert first.headers.get("www-authenticate") == second.headers.get("www-authenticate")
    first_body, second_body = first.json(), second.json()
    for body in (first_body, second_body):
        body.pop("instance", None)
        body.pop("request_id", None)
    assert first_body == second_body, f"{describe(first)}\n---\n{describe(second)}"


# ── every mode ───────────────────────────────────────────────────────────────────────────


def test_protected_route_requires_credentials_unless_auth_is_none(
    live_service: LiveService,
) -> None:
    with live_service.client() as client:
        response = client.get(PROTECTED)
    if live_service.auth == "none":
        assert response.status_code == 200, describe(response)
    else:
        assert_unauthorized(response, live_service.auth)


def test_bad_credentials_of_every_kind_are_refused(live_service: LiveService) -> None:
    attempts = [
        {"X-API-Key": secrets.token_urlsafe(24)},
        {"Authorization": f"Bearer {secrets.token_urlsafe(24)}"},
        {"Authorization": basic_authorization(live_service.admin_username, "wrong-password")},
        {"Authorization": "Basic !!!not-base64!!!"},
        {"Authorization": "Bearer"},
        {"Authorization": "Digest username=x"},
    ]
    with live_service.client() as client:
        for headers in attempts:
            response = client.get(PROTECTED, headers=headers)
            if live_service.auth == "none":
                assert response.status_code == 200, describe(response)
            else:
                assert_unauthorized(response, live_service.auth)


def test_user_routes_exist_only_with_users(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        me = client.get("/api/v1/users/me")
        created = client.post(
            "/api/v1/users",
            json={"username": f"probe_{secrets.token_hex(4)}", "password": "long-enough-1"},
        )
    if live_service.has_users:
        assert me.status_code == 200, describe(me)
        assert created.status_code == 201, describe(created)
    else:
        assert_problem(me, 404)
        assert_problem(created, 404)


def test_token_routes_exist_only_with_jwt(live_service: LiveService) -> None:
    with live_service.client() as client:
        token = client.post(
            "/api/v1/auth/token",
            data={"username": live_service.admin_username, "password": live_service.admin_password},
        )
        refresh = client.post("/api/v1/auth/refresh", json={"refresh_token": "x"})
    if live_service.auth == "jwt":
        assert token.status_code == 200, describe(token)
        assert_unauthorized(refresh, "jwt")
    else:
        assert_problem(token, 404)
        assert_problem(refresh, 404)


# ── api_key ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.applies_to(auth=("api_key",))
def test_each_configured_api_key_is_accepted(live_service: LiveService) -> None:
    with live_service.client() as client:
        for key in live_service.api_keys:
            response = client.get(PROTECTED, headers={"X-API-Key": key})
            assert response.status_code == 200, describe(response)


@pytest.mark.applies_to(auth=("api_key",))
def test_near_miss_api_keys_are_refused(live_service: LiveService) -> None:
    key = live_service.api_keys[0]
    near_misses = [key[:-1], key + "x", key.upper() if key.upper() != key else key.lower(), ""]
    with live_service.client() as client:
        for candidate in [*near_misses, ",".join(live_service.api_keys)]:
            response = client.get(PROTECTED, headers={"X-API-Key": candidate})
            assert_unauthorized(response, "api_key")
        # A key is a header credential, not a bearer token.
        response = client.get(PROTECTED, headers={"Authorization": f"Bearer {key}"})
        assert_unauthorized(response, "api_key")


# ── basic ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.applies_to(auth=("basic",))
def test_basic_credentials_of_the_admin_are_accepted(live_service: LiveService) -> None:
    with live_service.admin_client() as client:
        response = client.get(PROTECTED)
    assert response.status_code == 200, describe(response)


@pytest.mark.applies_to(auth=("basic",))
def test_basic_unknown_user_and_wrong_password_answer_alike(live_service: LiveService) -> None:
    with live_service.client() as client:
        wrong_password = client.get(
            PROTECTED,
            headers={
                "Authorization": basic_authorization(live_service.admin_username, "nope-1234")
            },
        )
        unknown_user = client.get(
            PROTECTED,
            headers={"Authorization": basic_authorization("nobody_here", "nope-1234")},
        )
    assert_unauthorized(wrong_password, "basic")
    assert_unauthorized(unknown_user, "basic")
    _same_answer(wrong_password, unknown_user)


# ── jwt ──────────────────────────────────────────────────────────────────────────────────


def _token_request(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def _refresh(client: httpx.Client, refresh_token: str) -> httpx.Response:
    return client.post("/api/v1/auth/refresh", json={"refresh_token": refresh_token})


def _assert_token_pair(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, describe(response)
    assert "no-store" in response.headers.get("cache-control", ""), describe(response)
    pair = response.json()
    assert isinstance(pair.get("access_token"), str) and pair["access_token"], pair
    assert isinstance(pair.get("refresh_token"), str) and pair["refresh_token"], pair
    assert pair.get("token_type") == "bearer", pair
    # ACCESS_TOKEN_TTL_SECONDS is left at its default.
    assert type(pair.get("expires_in")) is int and pair["expires_in"] == 900, pair
    assert pair["access_token"] != pair["refresh_token"]
    return pair


def _me(client: httpx.Client, access_token: str) -> httpx.Response:
    return client.get("/api/v1/users/me", headers={"Authorization": f"Bearer {access_token}"})


@pytest.mark.applies_to(auth=("jwt",))
def test_token_route_issues_a_signed_access_token(live_service: LiveService) -> None:
    with live_service.client() as client:
        pair = _assert_token_pair(
            _token_request(client, live_service.admin_username, live_service.admin_password)
        )
        me = _me(client, pair["access_token"])
    assert me.status_code == 200, describe(me)
    header, claims = jwt_parts(pair["access_token"])
    assert header.get("alg") == "HS256", header
    assert jwt_signature_valid(pair["access_token"], live_service.secret_key)
    for claim in ("sub", "exp", "iat", "jti", "type"):
        assert claim in claims, f"access token lacks {claim!r}: {claims}"
    assert 890 <= claims["exp"] - claims["iat"] <= 910, claims


@pytest.mark.applies_to(auth=("jwt",))
def test_token_route_refuses_bad_credentials_alike(live_service: LiveService) -> None:
    with live_service.client() as client:
        wrong_password = _token_request(client, live_service.admin_username, "wrong-password")
        unknown_user = _token_request(client, "nobody_here", "wrong-password")
    assert_problem(wrong_password, 401)
    assert_problem(unknown_user, 401)
    _same_answer(wrong_password, unknown_user)


@pytest.mark.applies_to(auth=("jwt",))
def test_token_route_takes_a_form_not_json(live_service: LiveService) -> None:
    with live_service.client() as client:
        missing_password = client.post(
            "/api/v1/auth/token", data={"username": live_service.admin_username}
        )
        as_json = client.post(
            "/api/v1/auth/token",
            json={"username": live_service.admin_username, "password": live_service.admin_password},
        )
    assert_validation_problem(missing_password, "password")
    assert_problem(as_json, 400, 415, 422)


@pytest.mark.applies_to(auth=("jwt",))
def test_refresh_rotates_the_pair(live_service: LiveService) -> None:
    with live_service.client() as client:
        first = live_service.login(live_service.admin_username, live_service.admin_password)
        second = _assert_token_pair(_refresh(client, first["refresh_token"]))
        third = _assert_token_pair(_refresh(client, second["refresh_token"]))
        assert len({first["refresh_token"], second["refresh_token"], third["refresh_token"]}) == 3
        assert _me(client, third["access_token"]).status_code == 200
        assert_unauthorized(_refresh(client, second["refresh_token"]), "jwt")


@pytest.mark.applies_to(auth=("jwt",))
def test_reusing_a_refresh_token_revokes_its_family(live_service: LiveService) -> None:
    with live_service.client() as client:
        first = live_service.login(live_service.admin_username, live_service.admin_password)
        second = _assert_token_pair(_refresh(client, first["refresh_token"]))
        assert_unauthorized(_refresh(client, first["refresh_token"]), "jwt")
        # The reuse may be an attacker replaying a stolen token: the pair issued from it is
        # no longer good either.
        assert_unauthorized(_refresh(client, second["refresh_token"]), "jwt")
        # Another login starts a family of its own.
        other = live_service.login(live_service.admin_username, live_service.admin_password)
        _assert_token_pair(_refresh(client, other["refresh_token"]))


@pytest.mark.applies_to(auth=("jwt",))
def test_refresh_refuses_garbage_and_access_tokens(live_service: LiveService) -> None:
    pair = live_service.login(live_service.admin_username, live_service.admin_password)
    with live_service.client() as client:
        for candidate in (secrets.token_urlsafe(32), pair["access_token"]):
            assert_unauthorized(_refresh(client, candidate), "jwt")
        # An empty token is as much malformed input as a bad credential.
        assert_problem(_refresh(client, ""), 401, 422)
        assert_validation_problem(client.post("/api/v1/auth/refresh", json={}), "refresh_token")


@pytest.mark.applies_to(auth=("jwt",))
def test_forged_tokens_are_refused(live_service: LiveService) -> None:
    pair = live_service.login(live_service.admin_username, live_service.admin_password)
    _, claims = jwt_parts(pair["access_token"])
    now = int(time.time())
    header, payload, signature = pair["access_token"].split(".")
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    forged = {
        "tampered signature": f"{header}.{payload}.{flipped}",
        "foreign payload": f"{header}.{forge_jwt({**claims, 'sub': '0'}, 'x').split('.')[1]}"
        f".{signature}",
        "alg none": forge_jwt(claims, None, algorithm="none"),
        "other key": forge_jwt(claims, "another-secret-" + secrets.token_hex(16)),
        "expired": forge_jwt(
            {**claims, "iat": now - 7200, "exp": now - 3600}, live_service.secret_key
        ),
        "refresh token as access token": pair["refresh_token"],
    }
    with live_service.client() as client:
        # The forging itself is sound: the same claims signed with SECRET_KEY are accepted,
        # so each refusal below is for the reason its name gives.
        resigned = forge_jwt(claims, live_service.secret_key)
        assert _me(client, resigned).status_code == 200, describe(_me(client, resigned))
        for name, token in forged.items():
            response = _me(client, token)
            assert response.status_code == 401, f"{name}: {describe(response)}"
            assert_unauthorized(response, "jwt")


@pytest.mark.applies_to(auth=("jwt",))
def test_refresh_claims_do_not_open_protected_routes(live_service: LiveService) -> None:
    pair = live_service.login(live_service.admin_username, live_service.admin_password)
    _, claims = jwt_parts(pair["access_token"])
    refresh_typed = forge_jwt({**claims, "type": "refresh"}, live_service.secret_key)
    with live_service.client() as client:
        assert_unauthorized(_me(client, refresh_typed), "jwt")


# ── users (basic and jwt) ────────────────────────────────────────────────────────────────


@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_admin_creates_a_user_who_can_authenticate(live_service: LiveService) -> None:
    username = f"new_{secrets.token_hex(4)}"
    password = secrets.token_urlsafe(12)
    with live_service.admin_client() as admin:
        created = admin.post("/api/v1/users", json={"username": username, "password": password})
    assert created.status_code == 201, describe(created)
    user = created.json()
    assert type(user.get("id")) is int, user
    assert user.get("username") == username, user
    assert user.get("is_admin") is False, user
    assert not [key for key in user if "password" in key.lower()], user
    with live_service.client(live_service.headers_for(username, password)) as client:
        me = client.get("/api/v1/users/me")
    assert me.status_code == 200, describe(me)
    assert me.json() == {"id": user["id"], "username": username, "is_admin": False}


@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_me_describes_the_admin(live_service: LiveService) -> None:
    with live_service.admin_client() as admin:
        me = admin.get("/api/v1/users/me")
    assert me.status_code == 200, describe(me)
    body = me.json()
    assert type(body.get("id")) is int, body
    assert body.get("username") == live_service.admin_username, body
    assert body.get("is_admin") is True, body


@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_duplicate_username_is_a_409_problem(live_service: LiveService) -> None:
    user, _ = live_service.create_user()
    with live_service.admin_client() as admin:
        duplicate = admin.post(
            "/api/v1/users", json={"username": user["username"], "password": "another-pass-1"}
        )
        admin_again = admin.post(
            "/api/v1/users",
            json={"username": live_service.admin_username, "password": "another-pass-1"},
        )
    assert_problem(duplicate, 409)
    assert_problem(admin_again, 409)


@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_registration_is_closed_to_anonymous_and_non_admin_callers(
    live_service: LiveService,
) -> None:
    _, user_headers = live_service.create_user()
    body = {"username": f"sneaky_{secrets.token_hex(4)}", "password": "long-enough-1"}
    with live_service.client() as client:
        anonymous = client.post("/api/v1/users", json=body)
        non_admin = client.post("/api/v1/users", json=body, headers=user_headers)
    assert_unauthorized(anonymous, live_service.auth)
    assert_problem(non_admin, 403)


@pytest.mark.parametrize(
    ("username", "password", "field"),
    [
        ("ab", "long-enough-1", "username"),
        ("a" * 51, "long-enough-1", "username"),
        ("has space", "long-enough-1", "username"),
        ("semi;colon", "long-enough-1", "username"),
        ("", "long-enough-1", "username"),
        (None, "long-enough-1", "username"),
        (123, "long-enough-1", "username"),
        ("valid_name", "short-7", "password"),
        ("valid_name", "p" * 129, "password"),
        ("valid_name", None, "password"),
    ],
)
@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_user_validation(
    live_service: LiveService, username: Any, password: Any, field: str
) -> None:
    body = {
        name: value
        for name, value in (("username", username), ("password", password))
        if value is not None
    }
    with live_service.admin_client() as admin:
        assert_validation_problem(admin.post("/api/v1/users", json=body), field)


@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_user_length_boundaries_are_accepted(live_service: LiveService) -> None:
    suffix = secrets.token_hex(4)
    with live_service.admin_client() as admin:
        for username, password in (
            (f"a.{suffix[:1]}", "p" * 8),
            (f"{'b' * 42}-{suffix[:7]}", "p" * 128),
        ):
            response = admin.post(
                "/api/v1/users", json={"username": username, "password": password}
            )
            assert response.status_code == 201, describe(response)
            assert len(username) in (3, 50)


@pytest.mark.applies_to(auth=("basic", "jwt"))
def test_admin_from_the_environment_survives_a_restart(live_service: LiveService) -> None:
    with live_service.admin_client() as admin:
        before = admin.get("/api/v1/users/me")
    assert before.status_code == 200, describe(before)
    live_service.restart()
    with live_service.admin_client() as admin:
        after = admin.get("/api/v1/users/me")
        duplicate = admin.post(
            "/api/v1/users",
            json={"username": live_service.admin_username, "password": "another-pass-1"},
        )
    assert after.status_code == 200, describe(after)
    assert after.json() == before.json()
    assert_problem(duplicate, 409)
