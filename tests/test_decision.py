"""Unit tests of the framework catalog, the decision engine and the Copier context hook."""

from __future__ import annotations

import dataclasses
import re
import sys
import tomllib
from pathlib import Path

import jinja2
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
# The template repository is no installed package, so `extensions` is importable only
# from its root.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from extensions import catalog  # noqa: E402
from extensions.catalog import FRAMEWORKS, SHARED_DEPENDENCIES, Framework, available  # noqa: E402
from extensions.context import TrailheadContext  # noqa: E402
from extensions.decision import (  # noqa: E402
    DEFAULT_ANSWERS,
    deploy_targets_problem,
    framework_problem,
    read_answers,
    recommend,
)
from extensions.use_cases import USE_CASES, UseCase  # noqa: E402

# Run on their own server, but their app is an ASGI app too ("Then you have ASGI frameworks
# like FastAPI and Sanic.", 002_a3a6667127a13c5d.txt), so Mangum carries it on Lambda.
ASGI_APPS_ON_THEIR_OWN_SERVER = {"sanic"}
CATALOG_ORDER = [
    "fastapi",
    "drf",
    "flask",
    "tornado",
    "litestar",
    "sanic",
    "falcon",
    "starlette",
    "quart",
    "blacksheep",
    "aiohttp",
    "django_ninja",
    "robyn",
]
PINNED_REQUIREMENT = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*(\[[a-z0-9,-]+\])?==[0-9][^;\s]*(; .+)?$"
)
NAMES_TO_KEYS = {framework.name: key for key, framework in FRAMEWORKS.items()}

GENERATED = [
    "fastapi",
    "drf",
    "flask",
    "litestar",
    "falcon",
    "starlette",
    "quart",
    "blacksheep",
    "django_ninja",
]


def alternatives_in(message: str) -> list[str]:
    """The framework names after "choose one of:" in a refusal, up to the way out."""
    listed = message.split("choose one of: ", 1)[1].rstrip(".")
    names = [name.strip() for name in listed.split(",")]
    names[-1] = names[-1].split(" or ", 1)[0]
    return names


# ── Catalog ──────────────────────────────────────────────────────────────────


def test_catalog_holds_the_thirteen_frameworks_in_order():
    assert list(FRAMEWORKS) == CATALOG_ORDER


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=list(FRAMEWORKS))
def test_catalog_entry_is_consistent(framework: Framework):
    assert FRAMEWORKS[framework.key] is framework
    assert framework.interface in catalog.INTERFACES
    assert framework.concurrency in catalog.CONCURRENCY_MODELS
    assert framework.openapi in catalog.OPENAPI_SUPPORT
    assert framework.maturity in catalog.MATURITY_LEVELS
    assert framework.learning_curve in catalog.LEARNING_CURVES
    assert framework.orms and set(framework.orms) <= set(catalog.ORMS)
    assert framework.lambda_adapter in catalog.LAMBDA_ADAPTERS
    assert 2000 <= framework.first_release <= 2026
    assert framework.server
    assert framework.summary.endswith(".") and "\n" not in framework.summary
    assert framework.strengths and framework.weaknesses
    assert framework.health_rps > 0


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=list(FRAMEWORKS))
def test_every_scored_fact_names_its_source(framework: Framework):
    """Each fact the engine scores or refuses by carries its source beside it: always the
    ones every framework has, the flags only where they are set, the generated service's
    throughput only where it is generated."""
    scored = [
        "interface",
        "concurrency",
        "openapi",
        "websockets",
        "maturity",
        "learning_curve",
        "lambda_adapter",
        "health_rps",
        "import_ms",
    ]
    flags = [
        "typed_validation",
        "batteries_included",
        "enforces_structure",
        "realtime_focus",
        "auth_helpers",
    ]
    scored += [flag for flag in flags if getattr(framework, flag)]
    scored += [name for name in ("trend", "familiar_to") if getattr(framework, name)]
    if framework.generated:
        scored += ["service_items_rps", "service_health_rps"]
    missing = [name for name in scored if not framework.sources.get(name, "").strip()]
    assert not missing, f"{framework.key} has no source for {missing}"
    fields = {each.name for each in dataclasses.fields(Framework)}
    assert set(framework.sources) <= fields, set(framework.sources) - fields
    assert all("\n" not in source for source in framework.sources.values())


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=list(FRAMEWORKS))
def test_lambda_adapter_follows_the_server_interface(framework: Framework):
    expected = {"asgi": "mangum", "wsgi": "apig-wsgi", "own": ""}[framework.interface]
    if framework.key in ASGI_APPS_ON_THEIR_OWN_SERVER:
        expected = "mangum"
    assert framework.lambda_adapter == expected


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=list(FRAMEWORKS))
def test_only_generated_frameworks_carry_pinned_dependencies(framework: Framework):
    if framework.generated:
        assert framework.dependencies
        assert all(PINNED_REQUIREMENT.match(pin) for pin in framework.dependencies)
        pinned_names = {re.split(r"[=\[]", pin)[0] for pin in framework.dependencies}
        assert (framework.distribution or framework.key) in pinned_names
        assert framework.server in pinned_names
    else:
        assert framework.dependencies == ()


def test_shared_dependencies_are_pinned():
    pins = [pin for group in SHARED_DEPENDENCIES.values() for pin in group]
    assert pins and all(PINNED_REQUIREMENT.match(pin) for pin in pins)
    assert {"core", "sqlalchemy", "test", "lint"} <= set(SHARED_DEPENDENCIES)


def test_available_frameworks_are_the_generated_ones_in_catalog_order():
    assert [framework.key for framework in available()] == GENERATED


def test_django_family_is_the_only_one_on_the_django_orm():
    on_django = {key for key, framework in FRAMEWORKS.items() if "django" in framework.orms}
    assert on_django == {"drf", "django_ninja"}


# ── Recommendation ───────────────────────────────────────────────────────────


CASE_IDS = [case.name for case in USE_CASES]


@pytest.mark.parametrize("case", USE_CASES, ids=CASE_IDS)
def test_use_case_picks_a_framework_its_article_recommends_from_the_catalog(case: UseCase):
    recommendation = recommend(case.answers, available_only=False)
    assert recommendation.framework in case.recommended, (case.article, case.quote)
    assert recommendation.framework == case.catalog_pick
    assert recommendation.name == FRAMEWORKS[case.catalog_pick].name
    assert framework_problem(case.catalog_pick, case.answers, available_only=False) == ""


@pytest.mark.parametrize("case", USE_CASES, ids=CASE_IDS)
def test_use_case_picks_the_expected_framework_among_the_generated(case: UseCase):
    answers, expected = case.answers, case.generated_pick
    recommendation = recommend(answers)
    if expected is None:
        # Nothing generated fits: every framework is refused, and the reason says why.
        problems = [framework_problem(key, answers) for key in GENERATED]
        assert all(problems), problems
        assert recommendation.reason.startswith("no framework Trailhead can generate yet fits")
        assert "switch the ORM" in recommendation.reason
        assert "lower the concurrency answer" in recommendation.reason
        return
    assert recommendation.framework == expected
    ranked = [key for key, _, _ in recommendation.ranking]
    assert set(ranked) <= set(GENERATED)
    for key in set(GENERATED) - set(ranked):
        assert framework_problem(key, answers), f"{key} is missing from the ranking"


def test_there_are_fifteen_use_cases_or_more_each_quoting_its_article():
    assert len(USE_CASES) >= 15
    for case in USE_CASES:
        assert case.quote.strip() and case.article.endswith(".txt")
        assert set(case.recommended) <= set(FRAMEWORKS)


def test_use_cases_reach_every_framework_of_the_catalog():
    assert {case.catalog_pick for case in USE_CASES} == set(FRAMEWORKS)


def test_use_cases_reach_every_generated_framework():
    assert {case.generated_pick for case in USE_CASES} - {None} == set(GENERATED)


def test_recommendation_names_every_way_out_when_nothing_generated_fits():
    recommendation = recommend({"realtime": True, "deploy_targets": ["lambda"]})
    assert "drop the lambda target (then FastAPI fits)" in recommendation.reason
    assert "turn off realtime (then FastAPI fits)" in recommendation.reason


def test_every_refusal_of_a_dead_end_names_each_answer_that_opens_it():
    answers = {"orm": "django", "concurrency": "high"}
    for key in GENERATED:
        message = framework_problem(key, answers)
        assert "switch the ORM to SQLAlchemy (then FastAPI fits)" in message, message
        assert "lower the concurrency answer to moderate (then Django Ninja fits)" in message


def test_orm_left_open_admits_both_families():
    ranked = {key for key, _, _ in recommend({}).ranking}
    assert {"fastapi", "drf"} <= ranked


@pytest.mark.parametrize("case", USE_CASES, ids=CASE_IDS)
@pytest.mark.parametrize("available_only", [True, False])
def test_reason_is_one_non_empty_line(case: UseCase, available_only: bool):
    reason = recommend(case.answers, available_only=available_only).reason
    assert reason.strip() and "\n" not in reason and len(reason) <= 240


def test_default_reason_explains_fastapi():
    reason = recommend({}).reason
    assert "type hints" in reason and "OpenAPI" in reason and "moderate concurrency" in reason


@pytest.mark.parametrize("case", USE_CASES, ids=CASE_IDS)
def test_ranking_is_best_first_and_free_of_conflicts(case: UseCase):
    answers = case.answers
    ranking = recommend(answers, available_only=False).ranking
    scores = [points for _, points, _ in ranking]
    assert scores == sorted(scores, reverse=True)
    for key, _, reasons in ranking:
        assert framework_problem(key, answers, available_only=False) == ""
        assert reasons


def test_lambda_leaves_out_frameworks_with_their_own_server():
    ranking = recommend({"deploy_targets": ["lambda"]}, available_only=False).ranking
    ranked = {key for key, _, _ in ranking}
    own_server = {
        key
        for key, framework in FRAMEWORKS.items()
        if framework.interface == "own" and key not in ASGI_APPS_ON_THEIR_OWN_SERVER
    }
    assert ranked and not ranked & own_server


def test_throughput_ranks_otherwise_alike_frameworks_by_measured_speed():
    # Established, async-first, own server: with docs and auth off only speed separates them.
    alike = ["sanic", "aiohttp", "tornado"]
    answers = {"priority": "throughput", "api_docs": False, "auth": "none", "concurrency": "high"}
    scores = {key: points for key, points, _ in recommend(answers, available_only=False).ranking}
    assert sorted(alike, key=lambda key: FRAMEWORKS[key].health_rps, reverse=True) == alike
    assert scores["sanic"] > scores["aiohttp"] > scores["tornado"]


def test_throughput_reason_quotes_the_generated_service_where_it_is_generated():
    reason = recommend({"priority": "throughput"}, available_only=False).reason
    fastapi = FRAMEWORKS["fastapi"]
    assert f"{fastapi.service_items_rps} req/s on the generated items list" in reason


def test_throughput_reason_says_a_bare_figure_is_not_the_generated_service():
    answers = {"priority": "throughput", "concurrency": "low", "api_docs": False, "auth": "none"}
    reason = recommend(answers, available_only=False).reason
    assert "38.5k req/s bare on /health (not yet measured as a generated service)" in reason


def test_throughput_points_have_no_steps():
    """Two frameworks a few requests per second apart score apart, in that order."""
    answers = {"priority": "throughput", "concurrency": "high", "api_docs": False}
    scores = {key: points for key, points, _ in recommend(answers, available_only=False).ranking}
    assert FRAMEWORKS["starlette"].health_rps - FRAMEWORKS["sanic"].health_rps < 100
    assert scores["starlette"] > scores["sanic"]


def test_low_concurrency_favours_synchronous_frameworks():
    def flask_score(concurrency: str) -> int:
        ranking = recommend({"concurrency": concurrency}, available_only=False).ranking
        return next(points for key, points, _ in ranking if key == "flask")

    assert flask_score("low") > flask_score("moderate")


def test_equal_scores_go_to_the_more_mature_framework():
    answers = {"concurrency": "low", "auth": "none", "realtime": True}
    ranking = recommend(answers, available_only=False)
    top = ranking.ranking[:3]
    assert len({score for _, score, _ in top}) == 1
    # Sanic and Falcon are established, FastAPI is growing.
    assert [key for key, _, _ in top] == ["sanic", "falcon", "fastapi"]


def test_recommendation_is_deterministic():
    answers = {"priority": "throughput", "api_docs": False}
    assert recommend(answers, available_only=False) == recommend(answers, available_only=False)


# ── Refusals ─────────────────────────────────────────────────────────────────

REFUSALS = {
    "unknown key": ("nope", {}, True, ["'nope'", "FastAPI"]),
    "not generated yet": ("tornado", {}, True, ["Tornado", "cannot generate it yet"]),
    "wrong ORM": (
        "fastapi",
        {"orm": "django"},
        False,
        ["FastAPI", "Django ORM", "Django REST Framework", "Django Ninja", "switch the ORM"],
    ),
    "Django family on SQLAlchemy": (
        "drf",
        {"orm": "sqlalchemy"},
        False,
        ["Django REST Framework", "SQLAlchemy", "FastAPI"],
    ),
    "no Lambda adapter": (
        "aiohttp",
        {"deploy_targets": ["docker", "lambda"]},
        False,
        ["aiohttp", "Lambda", "FastAPI", "drop the lambda target"],
    ),
    "WebSockets on Lambda": (
        "fastapi",
        {"realtime": True, "deploy_targets": ["lambda"]},
        False,
        ["FastAPI", "WebSockets", "Lambda", "no other framework", "turn off realtime"],
    ),
    "no WebSockets": (
        "flask",
        {"realtime": True},
        False,
        ["Flask", "WebSocket", "FastAPI", "turn off realtime"],
    ),
    "blocking workers, fully async workload": (
        "drf",
        {"orm": "django", "concurrency": "high"},
        False,
        ["Django REST Framework", "Django Ninja", "lower the concurrency"],
    ),
    "no OpenAPI for the docs": (
        "tornado",
        {"api_docs": True},
        False,
        ["Tornado", "OpenAPI", "FastAPI", "turn off API docs"],
    ),
    "nothing generated fits": (
        "fastapi",
        {"realtime": True, "deploy_targets": ["lambda"]},
        True,
        ["FastAPI", "no other framework Trailhead can generate yet", "turn off realtime"],
    ),
    "generated Django family on SQLAlchemy": (
        "django_ninja",
        {"orm": "sqlalchemy"},
        True,
        ["Django Ninja", "SQLAlchemy", "FastAPI", "Flask", "switch the ORM"],
    ),
}


@pytest.mark.parametrize(
    ("framework", "answers", "available_only", "fragments"), REFUSALS.values(), ids=list(REFUSALS)
)
def test_refusal_names_the_framework_the_conflict_and_the_way_out(
    framework, answers, available_only, fragments
):
    message = framework_problem(framework, answers, available_only=available_only)
    assert message.endswith(".") and "\n" not in message
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    ("framework", "answers", "available_only", "_"), REFUSALS.values(), ids=list(REFUSALS)
)
def test_refusal_offers_only_frameworks_that_fit(framework, answers, available_only, _):
    message = framework_problem(framework, answers, available_only=available_only)
    if "choose one of: " not in message:
        assert "no other framework" in message
        return
    offered = alternatives_in(message)
    assert offered and FRAMEWORKS.get(framework, None) not in [
        FRAMEWORKS[NAMES_TO_KEYS[name]] for name in offered
    ]
    for name in offered:
        assert framework_problem(NAMES_TO_KEYS[name], answers, available_only=available_only) == ""


@pytest.mark.parametrize("framework", FRAMEWORKS.values(), ids=list(FRAMEWORKS))
def test_every_framework_serves_answers_that_suit_it(framework: Framework):
    suiting = {"orm": framework.orms[0], "concurrency": "low", "api_docs": False}
    assert framework_problem(framework.key, suiting, available_only=False) == ""


def test_fastapi_serves_the_default_answers():
    assert framework_problem("fastapi", {}) == ""


# ── Missing and odd answers ──────────────────────────────────────────────────


def test_missing_or_none_answers_read_as_the_defaults():
    all_none = dict.fromkeys(DEFAULT_ANSWERS)
    assert read_answers({}) == read_answers(all_none) == read_answers(DEFAULT_ANSWERS)
    assert recommend(all_none, available_only=False) == recommend({}, available_only=False)
    assert framework_problem("fastapi", all_none) == ""


def test_unknown_choice_values_read_as_the_defaults():
    assert read_answers({"concurrency": "extreme", "priority": 42}) == read_answers({})


def test_a_single_deploy_target_string_counts_as_a_list():
    assert read_answers({"deploy_targets": "lambda"}).on_lambda
    assert framework_problem("robyn", {"deploy_targets": "lambda"}, available_only=False)


def test_false_answers_are_not_replaced_by_true_defaults():
    answers = read_answers({"api_docs": False, "metrics": False})
    assert answers.api_docs is False
    assert framework_problem("tornado", {"api_docs": False}, available_only=False) == ""


# ── Context hook ─────────────────────────────────────────────────────────────


def test_context_hook_exposes_catalog_engine_and_chosen_framework():
    context = {"_copier_conf": {}, "priority": "ship_fast"}
    TrailheadContext(jinja2.Environment()).hook(context)
    assert list(context["catalog"]) == CATALOG_ORDER
    assert context["recommendation"].framework == "fastapi"
    assert context["fw"] is None
    assert "Tornado" in context["framework_problem"]("tornado")
    assert "pwdlib[argon2]==0.3.1" in context["shared_dependencies"]["passwords"]

    context["framework"] = "fastapi"
    TrailheadContext(jinja2.Environment()).hook(context)
    assert context["fw"].name == "FastAPI"


def test_context_hook_problem_reads_answers_given_later():
    context = {"_copier_conf": {}}
    TrailheadContext(jinja2.Environment()).hook(context)
    assert context["framework_problem"]("fastapi") == ""
    context["orm"] = "django"
    assert "Django ORM" in context["framework_problem"]("fastapi")


def test_context_hook_loads_by_path_the_way_copier_does():
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(REPO_ROOT),
        extensions=[
            "copier_template_extensions.TemplateExtensionLoader",
            "extensions/context.py:TrailheadContext",
        ],
    )
    rendered = environment.from_string(
        "{{ recommendation.name }}|{{ framework_problem('tornado') }}|{{ catalog | length }}"
    ).render(_copier_conf={}, concurrency="high")
    name, problem, size = rendered.split("|")
    assert name == "FastAPI"
    assert problem.startswith("Tornado is in the catalog but Trailhead cannot generate it yet")
    assert size == str(len(CATALOG_ORDER))


@pytest.mark.parametrize(
    ("targets", "database", "expected"),
    [
        (["docker"], "sqlite", ""),
        ([], "sqlite", ""),
        (["docker", "kubernetes", "lambda"], "postgresql", ""),
        (["kubernetes"], "sqlite", "Kubernetes replicas run several copies"),
        (["lambda"], "sqlite", "Lambda instances run several copies"),
        (["kubernetes", "lambda"], "sqlite", "Kubernetes replicas and Lambda instances run"),
        ("lambda", "sqlite", "Lambda instances"),
        (["heroku"], "postgresql", "unknown deploy target 'heroku'; choose among: docker,"),
    ],
)
def test_deploy_targets_problem(targets, database: str, expected: str) -> None:
    problem = deploy_targets_problem(targets, database)
    if expected:
        assert expected in problem
    else:
        assert problem == ""


def test_lambda_refusal_names_the_container_route() -> None:
    problem = framework_problem("aiohttp", {"deploy_targets": ["lambda"]}, available_only=False)
    assert "AWS Lambda Web Adapter" in problem
    assert "drop the lambda target" in problem


def test_tools_shared_with_generated_projects_have_one_version() -> None:
    """The template's own checks and the generated projects' CI run the same tool versions."""
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())
    pins = dict(
        requirement.split("==", 1)
        for requirement in pyproject["dependency-groups"]["dev"]
        if "==" in requirement
    )
    shared = {tool: version for tool, version in catalog.TOOL_VERSIONS.items() if tool in pins}
    assert {"ruff", "kubernetes-validate", "cfn-lint"} <= set(shared)
    for tool, version in shared.items():
        assert pins[tool] == version, tool
