"""The generated Dockerfile, built by a real Docker engine: the image's own facts, for one
image per framework (each framework's basic-auth combination).

The contract suite runs against these images too (live_service's `-container` runs); these
tests hold what no HTTP answer shows: size, user, health check, the read-only filesystem
the contract run relied on, and the refusal to start without a secret in production.
SIGTERM with requests in flight is the contract's own test_shutdown, run on the container.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.support.container import (
    ContainerImage,
    ContainerService,
    base_image,
    build_image,
    docker,
    image_size,
    migrate,
)
from tests.support.postgres import PostgresCluster
from tests.support.project import install, render
from tests.support.service import free_port

from .conftest import (
    CONTAINER_COMBINATIONS,
    LIVE_COMBINATIONS,
    REPO_ROOT,
    ContainerImages,
    basic_authorization,
    combination_id,
    container_group,
    contract_settings,
    describe,
)

IMAGE_USER = "10001:10001"
MEGABYTE = 1_000_000
# Measured on top of the base: 95 MB for FastAPI, the most of the four, nearly all of it
# the locked runtime dependencies (SQLAlchemy, asyncpg, uvloop, the Swagger UI assets).
# Leaking the builder's uv (37 MB), the dev dependency group (about 35 MB, ruff's binary
# 24 MB of it) or, outside the Django frameworks, the Django that the docs assets package
# declares (51 MB) into the runtime stage would cross it.
ADDED_SIZE_LIMIT_BYTES = 125 * MEGABYTE
SIZE_REPORTS = REPO_ROOT / "build" / "measurements"
# The first framework's image, whose Dockerfile also runs on SQLite with its database in a
# volume.
SQLITE_COMBINATION = CONTAINER_COMBINATIONS[0]
HEALTHY_WITHIN_SECONDS = 30.0


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(index, id=combination_id(LIVE_COMBINATIONS[index]))
        for index in CONTAINER_COMBINATIONS
    ],
)
def container_image(
    request: pytest.FixtureRequest, container_images: ContainerImages
) -> ContainerImage:
    return container_images.get(request.param)


@pytest.fixture(scope="module")
def probe(
    container_image: ContainerImage, postgres_cluster: PostgresCluster
) -> Iterator[ContainerService]:
    """One container of the image on PostgreSQL, its health checked every second."""
    settings = contract_settings(postgres_cluster.create_database(f"probe_{secrets.token_hex(4)}"))
    migrate(container_image, settings)
    service = ContainerService(
        container_image, settings, free_port(), run_options=("--health-interval", "1s")
    ).start()
    try:
        yield service
    finally:
        service.stop()


def test_image_size_is_reported_and_bounded(container_image: ContainerImage) -> None:
    total, added = container_image.size, container_image.added_size
    framework = _answers(container_image)["framework"]
    report = {
        "framework": framework,
        "image_bytes": total,
        "base_image_bytes": image_size(container_image.base),
        "added_by_dockerfile_bytes": added,
        "base_image": container_image.base,
    }
    SIZE_REPORTS.mkdir(parents=True, exist_ok=True)
    (SIZE_REPORTS / f"docker-image-{framework}.json").write_text(
        json.dumps(report, indent=2) + "\n"
    )
    print(
        f"\n{framework} image {total / MEGABYTE:.0f} MB,"
        f" of which the Dockerfile adds {added / MEGABYTE:.0f} MB"
    )
    assert added <= ADDED_SIZE_LIMIT_BYTES, report


def test_runtime_stage_holds_no_build_tools(
    container_image: ContainerImage, probe: ContainerService
) -> None:
    django_framework = _answers(container_image)["orm"] == "django"
    found = docker(
        "exec",
        probe.name,
        "python",
        "-c",
        "import importlib.util, shutil;"
        "print(shutil.which('uv'), importlib.util.find_spec('pytest'),"
        " importlib.util.find_spec('django'))",
    ).split()
    assert found[:2] == ["None", "None"], f"uv or the dev dependencies in the image: {found}"
    if not django_framework:
        assert found[2] == "None", f"Django in the runtime image of a framework without it: {found}"


def test_server_runs_as_uid_10001(container_image: ContainerImage, probe: ContainerService) -> None:
    configured = docker(
        "image", "inspect", "--format", "{{.Config.User}}", container_image.reference
    )
    assert configured.strip() == IMAGE_USER
    # The server's own process, as the host's kernel sees it (no user namespace remapping).
    pid = probe.inspect("{{.State.Pid}}")
    status = Path(f"/proc/{pid}/status").read_text()
    uids = next(line.split()[1:] for line in status.splitlines() if line.startswith("Uid:"))
    gids = next(line.split()[1:] for line in status.splitlines() if line.startswith("Gid:"))
    assert set(uids) == {"10001"}, status
    assert set(gids) == {"10001"}, status


def test_docker_reports_the_container_healthy(probe: ContainerService) -> None:
    deadline = time.monotonic() + HEALTHY_WITHIN_SECONDS
    while (status := probe.inspect("{{.State.Health.Status}}")) != "healthy":
        assert status == "starting", probe.inspect("{{json .State.Health}}")
        assert time.monotonic() < deadline, f"still {status} after {HEALTHY_WITHIN_SECONDS} s"
        time.sleep(0.5)


def test_only_tmp_is_writable(probe: ContainerService) -> None:
    """The contract run used these restrictions; this shows they were really in force."""
    attempt = (
        "import sys\n"
        "try:\n"
        "    open(sys.argv[1], 'w').close()\n"
        "except OSError as error:\n"
        "    print(error.strerror)\n"
        "else:\n"
        "    print('written')\n"
    )
    outcomes = {
        path: docker("exec", probe.name, "python", "-c", attempt, path).strip()
        for path in ("/tmp/probe", "/app/probe", "/app/.venv/probe", "/probe")
    }
    assert outcomes == {
        "/tmp/probe": "written",
        "/app/probe": "Read-only file system",
        "/app/.venv/probe": "Read-only file system",
        "/probe": "Read-only file system",
    }


def test_production_refuses_to_start_without_secret_key(
    container_image: ContainerImage, tmp_path: Path
) -> None:
    # Neither SECRET_KEY nor ENVIRONMENT: the image itself must default to production.
    settings = contract_settings(f"sqlite:///{tmp_path / 'unused.db'}")
    del settings["SECRET_KEY"], settings["ENVIRONMENT"]
    service = ContainerService(container_image, settings, free_port())
    service.launch()
    exit_code = service.wait_for_exit(60)
    lines = [line for line in service.logs() if line.strip()]
    assert exit_code != 0, service.output()
    assert len(lines) == 1, f"expected a one-line reason:\n{service.output()}"
    assert "SECRET_KEY" in lines[0], lines


@pytest.fixture(scope="module")
def sqlite_image(tmp_path_factory: pytest.TempPathFactory) -> ContainerImage:
    """The first image's combination on SQLite: its Dockerfile differs where the database
    lives."""
    answers = {
        **LIVE_COMBINATIONS[SQLITE_COMBINATION],
        "project_name": "Basic Shop Lite",
        "database": "sqlite",
    }
    project = install(render(answers, tmp_path_factory.mktemp("sqlite-image") / "basic-shop-lite"))
    return build_image(project, base_image())


@pytest.fixture
def data_volume() -> Iterator[str]:
    name = docker("volume", "create").strip()
    try:
        yield name
    finally:
        docker("volume", "rm", "--force", name)


@pytest.mark.xdist_group(container_group(SQLITE_COMBINATION))
@pytest.mark.cost(renders=1, installs=1, images=1)
def test_sqlite_image_keeps_its_database_in_a_volume(
    sqlite_image: ContainerImage, data_volume: str
) -> None:
    # As compose.yaml runs it: the database in a volume on /data, the one place a
    # read-only container can write.
    settings = contract_settings("sqlite:////data/app.db")
    volume = ("--volume", f"{data_volume}:/data")
    migrate(sqlite_image, settings, run_options=volume)
    service = ContainerService(sqlite_image, settings, free_port(), run_options=volume).start()
    try:
        admin = {
            "Authorization": basic_authorization(
                settings["ADMIN_USERNAME"], settings["ADMIN_PASSWORD"]
            )
        }
        with httpx.Client(base_url=service.base_url, headers=admin, timeout=30) as client:
            created = client.post("/api/v1/items", json={"name": "kept", "price": 1})
            assert created.status_code == 201, describe(created)
    finally:
        service.stop()
    listing = docker(
        "run", "--rm", "--volume", f"{data_volume}:/data", sqlite_image.reference, "ls", "/data"
    )
    assert "app.db" in listing.split(), listing


def _answers(image: ContainerImage) -> dict[str, Any]:
    """The answers the image's project was generated with."""
    return yaml.safe_load((image.project / ".copier-answers.yml").read_text())
