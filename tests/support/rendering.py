"""Render the whole answer matrix once per session, across all cores (tier 1 and the
deploy-file checks read the same rendered trees)."""

from __future__ import annotations

import ast
import hashlib
import multiprocessing
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import copier

REPO_ROOT = Path(__file__).resolve().parents[2]
ANSWERS_FILE = ".copier-answers.yml"


@dataclass(frozen=True)
class Rendered:
    answers: dict[str, Any]
    path: Path
    error: str


def render_chunk(template: str, jobs: list[tuple[dict[str, Any], str]]) -> list[Rendered]:
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


def snapshot_template(destination: Path) -> Path:
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


def render_all(template: str, output: Path, combinations: list[dict[str, Any]]) -> list[Rendered]:
    jobs = [(answers, str(output / f"p{index:04d}")) for index, answers in enumerate(combinations)]
    workers = max(1, os.cpu_count() or 1)
    chunks = [jobs[start::workers] for start in range(workers)]
    # Spawned, not forked: the test process has threads, and forking those can deadlock.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return [
            item for chunk in pool.map(render_chunk, [template] * workers, chunks) for item in chunk
        ]


def tree_digest(project: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(project.rglob("*")):
        if path.is_file() and path.name != ANSWERS_FILE:
            digest.update(str(path.relative_to(project)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def distinct(rendered: list[Rendered]) -> list[Rendered]:
    """One rendered project per distinct file tree (answers files aside)."""
    seen: dict[str, Rendered] = {}
    for item in rendered:
        if not item.error:
            seen.setdefault(tree_digest(item.path), item)
    return list(seen.values())


def files(projects: list[Rendered], pattern: str) -> Iterator[Path]:
    for project in projects:
        yield from (path for path in project.path.rglob(pattern) if path.is_file())


def settings_variables(project: Path, package: str) -> set[str]:
    """The environment variables a rendered service reads: the fields of its `Settings`,
    upper-cased."""
    tree = ast.parse((project / "src" / package / "settings.py").read_text())
    (settings,) = [
        node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Settings"
    ]
    return {
        statement.target.id.upper()
        for statement in settings.body
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
    }


def with_every_shape(
    projects: list[Rendered],
    shape: Callable[[dict[str, Any]], Any],
    variants: list[dict[str, Any]],
    template: str,
    output: Path,
) -> list[Rendered]:
    """`projects` (all with one deploy target), plus a render for each shape of its file
    that no project has: the render matrix hands the deploy targets to the frameworks in
    turn, so it need not meet every answer that shapes one target's files. A missing
    shape is rendered with the first project's answers and the `variants` that make it."""
    covered = {shape(project.answers) for project in projects}
    missing = []
    for variant in variants:
        answers = {**projects[0].answers, **variant}
        if shape(answers) not in covered:
            covered.add(shape(answers))
            missing.append(answers)
    jobs = [(answers, str(output / str(index))) for index, answers in enumerate(missing)]
    rendered = render_chunk(template, jobs)
    errors = [item.error for item in rendered if item.error]
    assert not errors, errors
    return [*projects, *rendered]
