"""Session-wide fixtures: the whole answer matrix, rendered once, and the projects every
tier shares, installed once per run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.matrix import FULL, all_combinations
from tests.support import project
from tests.support.builds import ProjectBuilds, shared_root
from tests.support.postgres import PostgresCluster
from tests.support.rendering import Rendered, distinct, render_all

pytest_plugins = ["tests.support.suite_cost"]
# The pairwise covering set runs for releases only (`make test-full`).
collect_ignore = [] if FULL else ["test_covering_set.py"]


@pytest.fixture(scope="session")
def template_snapshot() -> str:
    return str(project.template_snapshot())


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One PostgreSQL server per worker; each user of it creates a database of its own."""
    with PostgresCluster() as cluster:
        yield cluster


@pytest.fixture(scope="session")
def project_builds(tmp_path_factory: pytest.TempPathFactory) -> ProjectBuilds:
    return ProjectBuilds(shared_root(tmp_path_factory) / "projects")


@pytest.fixture(scope="session")
def matrix(tmp_path_factory: pytest.TempPathFactory, template_snapshot: str) -> list[Rendered]:
    return render_all(
        template_snapshot, tmp_path_factory.mktemp("matrix"), list(all_combinations())
    )


@pytest.fixture(scope="session")
def distinct_projects(matrix: list[Rendered]) -> list[Rendered]:
    """One rendered project per distinct file tree (answers files aside)."""
    return distinct(matrix)


# First: xdist names each test's group from its markers in its own hook.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Under `-n N --dist loadgroup` every test of the rendered matrix runs in one worker,
    # so the matrix is rendered once per session, not once per worker.
    for item in items:
        if {"matrix", "distinct_projects"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("render-matrix"))
