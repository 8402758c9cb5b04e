"""What a generated project needs for a set of answers: its pinned requirements, and
whether its shared database code and its tests are asynchronous."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .catalog import FRAMEWORKS, SHARED_DEPENDENCIES, Framework


def _framework(answers: Mapping[str, Any]) -> Framework | None:
    return FRAMEWORKS.get(answers.get("framework") or "")


def _runs_on_event_loop(framework: Framework) -> bool:
    """The generated service's concurrency model, whatever interface or server it speaks
    through: its handlers run on an event loop unless it is generated synchronous."""
    return (framework.generated_concurrency or framework.concurrency) != "sync"


def async_database(answers: Mapping[str, Any]) -> bool:
    """The app runs on an event loop, so the shared SQLAlchemy core (database.py,
    services/, migrations/env.py) awaits its queries; a synchronous app calls them
    directly."""
    framework = _framework(answers)
    return framework is None or _runs_on_event_loop(framework)


def synchronous_tests(answers: Mapping[str, Any]) -> bool:
    """The generated tests are plain `def` functions driving the app in process through
    httpx.Client, instead of `async def` ones on an httpx.AsyncClient."""
    framework = _framework(answers)
    return framework is not None and not _runs_on_event_loop(framework)


def runtime_dependencies(answers: Mapping[str, Any]) -> list[str]:
    framework = _framework(answers)
    orm = answers.get("orm") or "sqlalchemy"
    suffix = "" if async_database(answers) else "-sync"
    groups = ["core", f"{orm}{suffix}" if orm == "sqlalchemy" else orm]
    if answers.get("database") == "postgresql":
        groups.append(f"postgresql{suffix}" if orm == "sqlalchemy" else f"{orm}-postgresql")
    # Django hashes passwords itself (its Argon2 hasher is in the "django" group).
    if answers.get("auth") in ("basic", "jwt") and orm != "django":
        groups.append("passwords")
    if answers.get("auth") == "jwt":
        groups.append("jwt")
    if answers.get("metrics"):
        groups.append("metrics")
    if answers.get("api_docs") and not (framework and framework.bundles_docs_assets):
        groups.append("docs")
    if framework and "lambda" in (answers.get("deploy_targets") or ()):
        groups.append(framework.lambda_adapter)
    requirements = list(framework.dependencies) if framework else []
    for group in groups:
        requirements.extend(SHARED_DEPENDENCIES[group])
    return sorted(requirements, key=str.lower)


def dev_dependencies(answers: Mapping[str, Any] | None = None) -> list[str]:
    groups = ["test", "lint"]
    if not synchronous_tests(answers or {}):
        groups.append("test-async")
    requirements = [requirement for group in groups for requirement in SHARED_DEPENDENCIES[group]]
    return sorted(requirements, key=str.lower)
