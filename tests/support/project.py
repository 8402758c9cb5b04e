"""Render a project from this template and install it, as a user would with copier and uv."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import copier
import yaml

from tests.support.rendering import snapshot_template

TEMPLATE_ROOT = Path(__file__).resolve().parents[2]
INSTALL_TIMEOUT_SECONDS = 600


def uv_cache_dir() -> Path:
    """One cache for every generated project, so the second install is nearly free."""
    return Path(os.environ.get("UV_CACHE_DIR") or TEMPLATE_ROOT / ".cache" / "uv")


@cache
def template_snapshot() -> Path:
    """The template as this run found it, copied once per process: Copier renders a folder
    without git history directly, where it would clone a repository for every render."""
    snapshot = Path(tempfile.mkdtemp(prefix="trailhead-template-"))
    atexit.register(shutil.rmtree, snapshot, ignore_errors=True)
    return snapshot_template(snapshot)


def render(answers: Mapping[str, Any], dst: Path) -> Path:
    copier.run_copy(
        str(template_snapshot()), dst, data=dict(answers), defaults=True, unsafe=True, quiet=True
    )
    return dst


def _runs(interpreter: str) -> bool:
    # A pyenv shim exists for every installed version but fails unless that version is
    # active, so being on PATH is not enough.
    probe = subprocess.run(
        [interpreter, "-c", "import sys"], capture_output=True, timeout=30, check=False
    )
    return probe.returncode == 0


def find_interpreter(python_version: str | None) -> str:
    """An installed interpreter of the wanted version, else the one running the tests."""
    if python_version:
        name = f"python{python_version}"
        pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
        candidates = [shutil.which(name)]
        candidates += sorted(
            (str(path) for path in pyenv_root.glob(f"versions/{python_version}.*/bin/{name}")),
            reverse=True,
        )
        candidates += [f"/usr/bin/{name}", f"/usr/local/bin/{name}"]
        for candidate in candidates:
            if candidate and Path(candidate).exists() and _runs(candidate):
                return candidate
    return sys.executable


def project_environment() -> dict[str, str]:
    """The environment for uv and make inside a generated project: the test runner's own
    virtual environment must not be mistaken for the project's."""
    runner_variables = {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH", "PYTHONHOME"}
    environment = {
        name: value for name, value in os.environ.items() if name not in runner_variables
    }
    environment["UV_CACHE_DIR"] = str(uv_cache_dir())
    return environment


def install(project: Path, python_version: str | None = None) -> Path:
    """``uv sync`` in the generated project with the interpreter its answers ask for."""
    answers_file = project / ".copier-answers.yml"
    if python_version is None and answers_file.exists():
        python_version = (yaml.safe_load(answers_file.read_text()) or {}).get("python_version")
    result = subprocess.run(
        ["uv", "sync", "--python", find_interpreter(python_version)],
        cwd=project,
        env=project_environment(),
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"uv sync failed in {project} with exit code {result.returncode}:\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return project
