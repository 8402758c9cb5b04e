"""What bench.py and servers.py share: the two cores, a server's session as /proc sees
it (CPU time, peak memory), waiting for its health, stopping it, and one wrk run."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SERVER_CORE = 0
# wrk, PostgreSQL and the measuring script share the other core, so core 0 runs only the
# server being measured.
LOAD_CORE = 1
WARM_UP_SECONDS = 2
STOP_TIMEOUT_SECONDS = 30
CLOCK_TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
LATENCY_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def session_processes(session: int) -> list[Path]:
    """/proc entries of every process in the session (a server's master and workers, and
    ``make`` and ``uv`` around them, which wait idle)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # Fields after the parenthesised command name, which may contain spaces.
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == session:
                found.append(stat_file.parent)
    return found


def session_cpu_seconds(session: int) -> float:
    return _cpu_seconds(session_processes(session))


def family_cpu_seconds(parent: int) -> float:
    """CPU time of a process and its children: PostgreSQL's postmaster and its backends."""
    family = [Path(f"/proc/{parent}")]
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            if int(stat_file.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                family.append(stat_file.parent)
    return _cpu_seconds(family)


def _cpu_seconds(processes: list[Path]) -> float:
    ticks = 0
    for process in processes:
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


def wait_until_healthy(
    base_url: str,
    process: subprocess.Popen,
    timeout: float,
    explain: Callable[[], str],
) -> None:
    """Until `/health` answers 200; `explain` says what the server wrote, for a failure."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}:\n{explain()}")
        with (
            contextlib.suppress(OSError),
            urllib.request.urlopen(f"{base_url}/health", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the server did not become healthy:\n{explain()}")


def stop_session(process: subprocess.Popen) -> None:
    """SIGTERM to the whole session, SIGKILL if it has not exited in time."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@dataclass(frozen=True)
class WrkRun:
    requests: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failed_responses: int
    server_cpu_seconds: float
    database_cpu_seconds: float = 0.0

    @property
    def cpu_us_per_request(self) -> float:
        return self.server_cpu_seconds / max(self.requests, 1) * 1e6

    @property
    def database_cpu_us_per_request(self) -> float:
        return self.database_cpu_seconds / max(self.requests, 1) * 1e6


def wrk(
    url: str,
    duration: float,
    connections: int,
    session: int,
    options: tuple[str, ...] = (),
    database_pid: int | None = None,
) -> WrkRun:
    """One wrk run on LOAD_CORE, with the CPU the server's session used meanwhile, and
    PostgreSQL's if its postmaster's pid is given."""
    command = wrk_command(url, duration, connections, options)
    before = session_cpu_seconds(session)
    database_before = family_cpu_seconds(database_pid) if database_pid else 0.0
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    run = parse_wrk(output, session_cpu_seconds(session) - before)
    if database_pid is None:
        return run
    return dataclasses.replace(
        run, database_cpu_seconds=family_cpu_seconds(database_pid) - database_before
    )


def wrk_command(
    url: str, duration: float, connections: int, options: tuple[str, ...] = ()
) -> list[str]:
    command = ["taskset", "--cpu-list", str(LOAD_CORE), "wrk", "-t1", f"-c{connections}"]
    return [*command, f"-d{duration:g}s", "--latency", *options, url]


def parse_wrk(output: str, server_cpu_seconds: float) -> WrkRun:
    requests = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    throughput = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.MULTILINE)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\b", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\b", output, re.MULTILINE)
    if requests is None or throughput is None or p50 is None or p99 is None:
        raise RuntimeError(f"unexpected wrk output:\n{output}")
    # A fast error page would flatter the numbers, so every non-2xx answer counts. Of the
    # socket errors, connect errors and timeouts do; read and write errors do not:
    # gunicorn's sync worker closes every connection, which wrk reports as read errors on
    # some kernels.
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    failed = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        failed += int(socket_errors.group(1)) + int(socket_errors.group(4))
    return WrkRun(
        requests=int(requests.group(1)),
        requests_per_second=float(throughput.group(1)),
        p50_ms=float(p50.group(1)) * LATENCY_UNITS_MS[p50.group(2)],
        p99_ms=float(p99.group(1)) * LATENCY_UNITS_MS[p99.group(2)],
        failed_responses=failed,
        server_cpu_seconds=server_cpu_seconds,
    )
