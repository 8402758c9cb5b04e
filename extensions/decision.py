"""The decision engine: which framework fits a set of answers, and which ones cannot serve them.

Two kinds of rules, both reading only the catalog's facts:

- Conflicts are hard: a framework that cannot serve an answer (no Lambda adapter, no
  WebSockets, the wrong ORM, no OpenAPI, blocking workers for a fully async workload) is
  refused and never recommended.
- Fit points are soft: every remaining framework collects points for the facts that match
  the answers; the most points wins. The stated priority weighs most, since it is the
  user's own answer to "what matters most".

The rules follow the comparison articles' decision tables: async needs go to async-first
frameworks, large codebases to Django's batteries, MVPs to little boilerplate with
built-in docs, and throughput to the numbers measured on this project's machine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from .catalog import FRAMEWORKS, MATURITY_LEVELS, ORMS, Framework, available

DEFAULT_ANSWERS: dict[str, Any] = {
    "concurrency": "moderate",
    "priority": "ship_fast",
    "realtime": False,
    "auth": "jwt",
    # Not answered yet: every ORM is still open, so the recommendation (and with it the
    # ORM question's default) can land on either family of frameworks.
    "orm": None,
    "api_docs": True,
    "deploy_targets": ("docker",),
}

CHOICES: dict[str, tuple[str, ...]] = {
    "concurrency": ("low", "moderate", "high"),
    "priority": ("ship_fast", "structure", "throughput"),
    "auth": ("none", "api_key", "basic", "jwt"),
    "orm": ORMS,
}

# How well each concurrency model serves each amount of concurrent I/O waiting. Plain
# synchronous code is the simpler choice for CRUD; the more the service waits on I/O,
# the more an event loop pays off.
CONCURRENCY_FIT: dict[str, dict[str, int]] = {
    "low": {"sync": 2, "both": 1, "async": 0},
    "moderate": {"sync": 0, "both": 1, "async": 2},
    "high": {"sync": 0, "both": 1, "async": 3},
}
# Shipping fast: type-hint validation removes the most boilerplate (it also yields the
# docs); a small API to learn helps a small team next.
TYPED_VALIDATION_POINTS = 3
EASY_LEARNING_POINTS = 2
# Structure: Django's batteries are what the articles recommend for large and secure
# codebases, and a long security track record counts almost as much.
BATTERIES_POINTS = 4
TRACK_RECORD_POINTS: dict[str, int] = {"established": 3, "growing": 1, "young": 0}
TRACK_RECORD_PHRASES = {
    "established": "a long track record",
    "growing": "a maturing track record",
    "young": "a short track record",
}
# Throughput: one point per this many measured requests per second on a bare /health.
RPS_PER_POINT = 5_000
OPENAPI_POINTS: dict[str, int] = {"builtin": 2, "extension": 1, "none": 0}
REALTIME_FOCUS_POINTS = 2
AUTH_HELPER_POINTS = 1
# A capability every remaining candidate must have (WebSockets, a Lambda adapter) only
# earns a point so that the reason can name it.
REQUIRED_CAPABILITY_POINTS = 1
# A large community means answers, packages and hires; it counts for every priority.
ECOSYSTEM_POINTS: dict[str, int] = {"established": 2, "growing": 1, "young": 0}
REASON_PHRASES = 3

PRIORITY_GOALS = {
    "ship_fast": "shipping fast",
    "structure": "a large, structured codebase",
    "throughput": "raw throughput",
}
ORM_NAMES = {"sqlalchemy": "SQLAlchemy", "django": "the Django ORM"}
LAMBDA_ADAPTER_NAMES = {"mangum": "Mangum", "apig-wsgi": "apig-wsgi"}
DEPLOY_TARGETS = ("docker", "kubernetes", "lambda")
# Targets that run several copies of the service at once, each with its own disk.
SHARED_DATABASE_TARGETS = {"kubernetes": "Kubernetes replicas", "lambda": "Lambda instances"}
CONCURRENCY_PHRASES = {
    "async": "async-first",
    "both": "sync or async handlers",
    "sync": "plain synchronous handlers",
}


@dataclass(frozen=True)
class Recommendation:
    framework: str
    name: str
    reason: str  # one line, shown in the framework question's help
    ranking: tuple[tuple[str, int, tuple[str, ...]], ...]  # (key, score, reasons), best first


@dataclass(frozen=True)
class Answers:
    """The answers the rules read, with the defaults filled in."""

    concurrency: str
    priority: str
    realtime: bool
    auth: str
    orm: str | None
    api_docs: bool
    deploy_targets: tuple[str, ...]

    @property
    def on_lambda(self) -> bool:
        return "lambda" in self.deploy_targets


def read_answers(answers: Mapping[str, Any]) -> Answers:
    """Fill in defaults for answers not given yet: Copier renders defaults and validators
    before later questions are answered, and `None` stands for "not answered"."""

    def answer(name: str) -> Any:
        given = answers.get(name)
        if given is None or (name in CHOICES and given not in CHOICES[name]):
            return DEFAULT_ANSWERS[name]
        return given

    targets = answer("deploy_targets")
    return Answers(
        concurrency=answer("concurrency"),
        priority=answer("priority"),
        realtime=bool(answer("realtime")),
        auth=answer("auth"),
        orm=answer("orm"),
        api_docs=bool(answer("api_docs")),
        deploy_targets=(targets,) if isinstance(targets, str) else tuple(targets),
    )


# ── Conflicts ────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Conflict:
    what: str  # completes "<framework name> ..."
    way_out: str  # the answer change that lifts it


def find_conflict(
    framework: Framework, answers: Answers, *, as_generated: bool = False
) -> Conflict | None:
    """The first answer this framework cannot serve, whether or not it is generated yet;
    `as_generated` judges the service Trailhead generates with it instead."""
    if answers.orm is not None and answers.orm not in framework.orms:
        paired = " or ".join(ORM_NAMES[orm] for orm in framework.orms)
        return Conflict(
            f"pairs with {paired}, not {ORM_NAMES[answers.orm]}, in this template",
            f"switch the ORM to {ORM_NAMES[framework.orms[0]]}",
        )
    if answers.on_lambda and not framework.lambda_adapter:
        return Conflict(
            f"has no in-process AWS Lambda adapter (it runs its own {framework.server} "
            "server; only a container image with the AWS Lambda Web Adapter would carry it, "
            "which Trailhead does not generate)",
            "drop the lambda target",
        )
    if answers.on_lambda and answers.realtime:
        # Mangum dropped WebSocket support and apig-wsgi never had it.
        return Conflict(
            "cannot serve WebSockets on AWS Lambda: "
            f"{LAMBDA_ADAPTER_NAMES[framework.lambda_adapter]} passes on HTTP events only",
            "drop the lambda target or turn off realtime",
        )
    if answers.realtime and not framework.websockets:
        return Conflict("has no built-in WebSocket support", "turn off realtime")
    concurrency = (as_generated and framework.generated_concurrency) or framework.concurrency
    if answers.concurrency == "high" and concurrency == "sync":
        generated_narrower = concurrency != framework.concurrency
        return Conflict(
            ("is generated with synchronous views, so it " if generated_narrower else "")
            + "holds a blocking worker per request, which a high-concurrency, fully async "
            "workload would exhaust",
            "lower the concurrency answer",
        )
    if answers.api_docs and framework.openapi == "none":
        return Conflict(
            "cannot generate the OpenAPI document that the API docs option serves",
            "turn off API docs",
        )
    return None


# ── Fit points ───────────────────────────────────────────────────────────────

Contribution = tuple[int, str]  # (points, phrase naming the matching fact)


def concurrency_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    points = CONCURRENCY_FIT[answers.concurrency][framework.concurrency]
    return [(points, CONCURRENCY_PHRASES[framework.concurrency])]


def priority_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if answers.priority == "ship_fast":
        return [
            (TYPED_VALIDATION_POINTS * framework.typed_validation, "validation from type hints"),
            (EASY_LEARNING_POINTS * (framework.learning_curve == "easy"), "quick to learn"),
        ]
    if answers.priority == "structure":
        return [
            (
                BATTERIES_POINTS * framework.batteries_included,
                "Django's admin, auth and migrations built in",
            ),
            (TRACK_RECORD_POINTS[framework.maturity], TRACK_RECORD_PHRASES[framework.maturity]),
        ]
    requests_per_second = f"{framework.health_rps / 1000:.1f}k req/s measured"
    return [(framework.health_rps // RPS_PER_POINT, requests_per_second)]


def api_docs_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if not answers.api_docs:
        return []
    phrase = "built-in OpenAPI docs" if framework.openapi == "builtin" else "OpenAPI via a plugin"
    return [(OPENAPI_POINTS[framework.openapi], phrase)]


def realtime_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if not answers.realtime:
        return []
    return [
        (REQUIRED_CAPABILITY_POINTS * framework.websockets, "WebSockets built in"),
        (REALTIME_FOCUS_POINTS * framework.realtime_focus, "built for long-lived connections"),
    ]


def auth_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if answers.auth == "none":
        return []
    return [(AUTH_HELPER_POINTS * framework.auth_helpers, "built-in auth helpers")]


def lambda_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if not answers.on_lambda or not framework.lambda_adapter:
        return []
    adapter = LAMBDA_ADAPTER_NAMES[framework.lambda_adapter]
    return [(REQUIRED_CAPABILITY_POINTS, f"runs on AWS Lambda via {adapter}")]


def ecosystem_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    return [(ECOSYSTEM_POINTS[framework.maturity], f"{framework.maturity} ecosystem")]


FIT_RULES: tuple[Callable[[Framework, Answers], list[Contribution]], ...] = (
    priority_fit,
    concurrency_fit,
    api_docs_fit,
    realtime_fit,
    auth_fit,
    lambda_fit,
    ecosystem_fit,
)


def score(framework: Framework, answers: Answers) -> tuple[int, tuple[str, ...]]:
    """Total fit points and the phrases behind them, strongest first."""
    contributions = [
        contribution
        for rule in FIT_RULES
        for contribution in rule(framework, answers)
        if contribution[0] > 0
    ]
    # sorted() is stable, so equal points keep the rules' order of importance.
    contributions = sorted(contributions, key=lambda contribution: -contribution[0])
    return sum(points for points, _ in contributions), tuple(phrase for _, phrase in contributions)


def rank(
    frameworks: Sequence[Framework], answers: Answers
) -> list[tuple[str, int, tuple[str, ...]]]:
    """Best first; ties go to the more mature framework, then to catalog order."""
    catalog_order = list(FRAMEWORKS)
    scored = [(framework.key, *score(framework, answers)) for framework in frameworks]
    return sorted(
        scored,
        key=lambda entry: (
            -entry[1],
            MATURITY_LEVELS.index(FRAMEWORKS[entry[0]].maturity),
            catalog_order.index(entry[0]),
        ),
    )


# ── Public interface ─────────────────────────────────────────────────────────


def candidates(available_only: bool) -> list[Framework]:
    return available() if available_only else list(FRAMEWORKS.values())


def recommend(answers: Mapping[str, Any], *, available_only: bool = True) -> Recommendation:
    """The best-fitting framework for these answers, with a one-line reason.

    Frameworks with a conflict are left out. When every candidate has one, the best of
    them is still returned (a question's default must be a valid choice) and the reason
    names the conflict, which the framework question's validator then shows as well.
    """
    return _recommendation(read_answers(answers), available_only)


# Copier's context hook asks for the recommendation each time it renders a path or a file,
# hundreds of times per project, for the same few answers.
@cache
def _recommendation(read: Answers, available_only: bool) -> Recommendation:
    considered = candidates(available_only)
    fitting = [
        framework
        for framework in considered
        if find_conflict(framework, read, as_generated=available_only) is None
    ]
    ranking = rank(fitting or considered, read)
    best_key, _, phrases = ranking[0]
    best = FRAMEWORKS[best_key]
    if fitting:
        strengths = join_phrases(phrases[:REASON_PHRASES]) or "no conflict with the answers"
        goal = f"{PRIORITY_GOALS[read.priority]} at {read.concurrency} concurrency"
        reason = f"{strengths}; suits {goal}"
    else:
        reason = framework_problem(best_key, asdict(read), available_only=available_only)
        reason = reason.rstrip(".")
    return Recommendation(best_key, best.name, reason, tuple(ranking))


def framework_problem(
    framework: str, answers: Mapping[str, Any], *, available_only: bool = True
) -> str:
    """An empty string when the framework can serve these answers; otherwise one
    sentence naming the conflict and the frameworks that fit instead, best first.

    With `available_only`, only frameworks the template can generate count, as in Copier;
    without it, the whole catalog does, which is how the rules are judged on their own.
    """
    read = read_answers(answers)
    chosen = FRAMEWORKS.get(framework)
    if chosen is not None and (chosen.generated or not available_only):
        conflict = find_conflict(chosen, read, as_generated=available_only)
        if conflict is None:
            return ""
        alternatives = fitting_alternatives(chosen.key, read, available_only)
        if alternatives:
            return (
                f"{chosen.name} {conflict.what}; choose one of: {', '.join(alternatives)} "
                f"or {conflict.way_out}."
            )
        scope = "Trailhead can generate yet" if available_only else "in the catalog"
        return (
            f"{chosen.name} {conflict.what}, and no other framework {scope} fits these "
            f"answers; {conflict.way_out}."
        )
    alternatives = fitting_alternatives(framework, read, available_only) or [
        entry.name for entry in candidates(available_only)
    ]
    if chosen is None:
        return (
            f"'{framework}' is not a framework Trailhead knows; "
            f"choose one of: {', '.join(alternatives)}."
        )
    return (
        f"{chosen.name} is in the catalog but Trailhead cannot generate it yet; "
        f"choose one of: {', '.join(alternatives)}."
    )


def deploy_targets_problem(targets: Any, database: str | None) -> str:
    """An empty string when the targets can serve the database answer; otherwise one
    sentence naming the conflict and the ways out."""
    chosen = (targets,) if isinstance(targets, str) else tuple(targets or ())
    unknown = [target for target in chosen if target not in DEPLOY_TARGETS]
    if unknown:
        return (
            f"unknown deploy target {', '.join(map(repr, unknown))}; "
            f"choose among: {', '.join(DEPLOY_TARGETS)}."
        )
    if database == "sqlite":
        sharing = [
            SHARED_DATABASE_TARGETS[target]
            for target in chosen
            if target in SHARED_DATABASE_TARGETS
        ]
        if sharing:
            return (
                f"{join_phrases(sharing)} run several copies of the service, each with its "
                "own disk, so a SQLite file cannot hold their data; answer database="
                "postgresql, or deploy to docker only."
            )
    return ""


def fitting_alternatives(excluded: str, answers: Answers, available_only: bool) -> list[str]:
    """Names of the other candidates with no conflict, best first."""
    fitting = [
        framework
        for framework in candidates(available_only)
        if framework.key != excluded
        and find_conflict(framework, answers, as_generated=available_only) is None
    ]
    return [FRAMEWORKS[key].name for key, _, _ in rank(fitting, answers)]


def join_phrases(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return f"{', '.join(phrases[:-1])} and {phrases[-1]}"
