"""Tier 3: generated services, started with their production server, held to CONTRACT.md.

The services are the combinations of tests/matrix.py's SERVICE_COMBINATIONS, each installed
once per run (tests/support/builds.py). Every framework serves its richest combination on
PostgreSQL; the representative of each family (matrix.is_representative) serves every auth
mode on PostgreSQL, its basic-auth one on SQLite too and from the image its Dockerfile
builds (run on PostgreSQL the way a Kubernetes pod runs it), and the database outage and
SIGTERM tests apply to it. One combination is also generated at the previous release,
edited as a user would, updated with `copier update`, and served on PostgreSQL.
Everything here talks to the services over real sockets; nothing is mocked.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import re
import secrets
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

# The repository root makes `tests.support` importable whether or not `tests` itself is a
# package, which pytest's default import mode would otherwise decide for us.
REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.matrix import (  # noqa: E402
    BREADTH_AUTH,
    FULL,
    SERVICE_COMBINATIONS,
    is_depth_service,
    service_id,
)
from tests.support.builds import ProjectBuilds  # noqa: E402
from tests.support.container import (  # noqa: E402
    ContainerImage,
    ContainerService,
    base_image,
    build_image,
    migrate,
    require_engine,
)
from tests.support.postgres import PostgresCluster  # noqa: E402
from tests.support.service import RunningService, free_port  # noqa: E402

CONTRACT_DIR = Path(__file__).resolve().parent

LIVE_COMBINATIONS: list[dict[str, Any]] = SERVICE_COMBINATIONS
DATABASES = ("sqlite", "postgresql")
# How a live service runs: `make run` in its project, the project's image in a container,
# or `make run` in a project generated at the previous release, edited the way a user
# would, and brought to today's template with `copier update`.
PROCESS, CONTAINER, UPDATED = "process", "container", "updated"
# The representatives' basic-auth services also run in a container of their image; the
# tests that need one image run in one xdist worker, so each image is built once.
CONTAINER_COMBINATIONS = tuple(
    index
    for index, answers in enumerate(LIVE_COMBINATIONS)
    if answers["auth"] == "basic" and is_depth_service(answers)
)


def container_group(index: int) -> str:
    return f"container-image-{index}"


# The updated project: the richest auth mode, whose files an update touches most, of the
# first framework in the catalog.
UPDATED_COMBINATION = next(
    index for index, answers in enumerate(LIVE_COMBINATIONS) if answers["auth"] == BREADTH_AUTH
)
AUTH_SCHEMES = {"api_key": "ApiKey", "basic": "Basic", "jwt": "Bearer"}
REQUEST_TIMEOUT_SECONDS = 30.0
# Well inside the default 900-second access-token lifetime.
ADMIN_TOKEN_REUSE_SECONDS = 300.0


combination_id = service_id


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "applies_to(**allowed): run only against live services whose answers (or database, "
        "runner: process, container or updated, or depth: whether the framework is tested in "
        "depth) take one of the allowed values, e.g. applies_to(auth=('jwt',))",
    )


def _applies(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    if callspec is None or "live_service" not in callspec.params:
        return True
    index, database, runner = callspec.params["live_service"]
    answers = LIVE_COMBINATIONS[index]
    facts = {**answers, "database": database, "runner": runner, "depth": is_depth_service(answers)}
    return all(
        facts[name] in allowed
        for marker in item.iter_markers("applies_to")
        for name, allowed in marker.kwargs.items()
    )


# First: xdist names each test's group from its markers in its own hook.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A rule that does not apply to a service is not collected for it (rather than
    # skipped), so a skip in the report always means something went unchecked.
    not_applicable = [item for item in items if not _applies(item)]
    if not_applicable:
        config.hook.pytest_deselected(items=not_applicable)
        items[:] = [item for item in items if _applies(item)]
    for item in items:
        if CONTRACT_DIR not in Path(item.path).resolve().parents:
            continue
        # Every test here starts real servers; marking them in one place keeps a new test
        # file from slipping into the fast tier unnoticed.
        item.add_marker(pytest.mark.slow)
        # Under `pytest -n N --dist loadgroup`, all tests of one service run in one worker,
        # so each service still starts once.
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec is not None else {}
        if "live_service" in params:
            index, database, runner = params["live_service"]
            group = (
                container_group(index)
                if runner == CONTAINER
                else f"service-{index}-{database}-{runner}"
            )
            item.add_marker(pytest.mark.xdist_group(group))
        elif "container_image" in params:
            item.add_marker(pytest.mark.xdist_group(container_group(params["container_image"])))
        # What needs a Docker engine runs in its own command (`make test-container`).
        uses_image = "container_image" in params or "sqlite_image" in item.fixturenames
        if uses_image or params.get("live_service", (None, None, None))[2] == CONTAINER:
            item.add_marker(pytest.mark.container)


class ContainerImages:
    """Build each combination's image at most once per session, on the test base image."""

    def __init__(self, project_builds: ProjectBuilds) -> None:
        self._project_builds = project_builds
        self._images: dict[int, ContainerImage] = {}

    def get(self, index: int) -> ContainerImage:
        if index not in self._images:
            require_engine()
            project = self._project_builds.get(LIVE_COMBINATIONS[index])
            self._images[index] = build_image(project, base_image())
        return self._images[index]


@pytest.fixture(scope="session")
def container_images(project_builds: ProjectBuilds) -> ContainerImages:
    return ContainerImages(project_builds)


# ── the live services ────────────────────────────────────────────────────────────────────


def contract_settings(database_url: str) -> dict[str, str]:
    """The environment CONTRACT.md §6 says the contract is exercised with."""
    return {
        "ENVIRONMENT": "production",
        "SECRET_KEY": secrets.token_urlsafe(48)[:64],
        "DATABASE_URL": database_url,
        "ADMIN_USERNAME": f"admin_{secrets.token_hex(3)}",
        "ADMIN_PASSWORD": secrets.token_urlsafe(18),
        "API_KEYS": f"{secrets.token_urlsafe(24)},{secrets.token_urlsafe(24)}",
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }


@dataclass
class LiveService:
    answers: dict[str, Any]
    database: str
    project: Path
    settings: dict[str, str]
    port: int
    postgres: PostgresCluster | None
    # Set: the service runs in a container of this image instead of under `make run`.
    image: ContainerImage | None = None
    running: RunningService | None = None
    _earlier_logs: list[str] = field(default_factory=list)
    _admin_access_token: tuple[float, str] | None = None

    # Configuration the tests decide by.
    @property
    def auth(self) -> str:
        return self.answers["auth"]

    @property
    def api_docs(self) -> bool:
        return self.answers["api_docs"]

    @property
    def metrics(self) -> bool:
        return self.answers["metrics"]

    @property
    def has_users(self) -> bool:
        return self.auth in ("basic", "jwt")

    @property
    def admin_username(self) -> str:
        return self.settings["ADMIN_USERNAME"]

    @property
    def admin_password(self) -> str:
        return self.settings["ADMIN_PASSWORD"]

    @property
    def api_keys(self) -> list[str]:
        return self.settings["API_KEYS"].split(",")

    @property
    def secret_key(self) -> str:
        return self.settings["SECRET_KEY"]

    # The process.
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveService:
        if self.image is None:
            self.running = RunningService(self.project, self.settings, self.port).start()
        else:
            self.running = ContainerService(self.image, self.settings, self.port).start()
        return self

    def stop(self) -> None:
        if self.running is not None:
            try:
                self.running.stop()
            finally:
                self._earlier_logs += self.running.logs()
                self.running = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def logs(self) -> list[str]:
        current = self.running.logs() if self.running is not None else []
        return self._earlier_logs + current

    # Clients.
    def client(self, headers: Mapping[str, str] | None = None) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, headers=headers, timeout=REQUEST_TIMEOUT_SECONDS
        )

    def login(self, username: str, password: str) -> dict[str, Any]:
        """JWT mode: the token route's answer for these credentials, which must be 200."""
        with self.client() as client:
            response = client.post(
                "/api/v1/auth/token", data={"username": username, "password": password}
            )
        assert response.status_code == 200, describe(response)
        return response.json()

    def headers_for(self, username: str, password: str) -> dict[str, str]:
        """Credentials of a user, in the form this service's auth mode takes."""
        if self.auth == "basic":
            return {"Authorization": basic_authorization(username, password)}
        if self.auth == "jwt":
            return {"Authorization": f"Bearer {self.login(username, password)['access_token']}"}
        raise AssertionError(f"auth mode {self.auth!r} has no users")

    def admin_headers(self) -> dict[str, str]:
        """The most privileged credentials the mode has (nothing at all for `none`)."""
        if self.auth == "none":
            return {}
        if self.auth == "api_key":
            return {"X-API-Key": self.api_keys[0]}
        if self.auth == "basic":
            return self.headers_for(self.admin_username, self.admin_password)
        # A login costs a slow password hash; one access token serves many tests while it
        # is well inside its lifetime.
        issued_at, token = self._admin_access_token or (0.0, "")
        if time.monotonic() - issued_at > ADMIN_TOKEN_REUSE_SECONDS:
            token = self.login(self.admin_username, self.admin_password)["access_token"]
            self._admin_access_token = (time.monotonic(), token)
        return {"Authorization": f"Bearer {token}"}

    def admin_client(self) -> httpx.Client:
        return self.client(self.admin_headers())

    def create_user(self) -> tuple[dict[str, Any], dict[str, str]]:
        """A new non-admin user, created by the admin: its JSON and its credentials."""
        username = f"user_{secrets.token_hex(4)}"
        password = secrets.token_urlsafe(12)
        with self.admin_client() as admin:
            response = admin.post(
                "/api/v1/users", json={"username": username, "password": password}
            )
        assert response.status_code == 201, describe(response)
        return response.json(), self.headers_for(username, password)


def _live_params() -> list[Any]:
    """Every framework's breadth service on PostgreSQL; a representative's every auth mode
    on PostgreSQL, its basic-auth service on SQLite and in a container too (`make
    test-full`: every combination on both databases)."""

    def param(index: int, database: str, runner: str = PROCESS) -> Any:
        suffix = "" if runner == PROCESS else f"-{runner}"
        identity = f"{combination_id(LIVE_COMBINATIONS[index])}-{database}{suffix}"
        return pytest.param((index, database, runner), id=identity)

    params = []
    for index, answers in enumerate(LIVE_COMBINATIONS):
        depth = is_depth_service(answers)
        if depth or answers["auth"] == BREADTH_AUTH:
            params.append(param(index, "postgresql"))
        if depth and (answers["auth"] == "basic" or FULL):
            params.append(param(index, "sqlite"))
    params += [param(index, "postgresql", CONTAINER) for index in CONTAINER_COMBINATIONS]
    params.append(param(UPDATED_COMBINATION, "postgresql", UPDATED))
    return params


@pytest.fixture(scope="session", params=_live_params())
def live_service(
    request: pytest.FixtureRequest,
    project_builds: ProjectBuilds,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[LiveService]:
    index, database, runner = request.param
    answers = LIVE_COMBINATIONS[index]
    project = (
        project_builds.get_updated(answers) if runner == UPDATED else project_builds.get(answers)
    )
    postgres: PostgresCluster | None = None
    if database == "postgresql":
        postgres = request.getfixturevalue("postgres_cluster")
        database_url = postgres.create_database(f"service_{index}_{secrets.token_hex(4)}")
    else:
        database_url = f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'app.db'}"
    service = LiveService(
        answers=answers,
        database=database,
        project=project,
        settings=contract_settings(database_url),
        port=free_port(),
        postgres=postgres,
    )
    if runner == CONTAINER:
        service.image = request.getfixturevalue("container_images").get(index)
        # Once, before the server starts, as the Kubernetes migration Job does.
        migrate(service.image, service.settings)
    service.start()
    try:
        yield service
    finally:
        service.stop()


# ── assertions shared by the test modules ────────────────────────────────────────────────

# Text that betrays internals: a traceback, SQL, driver or exception names.
_LEAK_PATTERN = re.compile(
    r"Traceback|File \"|sqlalchemy|psycopg|asyncpg|sqlite3|aiosqlite|"
    r"\bSELECT\b|\bINSERT INTO\b|\bUPDATE\b \w+ \bSET\b|\bDELETE FROM\b|"
    r"\w+(Error|Exception)\b",
)
_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$",
)


def describe(response: httpx.Response) -> str:
    """A response as a failure message shows it: the request, status, headers and body."""
    request = response.request
    return (
        f"{request.method} {request.url} -> {response.status_code}\n"
        f"headers: {dict(response.headers)}\nbody: {response.text[:2000]}"
    )


def media_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip().lower()


def assert_problem(response: httpx.Response, *statuses: int) -> dict[str, Any]:
    """An RFC 9457 problem with one of ``statuses``, and nothing internal in it."""
    assert response.status_code in statuses, describe(response)
    assert media_type(response) == "application/problem+json", describe(response)
    problem = response.json()
    assert isinstance(problem, dict), describe(response)
    for member in ("type", "title", "detail"):
        assert isinstance(problem.get(member), str), f"{member!r} missing: {describe(response)}"
    assert type(problem.get("status")) is int, describe(response)
    assert problem["status"] == response.status_code, describe(response)
    assert not _LEAK_PATTERN.search(response.text), f"internals leak: {describe(response)}"
    return problem


def field_names(problem: Mapping[str, Any]) -> set[str]:
    """The fields a 422 problem names, by their last dotted segment (``body.price`` is
    ``price``), after checking every entry has the contract's shape."""
    errors = problem.get("errors")
    assert isinstance(errors, list), f"no `errors` list: {problem}"
    assert errors, f"empty `errors`: {problem}"
    for error in errors:
        assert isinstance(error, dict), problem
        assert isinstance(error.get("field"), str), problem
        assert isinstance(error.get("message"), str), problem
        assert error["message"], problem
    return {error["field"].split(".")[-1] for error in errors}


def assert_validation_problem(response: httpx.Response, field_name: str) -> dict[str, Any]:
    problem = assert_problem(response, 422)
    assert field_name in field_names(problem), describe(response)
    return problem


def assert_unauthorized(response: httpx.Response, auth: str) -> dict[str, Any]:
    """401 problem whose WWW-Authenticate names the mode's scheme."""
    problem = assert_problem(response, 401)
    challenge = response.headers.get("www-authenticate", "")
    scheme = AUTH_SCHEMES[auth]
    assert challenge.split(" ")[0].lower() == scheme.lower(), describe(response)
    if auth == "basic":
        assert re.match(r'^Basic realm="[^"]*"', challenge, re.IGNORECASE), describe(response)
    return problem


def parse_timestamp(value: Any) -> dt.datetime:
    """An RFC 3339 time with a timezone."""
    assert isinstance(value, str), value
    assert _RFC3339.match(value), f"not RFC 3339 with a timezone: {value!r}"
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))


def is_uuid4(value: str | None) -> bool:
    try:
        parsed = uuid.UUID(value or "")
    except ValueError:
        return False
    return parsed.version == 4 and str(parsed) == value.lower()


def basic_authorization(username: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()


def json_log_lines(lines: list[str]) -> list[dict[str, Any]]:
    parsed = []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict):
            parsed.append(record)
    return parsed


# ── JSON Web Tokens, written by hand so tests can forge exactly the token they need ─────


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def jwt_parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _signature = token.split(".")
    return json.loads(_b64url_decode(header)), json.loads(_b64url_decode(payload))


def jwt_signature_valid(token: str, key: str) -> bool:
    header, payload, signature = token.split(".")
    expected = hmac.new(key.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return hmac.compare_digest(_b64url(expected), signature)


def forge_jwt(claims: Mapping[str, Any], key: str | None, algorithm: str = "HS256") -> str:
    """A token with these claims, HS256-signed with ``key``; ``algorithm="none"`` gives an
    unsigned one."""
    header = _b64url(json.dumps({"alg": algorithm, "typ": "JWT"}).encode())
    payload = _b64url(json.dumps(dict(claims)).encode())
    if algorithm == "none":
        return f"{header}.{payload}."
    assert algorithm == "HS256" and key is not None
    signature = hmac.new(key.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64url(signature)}"
