"""Which production server to ship: one bare app under each candidate server, one worker
pinned to core 0, wrk pinned to core 1.

    uv run python benchmarks/servers.py --app KEY --python <project>/.venv/bin/python

The candidates are those the bare app's ``SERVER_CANDIDATES`` asks for: every WSGI server
below on its ``wsgi_app``, then its ``asgi_servers`` on its ``asgi_app``. The interpreter
must have the app's framework and every server installed (a generated project's `.venv`
plus `uv pip install granian gevent gunicorn_h1c pyuwsgi uvicorn[standard]` is enough;
`--only` skips the others). Prints a markdown table: GET /health and a validated POST
/items, req/s, p99, the server's CPU µs per request (honest when other work shares the
machine) and its peak RSS. Needs two cores and wrk (Debian: ``apt-get install -y wrk``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from harness import (
    LOAD_CORE,
    SERVER_CORE,
    WARM_UP_SECONDS,
    peak_rss_mib,
    stop_session,
    wait_until_healthy,
    wrk,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from registry import declared, module_name  # noqa: E402

from tests.support.service import free_port  # noqa: E402

STARTUP_TIMEOUT_SECONDS = 30.0
BENCHMARKS = Path(__file__).resolve().parent
POST_BODY = '{"name": "widget", "description": "a thing", "price": 9.99}'


@dataclass(frozen=True)
class Candidate:
    label: str
    # {bin} is the interpreter's bin directory, {port} the port to bind to.
    command: tuple[str, ...]
    async_views: bool = False


def wsgi_candidates(app: str) -> tuple[Candidate, ...]:
    """The WSGI servers, each serving `app` ("module:attribute") with one worker."""
    # gunicorn's own Python HTTP parser unless a label says "C parser" (gunicorn_h1c,
    # installed by `gunicorn[fast]`).
    gunicorn = ("{bin}/gunicorn", "--workers=1", "--bind=127.0.0.1:{port}")
    python_parser, c_parser = "--http-parser=python", "--http-parser=fast"
    keep_alive = "--keep-alive=75"
    return (
        Candidate("gunicorn sync (WSGI)", (*gunicorn, python_parser, "--worker-class=sync", app)),
        Candidate(
            "gunicorn sync, C parser (WSGI)",
            (*gunicorn, c_parser, "--worker-class=sync", app),
        ),
        Candidate(
            "gunicorn gthread, 4 threads, keep-alive (WSGI)",
            (*gunicorn, python_parser, "--worker-class=gthread", "--threads=4", keep_alive, app),
        ),
        Candidate(
            "gunicorn gthread, 4 threads, keep-alive, C parser (WSGI)",
            (*gunicorn, c_parser, "--worker-class=gthread", "--threads=4", keep_alive, app),
        ),
        Candidate(
            "gunicorn gthread, 1 thread, keep-alive (WSGI)",
            (*gunicorn, python_parser, "--worker-class=gthread", "--threads=1", keep_alive, app),
        ),
        Candidate(
            "gunicorn gevent, keep-alive (WSGI)",
            (*gunicorn, python_parser, "--worker-class=gevent", keep_alive, app),
        ),
        Candidate(
            "granian (WSGI)",
            (
                "{bin}/granian",
                "--interface=wsgi",
                "--workers=1",
                "--host=127.0.0.1",
                "--port={port}",
                "--log-level=warning",
                app,
            ),
        ),
        Candidate(
            "uWSGI HTTP router, keep-alive, 4 threads (WSGI)",
            (
                "{bin}/uwsgi",
                "--http=127.0.0.1:{port}",
                "--http-keepalive=75",
                "--http-auto-chunked",
                f"--module={app}",
                "--processes=1",
                "--threads=4",
                "--master",
                "--disable-logging",
                "--need-app",
            ),
        ),
    )


def uvicorn(app: str) -> tuple[str, ...]:
    return (
        "{bin}/uvicorn",
        "--workers=1",
        "--loop=uvloop",
        "--http=httptools",
        "--no-access-log",
        "--log-level=warning",
        "--host=127.0.0.1",
        "--port={port}",
        app,
    )


def granian_asgi(app: str) -> tuple[str, ...]:
    return (
        "{bin}/granian",
        "--interface=asgi",
        "--workers=1",
        "--host=127.0.0.1",
        "--port={port}",
        "--log-level=warning",
        app,
    )


# The ASGI servers a bare app's `asgi_servers` may name: a label and a command for its app.
ASGI_SERVERS = {
    "uvicorn": ("uvicorn + uvloop/httptools (ASGI)", uvicorn),
    "granian": ("granian (ASGI)", granian_asgi),
}


def candidates(framework: str, declaration: dict) -> tuple[Candidate, ...]:
    """The servers a bare app's `SERVER_CANDIDATES` asks for, in the order measured."""
    module = module_name(framework)
    found = []
    if "wsgi_app" in declaration:
        found += wsgi_candidates(f"{module}:{declaration['wsgi_app']}")
    for asgi in declaration.get("asgi_servers", ()):
        label, command = ASGI_SERVERS[asgi["server"]]
        views = "async views" if asgi["async_views"] else "sync views"
        found.append(
            Candidate(
                f"{label}, {views}",
                command(f"{module}:{declaration['asgi_app']}"),
                async_views=asgi["async_views"],
            )
        )
    return tuple(found)


CANDIDATES = {
    framework: candidates(framework, declaration)
    for framework, declaration in declared("SERVER_CANDIDATES").items()
}


@dataclass(frozen=True)
class Summary:
    requests_per_second: float
    p99_ms: float
    cpu_us_per_request: float
    failed: int


def measure(candidate: Candidate, python: Path, args: argparse.Namespace, post: Path) -> dict:
    port = free_port()
    command = [part.format(bin=python.parent, port=port) for part in candidate.command]
    env = {**os.environ, "BARE_ASYNC_VIEWS": "1" if candidate.async_views else "0"}
    process = subprocess.Popen(
        ["taskset", "--cpu-list", str(SERVER_CORE), *command],
        cwd=BENCHMARKS,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base_url, process, STARTUP_TIMEOUT_SECONDS, lambda: "")
        results = {}
        for target, url, options in (
            ("GET /health", f"{base_url}/health", ()),
            ("POST /items", f"{base_url}/items", ("-s", str(post))),
        ):
            wrk(url, WARM_UP_SECONDS, args.connections, process.pid, options)
            runs = []
            for number in range(1, args.runs + 1):
                print(f"{candidate.label}: {target}, run {number}/{args.runs}", file=sys.stderr)
                runs.append(wrk(url, args.duration, args.connections, process.pid, options))
            results[target] = Summary(
                requests_per_second=statistics.median(r.requests_per_second for r in runs),
                p99_ms=statistics.median(r.p99_ms for r in runs),
                cpu_us_per_request=statistics.median(r.cpu_us_per_request for r in runs),
                failed=sum(r.failed_responses for r in runs),
            )
        results["rss"] = peak_rss_mib(process.pid)
        return results
    finally:
        stop_session(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", type=Path, required=True, help="interpreter with the app")
    parser.add_argument("--app", choices=sorted(CANDIDATES), required=True, help="framework key")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--only", help="measure only candidates whose label contains this")
    args = parser.parse_args()
    os.sched_setaffinity(0, {LOAD_CORE})
    load_at_start = os.getloadavg()[0]
    lines = [
        "| server | GET /health req/s | p99 ms | CPU µs/req | POST /items req/s | p99 ms"
        " | CPU µs/req | peak RSS MiB | failed |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        post = Path(scratch) / "post.lua"
        post.write_text(
            'wrk.method = "POST"\n'
            f"wrk.body = '{POST_BODY}'\n"
            'wrk.headers["Content-Type"] = "application/json"\n'
        )
        for candidate in CANDIDATES[args.app]:
            if args.only and args.only not in candidate.label:
                continue
            got = measure(candidate, args.python.absolute(), args, post)
            health, create = got["GET /health"], got["POST /items"]
            lines.append(
                f"| {candidate.label} | {health.requests_per_second:,.0f} | {health.p99_ms:.1f}"
                f" | {health.cpu_us_per_request:.0f} | {create.requests_per_second:,.0f}"
                f" | {create.p99_ms:.1f} | {create.cpu_us_per_request:.0f} | {got['rss']:.0f}"
                f" | {health.failed + create.failed} |"
            )
    lines.append("")
    lines.append(
        f"Median of {args.runs} runs of {args.duration:g} s, wrk -t1 -c{args.connections};"
        f" load average {load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end."
    )
    print("\n".join(lines))


if __name__ == "__main__":
    main()
