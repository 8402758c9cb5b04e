"""Tier 2: every service combination (every framework in every auth mode, tests/matrix.py)
passes its own `make lint` and `make test` on SQLite, and each framework's breadth
combination again on a real PostgreSQL server started for the run. The projects are the
ones the live tiers serve, installed once per run. `make test-full` adds the pairwise
covering set (tests/test_covering_set.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from extensions.catalog import reserved_module_names
from tests.matrix import BREADTH_AUTH, FULL, SERVICE_COMBINATIONS, service_id
from tests.support.builds import ProjectBuilds
from tests.support.postgres import PostgresCluster
from tests.support.service import service_environment

MAKE_TIMEOUT_SECONDS = 900
# Run in a generated project: the top-level modules its direct requirements install.
DIRECT_MODULES = """
import importlib.metadata, json, re, tomllib
project = tomllib.load(open("pyproject.toml", "rb"))
wanted = project["project"]["dependencies"] + project["dependency-groups"]["dev"]
def name(text):
    return re.sub(r"[-_.]+", "-", re.split(r"[\\[=<>;! ]", text, maxsplit=1)[0]).lower()
direct = {name(requirement) for requirement in wanted}
print(json.dumps(sorted(
    module
    for module, distributions in importlib.metadata.packages_distributions().items()
    if not module.startswith("_") and direct & {name(each) for each in distributions}
)))
"""

pytestmark = pytest.mark.slow


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


def assert_passes_its_checks(
    project: Path, postgres: PostgresCluster | None, database_name: str
) -> None:
    assert_succeeds(make(project, "lint"))
    output = assert_succeeds(make(project, "test"))
    assert " passed" in output and " failed" not in output
    if postgres is not None:
        database = postgres.create_database(database_name)
        output = assert_succeeds(make(project, "test", DATABASE_URL=database))
        assert " passed" in output and " failed" not in output


@pytest.mark.parametrize("answers", SERVICE_COMBINATIONS, ids=service_id)
def test_package_name_question_refuses_every_module_the_project_imports(
    answers: dict[str, Any], project_builds: ProjectBuilds
) -> None:
    """A package named like one of these would shadow it: the catalog must know them all."""
    project = project_builds.get(answers)
    result = subprocess.run(
        [str(project / ".venv" / "bin" / "python"), "-c", DIRECT_MODULES],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = set(json.loads(result.stdout))
    assert {"pytest", "pydantic"} <= modules, modules
    assert modules <= reserved_module_names(), sorted(modules - reserved_module_names())


@pytest.mark.parametrize("answers", SERVICE_COMBINATIONS, ids=service_id)
def test_service_combination_passes_its_own_checks(
    answers: dict[str, Any], project_builds: ProjectBuilds, request: pytest.FixtureRequest
) -> None:
    on_postgres = answers["auth"] == BREADTH_AUTH or FULL
    assert_passes_its_checks(
        project_builds.get(answers),
        request.getfixturevalue("postgres_cluster") if on_postgres else None,
        f"gen_{service_id(answers)}",
    )
