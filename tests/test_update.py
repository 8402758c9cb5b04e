"""Upgrades: a project generated at a release takes today's template with `copier update`
and loses nothing of its own.

Projects are generated from a clone in which every release in CHANGELOG.md is tagged and
the working tree is committed on top (tests/support/releases.py), then updated to that
commit the way the docs tell users to. Copier exits 0 even when it leaves conflict
markers, so the tests look for them.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import copier
import pytest
import yaml

from tests.matrix import as_answers, label, pairwise_combinations
from tests.support.project import install, project_environment
from tests.support.releases import REPO_ROOT, Release, git, releases, tagged_clone

RELEASES = releases()
PREVIOUS = RELEASES[0]
ANSWERS_FILE = ".copier-answers.yml"
CONFLICT_MARKER = re.compile(r"^(<<<<<<<|>>>>>>>) ", re.MULTILINE)
# Questions or choice values that existed at a release and are gone today, each with the
# `_migrations` entry of copier.yml that carries old answers over. Empty: nothing was
# ever renamed or removed.
RETIRED: dict[str, str] = {}


def _cases(release_list: list[Release]) -> list[Any]:
    return [
        pytest.param(release, answers, id=f"{release.tag}-{label(answers)}")
        for release in release_list
        for answers in pairwise_combinations(release.options())
    ]


@pytest.fixture(scope="session")
def template_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tagged_clone(tmp_path_factory.mktemp("clone") / "trailhead")


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


def _replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{path}: expected exactly one {old!r}"
    path.write_text(text.replace(old, new))


def make_user_edits(project: Path, answers: dict[str, Any]) -> UserEdits:
    """A new route with its test, a changed setting, an extra dependency, an edited README
    section and a deleted file: the everyday edits of a service's first weeks."""
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
    _replace_line(app, include_items, include_items + include_status)
    text = app.read_text().replace("status.router", "status_router")
    routes_import = re.search(r"^from \.routes import .*\n", text, re.MULTILINE)
    assert routes_import, f"{app}: no routes import"
    app.write_text(text[: routes_import.end()] + import_status + text[routes_import.end() :])
    edits.added_lines[f"{web}/app.py"] = [
        import_status.rstrip("\n"),
        include_status.rstrip("\n").replace("status.router", "status_router"),
    ]

    settings = f"src/{package}/settings.py"
    _replace_line(
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

    _replace_line(project / "README.md", answers["description"], USER_DESCRIPTION)
    edits.added_lines["README.md"] = [USER_DESCRIPTION]

    (project / DELETED_FILE).unlink()
    edits.deleted_files.append(DELETED_FILE)
    return edits


def added_by_template(old: dict[str, str], new: dict[str, str], name: str) -> list[str]:
    """Lines the template's newer version adds to a file (stripped, non-blank)."""
    diff = difflib.ndiff(old.get(name, "").splitlines(), new.get(name, "").splitlines())
    return [line[2:].strip() for line in diff if line.startswith("+ ") and line[2:].strip()]


# ── the tests ───────────────────────────────────────────────────────────────────────────


def test_releases_are_recorded_newest_first_with_distinct_commits() -> None:
    versions = [tuple(map(int, release.version.split("."))) for release in RELEASES]
    assert versions == sorted(versions, reverse=True)
    assert len({release.commit for release in RELEASES}) == len(RELEASES)


def test_question_names_and_choices_are_a_public_interface() -> None:
    """Every question and choice value of every release still exists, unless retired
    through a `_migrations` entry."""
    current = yaml.safe_load((REPO_ROOT / "copier.yml").read_text())
    migrations = yaml.safe_dump(current.get("_migrations", []))
    for release in RELEASES:
        for name, spec in release.questions.items():
            if name in RETIRED:
                assert RETIRED[name] in migrations, (release.tag, name)
                continue
            assert name in current, f"{release.tag}'s question {name!r} is gone"
            if "choices" not in spec:
                continue
            missing = release.offered(name) - _offered_today(name, current)
            missing = {value for value in missing if f"{name}={value}" not in RETIRED}
            assert not missing, f"{release.tag}'s {name} values {missing} are gone"


def test_exclude_rules_read_only_recorded_answers() -> None:
    """`copier update` applies today's `_exclude` to its render of the older release, in
    that release's context: a computed value (`when: false`) may not exist there."""
    config = yaml.safe_load((REPO_ROOT / "copier.yml").read_text())
    recorded = {
        name
        for name, spec in config.items()
        if not name.startswith("_") and spec.get("when") is not False
    }
    for rule in config["_exclude"]:
        condition = re.search(r"\{% if (.*?) %\}", rule)
        if condition is None:
            continue
        names = set(re.findall(r"\b([a-z_]+)\b", re.sub(r"'[^']*'", "", condition[1])))
        names -= {"not", "in", "and", "or"}
        assert names <= recorded, f"{rule!r} reads {sorted(names - recorded)}"


def _offered_today(question: str, config: dict[str, Any]) -> set[Any]:
    if question == "framework":
        from extensions.catalog import available

        return {framework.key for framework in available()}
    choices = config[question]["choices"]
    return set(choices.values() if isinstance(choices, dict) else choices)


@pytest.mark.slow
@pytest.mark.parametrize(("release", "answers"), _cases(RELEASES))
def test_update_without_edits_equals_a_fresh_render(
    template_clone: Path, tmp_path: Path, release: Release, answers: dict[str, Any]
) -> None:
    project = generate(template_clone, answers, release.tag, tmp_path / "project")
    commit_all(project, f"Generated from {release.tag}")
    update(project)
    assert not conflicts(project), conflicts(project)
    fresh = generate(template_clone, answers, "HEAD", tmp_path / "fresh")
    assert tree(project) == tree(fresh), difference(tree(project), tree(fresh))
    recorded = yaml.safe_load((project / ANSWERS_FILE).read_text())
    assert {name: recorded[name] for name in answers} == as_answers(answers)


@pytest.mark.slow
@pytest.mark.parametrize(("release", "answers"), _cases([PREVIOUS]))
def test_update_keeps_user_edits_and_brings_the_template_changes(
    template_clone: Path, tmp_path: Path, release: Release, answers: dict[str, Any]
) -> None:
    project = generate(template_clone, answers, release.tag, tmp_path / "project")
    commit_all(project, f"Generated from {release.tag}")
    old = tree(generate(template_clone, answers, release.tag, tmp_path / "old"))
    new = tree(generate(template_clone, answers, "HEAD", tmp_path / "new"))
    edits = make_user_edits(project, answers)
    commit_all(project, "Our own changes")

    update(project)
    assert not conflicts(project), conflicts(project)
    result = tree(project)
    # (a) every user edit is still there
    for relative, text in edits.added_files.items():
        assert result.get(relative) == text, relative
    for relative, lines in edits.added_lines.items():
        for line in lines:
            assert line in result[relative].splitlines(), (relative, line)
    for relative in edits.deleted_files:
        assert relative not in result, f"{relative} came back"
    # (b) the template's changes arrived: untouched files equal a fresh render, and
    # touched ones carry every line the new version adds
    for relative, text in new.items():
        if relative in edits.touched() or relative == ANSWERS_FILE:
            continue
        assert result.get(relative) == text, difference(
            {relative: result.get(relative, "")}, {relative: text}
        )
    for relative in edits.added_lines:
        lines = {line.strip() for line in result[relative].splitlines()}
        missing = [line for line in added_by_template(old, new, relative) if line not in lines]
        assert not missing, (relative, missing)
    # (d) the updated project still passes its own checks
    install(project)
    for target in ("lint", "test"):
        checked = subprocess.run(
            ["make", target],
            cwd=project,
            env=project_environment(),
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert checked.returncode == 0, f"make {target}:\n{checked.stdout[-4000:]}"


@pytest.mark.slow
def test_an_edit_on_lines_the_template_also_changed_is_a_visible_conflict(
    template_clone: Path, tmp_path: Path
) -> None:
    """(c) Where user and template both changed the same line, the update leaves conflict
    markers holding both versions, never one side silently."""
    release = RELEASES[-1]  # the oldest: the most template changes to collide with
    answers = as_answers(pairwise_combinations(release.options())[0])
    old = tree(generate(template_clone, answers, release.tag, tmp_path / "old"))
    new = tree(generate(template_clone, answers, "HEAD", tmp_path / "new"))
    relative, old_line, new_line = _a_changed_line(old, new)
    project = generate(template_clone, answers, release.tag, tmp_path / "project")
    commit_all(project, f"Generated from {release.tag}")
    user_line = old_line.rstrip() + "  # our change"
    _replace_line(project / relative, old_line, user_line)
    commit_all(project, "Our change on a line the template changes too")

    update(project)
    assert conflicts(project) == [relative]
    text = (project / relative).read_text()
    assert user_line in text.splitlines(), "the user's line was overwritten"
    assert new_line in text.splitlines(), "the template's line did not arrive"


def _a_changed_line(old: dict[str, str], new: dict[str, str]) -> tuple[str, str, str]:
    """A Python file and one line of it that the newer template replaces in place."""
    for relative in sorted(old.keys() & new.keys()):
        if not relative.endswith(".py"):
            continue
        old_lines, new_lines = old[relative].splitlines(), new[relative].splitlines()
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        for tag, first, last, new_first, _ in matcher.get_opcodes():
            unique = old[relative].count(old_lines[first] + "\n") == 1 if tag else False
            if tag == "replace" and last - first == 1 and old_lines[first].strip() and unique:
                return relative, old_lines[first], new_lines[new_first]
    raise AssertionError("the oldest release and HEAD differ in no Python line")


@pytest.mark.slow
def test_update_refuses_a_dirty_working_tree(template_clone: Path, tmp_path: Path) -> None:
    answers = as_answers(pairwise_combinations(PREVIOUS.options())[0])
    project = generate(template_clone, answers, PREVIOUS.tag, tmp_path / "project")
    commit_all(project, f"Generated from {PREVIOUS.tag}")
    readme = project / "README.md"
    readme.write_text(readme.read_text() + "\nWork in progress.\n")
    before = tree(project)
    result = subprocess.run(
        [*_copier_cli(), "update", "--trust", "--vcs-ref", "HEAD", "--defaults"],
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "dirty" in result.stderr.lower(), result.stderr
    assert tree(project) == before


@pytest.mark.slow
def test_cli_update_with_skip_answered_asks_nothing_already_answered(
    template_clone: Path, tmp_path: Path
) -> None:
    """The documented command: with stdin closed, any question Copier tried to ask would
    fail the update, so success means it asked only what is new (nothing new here, or
    each new question's default under --defaults-free runs would have been asked)."""
    answers = as_answers(pairwise_combinations(PREVIOUS.options())[-1])
    project = generate(template_clone, answers, PREVIOUS.tag, tmp_path / "project")
    commit_all(project, f"Generated from {PREVIOUS.tag}")
    new_questions = _questions_at_head(template_clone).keys() - PREVIOUS.questions.keys()
    command = [*_copier_cli(), "update", "--trust", "--vcs-ref", "HEAD", "--skip-answered"]
    if new_questions:
        command.append("--defaults")
    result = subprocess.run(
        command,
        cwd=project,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    recorded = yaml.safe_load((project / ANSWERS_FILE).read_text())
    assert {name: recorded[name] for name in answers} == answers


def _questions_at_head(clone: Path) -> dict[str, Any]:
    config = yaml.safe_load(git(clone, "show", "HEAD:copier.yml"))
    return {name: spec for name, spec in config.items() if not name.startswith("_")}


def _copier_cli() -> list[str]:
    return [sys.executable, "-m", "copier"]
