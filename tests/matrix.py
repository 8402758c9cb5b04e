"""The answer space of copier.yml, and the sets of combinations each test tier uses.

Tier 1 renders every combination; tier 2 installs and tests a covering set in which
every pair of option values appears at least once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from extensions.catalog import FRAMEWORKS, available
from extensions.decision import deploy_targets_problem, framework_problem

# The ORMs of the frameworks the template generates, in catalog order (so the first
# values of OPTIONS fit together), and whether any of them is Django's (only Django
# projects ask the admin-site question).
_ORMS = list(dict.fromkeys(orm for framework in available() for orm in framework.orms))

# The options a user chooses, with every value each can take. Adding a question with
# choices means adding it here; the tiers pick it up.
OPTIONS: dict[str, Sequence[Any]] = {
    "framework": [framework.key for framework in available()],
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
}

IDENTITY = {
    "project_name": "Matrix Service",
    "project_slug": "matrix-service",
    "package_name": "matrix_service",
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
DECISION_ONLY = ("concurrency", "priority")


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
        return any(is_valid({**choice, "framework": each.key}) for each in available())
    # The framework question's own refusals (a blocking framework at high concurrency).
    return not framework_problem(framework.key, choice)


# An option that shapes files, but only files no other answer shapes the same way (the
# Python of .python-version, pyproject.toml, the images and the Lambda runtime): each of
# its values rotates through the matrix instead of multiplying it.
ROTATED_SHAPING = ("python_version",)


def all_combinations() -> Iterator[dict[str, Any]]:
    """Every valid combination of the file-shaping options; the decision-only answers and
    the rotated options take each of their values in turn along the way."""
    shaping = [name for name in OPTIONS if name not in (*DECISION_ONLY, *ROTATED_SHAPING)]
    decisions = list(itertools.product(*(OPTIONS[name] for name in DECISION_ONLY)))
    products = itertools.product(*(OPTIONS[name] for name in shaping))
    valid = (values for values in products if is_valid(dict(zip(shaping, values, strict=True))))
    for index, values in enumerate(valid):
        choice = dict(zip(shaping, values, strict=True))
        fitting = [
            decision
            for decision in decisions
            if is_valid({**choice, **dict(zip(DECISION_ONLY, decision, strict=True))})
        ]
        choice.update(zip(DECISION_ONLY, fitting[index % len(fitting)], strict=True))
        for name in ROTATED_SHAPING:
            choice[name] = OPTIONS[name][index % len(OPTIONS[name])]
        yield as_answers({name: choice[name] for name in OPTIONS})


def decision_variants(base: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """`base` with every combination of the decision-only answers."""
    for values in itertools.product(*(OPTIONS[name] for name in DECISION_ONLY)):
        yield {**base, **dict(zip(DECISION_ONLY, values, strict=True))}


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
