"""CONTRACT.md §6: production start-up refuses a weak SECRET_KEY and invalid settings with a
one-line reason naming the variable, and accepts a key of exactly the minimum length."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from tests.support.service import RunningService, free_port

from .conftest import LIVE_COMBINATIONS, ProjectBuilds, contract_settings

EXIT_TIMEOUT_SECONDS = 90.0
# Any one project will do: the rule is the same for every combination.
COMBINATION = 0


def _refused_start(project: Path, settings: dict[str, str], variable: str) -> None:
    service = RunningService(project, settings, free_port())
    service.launch()
    exit_code = service.wait_for_exit(EXIT_TIMEOUT_SECONDS)
    output = service.output()
    assert exit_code != 0, f"start-up with a bad {variable} succeeded:\n{output}"
    reasons = [line for line in service.logs() if variable in line]
    assert reasons, f"no line names {variable}:\n{output}"
    assert "Traceback" not in output, f"a traceback instead of a one-line reason:\n{output}"


def _settings(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    settings = {**contract_settings(f"sqlite:///{tmp_path / 'app.db'}"), **overrides}
    return {name: value for name, value in settings.items() if value is not None}


@pytest.mark.parametrize(
    "secret_key",
    [None, "", secrets.token_urlsafe(32)[:31], "changeme"],
    ids=["missing", "empty", "31-chars", "changeme"],
)
def test_production_refuses_a_weak_secret_key(
    project_builds: ProjectBuilds, tmp_path: Path, secret_key: str | None
) -> None:
    project = project_builds.get(LIVE_COMBINATIONS[COMBINATION])
    _refused_start(project, _settings(tmp_path, SECRET_KEY=secret_key), "SECRET_KEY")


def test_production_refuses_to_start_without_a_database_url(
    project_builds: ProjectBuilds, tmp_path: Path
) -> None:
    project = project_builds.get(LIVE_COMBINATIONS[COMBINATION])
    _refused_start(project, _settings(tmp_path, DATABASE_URL=None), "DATABASE_URL")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("LOG_FORMAT", "xml"), ("ENVIRONMENT", "staging")],
)
def test_invalid_settings_stop_start_up_naming_the_variable(
    project_builds: ProjectBuilds, tmp_path: Path, variable: str, value: str
) -> None:
    project = project_builds.get(LIVE_COMBINATIONS[COMBINATION])
    _refused_start(project, _settings(tmp_path, **{variable: value}), variable)


def test_a_secret_key_of_exactly_32_characters_is_accepted(
    project_builds: ProjectBuilds, tmp_path: Path
) -> None:
    project = project_builds.get(LIVE_COMBINATIONS[COMBINATION])
    settings = _settings(tmp_path, SECRET_KEY=secrets.token_urlsafe(32)[:32])
    service = RunningService(project, settings, free_port()).start()
    service.stop()
    assert service.exit_code is not None
