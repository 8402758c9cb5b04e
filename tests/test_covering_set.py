"""Tier 2 for releases (`make test-full` only): a covering set of combinations, in which
every pair of option values appears at least once, is installed with uv and passes its own
`make lint` and `make test`, on SQLite and, when it targets PostgreSQL, on PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.matrix import label, pairwise_combinations
from tests.support.project import install, render
from tests.test_generated import assert_passes_its_checks

pytestmark = pytest.mark.slow


@pytest.mark.cost(renders=1, installs=1)
@pytest.mark.parametrize("answers", pairwise_combinations(), ids=label)
def test_covering_set_passes_its_own_checks(
    answers: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    on_postgres = answers["database"] == "postgresql"
    assert_passes_its_checks(
        install(render(answers, tmp_path / answers["project_slug"])),
        request.getfixturevalue("postgres_cluster") if on_postgres else None,
        f"gen_{abs(hash(label(answers))) % 10**8}",
    )
