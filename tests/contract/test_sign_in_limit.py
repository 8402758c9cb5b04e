"""CONTRACT.md §9, sign-in attempts: after 10 failures for one username from one address,
or 100 for any usernames from one address, further attempts are refused with 429 and
Retry-After, without a password hash, whichever replica or worker answers them.

Each test signs in from an address of its own: Linux routes all of 127.0.0.0/8 to the
loopback interface, so a client bound to 127.x.y.z is a distinct peer to the service, and
the failures of the rest of the suite (schemathesis' among them) do not count against it.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.support.service import RunningService, free_port, serve

from .conftest import (
    REQUEST_TIMEOUT_SECONDS,
    LiveService,
    assert_problem,
    assert_unauthorized,
    basic_authorization,
    describe,
)

FAILURES_ALLOWED = 10
FAILURES_ALLOWED_PER_ADDRESS = 100
# Where each ORM's migrations put the failures.
FAILURES_TABLE = {"sqlalchemy": "failed_sign_ins", "django": "users_failedsignin"}
WINDOW_SECONDS = 15 * 60
# A refusal computes no hash: it must take well under the fastest failed attempt, each of
# which computes one (a tenth of a second or more of Argon2).
REFUSAL_SHARE_OF_A_HASH = 0.5
# Each refusal is timed this many times and its fastest kept: a loaded machine only adds
# time, while a refusal that hashed could never come in under the hash.
REFUSAL_TIMINGS = 3


def _loopback_address() -> str:
    return "127." + ".".join(str(secrets.randbelow(254) + 1) for _ in range(3))


def _client(base_url: str, address: str) -> httpx.Client:
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=base_url, transport=transport, timeout=REQUEST_TIMEOUT_SECONDS)


def _fastest(attempt: Callable[[], tuple[httpx.Response, float]]) -> tuple[httpx.Response, float]:
    timed = [attempt() for _ in range(REFUSAL_TIMINGS)]
    return timed[-1][0], min(seconds for _, seconds in timed)


def _sign_in(
    client: httpx.Client, auth: str, username: str, password: str, **headers: str
) -> tuple[httpx.Response, float]:
    """One attempt in the service's auth mode, and how long its answer took."""
    started = time.perf_counter()
    if auth == "jwt":
        form = {"username": username, "password": password}
        response = client.post("/api/v1/auth/token", data=form, headers=headers)
    else:
        headers["Authorization"] = basic_authorization(username, password)
        response = client.get("/api/v1/items", headers=headers)
    return response, time.perf_counter() - started


@pytest.fixture
def replica(live_service: LiveService) -> Iterator[RunningService]:
    """A second server of the same project on the same database, with two workers of its
    own: a count kept in one process would miss what the other answered."""
    settings = {**live_service.settings, "WEB_CONCURRENCY": "2"}
    with serve(live_service.project, settings, free_port()) as running:
        yield running


@pytest.fixture
def user(live_service: LiveService) -> tuple[str, str]:
    username, password = f"user_{secrets.token_hex(4)}", secrets.token_urlsafe(12)
    with live_service.admin_client() as admin:
        response = admin.post("/api/v1/users", json={"username": username, "password": password})
    assert response.status_code == 201, describe(response)
    return username, password


@pytest.mark.applies_to(auth=("jwt", "basic"), database=("postgresql",), runner=("process",))
def test_repeated_failures_are_refused_fast_across_replicas(
    live_service: LiveService, replica: RunningService, user: tuple[str, str]
) -> None:
    username, password = user
    auth = live_service.auth
    address = _loopback_address()
    with (
        _client(live_service.base_url, address) as first,
        _client(replica.base_url, address) as second,
    ):
        servers = (first, second)
        failure_seconds = []
        for attempt in range(FAILURES_ALLOWED):
            response, seconds = _sign_in(servers[attempt % 2], auth, username, "wrong-password")
            assert_unauthorized(response, auth)
            failure_seconds.append(seconds)

        refusals = [
            _fastest(lambda server=server: _sign_in(server, auth, username, "wrong-password"))
            for server in servers
        ]
        # Refused with the right password too, and whatever address the client claims.
        refusals.append(_fastest(lambda: _sign_in(first, auth, username, password)))
        claimed = {"X-Forwarded-For": "198.51.100.7"}
        refusals.append(_fastest(lambda: _sign_in(second, auth, username, password, **claimed)))
        other_username, _ = _sign_in(
            first, auth, live_service.admin_username, live_service.admin_password
        )

    fastest_failure = min(failure_seconds)
    for response, seconds in refusals:
        assert_problem(response, 429)
        retry_after = response.headers.get("retry-after", "")
        assert retry_after.isdigit(), describe(response)
        assert 0 < int(retry_after) <= WINDOW_SECONDS, describe(response)
        assert seconds < fastest_failure * REFUSAL_SHARE_OF_A_HASH, (
            f"a refusal took at best {seconds * 1000:.0f} ms, the fastest failure (one hash)"
            f" {fastest_failure * 1000:.0f} ms: a hash was computed for it"
        )
    # The limit is per username: another one from the same address signs in.
    assert other_username.status_code == 200, describe(other_username)


@pytest.mark.applies_to(auth=("jwt", "basic"), database=("postgresql",), runner=("process",))
def test_many_usernames_failing_from_one_address_are_refused(
    live_service: LiveService, user: tuple[str, str]
) -> None:
    """Password spraying: one address, a few guesses each for many usernames."""
    username, password = user
    auth = live_service.auth
    address, other_address = _loopback_address(), _loopback_address()
    # All but the last failure written to the table directly, as a spray of other
    # usernames leaves them: earned one by one, each would cost a password hash.
    assert live_service.postgres is not None
    database = urlsplit(live_service.settings["DATABASE_URL"]).path.lstrip("/")
    table = FAILURES_TABLE[live_service.answers["orm"]]
    live_service.postgres.psql(
        f"INSERT INTO {table} (username_digest, address, failed_at)"
        f" SELECT md5(random()::text) || md5(random()::text), '{address}', now()"
        f" FROM generate_series(1, {FAILURES_ALLOWED_PER_ADDRESS - 1})",
        database,
    )
    with (
        _client(live_service.base_url, address) as sprayer,
        _client(live_service.base_url, other_address) as elsewhere,
    ):
        last_failure, _ = _sign_in(sprayer, auth, f"guess_{secrets.token_hex(4)}", "wrong")
        refused, _ = _sign_in(sprayer, auth, username, password)
        from_elsewhere, _ = _sign_in(elsewhere, auth, username, password)

    assert_unauthorized(last_failure, auth)
    # The user's own right password is refused from that address, though its username
    # never failed there.
    assert_problem(refused, 429)
    assert refused.headers.get("retry-after", "").isdigit(), describe(refused)
    assert from_elsewhere.status_code == 200, describe(from_elsewhere)
