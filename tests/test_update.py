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
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.matrix import FULL, as_answers, label, pairwise_combinations
from tests.support.project import install, project_environment
from tests.support.releases import REPO_ROOT, Release, git, releases, tagged_clone
from tests.support.terminal import Terminal
from tests.support.upgrades import (
    ANSWERS_FILE,
    added_by_template,
    commit_all,
    conflicts,
    difference,
    generate,
    make_user_edits,
    replace_line,
    tree,
    update,
)

RELEASES = releases()
PREVIOUS = RELEASES[0]
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


def _edit_cases() -> list[Any]:
    """The previous release's covering set; the first case of each framework (every case
    with `make test-full`) also installs the updated project and runs its own checks."""
    cases, checked = [], set()
    for answers in pairwise_combinations(PREVIOUS.options()):
        own_checks = FULL or answers["framework"] not in checked
        checked.add(answers["framework"])
        identity = f"{PREVIOUS.tag}-{label(answers)}" + ("-checked" if own_checks else "")
        cost = pytest.mark.cost(renders=4, installs=int(own_checks))
        cases.append(pytest.param(answers, own_checks, id=identity, marks=cost))
    return cases


@pytest.fixture(scope="session")
def template_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tagged_clone(tmp_path_factory.mktemp("clone") / "trailhead")


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


CATALOG_FACT = re.compile(r"catalog\[framework\]\.([a-z_]+)")


def test_exclude_rules_read_only_recorded_answers() -> None:
    """`copier update` applies today's `_exclude` to its render of the older release, in
    that release's context: a computed value (`when: false`) may not exist there. A fact
    of the chosen framework's catalog entry (`catalog[framework].interface`) may be read
    when every release's catalog has that field."""
    config = yaml.safe_load((REPO_ROOT / "copier.yml").read_text())
    recorded = {
        name
        for name, spec in config.items()
        if not name.startswith("_") and spec.get("when") is not False
    }
    catalogs = [
        git(REPO_ROOT, "show", f"{release.commit}:extensions/catalog.py") for release in RELEASES
    ]
    for rule in config["_exclude"]:
        condition = re.search(r"\{% if (.*?) %\}", rule)
        if condition is None:
            continue
        facts = set(CATALOG_FACT.findall(condition[1]))
        for fact in facts:
            assert all(f"\n    {fact}: " in source for source in catalogs), (rule, fact)
        plain = CATALOG_FACT.sub("framework", re.sub(r"'[^']*'", "", condition[1]))
        names = set(re.findall(r"\b([a-z_]+)\b", plain))
        names -= {"not", "in", "and", "or"}
        assert names <= recorded, f"{rule!r} reads {sorted(names - recorded)}"


def _offered_today(question: str, config: dict[str, Any]) -> set[Any]:
    if question == "framework":
        from extensions.catalog import available

        return {framework.key for framework in available()}
    choices = config[question]["choices"]
    return set(choices.values() if isinstance(choices, dict) else choices)


@pytest.mark.slow
@pytest.mark.cost(renders=3)
# From the previous release; from every release with `make test-full`.
@pytest.mark.parametrize(("release", "answers"), _cases(RELEASES if FULL else [PREVIOUS]))
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
@pytest.mark.parametrize(("answers", "own_checks"), _edit_cases())
def test_update_keeps_user_edits_and_brings_the_template_changes(
    template_clone: Path, tmp_path: Path, answers: dict[str, Any], own_checks: bool
) -> None:
    release = PREVIOUS
    project = generate(template_clone, answers, release.tag, tmp_path / "project")
    commit_all(project, f"Generated from {release.tag}")
    old = tree(generate(template_clone, answers, release.tag, tmp_path / "old"))
    new = tree(generate(template_clone, answers, "HEAD", tmp_path / "new"))
    edits = make_user_edits(project)
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
    if not own_checks:
        return
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
@pytest.mark.cost(renders=4)
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
    replace_line(project / relative, old_line, user_line)
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
@pytest.mark.cost(renders=1)
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


def _copier_cli() -> list[str]:
    return [sys.executable, "-m", "copier"]


@pytest.mark.slow
@pytest.mark.cost(renders=2)
def test_update_asks_only_the_question_a_new_release_adds(
    template_clone: Path, tmp_path: Path
) -> None:
    """A next release, made for the test from today's template plus one question: the
    documented `copier update --skip-answered` asks that question and nothing else, and
    keeps every earlier answer."""
    template = tmp_path / "next-release"
    git(tmp_path, "clone", "--quiet", str(template_clone), str(template))
    answers = as_answers(pairwise_combinations()[0])
    project = generate(template, answers, "HEAD", tmp_path / "project")
    commit_all(project, "Generated from today's template")
    config = template / "copier.yml"
    config.write_text(
        config.read_text()
        + "\nrelease_channel:\n  type: str\n"
        + "  help: Which release channel does this service follow?\n  default: stable\n"
    )
    commit_all(template, "A new question")

    command = " ".join(["cd", str(project), "&&", *_copier_cli()])
    terminal = Terminal(
        f"{command} update --trust --skip-answered --vcs-ref HEAD; echo UPDATE-EXIT-$?; sleep 60",
        session=f"trailhead-update-{tmp_path.name}",
    )
    try:
        terminal.wait_for("Which release channel")
        terminal.type("C-u", "beta", "Enter")
        screen = terminal.wait_for("UPDATE-EXIT-", timeout=180)
    finally:
        terminal.close()
    assert "UPDATE-EXIT-0" in screen, screen
    for earlier_question in ("Human-readable name", "How clients authenticate", "Web framework"):
        assert earlier_question not in screen, f"asked again: {earlier_question}\n{screen}"
    recorded = yaml.safe_load((project / ANSWERS_FILE).read_text())
    assert recorded["release_channel"] == "beta"
    assert {name: recorded[name] for name in answers} == answers
