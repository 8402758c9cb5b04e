"""Throughput of a generated service against its bare framework, on one core each.

Renders the template's default project for ``--framework`` (or takes ``--project``),
installs it, starts a throwaway PostgreSQL, serves the generated service with ``make run``
and the bare app (``benchmarks/bare_<framework>.py``) with its baseline server, both pinned
to core 0, and loads them with wrk pinned to core 1. Prints a markdown table to stdout.

    uv run python benchmarks/bench.py [--framework KEY] [--duration 10] [--runs 3]

Each bare app's ``BASELINE`` says how it is served (a WSGI app under gunicorn's sync
worker, or the file serving itself) and the throughput the generated service must keep
of it.

``--against OTHER`` measures a change instead: the baseline is then another generated and
installed project (the same answers rendered from an earlier commit, say), served the same
way with its own database, so the ratio is what the change did.

Needs two cores, wrk (Debian: ``apt-get install -y wrk``) and PostgreSQL's server binaries.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from harness import (  # noqa: E402
    LOAD_CORE,
    SERVER_CORE,
    WARM_UP_SECONDS,
    WrkRun,
    stop_session,
    wait_until_healthy,
    wrk,
    wrk_command,
)
from registry import bare_app_path, declared, module_name  # noqa: E402

from extensions.catalog import FRAMEWORKS, GUNICORN  # noqa: E402
from tests.support.postgres import PostgresCluster  # noqa: E402
from tests.support.project import install, project_environment, render  # noqa: E402
from tests.support.service import free_port, service_environment  # noqa: E402

SEEDED_ITEMS = 50
STARTUP_TIMEOUT_SECONDS = 60.0
ADMIN_USERNAME = "bench-admin"
BENCHMARKS = Path(__file__).resolve().parent
OUTPUT_READ_BYTES = 1 << 16
OUTPUT_TAIL_BYTES = 1 << 14
GENERATED = "generated"
BASELINE = "baseline"


# A bare WSGI app runs under gunicorn's sync worker, the usual deployment.
WSGI_SERVER = "gunicorn sync"


@dataclass(frozen=True)
class Baseline:
    """A bare app's `BASELINE`: either the WSGI application gunicorn serves, or the server
    the file runs itself with."""

    framework: str  # its catalog key
    target_ratio: float
    wsgi_app: str | None = None
    serves_itself_with: str | None = None

    @property
    def name(self) -> str:
        return FRAMEWORKS[self.framework].name

    @property
    def server(self) -> str:
        return WSGI_SERVER if self.wsgi_app is not None else str(self.serves_itself_with)

    def command(self, project: Path) -> list[str]:
        if self.wsgi_app is not None:
            # gunicorn's sync worker, the baseline, installed into the generated project's
            # environment (the project itself serves with uvicorn).
            application = f"{module_name(self.framework)}:{self.wsgi_app}"
            return [
                str(project / ".venv" / "bin" / "gunicorn"),
                *("--chdir", str(BENCHMARKS), "--workers=1", "--worker-class=sync"),
                *("--bind=127.0.0.1:{port}", "--log-level=warning", application),
            ]
        python = str(project / ".venv" / "bin" / "python")
        return [python, str(bare_app_path(self.framework))]


def baselines() -> dict[str, Baseline]:
    """Every bare app that declares a `BASELINE`, keyed by framework in catalog order."""
    found = {}
    for framework, declaration in declared("BASELINE").items():
        baseline = Baseline(framework, **declaration)
        if (baseline.wsgi_app is None) == (baseline.serves_itself_with is None):
            raise SystemExit(
                f"{bare_app_path(framework)}: BASELINE needs one of wsgi_app and serves_itself_with"
            )
        found[framework] = baseline
    return found


BASELINES = baselines()


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    authenticated: bool


TARGETS = {
    "health": Target("GET /health", "/health", authenticated=False),
    "items": Target(f"GET /api/v1/items ({SEEDED_ITEMS} rows, first 20)", "/api/v1/items", True),
}


@dataclass(frozen=True)
class Measurement:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    cpu_us_per_request: float
    database_cpu_us_per_request: float
    failed_responses: int

    @classmethod
    def median_of(cls, runs: list[WrkRun]) -> Measurement:
        # Each statistic's own median: one noisy run moves none of them.
        return cls(
            requests_per_second=statistics.median(run.requests_per_second for run in runs),
            p50_ms=statistics.median(run.p50_ms for run in runs),
            p99_ms=statistics.median(run.p99_ms for run in runs),
            cpu_us_per_request=statistics.median(run.cpu_us_per_request for run in runs),
            database_cpu_us_per_request=statistics.median(
                run.database_cpu_us_per_request for run in runs
            ),
            failed_responses=sum(run.failed_responses for run in runs),
        )


class Server:
    """A server in its own session, pinned to SERVER_CORE, its output read from a pipe as
    a container runtime would read it; only the tail is kept, to explain a failed start."""

    def __init__(self, name: str, command: list[str], cwd: Path, env: Mapping[str, str]) -> None:
        self.name = name
        self.base_url = f"http://127.0.0.1:{env['PORT']}"
        self._output_tail = b""
        self.process = subprocess.Popen(
            ["taskset", "--cpu-list", str(SERVER_CORE), *command],
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        threading.Thread(target=self._drain_output, daemon=True).start()

    def _drain_output(self) -> None:
        assert self.process.stdout is not None
        descriptor = self.process.stdout.fileno()
        # Large reads keep this thread's share of the load core small at ~2 MB/s of log.
        while chunk := os.read(descriptor, OUTPUT_READ_BYTES):
            self._output_tail = (self._output_tail + chunk)[-OUTPUT_TAIL_BYTES:]

    def wait_until_healthy(self) -> None:
        wait_until_healthy(
            self.base_url,
            self.process,
            STARTUP_TIMEOUT_SECONDS,
            lambda: f"{self.name}:\n{self.log_tail()}",
        )

    def log_tail(self) -> str:
        return self._output_tail.decode(errors="replace")

    def stop(self) -> None:
        # The whole session: make, uv and the server all have to go.
        stop_session(self.process)


def request_json(
    url: str, body: bytes | None = None, headers: Mapping[str, str] | None = None
) -> dict:
    request = urllib.request.Request(url, data=body, headers=dict(headers or {}))
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def obtain_token(base_url: str, password: str) -> str:
    form = urllib.parse.urlencode({"username": ADMIN_USERNAME, "password": password})
    answer = request_json(
        f"{base_url}/api/v1/auth/token",
        form.encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    return answer["access_token"]


def seed_items(base_url: str, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    page = request_json(f"{base_url}/api/v1/items", headers=headers)
    for number in range(page["total"], SEEDED_ITEMS):
        item = {"name": f"item {number}", "description": "seeded", "price": 9.99}
        request_json(f"{base_url}/api/v1/items", json.dumps(item).encode(), headers)


def bearer(token: str | None) -> tuple[str, ...]:
    return () if token is None else ("-H", f"Authorization: Bearer {token}")


def measure_target(
    target: Target,
    servers: Mapping[str, Server],
    tokens: Mapping[str, str],
    args: argparse.Namespace,
    database_pid: int,
) -> dict[str, Measurement]:
    """Runs alternate between the servers, so a slow spell on a shared machine hits both
    rather than skewing the ratio."""

    def run(framework: str, duration: float) -> WrkRun:
        server = servers[framework]
        options = (
            *bearer(tokens.get(framework) if target.authenticated else None),
            *("--timeout", f"{args.timeout:g}s"),
        )
        url = server.base_url + target.path
        return wrk(url, duration, args.connections, server.process.pid, options, database_pid)

    for framework in servers:
        run(framework, WARM_UP_SECONDS)
    runs: dict[str, list[WrkRun]] = {framework: [] for framework in servers}
    for number in range(1, args.runs + 1):
        for framework, server in servers.items():
            print(f"{target.name}: {server.name}, run {number}/{args.runs}", file=sys.stderr)
            runs[framework].append(run(framework, args.duration))
    return {framework: Measurement.median_of(done) for framework, done in runs.items()}


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def prepare_project(args: argparse.Namespace, workdir: Path) -> Path:
    if args.project is not None:
        return args.project.resolve()
    answers = {
        "project_name": "Bench",
        "framework": args.framework,
        "orm": FRAMEWORKS[args.framework].orms[0],
    }
    project = render(answers, workdir / "bench")
    print(f"rendered the default project into {project}; installing", file=sys.stderr)
    install(project)
    return project


def measured_targets(args: argparse.Namespace) -> list[Target]:
    return [TARGETS[key] for key in args.target or TARGETS]


def ratios(measured: Mapping[str, Measurement]) -> tuple[float, float]:
    """generated/bare by throughput, and by CPU per request: on a dedicated core the two
    agree, but when other work competes for the cores (wrk's included) only the second
    still measures the servers themselves."""
    generated, baseline = measured[GENERATED], measured[BASELINE]
    return (
        generated.requests_per_second / baseline.requests_per_second,
        baseline.cpu_us_per_request / generated.cpu_us_per_request,
    )


def report(
    results: dict[str, dict[str, Measurement]],
    args: argparse.Namespace,
    load_averages: tuple[float, float],
) -> str:
    baseline = BASELINES[args.framework]
    if args.against is None:
        labels = {
            GENERATED: f"generated service ({baseline.name})",
            BASELINE: f"bare {baseline.name} ({baseline.server})",
        }
        compared = "generated/bare"
    else:
        labels = {
            GENERATED: f"generated service ({args.project})",
            BASELINE: f"generated service ({args.against})",
        }
        compared = "this/other"
    lines = [
        "| target | framework | req/s | p50 ms | p99 ms | server CPU µs/req | DB CPU µs/req"
        f" | {compared} req/s | {compared} by CPU |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for target in measured_targets(args):
        measured = results[target.name]
        for framework in (GENERATED, BASELINE):
            row = measured[framework]
            by_throughput, by_cpu = ratios(measured)
            ratio_cells = " | " if framework == BASELINE else f"{by_throughput:.2f} | {by_cpu:.2f}"
            lines.append(
                f"| {target.name} | {labels[framework]} "
                f"| {row.requests_per_second:,.0f} | {row.p50_ms:.1f} | {row.p99_ms:.1f} "
                f"| {row.cpu_us_per_request:.0f} | {row.database_cpu_us_per_request:.0f}"
                f" | {ratio_cells} |"
            )
    failures = {
        f"{target} on {framework}": row.failed_responses
        for target, by_framework in results.items()
        for framework, row in by_framework.items()
        if row.failed_responses
    }
    example_wrk = wrk_command(
        f"http://127.0.0.1:PORT{measured_targets(args)[0].path}",
        args.duration,
        args.connections,
        ("--timeout", f"{args.timeout:g}s"),
    )
    verdicts = []
    for target in measured_targets(args):
        by_throughput, by_cpu = ratios(results[target.name])
        if args.against is None:
            verdicts.append(
                f"{target.name}: the generated service keeps {by_throughput:.2f} of bare"
                f" {baseline.name}'s throughput ({by_cpu:.2f} judged by CPU per request)."
            )
        else:
            verdicts.append(
                f"{target.name}: {args.project} serves {by_throughput:.2f} of {args.against}'s"
                f" throughput ({by_cpu:.2f} judged by CPU per request)."
            )
    if args.against is None:
        verdicts.append(f"The target on /health is {baseline.target_ratio:.2f}.")
    verdict = " ".join(verdicts)
    lines += [
        "",
        verdict,
        f"Failed responses (non-2xx, connect errors or timeouts): {failures or 'none'}.",
        "",
        f"Machine: {os.cpu_count()} cores ({cpu_model()}); the servers on core {SERVER_CORE},"
        f" wrk and PostgreSQL on core {LOAD_CORE}. Each cell is the median of {args.runs}"
        f" runs of {args.duration:g} s, after a {WARM_UP_SECONDS} s warm-up, alternating"
        " between the two servers.",
        # Other work on the machine slows both servers and inflates their CPU per request;
        # the load average says how much to trust the absolute numbers.
        f"Load average (1 min) {load_averages[0]:.1f} at the start, {load_averages[1]:.1f}"
        " at the end.",
        "",
        "```",
        shlex.join(["uv", "run", "python", "benchmarks/bench.py", *sys.argv[1:]]),
        shlex.join(example_wrk) + "   # per run; items adds -H 'Authorization: Bearer …'",
        "```",
    ]
    return "\n".join(lines)


def baseline_server(
    args: argparse.Namespace,
    project: Path,
    cluster: PostgresCluster,
    generated_env: Mapping[str, str],
) -> Server:
    """The bare app on the generated service's database, or with `--against` the other
    generated project on a database of its own (its migrations may differ)."""
    port = str(free_port())
    if args.against is not None:
        env = {
            **generated_env,
            "DATABASE_URL": cluster.create_database("bench_against"),
            "PORT": port,
        }
        return Server("other generated service", ["make", "run"], args.against.resolve(), env)
    env = {
        **project_environment(),
        "DATABASE_URL": generated_env["DATABASE_URL"],
        "HOST": "127.0.0.1",
        "PORT": port,
    }
    baseline = BASELINES[args.framework]
    if baseline.wsgi_app is not None:
        python = project / ".venv" / "bin" / "python"
        subprocess.run(["uv", "pip", "install", "--python", str(python), GUNICORN], check=True)
    return Server(
        f"bare {baseline.name}",
        [part.format(port=port) for part in baseline.command(project)],
        project,
        env,
    )


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--framework",
        choices=sorted(BASELINES),
        default=next(iter(BASELINES)),
        help="the catalog key of a bare app with a BASELINE (default: the first in catalog"
        " order, %(default)s)",
    )
    parser.add_argument("--duration", type=float, default=10, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="wrk runs per cell (median)")
    parser.add_argument("--connections", type=int, default=64, help="wrk connections")
    parser.add_argument(
        "--timeout",
        type=float,
        default=2,
        help="seconds wrk waits for an answer before it counts a failure (default: wrk's 2)",
    )
    parser.add_argument(
        "--target",
        choices=sorted(TARGETS),
        action="append",
        help="measure only this target (repeatable; default: all of them)",
    )
    parser.add_argument(
        "--project", type=Path, help="an already generated and installed project to measure"
    )
    parser.add_argument(
        "--against",
        type=Path,
        help="another generated and installed project to compare with, instead of the bare app",
    )
    args = parser.parse_args()
    if args.against is not None and args.project is None:
        parser.error("--against needs --project: the two projects to compare")
    return args


def main() -> None:
    args = parse_arguments()
    if (os.cpu_count() or 1) < 2:
        raise SystemExit("needs two cores: one for the server, one for wrk")
    # Everything started from here (PostgreSQL, wrk) inherits the load core; taskset moves
    # the servers to their own.
    os.sched_setaffinity(0, {LOAD_CORE})

    load_at_start = os.getloadavg()[0]
    admin_password = secrets.token_urlsafe(16)
    with (
        tempfile.TemporaryDirectory(prefix="trailhead-bench-") as scratch,
        PostgresCluster() as cluster,
    ):
        workdir = Path(scratch)
        project = prepare_project(args, workdir)
        database_url = cluster.create_database("bench")
        generated_env = service_environment(
            {
                "ENVIRONMENT": "production",
                "SECRET_KEY": secrets.token_urlsafe(48),
                "DATABASE_URL": database_url,
                "HOST": "127.0.0.1",
                "PORT": str(free_port()),
                "ADMIN_USERNAME": ADMIN_USERNAME,
                "ADMIN_PASSWORD": admin_password,
                "LOG_FORMAT": "json",
                "WEB_CONCURRENCY": "1",
                # Outlives the whole run, so no request fails on an expired token.
                "ACCESS_TOKEN_TTL_SECONDS": "3600",
            }
        )
        servers = {
            GENERATED: Server("generated service", ["make", "run"], project, generated_env),
            BASELINE: baseline_server(args, project, cluster, generated_env),
        }
        try:
            # The generated service first: its `make run` applies the migrations whose
            # tables the bare app reads.
            for server in servers.values():
                server.wait_until_healthy()
            # The bare app has no users; a generated service gets its admin's token.
            tokens = {
                name: obtain_token(server.base_url, admin_password)
                for name, server in servers.items()
                if name == GENERATED or args.against is not None
            }
            for name, token in tokens.items():
                seed_items(servers[name].base_url, token)
            results = {
                target.name: measure_target(target, servers, tokens, args, cluster.server_pid)
                for target in measured_targets(args)
            }
        finally:
            for server in servers.values():
                server.stop()
    print(report(results, args, (load_at_start, os.getloadavg()[0])))


if __name__ == "__main__":
    main()
