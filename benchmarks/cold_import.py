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
  behind the same adapter. For the Django frameworks this is the comparable measure: the
  generated handler sets Django up at the `handler` lookup, not at import, and importing
  `rest_framework` alone loads almost nothing.

Prints a markdown table. The target is at most 1.5 times the bare framework's import.

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
class Bare:
    """The framework alone: its modules, and a one-route app behind its Lambda adapter."""

    modules: tuple[str, ...]
    handler_source: str
    # Environment the modules need to import at all: Ninja reads Django's settings.
    import_env: Mapping[str, str] = field(default_factory=dict)


# Keyed like Framework.key; a framework offered on Lambda needs its entry here.
BARE = {
    "fastapi": Bare(
        modules=("fastapi", "mangum"),
        handler_source="""
            from fastapi import FastAPI
            from mangum import Mangum

            app = FastAPI()

            @app.get("/health")
            async def health():
                return {"status": "ok"}

            handler = Mangum(app, lifespan="off")
        """,
    ),
    "flask": Bare(
        modules=("flask", "apig_wsgi"),
        handler_source="""
            from apig_wsgi import make_lambda_handler
            from flask import Flask

            app = Flask(__name__)

            @app.get("/health")
            def health():
                return {"status": "ok"}

            handler = make_lambda_handler(app)
        """,
    ),
    "drf": Bare(
        modules=("django", "rest_framework", "apig_wsgi"),
        handler_source="""
            import django
            from django.conf import settings

            settings.configure(
                ROOT_URLCONF=__name__,
                ALLOWED_HOSTS=["*"],
                INSTALLED_APPS=[
                    "django.contrib.contenttypes",
                    "django.contrib.auth",
                    "rest_framework",
                ],
                REST_FRAMEWORK={
                    "DEFAULT_AUTHENTICATION_CLASSES": [],
                    "UNAUTHENTICATED_USER": None,
                },
            )
            django.setup()

            from apig_wsgi import make_lambda_handler
            from django.core.wsgi import get_wsgi_application
            from django.urls import path
            from rest_framework.decorators import api_view
            from rest_framework.response import Response

            @api_view(["GET"])
            def health(request):
                return Response({"status": "ok"})

            urlpatterns = [path("health", health)]
            handler = make_lambda_handler(get_wsgi_application())
        """,
    ),
    "django_ninja": Bare(
        modules=("django", "ninja", "apig_wsgi"),
        import_env={"DJANGO_SETTINGS_MODULE": "django.conf.global_settings"},
        handler_source="""
            import django
            from django.conf import settings

            settings.configure(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"])
            django.setup()

            from apig_wsgi import make_lambda_handler
            from django.core.wsgi import get_wsgi_application
            from django.urls import path
            from ninja import NinjaAPI

            api = NinjaAPI()

            @api.get("/health")
            def health(request):
                return {"status": "ok"}

            urlpatterns = [path("", api.urls)]
            handler = make_lambda_handler(get_wsgi_application())
        """,
    ),
}


def lambda_frameworks() -> list[Framework]:
    return [framework for framework in available() if framework.lambda_adapter]


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


@dataclass(frozen=True)
class Result:
    framework: Framework
    generated_import: float
    bare_import: float
    generated_answer: float
    bare_answer: float


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
    for _ in range(runs):
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
    )


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
    verdicts = []
    for result in results:
        ratio = result.generated_import / result.bare_import
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        verdicts.append(f"{result.framework.name}: the import {verdict} the {TARGET_RATIO}x target")
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
