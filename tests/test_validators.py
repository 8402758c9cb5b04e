"""Tier 5: a bad answer is refused with a message that says what is allowed, and nothing
is left behind."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from tests.support.terminal import Terminal

REPO_ROOT = Path(__file__).resolve().parents[1]

REFUSALS = [
    ({"project_name": "   "}, "project_name", "required"),
    ({"project_name": "Ünïcødé only ✓✓"}, None, None),
    ({"project_slug": "Bad_Slug"}, "project_slug", "lowercase letters, digits and single dashes"),
    ({"project_slug": "double--dash"}, "project_slug", "single dashes"),
    ({"package_name": "1orders"}, "package_name", "starting with a letter"),
    ({"package_name": "Orders"}, "package_name", "lowercase"),
    ({"package_name": "class"}, "package_name", "Python keyword"),
    ({"package_name": "match"}, "package_name", "Python keyword"),
    ({"package_name": "json"}, "package_name", "standard library"),
    ({"package_name": "fastapi"}, "package_name", "module the service depends on"),
    ({"package_name": "ninja"}, "package_name", "module the service depends on"),
    ({"package_name": "a" * 41}, "package_name", "at most 40 characters"),
    ({"project_slug": "a" * 51}, "project_slug", "at most 50 characters"),
    ({"author_email": "not-an-address"}, "author_email", "name@example.com"),
    (
        {"database": "sqlite", "deploy_targets": ["docker", "kubernetes"]},
        "deploy_targets",
        "Kubernetes replicas run several copies of the service",
    ),
    (
        {"database": "sqlite", "deploy_targets": ["lambda"]},
        "deploy_targets",
        "answer database=postgresql, or deploy to docker only",
    ),
    ({"framework": "tornado"}, "framework", "cannot generate it yet; choose one of: FastAPI"),
    ({"framework": "robyn"}, "framework", "choose one of: FastAPI"),
    (
        {"orm": "django", "framework": "fastapi"},
        "framework",
        "FastAPI pairs with SQLAlchemy, not the Django ORM",
    ),
    (
        {"orm": "sqlalchemy", "framework": "drf"},
        "framework",
        "choose one of: FastAPI, Flask, Litestar, Quart, Falcon, BlackSheep, Starlette or switch "
        "the ORM to the Django ORM",
    ),
    (
        {"orm": "django", "concurrency": "high", "framework": "drf"},
        "framework",
        "no other framework Trailhead can generate yet fits these answers; switch the ORM to "
        "SQLAlchemy (then FastAPI fits) or lower the concurrency answer to moderate (then "
        "Django Ninja fits)",
    ),
    (
        {"realtime": True, "framework": "flask"},
        "framework",
        "Flask has no built-in WebSocket support (flask-sock adds them, which Trailhead does "
        "not generate); choose one of: FastAPI",
    ),
    ({"experience": "cobol"}, "experience", "cobol"),
]


@pytest.mark.parametrize(("answers", "question", "message"), REFUSALS)
def test_bad_answer_is_refused_and_nothing_is_written(
    copie, answers: dict, question: str | None, message: str | None
) -> None:
    result = copie.copy(extra_answers={"project_name": "Valid Name", **answers})
    if question is None:
        # A name with a few ASCII letters is fine even among other characters.
        assert result.exit_code == 0, result.exception
        return
    assert result.exit_code != 0
    text = str(result.exception)
    # Copier words it "Validation error for question 'x'" or, for a disabled choice,
    # "Invalid choice for 'x'"; either way it names the question and says why.
    assert f"for question '{question}'" in text or f"Invalid choice for '{question}'" in text
    assert message in text
    output_dir = copie.test_dir / f"copie{copie.counter - 1:03d}"
    assert list(output_dir.iterdir()) == []


def test_unicode_name_gets_an_ascii_slug(copie) -> None:
    result = copie.copy(extra_answers={"project_name": "Café Orders"})
    assert result.exit_code == 0, result.exception
    assert result.answers["project_slug"] == "cafe-orders"
    assert result.answers["package_name"] == "cafe_orders"


def test_cli_refusal_exits_non_zero_with_the_message(tmp_path: Path) -> None:
    destination = tmp_path / "service"
    result = subprocess.run(
        [
            "copier",
            "copy",
            "--trust",
            "--vcs-ref",
            "HEAD",
            "--defaults",
            "--data",
            "project_name=Orders",
            "--data",
            "package_name=json",
            str(REPO_ROOT),
            str(destination),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "Validation error for question 'package_name'" in result.stderr
    assert "standard library" in result.stderr
    assert not destination.exists() or not any(destination.iterdir())


def test_choice_outside_the_list_is_refused(copie) -> None:
    result = copie.copy(extra_answers={"project_name": "Orders", "auth": "oauth1"})
    assert result.exit_code != 0
    assert "oauth1" in str(result.exception)


def test_interactive_prompt_explains_and_asks_again(tmp_path: Path) -> None:
    destination = tmp_path / "service"
    terminal = Terminal(
        f"cd {REPO_ROOT} && copier copy --trust --vcs-ref HEAD . {destination}; sleep 60",
        session=f"trailhead-{tmp_path.name}",
    )
    try:
        terminal.wait_for("Human-readable name")
        terminal.type("Orders API", "Enter")
        terminal.wait_for("Distribution and folder name")
        # The slug arrives pre-filled with its default: clear it, then type a bad one.
        terminal.type("C-u", "Bad_Slug", "Enter")
        terminal.wait_for("Validation error for question 'project_slug'")
        terminal.type("C-u", "orders-api", "Enter")
        terminal.wait_for("Python import package")
        terminal.type("C-c")
        time.sleep(1)
    finally:
        terminal.close()
    assert not destination.exists() or not any(destination.iterdir())
