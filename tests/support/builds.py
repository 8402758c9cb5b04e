"""Rendered and installed projects, shared by every tier and every pytest worker of a run.

Each service combination is rendered from the run's template snapshot and installed with uv
once per run, whichever worker asks first; the others wait on its lock and use the same
project. A project's tests, its live services and its image all start from that one
install.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import install, render
from tests.support.releases import releases, tagged_clone
from tests.support.upgrades import commit_all, conflicts, generate, make_user_edits, update


def shared_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every worker of this run sees (pytest-xdist gives each its own base)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(destination: Path, build: Callable[[Path], None]) -> Path:
    """`build(destination)` the first time any worker asks for it this run."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Beside the project, not in it: its tree, its git status and its image stay its own.
    ready = destination.parent / f"{destination.name}.ready"
    with (destination.parent / f"{destination.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            build(destination)
            ready.touch()
    return destination


def project_name(answers: Mapping[str, Any]) -> str:
    return answers["project_name"].lower().replace(" ", "-")


class ProjectBuilds:
    def __init__(self, root: Path) -> None:
        self._root = root

    def get(self, answers: Mapping[str, Any]) -> Path:
        """This combination rendered from today's template and installed."""
        return once(
            self._root / project_name(answers),
            lambda destination: install(render(answers, destination)),
        )

    def get_updated(self, answers: Mapping[str, Any]) -> Path:
        """The combination generated at the previous release, with a user's everyday edits
        committed, then updated to today's template and installed."""

        def build(destination: Path) -> None:
            previous = releases()[0]
            clone = once(self._root / "trailhead-clone", tagged_clone)
            generate(clone, dict(answers), previous.tag, destination)
            commit_all(destination, f"Generated from {previous.tag}")
            make_user_edits(destination)
            commit_all(destination, "Our own changes")
            update(destination)
            assert not conflicts(destination), conflicts(destination)
            install(destination)

        return once(self._root / f"updated-{project_name(answers)}", build)
