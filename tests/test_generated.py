"""Tier 2: a covering set of combinations is installed with uv and passes its own
`make lint` and `make test`, on SQLite and (when it targets PostgreSQL) on a real
PostgreSQL server started for the run."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.matrix import label, pairwise_combinations
from tests.support.postgres import PostgresCluster
from tests.support.project import install, render
from tests.support.service import service_environment

COVERING_SET = pairwise_combinations()
MAKE_TIMEOUT_SECONDS = 900

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresCluster]:
    with PostgresCluster() as cluster:
        yield cluster


def make(project: Path, target: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", target],
        cwd=project,
        env=service_environment(settings),
        capture_output=True,
        text=True,
        timeout=MAKE_TIMEOUT_SECONDS,
        check=False,
    )


def assert_succeeds(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (
        f"{result.args}:\n{result.stdout[-6000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


@pytest.mark.parametrize("answers", COVERING_SET, ids=label)
def test_generated_project_passes_its_own_checks(
    answers: dict[str, Any], tmp_path: Path, postgres: PostgresCluster
) -> None:
    project = install(render(answers, tmp_path / answers["project_slug"]))
    assert_succeeds(make(project, "lint"))
    output = assert_succeeds(make(project, "test"))
    assert " passed" in output and " failed" not in output
    if answers["database"] == "postgresql":
        database = postgres.create_database(f"gen_{abs(hash(label(answers))) % 10**8}")
        output = assert_succeeds(make(project, "test", DATABASE_URL=database))
        assert " passed" in output and " failed" not in output
