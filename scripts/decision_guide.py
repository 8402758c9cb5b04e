"""Write docs/decision-guide.md from the questions (copier.yml), the catalog, the weights
and the articles' use cases, so the guide cannot drift from what the engine does.

    uv run python scripts/decision_guide.py          # rewrite the guide
    uv run python scripts/decision_guide.py --check  # exit 1 if the guide is stale

tests/test_decision_guide.py runs the check.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from extensions import decision  # noqa: E402
from extensions.catalog import EXPERIENCE_LABELS, FRAMEWORKS, Framework, available  # noqa: E402
from extensions.use_cases import USE_CASES  # noqa: E402

GUIDE = REPO_ROOT / "docs" / "decision-guide.md"
DECISION_QUESTIONS = (
    "concurrency",
    "priority",
    "realtime",
    "experience",
    "auth",
    "orm",
    "api_docs",
    "deploy_targets",
)
DEPLOY_TARGET_SETS = [
    targets
    for size in range(len(decision.DEPLOY_TARGETS) + 1)
    for targets in itertools.combinations(decision.DEPLOY_TARGETS, size)
]
INTERFACE_NAMES = {"asgi": "ASGI", "wsgi": "WSGI", "own": "own server"}
OPENAPI_NAMES = {"builtin": "built in", "extension": "extension", "none": "none"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the guide is stale")
    arguments = parser.parse_args()
    text = guide()
    if arguments.check:
        if GUIDE.read_text() != text:
            print(f"{GUIDE.relative_to(REPO_ROOT)} is stale: run `make decision-guide`")
            return 1
        return 0
    GUIDE.write_text(text)
    return 0


def guide() -> str:
    sections = [
        INTRODUCTION,
        questions_table(),
        RULES,
        weights_table(),
        RANKING,
        use_cases_table(),
        wins_table(),
        catalog_table(),
        CATALOG_NOTES,
        CHANGING,
    ]
    return "\n".join(section.rstrip("\n") + "\n" for section in sections)


def questions_table() -> str:
    questions = yaml.safe_load((REPO_ROOT / "copier.yml").read_text())
    lines = [
        "## The questions that decide",
        "",
        "Asked in this order, before the framework question. Each help text is the one "
        "the prompt shows.",
        "",
        "| question | answers (default first) | help |",
        "|---|---|---|",
    ]
    for name in DECISION_QUESTIONS:
        question = questions[name]
        choices = question.get("choices")
        if isinstance(choices, dict):
            values = [str(value) for value in choices.values()]
        elif isinstance(choices, str):
            # Written from the catalog by a Jinja loop in copier.yml.
            values = list(EXPERIENCE_LABELS) if name == "experience" else []
        else:
            values = ["yes", "no"] if question["type"] == "bool" else []
        default = question.get("default")
        if isinstance(default, bool):
            default = "yes" if default else "no"
        elif isinstance(default, list):
            default = ", ".join(default)
        elif isinstance(default, str) and "{{" in default:
            default = "computed from the answers before it"
        shown = [f"`{value}`" for value in values]
        if default and f"`{default}`" in shown:
            shown.remove(f"`{default}`")
            shown.insert(0, f"`{default}` (default)")
        else:
            shown.insert(0, f"default: {default}")
        help_text = " ".join(str(question["help"]).split())
        lines.append(f"| `{name}` | {', '.join(shown)} | {help_text} |")
    return "\n".join(lines) + "\n"


def weights_table() -> str:
    rows = [
        (
            "concurrency model at `low` / `moderate` / `high` answers",
            "; ".join(
                f"{model} {'/'.join(str(decision.CONCURRENCY_FIT[answer][model]) for answer in decision.CHOICES['concurrency'])}"  # noqa: E501
                for model in ("sync", "both", "async")
            ),
            "CONCURRENCY_FIT",
        ),
        (
            "`ship_fast`: request validation from type hints",
            decision.TYPED_VALIDATION_POINTS,
            "TYPED_VALIDATION_POINTS",
        ),
        (
            "`ship_fast`: an easy learning curve",
            decision.EASY_LEARNING_POINTS,
            "EASY_LEARNING_POINTS",
        ),
        (
            "`structure`: Django's auth, permissions, ORM and migrations",
            decision.BATTERIES_POINTS,
            "BATTERIES_POINTS",
        ),
        (
            "`structure`: a layout for large codebases (viewsets, controllers)",
            decision.ENFORCED_STRUCTURE_POINTS,
            "ENFORCED_STRUCTURE_POINTS",
        ),
        (
            "`throughput`: measured speed, as a share of the fastest (no steps)",
            f"up to {decision.THROUGHPUT_POINTS}",
            "THROUGHPUT_POINTS",
        ),
        (
            "`experience`: the framework the team already writes",
            decision.EXPERIENCE_POINTS,
            "EXPERIENCE_POINTS",
        ),
        (
            "API docs: built-in OpenAPI / through an extension",
            f"{decision.OPENAPI_POINTS['builtin']} / {decision.OPENAPI_POINTS['extension']}",
            "OPENAPI_POINTS",
        ),
        (
            "`realtime`: built for long-lived connections",
            decision.REALTIME_FOCUS_POINTS,
            "REALTIME_FOCUS_POINTS",
        ),
        (
            "`realtime`: WebSockets; `lambda`: an adapter (every candidate has them; the "
            "point lets the reason name them)",
            decision.REQUIRED_CAPABILITY_POINTS,
            "REQUIRED_CAPABILITY_POINTS",
        ),
        (
            "`lambda`: a fast import, as a share of the fastest (no steps)",
            f"up to {decision.COLD_START_POINTS}",
            "COLD_START_POINTS",
        ),
        (
            "auth other than `none`: built-in auth helpers",
            decision.AUTH_HELPER_POINTS,
            "AUTH_HELPER_POINTS",
        ),
        (
            "every priority: ecosystem established / growing / young",
            " / ".join(str(points) for points in decision.ECOSYSTEM_POINTS.values()),
            "ECOSYSTEM_POINTS",
        ),
        (
            "every priority: a rising community",
            decision.TREND_POINTS["rising"],
            "TREND_POINTS",
        ),
    ]
    # A weight the engine gains must get its row here too.
    assert {name for _, _, name in rows} == set(decision.WEIGHT_SOURCES), "a weight has no row"
    lines = [
        "| fact the answer matches | points | source |",
        "|---|---|---|",
    ]
    for fact, points, name in rows:
        lines.append(f"| {fact} | {points} | {_cell(decision.WEIGHT_SOURCES[name])} |")
    return "\n".join(lines) + "\n"


def use_cases_table() -> str:
    lines = [
        "## The articles' use cases",
        "",
        "Each row is a test in `tests/test_decision.py` (`extensions/use_cases.py`): the "
        "pick from the whole catalog must be one the article names. Answers not listed "
        "are at their defaults; `orm` left out means not answered yet.",
        "",
        "| use case | article says | answers | whole catalog | generated today |",
        "|---|---|---|---|---|",
    ]
    for case in USE_CASES:
        answers = ", ".join(f"`{name}={_shown(value)}`" for name, value in case.answers.items())
        catalog = decision.recommend(case.answers, available_only=False)
        generated = decision.recommend(case.answers)
        today = (
            f"**{FRAMEWORKS[generated.framework].name}**: {generated.reason}"
            if case.generated_pick
            else f"none fits: {generated.reason}"
        )
        named = ", ".join(FRAMEWORKS[key].name for key in case.recommended)
        lines.append(
            f"| {case.name} | {named} (`{case.article}`: “{_cell(case.quote)}”) | "
            f"{answers or 'the defaults'} | **{catalog.name}**: {catalog.reason} | {today} |"
        )
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text for a table cell: the articles' own table rows carry pipes."""
    return text.replace("|", "\\|")


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return str(value)


def answer_sets() -> Iterator[dict[str, Any]]:
    """Every combination of the decision answers; the ORM also left open."""
    choices = decision.CHOICES
    for values in itertools.product(
        choices["concurrency"],
        choices["priority"],
        (False, True),
        choices["experience"],
        choices["auth"],
        (None, *choices["orm"]),
        (False, True),
        DEPLOY_TARGET_SETS,
    ):
        yield dict(zip(DECISION_QUESTIONS, values, strict=True))


def wins_table() -> str:
    whole: Counter[str] = Counter()
    generated: Counter[str] = Counter()
    without_experience: Counter[str] = Counter()
    total = 0
    for answers in answer_sets():
        total += 1
        pick = decision.recommend(answers, available_only=False).framework
        whole[pick] += 1
        if answers["experience"] == "none":
            without_experience[pick] += 1
        generated[decision.recommend(answers).framework] += 1
    per_experience = total // len(decision.CHOICES["experience"])
    lines = [
        "## How often each framework is recommended",
        "",
        f"Over all {total:,} combinations of the answers above (the ORM also left open), "
        f"and over the {per_experience:,} with `experience=none`.",
        "",
        "| framework | whole catalog | whole catalog, `experience=none` | generated today |",
        "|---|---:|---:|---:|",
    ]
    for key, framework in FRAMEWORKS.items():
        lines.append(
            f"| {framework.name} | {_share(whole[key], total)} | "
            f"{_share(without_experience[key], per_experience)} | "
            f"{_share(generated[key], total) if framework.generated else '—'} |"
        )
    return "\n".join(lines) + "\n"


def _share(count: int, total: int) -> str:
    return f"{count:,} ({100 * count / total:.1f}%)"


def catalog_table() -> str:
    lines = [
        "## The catalog at a glance",
        "",
        "| framework | generated | interface | concurrency | server | OpenAPI | WebSockets "
        "| Lambda adapter | ORM | maturity | trend | bare /health req/s | bare import ms "
        "| bare peak MiB | installed MiB | async ORM | generated items / health req/s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---:|---:|---:|---:|---|---|",
    ]
    for framework in FRAMEWORKS.values():
        lines.append(_catalog_row(framework))
    return "\n".join(lines) + "\n"


def _catalog_row(framework: Framework) -> str:
    adapter = decision.LAMBDA_ADAPTER_NAMES.get(framework.lambda_adapter, "—")
    orms = ", ".join(decision.ORM_NAMES[orm].removeprefix("the ") for orm in framework.orms)
    concurrency = framework.concurrency + (
        f" (generated {framework.generated_concurrency})"
        if framework.generated and framework.generated_concurrency
        else ""
    )
    measured = (
        f"{framework.service_items_rps:,} / {framework.service_health_rps:,}"
        if framework.service_items_rps
        else "—"
    )
    cells = [
        framework.name,
        "yes" if framework in available() else "not yet",
        INTERFACE_NAMES[framework.interface],
        concurrency,
        framework.server,
        OPENAPI_NAMES[framework.openapi],
        "yes" if framework.websockets else (framework.websockets_extension or "no"),
        adapter,
        orms,
        framework.maturity,
        framework.trend or "not stated",
        f"{framework.health_rps:,}",
        str(framework.import_ms),
        str(framework.peak_rss_mib),
        str(framework.install_mib),
        framework.async_orm or "none (synchronous)",
        measured,
    ]
    return "| " + " | ".join(cells) + " |"


INTRODUCTION = """\
<!-- Written by scripts/decision_guide.py (`make decision-guide`); edit the script, the
catalog or the engine, not this file. -->
# Choosing a framework with Trailhead

`copier copy` asks a few decision questions before it asks for the web framework. The
framework question's default is the one the decision engine recommends for those
answers, and its help text gives the reason in one line. You can still pick another
framework; if it cannot serve your answers, the question refuses it, names the
conflict, and lists every way out: the frameworks that fit, and the single answer
changes that would let the one you picked serve you.

Trailhead generates FastAPI, Flask, Django REST Framework and Django Ninja today. The
catalog describes thirteen frameworks and the engine ranks all of them, so this guide
shows both results: what you get now, and what the rules pick from the whole catalog,
which is what Trailhead will generate as more frameworks arrive.

The code is in `extensions/`: `catalog.py` holds the facts about each framework,
`decision.py` the rules and their weights, `use_cases.py` the articles' use cases the
rules are tested against, and `context.py` hands them to `copier.yml`.
"""

RULES = """\
## The rules

**1. Conflicts refuse a framework outright**, checked in this order; the first that
matches is the refusal:

1. The framework is not in the catalog, or Trailhead cannot generate it yet.
2. The chosen ORM is not one it pairs with.
3. `lambda` is a deploy target, but the framework has no in-process Lambda adapter (it
   runs its own server; Sanic's app is ASGI too, so Mangum carries it).
4. `lambda` and `realtime` together: the Lambda adapters pass HTTP events only.
5. `realtime` is on, but the framework has no WebSocket support.
6. `concurrency` is `high`, but the framework (or the service Trailhead generates with
   it: Django Ninja's views are synchronous) holds a blocking worker per request.
7. API docs are on, but the framework cannot produce an OpenAPI document.

**2. Fit points rank the frameworks that remain.** Every weight is a named constant in
`decision.py` with its source beside it (`WEIGHT_SOURCES`); each fact counts once, and
the measured ones count in proportion, without steps:
"""

RANKING = """\
The throughput share is half the authenticated items list and half `/health`. Both are
the generated service's figures where Trailhead generates the framework (measured by
`benchmarks/bench.py`, PostgreSQL, one worker on one core). Where it does not yet, its
`/health` is the bare framework's scaled by the generated services' median ratio of
generated to bare, and its items list is the generated services' median, since the
database, not the framework, sets that route's pace; the reason then says the figure is
a bare one. Among the frameworks generated today, a framework is scored as generated
(Django Ninja with synchronous views).

The highest total wins; on a tie, the more mature framework, then the one listed first
in the catalog. The reason shown in the prompt is the winner's three strongest facts
(on Lambda always including the adapter's name), and how many candidates it was ranked
against. When no framework fits every answer, the default is still the best-scoring
one (a question's default must be a valid choice), and the reason names each answer
that would open a way, with the framework that would then fit.
"""

CATALOG_NOTES = """\
Bare figures: each framework alone, one worker on one core, `wrk -c64` on the other
core (`../FACTS.md` of the project's design notes). They measure framework overhead,
not a service: a single JSON access-log middleware cut bare FastAPI from about 14,000
to about 4,000 req/s on the same machine. The generated figures are the services
Trailhead writes, with auth, logging, metrics and the request policy. Installed MiB: the
framework and its server installed into an empty Python 3.12 environment, what it adds to
an image before the service's own dependencies. Memory and size are facts here, not
scored: no article weighs them for a service.
"""

CHANGING = """\
## Changing the rules

- A fact changed (a framework gained WebSockets, a new measurement came in): edit its
  entry in `extensions/catalog.py`, with its source.
- A weight looks wrong: change the constant and its source in `extensions/decision.py`.
- Then `make decision-guide` rewrites this guide, and `uv run pytest
  tests/test_decision.py` shows which use cases moved.
"""


if __name__ == "__main__":
    sys.exit(main())
