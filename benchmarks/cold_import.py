"""Cold start of the generated AWS Lambda handler against the bare framework and adapter.

For each framework the catalog can generate and run on Lambda, renders the default project
with the lambda target (or takes ``--project``), installs it, builds its Lambda package
with its own ``make build-ApiFunction`` (for this machine's architecture: dependencies,
the service, bytecode compiled as on Lambda), and measures fresh processes of the
project's interpreter importing from that package, alternating between the generated
handler and the bare framework, median of ``--runs``:

- import: ``python -X importtime``, the cumulative time of importing the handler module
  against importing the framework and its Lambda adapter;
- first answer: wall time from process start until an API Gateway HTTP API event for
  ``GET /health`` has been answered in-process: the handler's whole cold start (settings,
  logging, app, engine, ASGI start-up) against a one-route app of the bare framework
  behind the same adapter. For a handler that sets its framework up at the `handler`
  lookup rather than at import, this is the comparable measure.

Then, for the frameworks whose bare app lists the ``layers`` of its handler's import, where
that import goes: fresh processes import the bare framework, then the service's libraries
layer by layer, then the handler module, timing each step (wall time, median of
``--runs``). The first layer, the settings, is the floor: production must refuse to start
on a bad ``SECRET_KEY``, so it is loaded before the first event whatever else is deferred.

Each framework's bare app, `benchmarks/bare_<key>.py`, declares all of this in ``LAMBDA``:
the bare modules and one-route handler, the layers, and whether the first answer judges it.

Prints markdown tables. The target is at most 1.5 times the bare framework's import.

    uv run python benchmarks/cold_import.py [--runs 15] [--project DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import secrets
import shlex
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

import yaml  # noqa: E402
from registry import bare_app_path, declared  # noqa: E402

from extensions.catalog import FRAMEWORKS, Framework, available  # noqa: E402
from tests.support.project import install, project_environment, render  # noqa: E402
from tests.support.service import service_environment  # noqa: E402

TARGET_RATIO = 1.5
ANSWERED = "ANSWERED"
PROCESS_TIMEOUT_SECONDS = 120
HEALTH_EVENT = {
    "version": "2.0",
    "routeKey": "$default",
    "rawPath": "/health",
    "rawQueryString": "",
    "headers": {"host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"},
    "requestContext": {
        "http": {"method": "GET", "path": "/health", "protocol": "HTTP/1.1", "sourceIp": "::1"},
        "requestId": "cold-start",
        "routeKey": "$default",
        "stage": "$default",
    },
    "isBase64Encoded": False,
}


@dataclass(frozen=True)
class Layer:
    """Libraries the generated handler loads on top of the bare framework."""

    label: str
    statement: str


@dataclass(frozen=True)
class Bare:
    """A bare app's `LAMBDA`: the framework alone, its modules, and a one-route app behind
    its Lambda adapter."""

    modules: tuple[str, ...]
    handler_source: str
    # Environment the modules need to import at all.
    import_env: Mapping[str, str] = field(default_factory=dict)
    # What the handler's import adds, in the order measured; the first is the settings.
    layers: tuple[Layer, ...] = ()
    # Imported when the app starts (the engine's dialect and driver), after the import.
    started_layer: Layer | None = None
    # When the handler defers its set-up to the `handler` lookup, only the first answers
    # compare like with like.
    judged_by_first_answer: bool = False

    @classmethod
    def from_declaration(cls, declaration: dict) -> Bare:
        started_layer = declaration.get("started_layer")
        return cls(
            modules=declaration["modules"],
            handler_source=declaration["handler_source"],
            import_env=declaration.get("import_env", {}),
            layers=tuple(Layer(*layer) for layer in declaration.get("layers", ())),
            started_layer=None if started_layer is None else Layer(*started_layer),
            judged_by_first_answer=declaration.get("judged_by_first_answer", False),
        )


BARE = {
    framework: Bare.from_declaration(declaration)
    for framework, declaration in declared("LAMBDA").items()
}


def lambda_frameworks() -> list[Framework]:
    frameworks = [framework for framework in available() if framework.lambda_adapter]
    undeclared = [framework.key for framework in frameworks if framework.key not in BARE]
    if undeclared:
        # A framework offered on Lambda is measured against its bare app's `LAMBDA`.
        paths = ", ".join(str(bare_app_path(key)) for key in undeclared)
        raise SystemExit(f"no LAMBDA declared in {paths}")
    return frameworks


def prepare_project(framework: Framework, workdir: Path) -> Path:
    answers = {"project_name": "Cold Start", "framework": framework.key, "orm": framework.orms[0]}
    project = render({**answers, "deploy_targets": ["lambda"]}, workdir / framework.key)
    print(f"rendered {framework.name} with the lambda target into {project}", file=sys.stderr)
    install(project)
    return project


def build_package(project: Path, workdir: Path) -> Path:
    """The function's code as `sam build` makes it, for this machine's architecture."""
    package = workdir / f"{project.name}-lambda-package"
    architecture = f"LAMBDA_ARCH={platform.machine()}"
    subprocess.run(
        ["make", "build-ApiFunction", f"ARTIFACTS_DIR={package}", architecture],
        cwd=project,
        env=project_environment(),
        capture_output=True,
        timeout=PROCESS_TIMEOUT_SECONDS * 5,
        check=True,
    )
    return package


def import_milliseconds(python: Path, modules: tuple[str, ...], env: Mapping[str, str]) -> float:
    """The cumulative import time of `modules`, as `python -X importtime` reports it."""
    result = subprocess.run(
        [str(python), "-X", "importtime", "-c", f"import {', '.join(modules)}"],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT_SECONDS,
        check=True,
    )
    total_us = 0
    # "import time: <self us> | <cumulative us> | <module>", nested imports indented.
    for line in result.stderr.splitlines()[1:]:
        _, cumulative, name = line.split("|")
        if name.strip() in modules and not name[1:].startswith(" "):
            total_us += int(cumulative)
    return total_us / 1000


def first_answer_milliseconds(python: Path, handler_source: str, env: Mapping[str, str]) -> float:
    """From process start until the handler has answered the first event."""
    source = textwrap.dedent(handler_source) + textwrap.dedent(
        f"""
        answer = handler({HEALTH_EVENT!r}, None)
        print({ANSWERED!r}, answer["statusCode"], flush=True)
        """
    )
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(python), "-c", source],
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith(ANSWERED):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError(f"no answer; stderr:\n{process.communicate()[1]}")
    process.communicate(timeout=PROCESS_TIMEOUT_SECONDS)
    if line.split()[1] != "200":
        raise RuntimeError(f"the handler answered {line.strip()}")
    return elapsed * 1000


def step_milliseconds(python: Path, statements: list[str], env: Mapping[str, str]) -> list[float]:
    """Wall time of each statement, run in order in one fresh process."""
    timed = "".join(f"{statement}\nmarks.append(time.perf_counter())\n" for statement in statements)
    source = f"import time\nmarks = [time.perf_counter()]\n{timed}"
    source += f"print({ANSWERED!r}, *(b - a for a, b in zip(marks, marks[1:])))\n"
    result = subprocess.run(
        [str(python), "-c", source],
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=PROCESS_TIMEOUT_SECONDS,
        check=True,
    )
    answer = next(line for line in result.stdout.splitlines() if line.startswith(ANSWERED))
    return [float(seconds) * 1000 for seconds in answer.split()[1:]]


@dataclass(frozen=True)
class Result:
    framework: Framework
    generated_import: float
    bare_import: float
    generated_answer: float
    bare_answer: float
    # (label, median ms it adds), from the bare framework to the started app's driver.
    steps: tuple[tuple[str, float], ...] = ()


def measure(framework: Framework, project: Path, workdir: Path, runs: int) -> Result:
    python = project / ".venv" / "bin" / "python"
    package = yaml.safe_load((project / ".copier-answers.yml").read_text())["package_name"]
    handler_module = f"{package}.lambda_handler"
    bare = BARE[framework.key]
    # Production settings as template.yaml sets them; the database is never reached, since
    # no admin is configured and /health does not query it. Everything, the bare framework
    # too, is imported from the built package, first on the path as in /var/task.
    env = service_environment(
        {
            "ENVIRONMENT": "production",
            "LOG_FORMAT": "json",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DATABASE_URL": "postgresql://cold:start@127.0.0.1:9/cold",
            "DB_POOL_SIZE": "1",
            "DB_MAX_OVERFLOW": "0",
            "PYTHONPATH": str(build_package(project, workdir)),
        }
    )
    generated_modules = (package, handler_module)
    generated_source = f"from {handler_module} import handler"
    imports: dict[str, list[float]] = {"generated": [], "bare": []}
    answers: dict[str, list[float]] = {"generated": [], "bare": []}
    labels, statements = layer_steps(bare, handler_module)
    steps: list[list[float]] = []
    for _ in range(runs):
        if statements:
            steps.append(step_milliseconds(python, statements, env))
        imports["generated"].append(import_milliseconds(python, generated_modules, env))
        imports["bare"].append(
            import_milliseconds(python, bare.modules, {**env, **bare.import_env})
        )
        answers["generated"].append(first_answer_milliseconds(python, generated_source, env))
        answers["bare"].append(first_answer_milliseconds(python, bare.handler_source, env))
    return Result(
        framework,
        generated_import=statistics.median(imports["generated"]),
        bare_import=statistics.median(imports["bare"]),
        generated_answer=statistics.median(answers["generated"]),
        bare_answer=statistics.median(answers["bare"]),
        steps=tuple(zip(labels, map(statistics.median, zip(*steps, strict=True)), strict=True)),
    )


def layer_steps(bare: Bare, handler_module: str) -> tuple[list[str], list[str]]:
    """Labels and statements: the bare framework, its layers, the handler, the driver."""
    if not bare.layers:
        return [], []
    layers = [
        Layer(f"bare framework ({', '.join(bare.modules)})", f"import {', '.join(bare.modules)}"),
        *bare.layers,
        Layer("the handler module (the service's own code, the rest)", f"import {handler_module}"),
    ]
    if bare.started_layer is not None:
        layers.append(bare.started_layer)
    return [layer.label for layer in layers], [layer.statement for layer in layers]


def report(results: list[Result], args: argparse.Namespace, load: tuple[float, float]) -> str:
    lines = [
        "| framework | measure | generated handler ms | bare framework ms | generated/bare |",
        "|---|---|---:|---:|---:|",
    ]
    for result in results:
        adapter = BARE[result.framework.key].modules
        lines += [
            f"| {result.framework.name} | import (`-X importtime`; bare: {', '.join(adapter)})"
            f" | {result.generated_import:.0f} | {result.bare_import:.0f}"
            f" | {result.generated_import / result.bare_import:.2f} |",
            f"| {result.framework.name} | process start to first answered event"
            f" | {result.generated_answer:.0f} | {result.bare_answer:.0f}"
            f" | {result.generated_answer / result.bare_answer:.2f} |",
        ]
    lines += layer_report(results)
    verdicts = []
    for result in results:
        if BARE[result.framework.key].judged_by_first_answer:
            measure, ratio = "first answer", result.generated_answer / result.bare_answer
        else:
            measure, ratio = "import", result.generated_import / result.bare_import
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        verdicts.append(
            f"{result.framework.name}: the {measure} {verdict} the {TARGET_RATIO}x target"
        )
    lines += [
        "",
        "; ".join(verdicts) + ".",
        f"Median of {args.runs} runs each, alternating; Python {sys.version.split()[0]};"
        f" {os.cpu_count()} cores; load average (1 min) {load[0]:.1f} at the start,"
        f" {load[1]:.1f} at the end.",
        "",
        "```",
        shlex.join(["uv", "run", "python", "benchmarks/cold_import.py", *sys.argv[1:]]),
        "```",
    ]
    return "\n".join(lines)


def layer_report(results: list[Result]) -> list[str]:
    """Where each handler's import goes, step by step, as a multiple of the bare framework."""
    lines = []
    for result in (result for result in results if result.steps):
        (_, bare_ms), *layers = result.steps
        floor = bare_ms + layers[0][1]
        lines += [
            "",
            f"{result.framework.name}: what the handler's import adds to the bare framework's"
            f" (floor, with the settings: {floor / bare_ms:.2f}x)",
            "",
            "| step | ms it adds | cumulative ms | cumulative/bare |",
            "|---|---:|---:|---:|",
        ]
        cumulative = 0.0
        for label, milliseconds in result.steps:
            cumulative += milliseconds
            lines.append(
                f"| {label} | {milliseconds:.0f} | {cumulative:.0f} | {cumulative / bare_ms:.2f} |"
            )
    return lines


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="processes per cell (median)")
    parser.add_argument(
        "--project",
        type=Path,
        help="an already generated and installed project with the lambda target to measure",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_arguments()
    load_at_start = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="trailhead-cold-") as scratch:
        workdir = Path(scratch)
        if args.project is not None:
            project = args.project.resolve()
            answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
            framework = FRAMEWORKS[answers["framework"]]
            results = [measure(framework, project, workdir, args.runs)]
        else:
            results = [
                measure(framework, prepare_project(framework, workdir), workdir, args.runs)
                for framework in lambda_frameworks()
            ]
    print(report(results, args, (load_at_start, os.getloadavg()[0])))


if __name__ == "__main__":
    main()
