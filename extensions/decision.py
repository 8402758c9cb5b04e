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
from dataclasses import dataclass, replace
from functools import cache
from statistics import median
from typing import Any

from .catalog import EXPERIENCES, FRAMEWORKS, MATURITY_LEVELS, ORMS, Framework, available

DEFAULT_ANSWERS: dict[str, Any] = {
    "concurrency": "moderate",
    "priority": "ship_fast",
    "realtime": False,
    "experience": "none",
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
    "experience": EXPERIENCES,
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
# Structure: the articles send large and secure codebases to Django's batteries (auth,
# permissions, migrations and an ORM in the box) and to frameworks that impose a layout.
BATTERIES_POINTS = 4
ENFORCED_STRUCTURE_POINTS = 2
# Throughput: up to this many points, in proportion to the measured speed (no steps). Half
# from the authenticated items list, half from /health; both are the generated service's
# where it is generated (benchmarks/bench.py), estimated from the bare framework where not.
THROUGHPUT_POINTS = 4
OPENAPI_POINTS: dict[str, int] = {"builtin": 2, "extension": 1, "none": 0}
REALTIME_FOCUS_POINTS = 2
# "Team familiar with Django → DRF": the articles send a team to the idiom it already
# writes, as strongly as to what it values most.
EXPERIENCE_POINTS = 5
EXPERIENCE_PHRASE = "the idiom your team already writes"
AUTH_HELPER_POINTS = 1
# A capability every remaining candidate must have (WebSockets, a Lambda adapter) only
# earns a point so that the reason can name it.
REQUIRED_CAPABILITY_POINTS = 1
# On AWS Lambda a cold start waits for the imports: up to this many points, in proportion
# to the fastest bare import measured here.
COLD_START_POINTS = 2
# A large community means answers, packages and hires; it counts for every priority, and
# is the one place maturity counts.
ECOSYSTEM_POINTS: dict[str, int] = {"established": 2, "growing": 1, "young": 0}
# Where the community is heading, a fact apart from its size: one article measures it.
TREND_POINTS: dict[str, int] = {"rising": 1, "stable": 0, "declining": 0, "": 0}
REASON_PHRASES = 3

# Where each weight comes from: a sentence of the comparison articles (their file names),
# or a measurement of this project. docs/decision-guide.md prints them beside the weights.
WEIGHT_SOURCES: dict[str, str] = {
    "CONCURRENCY_FIT": '002_a3a6667127a13c5d.txt: "For an API that handles tons of '
    "simultaneous connections—like a chat application, a live-streaming service, or a "
    'microservice gateway—an async framework is almost always the right call." and "For '
    "a standard business application with predictable CRUD operations, a sync framework is "
    'often simpler to build and maintain."',
    "TYPED_VALIDATION_POINTS": "001_63b7ae642f92eb2c.txt, when you need to develop "
    'quickly: "FastAPI: Type hints speed up development with automatic validation"',
    "EASY_LEARNING_POINTS": "001_63b7ae642f92eb2c.txt, when you need to develop quickly: "
    '"Flask: Simple, intuitive API with minimal boilerplate"',
    "BATTERIES_POINTS": '002_a3a6667127a13c5d.txt, on Django REST Framework: "ecosystem '
    "that's perfect for complex applications where getting to market quickly is the top "
    'priority"',
    "ENFORCED_STRUCTURE_POINTS": '003_56b114c1d138fe69.txt: "DRF’s strictness is an '
    "advantage because it enforces a consistent structure for your API endpoints, data "
    'validation, and authentication"',
    "THROUGHPUT_POINTS": '001_63b7ae642f92eb2c.txt: "If raw performance is your primary '
    'concern, consider these options:"; the figures are measured here (benchmarks/bench.py '
    "for the generated services, ../FACTS.md's bare frameworks)",
    "OPENAPI_POINTS": '002_a3a6667127a13c5d.txt: "if your goal is a high-performance '
    "microservice with modern perks like automatic API docs, FastAPI is probably where you "
    'want to look first"',
    "REALTIME_FOCUS_POINTS": '004_9c54e0ee04fd6890.txt: "Tornado would only be recommended '
    "if your primary requirement was handling 10,000+ WebSocket connections or building a "
    'real-time application like a chat server or live streaming platform."',
    "EXPERIENCE_POINTS": '000_1f47f73c3756f08d.txt: "If your team has extensive experience '
    'with one framework, that might be your go-to for creating a REST API."; '
    '004_9c54e0ee04fd6890.txt lists "Team familiar with Django" under Django REST',
    "AUTH_HELPER_POINTS": "004_9c54e0ee04fd6890.txt, choose FastAPI if you need: "
    '"JWT/OAuth2 authentication out of the box"',
    "REQUIRED_CAPABILITY_POINTS": '000_1f47f73c3756f08d.txt: "Real-time application | '
    'WebSocket support, low latency | Tornado, Sanic |"',
    "COLD_START_POINTS": '004_9c54e0ee04fd6890.txt: "Cold Start Time | Fast | Slower | '
    'Fast | Not optimized |"; the imports are measured here (../FACTS.md)',
    "ECOSYSTEM_POINTS": "004_9c54e0ee04fd6890.txt, choose Django REST if you need: "
    '"Mature ecosystem with extensive packages"',
    "TREND_POINTS": '004_9c54e0ee04fd6890.txt: "Community Growth | Fastest growing (38% '
    'in 2025) | Stable | Stable | Declining |"',
}
PRIORITY_GOALS = {
    "ship_fast": "shipping fast",
    "structure": "structure",
    "throughput": "throughput",
}
ORM_NAMES = {"sqlalchemy": "SQLAlchemy", "django": "the Django ORM"}
LAMBDA_PHRASE = "runs on AWS Lambda via"
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
    ranking: tuple[tuple[str, float, tuple[str, ...]], ...]  # (key, score, reasons), best first


@dataclass(frozen=True)
class Answers:
    """The answers the rules read, with the defaults filled in."""

    concurrency: str
    priority: str
    realtime: bool
    experience: str
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
        experience=answer("experience"),
        auth=answer("auth"),
        orm=answer("orm"),
        api_docs=bool(answer("api_docs")),
        deploy_targets=(targets,) if isinstance(targets, str) else tuple(targets),
    )


# ── Conflicts ────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Conflict:
    what: str  # completes "<framework name> ..."


def find_conflict(
    framework: Framework, answers: Answers, *, as_generated: bool = False
) -> Conflict | None:
    """The first answer this framework cannot serve, whether or not it is generated yet;
    `as_generated` judges the service Trailhead generates with it instead."""
    if answers.orm is not None and answers.orm not in framework.orms:
        paired = " or ".join(ORM_NAMES[orm] for orm in framework.orms)
        return Conflict(f"pairs with {paired}, not {ORM_NAMES[answers.orm]}, in this template")
    if answers.on_lambda and not framework.lambda_adapter:
        return Conflict(
            f"has no in-process AWS Lambda adapter (it runs its own {framework.server} "
            "server; only a container image with the AWS Lambda Web Adapter would carry it, "
            "which Trailhead does not generate)"
        )
    if answers.on_lambda and answers.realtime:
        # Mangum dropped WebSocket support and apig-wsgi never had it.
        return Conflict(
            "cannot serve WebSockets on AWS Lambda: "
            f"{LAMBDA_ADAPTER_NAMES[framework.lambda_adapter]} passes on HTTP events only"
        )
    if answers.realtime and not framework.websockets:
        extension = framework.websockets_extension
        added = f" ({extension} adds them, which Trailhead does not generate)" if extension else ""
        return Conflict(f"has no built-in WebSocket support{added}")
    concurrency = (generated_view(framework) if as_generated else framework).concurrency
    if answers.concurrency == "high" and concurrency == "sync":
        generated_narrower = concurrency != framework.concurrency
        return Conflict(
            ("is generated with synchronous views, so it " if generated_narrower else "")
            + "holds a blocking worker per request, which a high-concurrency, fully async "
            "workload would exhaust"
        )
    if answers.api_docs and framework.openapi == "none":
        return Conflict("cannot generate the OpenAPI document that the API docs option serves")
    return None


# ── Fit points ───────────────────────────────────────────────────────────────

Contribution = tuple[float, str]  # (points, phrase naming the matching fact)


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
                "Django's auth, permissions and migrations built in",
            ),
            (
                ENFORCED_STRUCTURE_POINTS * framework.enforces_structure,
                "a layout for large codebases (viewsets, controllers)",
            ),
        ]
    share, measured = throughput_share(framework)
    # On Lambda a request rate says little (each instance answers one event at a time).
    phrase = "little time per request" if answers.on_lambda else measured
    return [(THROUGHPUT_POINTS * share, phrase)]


def throughput_share(framework: Framework) -> tuple[float, str]:
    """How fast the service is, as a share of the fastest in the catalog (0 to 1), and
    the measurement behind it in words."""
    speeds = _speeds()
    items, health = speeds[framework.key]
    best_items = max(items for items, _ in speeds.values())
    best_health = max(health for _, health in speeds.values())
    share = (items / best_items + health / best_health) / 2
    if framework.service_items_rps:
        measured = (
            f"{framework.service_items_rps} req/s on the generated items list "
            f"and {framework.service_health_rps / 1000:.1f}k on /health"
        )
    else:
        measured = (
            f"{framework.health_rps / 1000:.1f}k req/s bare on /health "
            "(not yet measured as a generated service)"
        )
    return share, measured


@cache
def _speeds() -> dict[str, tuple[float, float]]:
    """Each framework's (items list, /health) req/s as a generated service. Where it is not
    generated yet, its bare /health scaled by the generated services' median ratio of
    generated to bare /health, and the generated services' median items list: the
    database, not the framework, sets the items list's pace."""
    measured = [framework for framework in FRAMEWORKS.values() if framework.service_items_rps]
    health_ratio = median(f.service_health_rps / f.health_rps for f in measured)
    items_median = median(f.service_items_rps for f in measured)
    return {
        framework.key: (
            (framework.service_items_rps, framework.service_health_rps)
            if framework.service_items_rps
            else (items_median, framework.health_rps * health_ratio)
        )
        for framework in FRAMEWORKS.values()
    }


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


def experience_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if answers.experience not in framework.familiar_to:
        return []
    return [(EXPERIENCE_POINTS, EXPERIENCE_PHRASE)]


def auth_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if answers.auth == "none":
        return []
    return [(AUTH_HELPER_POINTS * framework.auth_helpers, "built-in auth helpers")]


def lambda_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    if not answers.on_lambda or not framework.lambda_adapter:
        return []
    adapter = LAMBDA_ADAPTER_NAMES[framework.lambda_adapter]
    fastest_import = min(each.import_ms for each in FRAMEWORKS.values())
    return [
        (REQUIRED_CAPABILITY_POINTS, f"{LAMBDA_PHRASE} {adapter}"),
        (
            COLD_START_POINTS * fastest_import / framework.import_ms,
            f"a {framework.import_ms} ms import, the floor of a cold start",
        ),
    ]


def ecosystem_fit(framework: Framework, answers: Answers) -> list[Contribution]:
    return [
        (ECOSYSTEM_POINTS[framework.maturity], f"{framework.maturity} ecosystem"),
        (TREND_POINTS[framework.trend], "the fastest-growing community"),
    ]


FIT_RULES: tuple[Callable[[Framework, Answers], list[Contribution]], ...] = (
    priority_fit,
    experience_fit,
    concurrency_fit,
    api_docs_fit,
    realtime_fit,
    auth_fit,
    lambda_fit,
    ecosystem_fit,
)


def score(framework: Framework, answers: Answers) -> tuple[float, tuple[str, ...]]:
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
    frameworks: Sequence[Framework], answers: Answers, *, as_generated: bool = False
) -> list[tuple[str, float, tuple[str, ...]]]:
    """Best first; ties go to the more mature framework, then to catalog order. With
    `as_generated`, a framework is scored as Trailhead generates it (Django Ninja's
    synchronous views) rather than for all it can do."""
    catalog_order = list(FRAMEWORKS)
    scored = [
        (framework.key, *score(generated_view(framework) if as_generated else framework, answers))
        for framework in frameworks
    ]
    return sorted(
        scored,
        key=lambda entry: (
            -entry[1],
            MATURITY_LEVELS.index(FRAMEWORKS[entry[0]].maturity),
            catalog_order.index(entry[0]),
        ),
    )


def generated_view(framework: Framework) -> Framework:
    if framework.generated_concurrency:
        return replace(framework, concurrency=framework.generated_concurrency)
    return framework


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
    fitting = fitting_candidates(read, available_only)
    ranking = rank(fitting or considered, read, as_generated=available_only)
    best_key, _, phrases = ranking[0]
    best = FRAMEWORKS[best_key]
    if fitting:
        shown = list(phrases[:REASON_PHRASES])
        # On Lambda the adapter is named whatever else the reason has room for.
        adapter = next((phrase for phrase in phrases if phrase.startswith(LAMBDA_PHRASE)), None)
        if adapter is not None and adapter not in shown:
            shown[-1:] = [adapter]
        strengths = join_phrases(shown) or "no conflict with the answers"
        goal = f"{PRIORITY_GOALS[read.priority]} at {read.concurrency} concurrency"
        standing = f"ranked first of {len(fitting)}" if len(fitting) > 1 else "the only fit"
        reason = f"{strengths}; {standing} for {goal}"
    else:
        ways = join_choices(ways_out(read, available_only))
        reason = f"no framework {scope_words(available_only)} fits these answers: {ways}"
    return Recommendation(best_key, best.name, reason, tuple(ranking))


def framework_problem(
    framework: str, answers: Mapping[str, Any], *, available_only: bool = True
) -> str:
    """An empty string when the framework can serve these answers; otherwise one
    sentence naming the conflict and every way out: the frameworks that fit instead, best
    first, and the single answer changes that would let this one serve them.

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
        changes = [
            phrase
            for phrase, changed in answer_changes(read)
            if find_conflict(chosen, changed, as_generated=available_only) is None
        ]
        if alternatives:
            return (
                f"{chosen.name} {conflict.what}; choose one of: "
                f"{join_choices([*alternatives, *changes])}."
            )
        return (
            f"{chosen.name} {conflict.what}, and no other framework "
            f"{scope_words(available_only)} fits these answers; "
            f"{join_choices(ways_out(read, available_only))}."
        )
    alternatives = fitting_alternatives(framework, read, available_only) or [
        entry.name for entry in candidates(available_only)
    ]
    if chosen is None:
        return (
            f"'{framework}' is not a framework Trailhead knows; "
            f"choose one of: {join_choices(alternatives)}."
        )
    return (
        f"{chosen.name} is in the catalog but Trailhead cannot generate it yet; "
        f"choose one of: {join_choices(alternatives)}."
    )


def answer_changes(answers: Answers) -> list[tuple[str, Answers]]:
    """The single answer changes a refusal can offer, each with the answers it leads to."""
    changes = []
    if answers.orm is not None:
        other = next(orm for orm in ORMS if orm != answers.orm)
        changes.append((f"switch the ORM to {ORM_NAMES[other]}", replace(answers, orm=other)))
    if answers.concurrency == "high":
        changes.append(
            ("lower the concurrency answer to moderate", replace(answers, concurrency="moderate"))
        )
    if answers.on_lambda:
        others = tuple(target for target in answers.deploy_targets if target != "lambda")
        changes.append(("drop the lambda target", replace(answers, deploy_targets=others)))
    if answers.realtime:
        changes.append(("turn off realtime", replace(answers, realtime=False)))
    if answers.api_docs:
        changes.append(("turn off API docs", replace(answers, api_docs=False)))
    return changes


def ways_out(answers: Answers, available_only: bool) -> list[str]:
    """For answers no framework can serve: each single change after which one can, naming
    the framework that then fits best."""
    found = []
    for phrase, changed in answer_changes(answers):
        fitting = fitting_candidates(changed, available_only)
        if fitting:
            best = FRAMEWORKS[rank(fitting, changed, as_generated=available_only)[0][0]].name
            found.append(f"{phrase} (then {best} fits)")
    return found


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


def fitting_candidates(answers: Answers, available_only: bool) -> list[Framework]:
    """The candidates with no conflict with these answers, in catalog order."""
    return [
        framework
        for framework in candidates(available_only)
        if find_conflict(framework, answers, as_generated=available_only) is None
    ]


def scope_words(available_only: bool) -> str:
    return "Trailhead can generate yet" if available_only else "in the catalog"


def fitting_alternatives(excluded: str, answers: Answers, available_only: bool) -> list[str]:
    """Names of the other candidates with no conflict, best first."""
    fitting = [
        framework
        for framework in fitting_candidates(answers, available_only)
        if framework.key != excluded
    ]
    ranked = rank(fitting, answers, as_generated=available_only)
    return [FRAMEWORKS[key].name for key, _, _ in ranked]


def join_choices(choices: Sequence[str]) -> str:
    """ "A, B or C": the last choice after "or"."""
    if len(choices) <= 1:
        return "".join(choices)
    return f"{', '.join(choices[:-1])} or {choices[-1]}"


def join_phrases(phrases: Sequence[str]) -> str:
    if len(phrases) <= 1:
        return "".join(phrases)
    return f"{', '.join(phrases[:-1])} and {phrases[-1]}"
