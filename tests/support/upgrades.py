"""Generate a project at a release, edit it as a user would, and update it with Copier:
the steps the upgrade tests (tests/test_update.py) and the contract suite's updated
service share."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import copier
import yaml

from tests.support.releases import git

ANSWERS_FILE = ".copier-answers.yml"
CONFLICT_MARKER = re.compile(r"^(<<<<<<<|>>>>>>>) ", re.MULTILINE)


def generate(template: Path, answers: dict[str, Any], ref: str, destination: Path) -> Path:
    copier.run_copy(
        str(template),
        destination,
        data=answers,
        vcs_ref=ref,
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    return destination


def commit_all(project: Path, message: str) -> None:
    if not (project / ".git").exists():
        git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def update(project: Path) -> None:
    copier.run_update(
        project,
        vcs_ref="HEAD",
        defaults=True,
        overwrite=True,
        skip_answered=True,
        unsafe=True,
        quiet=True,
    )


def tree(project: Path) -> dict[str, str]:
    """Every file but git's, with the answers file's `_commit` line (which names the
    template commit it was made from) left out."""
    files = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if path.is_file() and relative.parts[0] != ".git":
            text = path.read_text()
            if relative.name == ANSWERS_FILE:
                text = "".join(
                    line for line in text.splitlines(True) if not line.startswith("_commit:")
                )
            files[str(relative)] = text
    return files


def conflicts(project: Path) -> list[str]:
    """Files holding conflict markers, and Copier's `.rej` leftovers."""
    found = [str(path.relative_to(project)) for path in project.rglob("*.rej")]
    for relative, text in tree(project).items():
        if CONFLICT_MARKER.search(text):
            found.append(relative)
    return found


def difference(left: dict[str, str], right: dict[str, str]) -> str:
    lines = [f"only in the update: {name}" for name in sorted(left.keys() - right.keys())]
    lines += [f"only in the fresh render: {name}" for name in sorted(right.keys() - left.keys())]
    for name in sorted(left.keys() & right.keys()):
        if left[name] != right[name]:
            lines += difflib.unified_diff(
                right[name].splitlines(), left[name].splitlines(), name, name, lineterm=""
            )
    return "\n".join(lines[:200])


# ── what users edit ─────────────────────────────────────────────────────────────────────

STATUS_ROUTE = '''"""Our own route, added after generation."""

from fastapi import APIRouter

router = APIRouter(tags=["status"])


@router.get("/status")
async def status() -> dict[str, str]:
    return {"status": "serving"}
'''

STATUS_TEST = '''"""Tests of our own route."""

from httpx import AsyncClient


async def test_status_route_answers(client: AsyncClient) -> None:
    response = await client.get("/api/v1/status")
    assert response.status_code == 200
    assert response.json() == {"status": "serving"}
'''

USER_DESCRIPTION = "Our team's orders service: it keeps the shop's catalogue and prices."
USER_DEPENDENCY = '    "humanize==4.17.0",'
USER_POOL_RECYCLE = "    db_pool_recycle: int = Field(default=3600, gt=0)"
DELETED_FILE = ".pre-commit-config.yaml"


@dataclass
class UserEdits:
    """What a user changed, so a test can find each change again after the update."""

    added_files: dict[str, str] = field(default_factory=dict)
    added_lines: dict[str, list[str]] = field(default_factory=dict)
    deleted_files: list[str] = field(default_factory=list)

    def touched(self) -> set[str]:
        return set(self.added_files) | set(self.added_lines) | set(self.deleted_files)


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{path}: expected exactly one {old!r}"
    path.write_text(text.replace(old, new))


def make_user_edits(project: Path) -> UserEdits:
    """A new route with its test, a changed setting, an extra dependency, an edited README
    section and a deleted file: the everyday edits of a service's first weeks."""
    answers = yaml.safe_load((project / ANSWERS_FILE).read_text())
    package = answers["package_name"]
    edits = UserEdits()
    web = f"src/{package}/web"
    edits.added_files[f"{web}/routes/status.py"] = STATUS_ROUTE
    edits.added_files["tests/test_status.py"] = STATUS_TEST
    for relative, text in edits.added_files.items():
        (project / relative).write_text(text)

    app = project / web / "app.py"
    include_items = '    app.include_router(items.router, prefix="/api/v1")\n'
    include_status = '    app.include_router(status.router, prefix="/api/v1")\n'
    import_status = "from .routes.status import router as status_router\n"
    replace_line(app, include_items, include_items + include_status)
    text = app.read_text().replace("status.router", "status_router")
    routes_import = re.search(r"^from \.routes import .*\n", text, re.MULTILINE)
    assert routes_import, f"{app}: no routes import"
    app.write_text(text[: routes_import.end()] + import_status + text[routes_import.end() :])
    edits.added_lines[f"{web}/app.py"] = [
        import_status.rstrip("\n"),
        include_status.rstrip("\n").replace("status.router", "status_router"),
    ]

    settings = f"src/{package}/settings.py"
    replace_line(
        project / settings,
        "    db_pool_recycle: int = Field(default=1800, gt=0)",
        USER_POOL_RECYCLE,
    )
    edits.added_lines[settings] = [USER_POOL_RECYCLE]

    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    end = text.index("\n]", text.index("dependencies = ["))
    pyproject.write_text(text[:end] + "\n" + USER_DEPENDENCY + text[end:])
    edits.added_lines["pyproject.toml"] = [USER_DEPENDENCY]

    replace_line(project / "README.md", answers["description"], USER_DESCRIPTION)
    edits.added_lines["README.md"] = [USER_DESCRIPTION]

    (project / DELETED_FILE).unlink()
    edits.deleted_files.append(DELETED_FILE)
    return edits


def added_by_template(old: dict[str, str], new: dict[str, str], name: str) -> list[str]:
    """Lines the template's newer version adds to a file (stripped, non-blank)."""
    diff = difflib.ndiff(old.get(name, "").splitlines(), new.get(name, "").splitlines())
    return [line[2:].strip() for line in diff if line.startswith("+ ") and line[2:].strip()]
