"""The answer space of copier.yml, and the sets of combinations each test tier uses.

Breadth for every framework, depth for one framework of each family (see `family`):

- tier 1 renders, for a family's representative, every combination of the options that
  shape files; for any other framework, every combination of the options its web layer
  reads, the shared-only options taking each of their values in turn;
- every framework has one service combination per auth mode (`SERVICE_COMBINATIONS`):
  each is installed once per run, passes its own `make lint` and `make test`, and the
  live tiers serve them (tests/contract/conftest.py says which, and how often).

`make test-full` (TRAILHEAD_FULL=1) renders the full cross product for every framework
and adds the pairwise covering set to tier 2, for releases. `make suite-cost`
(TRAILHEAD_ALL_FRAMEWORKS=1) collects the suite as if every catalog framework were
generated, to read what thirteen would cost; such a collection never runs.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from extensions.catalog import EXPERIENCES, FRAMEWORKS, Framework, available
from extensions.decision import deploy_targets_problem, framework_problem
from tests.support.container import BASE_PYTHON_VERSION

FULL = os.environ.get("TRAILHEAD_FULL") == "1"
ALL_FRAMEWORKS = os.environ.get("TRAILHEAD_ALL_FRAMEWORKS") == "1"


def frameworks() -> list[Framework]:
    """The frameworks the suite covers, in catalog order."""
    return list(FRAMEWORKS.values()) if ALL_FRAMEWORKS else available()


def family(framework: Framework) -> str:
    """What a framework shares its generated core with: Django's project, an own server,
    or the SQLAlchemy core on ASGI (async) or WSGI (sync)."""
    if "django" in framework.orms:
        return "django"
    return framework.interface


def is_representative(framework_key: str) -> bool:
    """The first framework of its family, in catalog order, is tested in depth."""
    framework = FRAMEWORKS[framework_key]
    first = next(each for each in frameworks() if family(each) == family(framework))
    return first.key == framework_key


# The ORMs of the frameworks covered, in catalog order (so the first values of OPTIONS fit
# together), and whether any of them is Django's (only Django projects ask the admin-site
# question).
_ORMS = list(dict.fromkeys(orm for framework in frameworks() for orm in framework.orms))

# The options a user chooses, with every value each can take. Adding a question with
# choices means adding it here; the tiers pick it up.
OPTIONS: dict[str, Sequence[Any]] = {
    "framework": [framework.key for framework in frameworks()],
    "auth": ["none", "api_key", "basic", "jwt"],
    "database": ["postgresql", "sqlite"],
    "orm": _ORMS,
    "admin_site": [False, True] if "django" in _ORMS else [False],
    "api_docs": [True, False],
    "metrics": [True, False],
    # Each target adds files of its own, except the image Docker and Kubernetes share: no
    # target, each one alone, and all together cover every file each subset can shape.
    "deploy_targets": [
        (),
        ("docker",),
        ("kubernetes",),
        ("lambda",),
        ("docker", "kubernetes", "lambda"),
    ],
    "python_version": ["3.11", "3.12", "3.13"],
    "concurrency": ["low", "moderate", "high"],
    "priority": ["ship_fast", "structure", "throughput"],
    "realtime": [False, True],
    "experience": list(EXPERIENCES),
}

IDENTITY = {
    "project_name": "Matrix Service",
    "project_slug": "matrix-service",
    # The longest name the package question allows, so that every rendered line that
    # carries it is checked against the line length.
    "package_name": "matrix_service_whose_name_is_the_longest",
    "description": "A service rendered by the template's tests.",
    "author_name": "Trailhead Tests",
    "author_email": "tests@example.com",
}


def as_answers(choice: Mapping[str, Any]) -> dict[str, Any]:
    answers = {**IDENTITY, **choice}
    answers["deploy_targets"] = list(answers["deploy_targets"])
    # Copier asks (and records) the admin-site question in Django projects only.
    if answers.get("orm") != "django":
        answers.pop("admin_site", None)
    return answers


# Questions that only steer the recommendation: they change no generated file but the
# answers file (tier 1 asserts this), so the render matrix crosses them with the other
# options in rotation instead of multiplying the matrix by their product.
DECISION_ONLY = ("concurrency", "priority", "realtime", "experience")


def is_valid(choice: Mapping[str, Any]) -> bool:
    """Whether copier.yml's validators accept these (possibly partial) answers: SQLAlchemy
    frameworks stay on SQLAlchemy and Django's on the Django ORM, only Django projects
    have an admin site, SQLite cannot back the targets that run several copies, and the
    framework must serve the decision answers."""
    framework = FRAMEWORKS.get(choice.get("framework", ""))
    orm = choice.get("orm")
    if framework is not None and orm is not None and orm not in framework.orms:
        return False
    if choice.get("admin_site") and (
        orm not in (None, "django") or (framework is not None and "django" not in framework.orms)
    ):
        return False
    if (
        "deploy_targets" in choice
        and "database" in choice
        and deploy_targets_problem(choice["deploy_targets"], choice["database"])
    ):
        return False
    if framework is None:
        # Partial answers are valid only where some framework can complete them (no
        # generated one serves the Django ORM at high concurrency).
        return any(is_valid({**choice, "framework": each.key}) for each in frameworks())
    # The framework question's own refusals (a blocking framework at high concurrency).
    return not framework_problem(framework.key, choice, available_only=not ALL_FRAMEWORKS)


# An option that shapes files, but only files no other answer shapes the same way (the
# Python of .python-version, pyproject.toml, the images and the Lambda runtime): each of
# its values rotates through the matrix instead of multiplying it.
ROTATED_SHAPING = ("python_version",)
# Options that shape only shared files (the database driver, the deploy files), never a web
# layer's: each framework takes every valid pair of their values in turn, instead of
# multiplying its web-layer answers by them (`make test-full` multiplies).
SHARED_SHAPING = ("database", "deploy_targets")


def crossed_options() -> list[str]:
    """The options tier 1 crosses for each framework: those its web layer reads."""
    rotated = ROTATED_SHAPING if FULL else (*ROTATED_SHAPING, *SHARED_SHAPING)
    return [name for name in OPTIONS if name not in (*DECISION_ONLY, *rotated, "framework")]


def crossed_combinations(framework_key: str) -> list[dict[str, Any]]:
    """The valid combinations of the crossed options for this framework."""
    crossed = crossed_options()
    combinations = (
        {"framework": framework_key, **dict(zip(crossed, values, strict=True))}
        for values in itertools.product(*(OPTIONS[name] for name in crossed))
    )
    return [choice for choice in combinations if is_valid(choice)]


def _rotation(choice: Mapping[str, Any], names: Sequence[str], turn: int) -> dict[str, Any]:
    """The `turn`-th of the valid combinations of these options' values, with `choice`."""
    fitting = [
        dict(zip(names, values, strict=True))
        for values in itertools.product(*(OPTIONS[name] for name in names))
        if is_valid({**choice, **dict(zip(names, values, strict=True))})
    ]
    return fitting[turn % len(fitting)]


def all_combinations() -> Iterator[dict[str, Any]]:
    """For each framework, its crossed combinations; the shared-only options (as valid
    pairs), the rotated options and the decision-only answers take each of their values
    in turn along the way."""
    for framework in OPTIONS["framework"]:
        for turn, choice in enumerate(crossed_combinations(framework)):
            if not FULL:
                choice.update(_rotation(choice, SHARED_SHAPING, turn))
            for name in ROTATED_SHAPING:
                choice.update(_rotation(choice, (name,), turn))
            for name in DECISION_ONLY:
                choice.update(_rotation(choice, (name,), turn))
            yield as_answers({name: choice[name] for name in OPTIONS})


def decision_variants(base: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """`base` with each value of each decision-only answer in turn, the others as in
    `base`: each value is rendered once (none changes a file, so no pair needs to be)."""
    for name in DECISION_ONLY:
        for value in OPTIONS[name]:
            variant = {**base, name: value}
            if value != base.get(name) and is_valid(variant):
                yield variant


def pairwise_combinations(
    options: Mapping[str, Sequence[Any]] = OPTIONS,
) -> list[dict[str, Any]]:
    """A small set covering every pair of option values (greedy, deterministic).
    `options` narrows the answer space, e.g. to what an earlier release offered."""
    names = list(options)
    uncovered = {
        ((first, a), (second, b))
        for first, second in itertools.combinations(names, 2)
        for a in options[first]
        for b in options[second]
        if is_valid({first: a, second: b})
    }
    chosen: list[dict[str, Any]] = []
    while uncovered:
        # Seed a new combination with one uncovered pair, then give every other option
        # the value that covers the most pairs still uncovered.
        (first, a), (second, b) = min(uncovered, key=repr)
        candidate = {first: a, second: b}
        for name in names:
            if name not in candidate:
                candidate[name] = max(
                    (value for value in options[name] if is_valid({**candidate, name: value})),
                    key=lambda value, name=name: _gain({**candidate, name: value}, uncovered),
                )
        uncovered -= _pairs(candidate)
        chosen.append(candidate)
    return [as_answers(choice) for choice in chosen]


def _pairs(choice: Mapping[str, Any]) -> set:
    items = [(name, choice[name]) for name in OPTIONS if name in choice]
    return set(itertools.combinations(items, 2))


def _gain(choice: Mapping[str, Any], uncovered: set) -> int:
    return len(_pairs(choice) & uncovered)


def label(answers: Mapping[str, Any]) -> str:
    """A short test id naming the values that differ between combinations."""
    parts = []
    for name in OPTIONS:
        if name not in answers:
            continue
        value = answers[name]
        if isinstance(value, list | tuple):
            value = "+".join(value) or "nodeploy"
        elif isinstance(value, bool):
            value = name if value else f"no-{name}"
        parts.append(str(value))
    return "-".join(parts)


# ── the services: one combination per framework and auth mode ───────────────────────────

_SERVICE_ANSWERS: dict[str, Any] = {
    "description": "A service generated by the contract suite.",
    "author_name": "Contract Suite",
    "author_email": "contract@example.com",
    "database": "postgresql",
}
# Per framework, every auth mode once; API docs and metrics each on and off; every deploy
# target and every Python version at least once, so each framework's own tests meet its
# Lambda handler; every decision answer at least once.
_AUTH_MODES = (
    # name prefix, auth, api_docs, metrics, deploy targets
    ("Open", "none", True, False, ("lambda",)),
    ("Keyed", "api_key", False, True, ()),
    ("Basic", "basic", True, True, ("docker",)),
    ("Token", "jwt", True, True, ("docker", "kubernetes", "lambda")),
)
# By auth mode: each framework meets every Python version, and its basic-auth service (the
# one the container tier builds) runs on the container base image's Python.
_PYTHONS = ("3.11", "3.12", BASE_PYTHON_VERSION, "3.12")
_DECISIONS = (
    ("low", "ship_fast"),
    ("moderate", "structure"),
    ("high", "throughput"),
    ("moderate", "ship_fast"),
)


def _service_combinations() -> list[dict[str, Any]]:
    combinations = []
    for offset, framework in enumerate(frameworks()):
        shop = f"{framework.name} Shop"
        for position, (prefix, auth, api_docs, metrics, targets) in enumerate(_AUTH_MODES):
            # Each framework starts the decision rotation one step later, so that the auth
            # modes meet different answers; a decision answer the framework cannot serve
            # (high concurrency for a blocking one) is passed over. Only a projection over
            # frameworks not generated yet finds none that fits, and it never renders.
            turn = (position + offset) % len(_DECISIONS)
            concurrency, priority = next(
                (
                    decision
                    for step in range(len(_DECISIONS))
                    for decision in [_DECISIONS[(turn + step) % len(_DECISIONS)]]
                    if is_valid(
                        {
                            "framework": framework.key,
                            "orm": framework.orms[0],
                            "concurrency": decision[0],
                            "priority": decision[1],
                        }
                    )
                ),
                _DECISIONS[turn],
            )
            combination = {
                **_SERVICE_ANSWERS,
                "project_name": f"{prefix} {shop}",
                "framework": framework.key,
                "orm": framework.orms[0],
                "python_version": _PYTHONS[position],
                "concurrency": concurrency,
                "priority": priority,
                "auth": auth,
                "api_docs": api_docs,
                "metrics": metrics,
                "deploy_targets": list(targets),
            }
            if "django" in framework.orms:
                combination["admin_site"] = auth in ("basic", "jwt")
            combinations.append(combination)
    return combinations


SERVICE_COMBINATIONS: list[dict[str, Any]] = _service_combinations()
# The one service of every framework held live to the whole contract on PostgreSQL: the
# richest auth mode, with API docs and metrics.
BREADTH_AUTH = "jwt"


def service_id(answers: Mapping[str, Any]) -> str:
    features = [name for name in ("api_docs", "metrics") if answers[name]]
    return "-".join([answers["framework"], answers["auth"], *features])


def is_depth_service(answers: Mapping[str, Any]) -> bool:
    return FULL or is_representative(answers["framework"])
