"""Tier 1: every combination of answers renders into a clean project.

Rendering is the expensive part (Copier renders each path name and file through
Jinja), so the whole matrix is rendered once per session across all cores; the
checks then run on each distinct rendered tree.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import py_compile
import re
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import copier
import pytest
import yaml

from tests.matrix import DECISION_ONLY, OPTIONS, all_combinations, decision_variants, label

REPO_ROOT = Path(__file__).resolve().parents[1]
ANSWERS_FILE = ".copier-answers.yml"
# Jinja's markers as templates write them; Python's own `}}` (nested dicts) is not one.
JINJA_LEFTOVER = re.compile(r"\{\{ |\{%|%\}|\{#| \}\}")


@dataclass(frozen=True)
class Rendered:
    answers: dict[str, Any]
    path: Path
    error: str


def _render_chunk(template: str, jobs: list[tuple[dict[str, Any], str]]) -> list[Rendered]:
    results = []
    for answers, destination in jobs:
        try:
            copier.run_copy(
                template, destination, data=answers, defaults=True, unsafe=True, quiet=True
            )
            error = ""
        except Exception as exception:  # reported per combination, not raised
            error = f"{type(exception).__name__}: {exception}"
        results.append(Rendered(answers, Path(destination), error))
    return results


def _snapshot_template(destination: Path) -> Path:
    """The working tree as it is (uncommitted changes included), without its git history."""
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in files:
        source = REPO_ROOT / name
        if name and source.is_file() and not name.startswith("tests/"):
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


@pytest.fixture(scope="session")
def template_snapshot(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(_snapshot_template(tmp_path_factory.mktemp("template")))


@pytest.fixture(scope="session")
def matrix(tmp_path_factory: pytest.TempPathFactory, template_snapshot: str) -> list[Rendered]:
    template = template_snapshot
    output = tmp_path_factory.mktemp("matrix")
    jobs = [
        (answers, str(output / f"p{index:04d}")) for index, answers in enumerate(all_combinations())
    ]
    workers = max(1, os.cpu_count() or 1)
    chunks = [jobs[start::workers] for start in range(workers)]
    # Spawned, not forked: the test process has threads, and forking those can deadlock.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        rendered = [
            item
            for chunk in pool.map(_render_chunk, [template] * workers, chunks)
            for item in chunk
        ]
    return rendered


def _tree_digest(project: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(project.rglob("*")):
        if path.is_file() and path.name != ANSWERS_FILE:
            digest.update(str(path.relative_to(project)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="session")
def distinct_projects(matrix: list[Rendered]) -> list[Rendered]:
    """One rendered project per distinct file tree (answers files aside)."""
    seen: dict[str, Rendered] = {}
    for item in matrix:
        if not item.error:
            seen.setdefault(_tree_digest(item.path), item)
    return list(seen.values())


def _files(projects: list[Rendered], pattern: str) -> Iterator[Path]:
    for project in projects:
        yield from (path for path in project.path.rglob(pattern) if path.is_file())


def test_every_combination_renders(matrix: list[Rendered]) -> None:
    expected = 1
    for name, values in OPTIONS.items():
        if name not in DECISION_ONLY:
            expected *= len(values)
    assert len(matrix) == expected
    failures = [f"{label(item.answers)}: {item.error}" for item in matrix if item.error]
    assert not failures, "\n".join(failures[:20])
    for name in DECISION_ONLY:
        assert {item.answers[name] for item in matrix} == set(OPTIONS[name])


def test_every_option_combination_gives_its_own_tree(
    matrix: list[Rendered], distinct_projects: list[Rendered]
) -> None:
    assert len(distinct_projects) == len(matrix)


def test_decision_only_answers_change_nothing_but_the_answers_file(
    matrix: list[Rendered], template_snapshot: str, tmp_path: Path
) -> None:
    base = matrix[0]
    template = template_snapshot
    digests = set()
    for index, answers in enumerate(decision_variants(base.answers)):
        (rendered,) = _render_chunk(template, [(answers, str(tmp_path / str(index)))])
        assert not rendered.error, rendered.error
        digests.add(_tree_digest(rendered.path))
    assert digests == {_tree_digest(base.path)}


def test_answers_file_records_every_answer(matrix: list[Rendered]) -> None:
    for item in matrix:
        recorded = yaml.safe_load((item.path / ANSWERS_FILE).read_text())
        for question, answer in item.answers.items():
            assert recorded[question] == answer, (label(item.answers), question)


def test_no_leftover_jinja(distinct_projects: list[Rendered]) -> None:
    leftovers = [
        f"{path}:{number}"
        for path in _files(distinct_projects, "*")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if JINJA_LEFTOVER.search(line)
    ]
    assert not leftovers, "\n".join(leftovers[:20])


def test_python_compiles(distinct_projects: list[Rendered]) -> None:
    for path in _files(distinct_projects, "*.py"):
        py_compile.compile(str(path), doraise=True)


def test_ruff_check_and_format_as_rendered(distinct_projects: list[Rendered]) -> None:
    # Each project keeps its own ruff settings (its pyproject.toml); ruff finds them.
    roots = [str(item.path) for item in distinct_projects]
    check = subprocess.run(
        ["ruff", "check", "--no-cache", "--output-format", "concise", *roots],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout[-5000:]
    formatted = subprocess.run(
        ["ruff", "format", "--no-cache", "--check", *roots],
        capture_output=True,
        text=True,
        check=False,
    )
    assert formatted.returncode == 0, formatted.stdout[-5000:]


def test_dockerfiles_are_hadolint_clean(distinct_projects: list[Rendered]) -> None:
    dockerfiles = {path.read_text(): path for path in _files(distinct_projects, "Dockerfile")}
    assert dockerfiles
    for path in dockerfiles.values():
        result = subprocess.run(
            ["hadolint", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{path}\n{result.stdout}{result.stderr}"


def test_yaml_files_parse(distinct_projects: list[Rendered]) -> None:
    for pattern in ("*.yaml", "*.yml"):
        for path in _files(distinct_projects, pattern):
            assert yaml.safe_load(path.read_text()) is not None, path


def _exists(project: Path, relative: str) -> bool:
    return (project / relative.replace("PKG", "matrix_service")).exists()


@pytest.mark.parametrize(
    ("relative", "present_when"),
    [
        ("src/PKG/web/routes/users.py", lambda a: a["auth"] in ("basic", "jwt")),
        ("src/PKG/security/passwords.py", lambda a: a["auth"] in ("basic", "jwt")),
        ("src/PKG/services/tokens.py", lambda a: a["auth"] == "jwt"),
        ("src/PKG/web/routes/auth.py", lambda a: a["auth"] == "jwt"),
        ("src/PKG/security/api_keys.py", lambda a: a["auth"] == "api_key"),
        ("tests/test_auth.py", lambda a: a["auth"] != "none"),
        ("src/PKG/metrics.py", lambda a: a["metrics"]),
        ("src/PKG/web/routes/docs.py", lambda a: a["api_docs"]),
        ("Dockerfile", lambda a: "docker" in a["deploy_targets"]),
        ("compose.yaml", lambda a: "docker" in a["deploy_targets"]),
    ],
)
def test_files_follow_the_answers(
    distinct_projects: list[Rendered], relative: str, present_when
) -> None:
    for item in distinct_projects:
        assert _exists(item.path, relative) == bool(present_when(item.answers)), (
            label(item.answers),
            relative,
        )
