"""The script `copier update` runs after its merge (migrations/), on conflicts as
`git merge-file` writes them."""

from __future__ import annotations

from migrations.merge_dependency_lists import merge

HEAD = 'dependencies = [\n    "alembic==1.20.1",\n    "sqlalchemy==2.1.9",\n'
TAIL = "]\n"


def conflict(ours: str, theirs: str) -> str:
    return f"{HEAD}<<<<<<< before updating\n{ours}=======\n{theirs}>>>>>>> after updating\n{TAIL}"


def test_both_sides_requirements_of_other_packages_are_both_kept() -> None:
    text = conflict('    "humanize==4.17.0",\n', '    "uvicorn==0.54.0",\n    "uvloop==0.23.0",\n')
    assert merge(text) == (
        f'{HEAD}    "uvicorn==0.54.0",\n    "uvloop==0.23.0",\n    "humanize==4.17.0",\n{TAIL}'
    )


def test_a_package_pinned_alike_on_both_sides_is_kept_once() -> None:
    text = conflict('    "uvicorn==0.54.0",\n    "humanize==4.17.0",\n', '    "uvicorn==0.54.0",\n')
    merged = merge(text)
    assert "<<<<<<<" not in merged
    assert merged.count("uvicorn==0.54.0") == 1
    assert '"humanize==4.17.0"' in merged


def test_a_package_pinned_differently_on_each_side_stays_a_conflict() -> None:
    text = conflict('    "sqlalchemy==2.1.8",\n', '    "sqlalchemy==2.1.10",\n')
    assert merge(text) == text


def test_a_conflict_holding_anything_but_requirements_stays() -> None:
    text = conflict('    "humanize==4.17.0",\n', '    "uvicorn==0.54.0",\n]\n\n[tool.uv]\n')
    assert merge(text) == text
