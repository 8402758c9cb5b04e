"""Session-wide fixtures: the whole answer matrix, rendered once."""

from __future__ import annotations

import pytest

from tests.matrix import all_combinations
from tests.support.rendering import Rendered, distinct, render_all, snapshot_template


@pytest.fixture(scope="session")
def template_snapshot(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(snapshot_template(tmp_path_factory.mktemp("template")))


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
