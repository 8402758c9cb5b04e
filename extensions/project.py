"""What a generated project needs for a set of answers: its pinned requirements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .catalog import FRAMEWORKS, SHARED_DEPENDENCIES


def runtime_dependencies(answers: Mapping[str, Any]) -> list[str]:
    framework = FRAMEWORKS.get(answers.get("framework") or "")
    groups = ["core", answers.get("orm") or "sqlalchemy"]
    if answers.get("database") == "postgresql":
        groups.append("postgresql")
    if answers.get("auth") in ("basic", "jwt"):
        groups.append("passwords")
    if answers.get("auth") == "jwt":
        groups.append("jwt")
    if answers.get("metrics"):
        groups.append("metrics")
    if answers.get("api_docs"):
        groups.append("docs")
    if framework and "lambda" in (answers.get("deploy_targets") or ()):
        groups.append(framework.lambda_adapter)
    requirements = list(framework.dependencies) if framework else []
    for group in groups:
        requirements.extend(SHARED_DEPENDENCIES[group])
    return sorted(requirements, key=str.lower)


def dev_dependencies() -> list[str]:
    return sorted([*SHARED_DEPENDENCIES["test"], *SHARED_DEPENDENCIES["lint"]], key=str.lower)
