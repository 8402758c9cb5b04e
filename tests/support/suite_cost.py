"""`pytest --suite-cost` (`make suite-cost`): what the collected tests will run, per
framework and in total, read before running them: renders, installs, live services,
schemathesis runs and container images.

A test that renders or installs projects, or builds images, of its own says so with
`@pytest.mark.cost(renders=N, installs=N, images=N)`; what the shared fixtures do (the
render matrix, the installed service combinations, the live services, the images) is
counted from the fixtures and parameters each collected test uses.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from typing import Any

import pytest

COLUMNS = ("renders", "installs", "live services", "schemathesis runs", "images")
SCHEMATHESIS_TEST = "test_no_generated_request_causes_a_server_error"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--suite-cost",
        action="store_true",
        help="print what the collected tests will render, install, serve and build",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "cost(renders=0, installs=0, images=0): projects a test renders or installs, and "
        "images it builds, of its own; counted by --suite-cost",
    )


def _framework(item: pytest.Item, combinations: list[dict[str, Any]], keys: Collection[str]) -> str:
    params = getattr(getattr(item, "callspec", None), "params", {})
    if "live_service" in params:
        return combinations[params["live_service"][0]]["framework"]
    if "container_image" in params:
        return combinations[params["container_image"]]["framework"]
    answers = params.get("answers")
    if isinstance(answers, dict):
        return answers.get("framework", "(shared)")
    named = [value for value in params.values() if isinstance(value, str) and value in keys]
    return named[0] if named else "(shared)"


def count(items: list[pytest.Item]) -> dict[str, Counter[str]]:
    from tests.matrix import OPTIONS, SERVICE_COMBINATIONS, all_combinations, decision_variants

    costs: dict[str, Counter[str]] = defaultdict(Counter)
    seen: dict[str, set[Any]] = defaultdict(set)

    def once(column: str, framework: str, key: Any) -> None:
        if key not in seen[column]:
            seen[column].add(key)
            costs[framework][column] += 1

    for item in items:
        framework = _framework(item, SERVICE_COMBINATIONS, OPTIONS["framework"])
        params = getattr(getattr(item, "callspec", None), "params", {})
        for marker in item.iter_markers("cost"):
            for column in ("renders", "installs", "images"):
                costs[framework][column] += marker.kwargs.get(column, 0)
        if {"matrix", "distinct_projects"} & set(item.fixturenames) and "matrix" not in seen:
            seen["matrix"].add(True)
            combinations = list(all_combinations())
            for answers in combinations:
                costs[answers["framework"]]["renders"] += 1
            first = combinations[0]
            costs[first["framework"]]["renders"] += len(list(decision_variants(first)))
        installed = None
        if "live_service" in params:
            index, _database, runner = params["live_service"]
            installed = (index, runner == "updated")
            once("live services", framework, params["live_service"])
            if runner == "container":
                once("images", framework, index)
        elif "container_image" in params:
            installed = (params["container_image"], False)
            once("images", framework, params["container_image"])
        elif isinstance(params.get("answers"), dict) and params["answers"] in SERVICE_COMBINATIONS:
            installed = (SERVICE_COMBINATIONS.index(params["answers"]), False)
        if installed is not None and installed not in seen["installed"]:
            seen["installed"].add(installed)
            costs[framework]["renders"] += 1
            costs[framework]["installs"] += 1
        if "cors_service" in item.fixturenames:
            once("live services", framework, "cors")
        # Second servers of a live service's project: one per module (slow clients), one
        # per test (the sign-in replica, the service counted on the wire).
        if "impatient_service" in item.fixturenames:
            once("live services", framework, ("impatient", params.get("live_service")))
        if "replica" in item.fixturenames or "counted" in item.fixturenames:
            costs[framework]["live services"] += 1
        if item.originalname == SCHEMATHESIS_TEST:
            costs[framework]["schemathesis runs"] += 1
    return costs


def table(costs: dict[str, Counter[str]]) -> str:
    width = max(len(name) for name in [*costs, "framework", "total"])
    lines = [f"{'framework':<{width}}  " + "  ".join(f"{c:>17}" for c in COLUMNS)]
    total: Counter[str] = Counter()
    for framework in sorted(costs, key=lambda name: (name.startswith("("), name)):
        total.update(costs[framework])
        cells = "  ".join(f"{costs[framework][c]:>17}" for c in COLUMNS)
        lines.append(f"{framework:<{width}}  {cells}")
    lines.append(f"{'total':<{width}}  " + "  ".join(f"{total[c]:>17}" for c in COLUMNS))
    return "\n".join(lines)


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.getoption("suite_cost"):
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_line("")
        reporter.write_line(table(count(session.items)))
