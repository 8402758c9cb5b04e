"""Tier 1: every combination of answers renders into a clean project.

Rendering is the expensive part (Copier renders each path name and file through
Jinja), so the whole matrix is rendered once per session across all cores; the
checks then run on each distinct rendered tree.
"""

from __future__ import annotations

import itertools
import py_compile
import re
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from cfnlint.decode import cfn_yaml

from extensions.catalog import FRAMEWORKS
from tests.matrix import (
    DECISION_ONLY,
    IDENTITY,
    OPTIONS,
    ROTATED_SHAPING,
    SHARED_SHAPING,
    crossed_options,
    decision_variants,
    is_valid,
    label,
)
from tests.support.rendering import (
    ANSWERS_FILE,
    REPO_ROOT,
    Rendered,
    files,
    render_chunk,
    tree_digest,
)

# Jinja's markers as templates write them; Python's own `}}` (nested dicts) and GitHub
# Actions' `${{ expression }}` are not.
JINJA_LEFTOVER = re.compile(r"\{\{ |\{%|%\}|\{#| \}\}")
GITHUB_EXPRESSION = re.compile(r"\$\{\{ [^}]* \}\}")
# What a generated project's reader cannot open: this repository's own documents, by name
# (CONTRACT.md, docs/benchmarks.md), and their numbered parts (§6, decision 16). The
# README's "the template's CHANGELOG.md" says whose file it is, on purpose.
TEMPLATE_DOCUMENTS = sorted(
    path.name for path in (*REPO_ROOT.glob("*.md"), *REPO_ROOT.glob("docs/*.md"))
)
TEMPLATE_CITATION = re.compile(
    r"(?<!the template's )\b(?:"
    + "|".join(re.escape(name) for name in TEMPLATE_DOCUMENTS)
    + r")|§|\bdecision \d",
    re.IGNORECASE,
)


def test_every_combination_renders(matrix: list[Rendered]) -> None:
    failures = [f"{label(item.answers)}: {item.error}" for item in matrix if item.error]
    assert not failures, "\n".join(failures[:20])
    for name in (*DECISION_ONLY, *ROTATED_SHAPING, *SHARED_SHAPING):
        assert {str(item.answers[name]) for item in matrix} == {
            str(list(value) if isinstance(value, tuple) else value) for value in OPTIONS[name]
        }, name


def _values(answers: Mapping[str, Any], names: list[str]) -> tuple[Any, ...]:
    """The answers' values of `names`, comparable with OPTIONS' (a project that is not a
    Django one records no admin-site answer: it has none)."""
    return tuple(
        tuple(answers[name]) if name == "deploy_targets" else answers.get(name, False)
        for name in names
    )


@pytest.mark.parametrize("framework", OPTIONS["framework"])
def test_each_framework_renders_every_answer_its_web_layer_reads(
    matrix: list[Rendered], framework: str
) -> None:
    """Breadth: every valid combination of the options a web layer reads, for every
    framework, and every valid pair of the shared-only options at least once."""
    crossed = crossed_options()
    expected = [
        values
        for values in itertools.product(*(OPTIONS[name] for name in crossed))
        if is_valid({"framework": framework, **dict(zip(crossed, values, strict=True))})
    ]
    answers = [item.answers for item in matrix if item.answers["framework"] == framework]
    rendered = [_values(each, crossed) for each in answers]
    assert sorted(map(repr, rendered)) == sorted(map(repr, expected))
    shared = list(SHARED_SHAPING)
    valid_pairs = [
        values
        for values in itertools.product(*(OPTIONS[name] for name in shared))
        if is_valid({"framework": framework, **dict(zip(shared, values, strict=True))})
    ]
    assert {repr(_values(each, shared)) for each in answers} == set(map(repr, valid_pairs))


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
        (rendered,) = render_chunk(template, [(answers, str(tmp_path / str(index)))])
        assert not rendered.error, rendered.error
        digests.add(tree_digest(rendered.path))
    assert digests == {tree_digest(base.path)}


def test_answers_file_records_every_answer(matrix: list[Rendered]) -> None:
    for item in matrix:
        recorded = yaml.safe_load((item.path / ANSWERS_FILE).read_text())
        for question, answer in item.answers.items():
            assert recorded[question] == answer, (label(item.answers), question)


def test_no_leftover_jinja(distinct_projects: list[Rendered]) -> None:
    leftovers = [
        f"{path}:{number}"
        for path in files(distinct_projects, "*")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if JINJA_LEFTOVER.search(GITHUB_EXPRESSION.sub("", line))
    ]
    assert not leftovers, "\n".join(leftovers[:20])


def test_no_citation_of_the_templates_own_documents(distinct_projects: list[Rendered]) -> None:
    citations = []
    for item in distinct_projects:
        own = {path.name.lower() for path in item.path.rglob("*.md")}
        citations += [
            f"{path}:{number}: {line.strip()}"
            for path in files([item], "*")
            for number, line in enumerate(path.read_text().splitlines(), 1)
            if any(cited.lower() not in own for cited in TEMPLATE_CITATION.findall(line))
        ]
    assert not citations, "\n".join(citations[:20])


def test_python_compiles(distinct_projects: list[Rendered]) -> None:
    for path in files(distinct_projects, "*.py"):
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
    dockerfiles = {path.read_text(): path for path in files(distinct_projects, "Dockerfile")}
    assert dockerfiles
    for path in dockerfiles.values():
        result = subprocess.run(
            ["hadolint", str(path)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{path}\n{result.stdout}{result.stderr}"


def test_yaml_files_parse(distinct_projects: list[Rendered]) -> None:
    # The SAM template's short-form tags (!Ref, !Sub) are CloudFormation's, not errors.
    for pattern in ("*.yaml", "*.yml"):
        for path in files(distinct_projects, pattern):
            assert cfn_yaml.loads(path.read_text()) is not None, path


def test_ci_workflows_match_the_github_workflow_schema(distinct_projects: list[Rendered]) -> None:
    workflows = {path.read_text(): path for path in files(distinct_projects, "ci.yml")}
    assert workflows
    result = subprocess.run(
        [
            "check-jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, workflows.values()),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


def test_ci_workflow_runs_every_check_the_answers_call_for(
    distinct_projects: list[Rendered],
) -> None:
    for item in distinct_projects:
        workflow = yaml.safe_load((item.path / ".github/workflows/ci.yml").read_text())
        jobs = workflow["jobs"]
        commands = {
            name: " ".join(step.get("run", "") for step in job["steps"])
            for name, job in jobs.items()
        }
        assert "make lint" in commands["test"] and "make test" in commands["test"]
        targets = set(item.answers["deploy_targets"])
        uses_postgres = item.answers["database"] == "postgresql"
        assert ("services" in jobs["test"]) == uses_postgres, label(item.answers)
        assert ("docker build" in commands.get("image", "")) == bool(
            {"docker", "kubernetes"} & targets
        )
        deploy_checks = commands.get("deploy-files", "")
        assert ("kubectl kustomize" in deploy_checks) == ("kubernetes" in targets)
        assert ("cfn-lint" in deploy_checks) == ("lambda" in targets)


def _exists(project: Path, relative: str) -> bool:
    return (project / relative.replace("PKG", IDENTITY["package_name"])).exists()


def _alchemy(answers: Mapping[str, Any]) -> bool:
    return answers["orm"] == "sqlalchemy"


def _on_uvicorn(interface: str) -> Callable[[Mapping[str, Any]], bool]:
    def served(answers: Mapping[str, Any]) -> bool:
        framework = FRAMEWORKS[answers["framework"]]
        return framework.server == "uvicorn" and framework.interface == interface

    return served


@pytest.mark.parametrize(
    ("relative", "present_when"),
    [
        ("src/PKG/security/passwords.py", lambda a: _alchemy(a) and a["auth"] in ("basic", "jwt")),
        ("src/PKG/services/tokens.py", lambda a: _alchemy(a) and a["auth"] == "jwt"),
        ("src/PKG/security/jwt_tokens.py", lambda a: a["auth"] == "jwt"),
        ("src/PKG/security/api_keys.py", lambda a: a["auth"] == "api_key"),
        ("tests/test_auth.py", lambda a: a["auth"] != "none"),
        ("src/PKG/metrics.py", lambda a: a["metrics"]),
        ("src/PKG/http_protocol.py", lambda a: FRAMEWORKS[a["framework"]].server == "uvicorn"),
        (
            "src/PKG/asgi_body.py",
            lambda a: (
                FRAMEWORKS[a["framework"]].server == "uvicorn"
                or FRAMEWORKS[a["framework"]].interface == "asgi"
            ),
        ),
        ("tests/test_http_protocol.py", _on_uvicorn("asgi")),
        ("src/PKG/wsgi_server.py", _on_uvicorn("wsgi")),
        ("tests/test_wsgi_server.py", _on_uvicorn("wsgi")),
        # The Django ORM brings Django's project shape instead of the SQLAlchemy core.
        ("alembic.ini", _alchemy),
        ("migrations", _alchemy),
        ("src/PKG/database.py", _alchemy),
        ("manage.py", lambda a: a["orm"] == "django"),
        ("src/PKG/config/settings.py", lambda a: a["orm"] == "django"),
        ("src/PKG/users/migrations/0001_initial.py", lambda a: a["orm"] == "django"),
        ("src/PKG/tokens/models.py", lambda a: a["orm"] == "django" and a["auth"] == "jwt"),
        ("src/PKG/users/admin.py", lambda a: a["orm"] == "django" and a["admin_site"]),
        ("tests/test_django.py", lambda a: a["orm"] == "django"),
        ("Dockerfile", lambda a: {"docker", "kubernetes"} & set(a["deploy_targets"])),
        (".dockerignore", lambda a: {"docker", "kubernetes"} & set(a["deploy_targets"])),
        ("compose.yaml", lambda a: "docker" in a["deploy_targets"]),
        ("deploy/kubernetes", lambda a: "kubernetes" in a["deploy_targets"]),
        ("template.yaml", lambda a: "lambda" in a["deploy_targets"]),
        ("src/PKG/lambda_handler.py", lambda a: "lambda" in a["deploy_targets"]),
        ("tests/test_lambda.py", lambda a: "lambda" in a["deploy_targets"]),
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


# A web layer's modules named after what only some answers bring, wherever in the folder the
# framework's idiom puts them (routes/, views/, routers/, serializers/).
WEB_MODULES_BY_ANSWER = {
    "users": lambda a: a["auth"] in ("basic", "jwt"),
    "tokens": lambda a: a["auth"] == "jwt",
    "auth": lambda a: a["auth"] == "jwt",
    "docs": lambda a: a["api_docs"],
    "metrics": lambda a: a["metrics"],
    "authentication": lambda a: a["auth"] != "none",
    "permissions": lambda a: a["auth"] != "none",
}


def test_web_layer_modules_follow_the_answers(distinct_projects: list[Rendered]) -> None:
    """No web layer ships a users, tokens, docs or metrics module its answers do not call for."""
    for item in distinct_projects:
        web = item.path / "src" / IDENTITY["package_name"] / "web"
        for path in web.rglob("*.py"):
            if path.parent == web and path.stem == "auth":
                continue  # the auth hook itself, which every mode has (`none` lets all in)
            present_when = WEB_MODULES_BY_ANSWER.get(path.stem)
            if present_when is not None:
                assert present_when(item.answers), (label(item.answers), str(path))


def test_every_web_module_an_answer_brings_exists_somewhere(
    distinct_projects: list[Rendered],
) -> None:
    """Each module name above is shipped by some rendered web layer, so the rule above
    cannot pass by naming modules nobody writes."""
    shipped = {
        path.stem
        for item in distinct_projects
        for path in (item.path / "src" / IDENTITY["package_name"] / "web").rglob("*.py")
    }
    assert set(WEB_MODULES_BY_ANSWER) <= shipped, set(WEB_MODULES_BY_ANSWER) - shipped
