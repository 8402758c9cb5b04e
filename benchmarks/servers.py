"""Which production server to ship: one bare app under each candidate server, one worker
pinned to core 0, wrk pinned to core 1.

    uv run python benchmarks/servers.py --python <project>/.venv/bin/python [--duration 10]

The interpreter must have the app's framework and every server below installed (a
generated project's `.venv` plus `uv pip install granian gevent pyuwsgi uvicorn[standard]`
is enough; `--only` skips the others). Prints a markdown table: GET /health and a
validated POST /items, req/s, p99, the server's CPU µs per request (honest when other
work shares the machine) and its peak RSS. Needs two cores and wrk (Debian:
``apt-get install -y wrk``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER_CORE = 0
LOAD_CORE = 1
WARM_UP_SECONDS = 2
STARTUP_TIMEOUT_SECONDS = 30.0
BENCHMARKS = Path(__file__).resolve().parent
CLOCK_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
LATENCY_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
POST_BODY = '{"name": "widget", "description": "a thing", "price": 9.99}'


@dataclass(frozen=True)
class Candidate:
    label: str
    # {bin} is the interpreter's bin directory, {port} the port to bind to.
    command: tuple[str, ...]
    async_views: bool = False


def wsgi_candidates(app: str) -> tuple[Candidate, ...]:
    """The WSGI servers, each serving `app` ("module:attribute") with one worker."""
    gunicorn = ("{bin}/gunicorn", "--workers=1", "--bind=127.0.0.1:{port}")
    keep_alive = "--keep-alive=75"
    return (
        Candidate("gunicorn sync (WSGI)", (*gunicorn, "--worker-class=sync", app)),
        Candidate(
            "gunicorn gthread, 4 threads, keep-alive (WSGI)",
            (*gunicorn, "--worker-class=gthread", "--threads=4", keep_alive, app),
        ),
        Candidate(
            "gunicorn gthread, 1 thread, keep-alive (WSGI)",
            (*gunicorn, "--worker-class=gthread", "--threads=1", keep_alive, app),
        ),
        Candidate(
            "gunicorn gevent, keep-alive (WSGI)",
            (*gunicorn, "--worker-class=gevent", keep_alive, app),
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


def uvicorn(label: str, app: str, async_views: bool) -> Candidate:
    return Candidate(
        label,
        (
            "{bin}/uvicorn",
            "--workers=1",
            "--loop=uvloop",
            "--http=httptools",
            "--no-access-log",
            "--log-level=warning",
            "--host=127.0.0.1",
            "--port={port}",
            app,
        ),
        async_views=async_views,
    )


CANDIDATES = {
    "flask": wsgi_candidates("bare_flask:app"),
    "drf": wsgi_candidates("bare_drf:application"),
    "ninja": (
        *wsgi_candidates("bare_ninja:application"),
        uvicorn(
            "uvicorn + uvloop/httptools (ASGI), sync views", "bare_ninja:asgi_application", False
        ),
        uvicorn(
            "uvicorn + uvloop/httptools (ASGI), async views", "bare_ninja:asgi_application", True
        ),
        Candidate(
            "granian (ASGI), async views",
            (
                "{bin}/granian",
                "--interface=asgi",
                "--workers=1",
                "--host=127.0.0.1",
                "--port={port}",
                "--log-level=warning",
                "bare_ninja:asgi_application",
            ),
            async_views=True,
        ),
    ),
}


@dataclass(frozen=True)
class Run:
    requests_per_second: float
    p99_ms: float
    cpu_us_per_request: float
    failed: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_processes(session: int) -> list[Path]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session:
                found.append(stat_file.parent)
    return found


def cpu_seconds(session: int) -> float:
    ticks = 0
    for process in session_processes(session):
        with contextlib.suppress(OSError):
            fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / CLOCK_TICKS_PER_SECOND


def peak_rss_mib(session: int) -> float:
    """The largest process's peak resident set: the worker, not the master."""
    peaks = [0]
    for process in session_processes(session):
        with contextlib.suppress(OSError):
            match = re.search(r"^VmHWM:\s+(\d+) kB", (process / "status").read_text(), re.M)
            if match:
                peaks.append(int(match.group(1)))
    return max(peaks) / 1024


def wait_until_healthy(base_url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base_url}/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError("the server did not become healthy")


def wrk(url: str, duration: float, connections: int, script: Path | None, session: int) -> Run:
    command = ["taskset", "--cpu-list", str(LOAD_CORE), "wrk", "-t1", f"-c{connections}"]
    command += [f"-d{duration:g}s", "--latency"]
    if script is not None:
        command += ["-s", str(script)]
    before = cpu_seconds(session)
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    used = cpu_seconds(session) - before
    requests = int(re.search(r"^\s*(\d+) requests in", output, re.M).group(1))
    throughput = float(re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\b", output, re.M)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = int(non_2xx.group(1)) if non_2xx else 0
    # gunicorn's sync worker closes every connection, which wrk counts as read errors
    # on some kernels; only connect errors and timeouts are failures.
    if errors:
        failed += int(errors.group(1)) + int(errors.group(4))
    return Run(
        requests_per_second=throughput,
        p99_ms=float(p99.group(1)) * LATENCY_UNITS_MS[p99.group(2)],
        cpu_us_per_request=used / max(requests, 1) * 1e6,
        failed=failed,
    )


def measure(candidate: Candidate, python: Path, args: argparse.Namespace, post: Path) -> dict:
    port = free_port()
    command = [part.format(bin=python.parent, port=port) for part in candidate.command]
    env = {**os.environ, "BARE_NINJA_ASYNC": "1" if candidate.async_views else "0"}
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
        wait_until_healthy(base_url, process)
        results = {}
        for target, url, script in (
            ("GET /health", f"{base_url}/health", None),
            ("POST /items", f"{base_url}/items", post),
        ):
            wrk(url, WARM_UP_SECONDS, args.connections, script, process.pid)
            runs = []
            for number in range(1, args.runs + 1):
                print(f"{candidate.label}: {target}, run {number}/{args.runs}", file=sys.stderr)
                runs.append(wrk(url, args.duration, args.connections, script, process.pid))
            results[target] = Run(
                requests_per_second=statistics.median(r.requests_per_second for r in runs),
                p99_ms=statistics.median(r.p99_ms for r in runs),
                cpu_us_per_request=statistics.median(r.cpu_us_per_request for r in runs),
                failed=sum(r.failed for r in runs),
            )
        results["rss"] = peak_rss_mib(process.pid)
        return results
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", type=Path, required=True, help="interpreter with the app")
    parser.add_argument("--app", choices=sorted(CANDIDATES), default="ninja")
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
