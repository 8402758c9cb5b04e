"""The template's releases, as CHANGELOG.md records them, and a clone that carries them.

Tags do not travel with every clone, so the tests make their own: a local clone of the
repository gets one tag per release at the commit the changelog names, plus one commit
on top holding the working tree as it is now (uncommitted edits included), which is the
`HEAD` that updates go to.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from tests.matrix import OPTIONS

REPO_ROOT = Path(__file__).resolve().parents[2]
CHANGELOG = REPO_ROOT / "CHANGELOG.md"
_RELEASE = re.compile(
    r"^## \[(?P<version>\d+\.\d+\.\d+)\][^\n]*\n+Commit: (?P<commit>[0-9a-f]{40})$", re.MULTILINE
)
# Identity for the commits the tests make, whatever the machine's git configuration.
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Trailhead Tests",
    "GIT_AUTHOR_EMAIL": "tests@example.com",
    "GIT_COMMITTER_NAME": "Trailhead Tests",
    "GIT_COMMITTER_EMAIL": "tests@example.com",
}


def git(cwd: Path, *arguments: str) -> str:
    result = subprocess.run(
        ["git", *arguments],
        cwd=cwd,
        env={**os.environ, **GIT_IDENTITY},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"git {' '.join(arguments)} failed in {cwd}:\n{result.stderr}")
    return result.stdout


@dataclass(frozen=True)
class Release:
    version: str
    commit: str

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @cached_property
    def questions(self) -> dict[str, Any]:
        """The release's copier.yml questions (settings starting with `_` left out)."""
        config = yaml.safe_load(git(REPO_ROOT, "show", f"{self.commit}:copier.yml"))
        return {name: spec for name, spec in config.items() if not name.startswith("_")}

    @cached_property
    def generated_frameworks(self) -> set[str]:
        """Keys of the catalog entries the release could generate (`generated=True`)."""
        source = git(REPO_ROOT, "show", f"{self.commit}:extensions/catalog.py")
        keys = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Framework":
                fields = {
                    keyword.arg: keyword.value
                    for keyword in node.keywords
                    if isinstance(keyword.value, ast.Constant)
                }
                if fields.get("generated") is not None and fields["generated"].value:
                    keys.add(fields["key"].value)
        return keys

    def offered(self, question: str) -> set[Any]:
        """The values the release offered for a question with choices."""
        if question == "framework":
            # Its choices are a Jinja loop over the catalog, so the catalog says.
            return self.generated_frameworks
        choices = self.questions[question]["choices"]
        return set(choices.values() if isinstance(choices, Mapping) else choices)

    def options(self) -> dict[str, Sequence[Any]]:
        """Today's answer space (tests/matrix.py) narrowed to what the release offered."""
        narrowed: dict[str, Sequence[Any]] = {}
        for name, values in OPTIONS.items():
            spec = self.questions.get(name)
            if spec is None:
                # Asked only since that release: its projects hold the default answer.
                narrowed[name] = list(values[:1])
                continue
            if "choices" not in spec:
                narrowed[name] = list(values)
                continue
            offered = self.offered(name)
            if spec.get("multiselect"):
                narrowed[name] = [value for value in values if set(value) <= offered]
            else:
                narrowed[name] = [value for value in values if value in offered]
        return narrowed


def releases() -> list[Release]:
    """Every release in CHANGELOG.md, newest first."""
    found = [
        Release(match["version"], match["commit"])
        for match in _RELEASE.finditer(CHANGELOG.read_text())
    ]
    assert found, f"{CHANGELOG} records no release"
    return found


def tagged_clone(destination: Path) -> Path:
    """A clone with every release tagged and the working tree committed on top.

    The repository's own tags stay behind (`--no-tags`): the clone's tags are the ones
    CHANGELOG.md records, whichever of them this repository has already.
    """
    git(
        REPO_ROOT.parent,
        "clone",
        "--quiet",
        "--no-hardlinks",
        "--no-tags",
        str(REPO_ROOT),
        str(destination),
    )
    for release in releases():
        present = subprocess.run(
            ["git", "cat-file", "-e", f"{release.commit}^{{commit}}"],
            cwd=destination,
            capture_output=True,
            check=False,
        )
        assert present.returncode == 0, (
            f"{release.tag}'s commit {release.commit} (CHANGELOG.md) is not in this clone; "
            "a shallow clone lacks history, so fetch it with `git fetch --unshallow`"
        )
        git(destination, "tag", release.tag, release.commit)
    _commit_working_tree(destination)
    return destination


def _commit_working_tree(clone: Path) -> None:
    listed = git(REPO_ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    names = [name for name in listed.split("\0") if name and (REPO_ROOT / name).is_file()]
    git(clone, "rm", "-r", "-q", "--cached", ".")
    for path in clone.iterdir():
        if path.name != ".git":
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    for name in names:
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / name, target)
    git(clone, "add", "-A")
    if git(clone, "status", "--porcelain"):
        git(clone, "commit", "-q", "-m", "The working tree under test")
