"""Run a generated service the way its user runs it in production: ``make run``.

The service runs in its own session so that SIGTERM reaches every process ``make`` starts
(make, uv, the server and its workers), and its output is collected line by line so tests
can read the access log and failures can show what the service said.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import httpx

from .project import project_environment

# Every variable CONTRACT.md names. The suite sets the ones it means to set; an inherited
# value for any other would silently change the service under test.
CONTRACT_VARIABLES = frozenset(
    {
        "ENVIRONMENT",
        "DATABASE_URL",
        "SECRET_KEY",
        "ADMIN_USERNAME",
        "ADMIN_PASSWORD",
        "OPEN_REGISTRATION",
        "API_KEYS",
        "ACCESS_TOKEN_TTL_SECONDS",
        "REFRESH_TOKEN_TTL_SECONDS",
        "LOG_LEVEL",
        "LOG_FORMAT",
        "CORS_ORIGINS",
        "DB_POOL_SIZE",
        "DB_MAX_OVERFLOW",
        "DB_POOL_TIMEOUT",
        "HOST",
        "PORT",
        "WEB_CONCURRENCY",
        "ALLOWED_HOSTS",
        "FORCE_HTTPS",
        "MAX_BODY_BYTES",
        "TRUSTED_PROXIES",
        "CLIENT_TIMEOUT_SECONDS",
    }
)

STARTUP_TIMEOUT_SECONDS = 60.0
SHUTDOWN_TIMEOUT_SECONDS = 20.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_environment(settings: Mapping[str, str]) -> dict[str, str]:
    """The project's environment without any inherited contract variable, plus ``settings``."""
    inherited = {
        name: value
        for name, value in project_environment().items()
        if name not in CONTRACT_VARIABLES
    }
    return {**inherited, **settings}


class ServiceFailedToStart(AssertionError):
    pass


class RunningService:
    def __init__(
        self,
        project: Path,
        settings: Mapping[str, str],
        port: int,
        command: tuple[str, ...] = ("make", "run"),
    ) -> None:
        self.project = project
        self.port = port
        self.base_url = f"http://127.0.0.1:{port}"
        self.command = command
        self.environment = service_environment({**settings, "HOST": "127.0.0.1", "PORT": str(port)})
        self.exit_code: int | None = None
        self._lines: list[str] = []
        self._lines_lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def resident_bytes(self) -> int:
        """The resident memory of every process the service runs (its session: the make,
        the server and its workers), from /proc."""
        assert self._process is not None
        page_size = os.sysconf("SC_PAGE_SIZE")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # From the state on (proc(5) numbers it 3): the session is 6, the resident pages 24.
            if int(fields[3]) == self._process.pid:
                total += int(fields[21]) * page_size
        return total

    def logs(self) -> list[str]:
        with self._lines_lock:
            return list(self._lines)

    def output(self) -> str:
        return "\n".join(self.logs())

    def wait_for_log(self, matches: Callable[[str], bool], timeout: float = 5.0) -> list[str]:
        """Lines satisfying ``matches``, waiting briefly because output arrives after the
        response does."""
        deadline = time.monotonic() + timeout
        while True:
            found = [line for line in self.logs() if matches(line)]
            if found or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def _collect_output(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            with self._lines_lock:
                self._lines.append(line.rstrip("\n"))

    def launch(self) -> None:
        """Start the command without waiting for it to become healthy."""
        self._process = subprocess.Popen(
            self.command,
            cwd=self.project,
            env=self.environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._collect_output, daemon=True)
        self._reader.start()

    def wait_for_exit(self, timeout: float) -> int:
        """For a start that is expected to fail: the exit code once all output is read."""
        assert self._process is not None and self._reader is not None
        try:
            self.exit_code = self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._kill_group(signal.SIGKILL)
            self._process.wait()
            raise AssertionError(
                f"{' '.join(self.command)} was expected to exit but still ran after {timeout} s;"
                f" output:\n{self.output()}"
            ) from None
        self._reader.join(timeout)
        return self.exit_code

    def start(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> RunningService:
        self.launch()
        assert self._process is not None
        deadline = time.monotonic() + timeout
        with httpx.Client(timeout=2.0) as client:
            while True:
                exit_code = self._process.poll()
                if exit_code is not None:
                    self._reader.join(5)
                    raise ServiceFailedToStart(
                        f"{' '.join(self.command)} in {self.project} exited with {exit_code}"
                        f" before /health answered; output:\n{self.output()}"
                    )
                with contextlib.suppress(httpx.TransportError):
                    if client.get(f"{self.base_url}/health").status_code == 200:
                        return self
                if time.monotonic() > deadline:
                    self.stop(check=False)
                    raise ServiceFailedToStart(
                        f"/health on {self.base_url} did not answer 200 within {timeout} s;"
                        f" output:\n{self.output()}"
                    )
                time.sleep(0.1)

    def _kill_group(self, signal_number: int) -> None:
        assert self._process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal_number)

    def stop(self, check: bool = True) -> None:
        """SIGTERM to the whole process group; with ``check``, fail unless every process
        in it has gone within the shutdown timeout (SIGKILL is the last resort)."""
        if self._process is None or self._reader is None:
            return
        self._kill_group(signal.SIGTERM)
        deadline = time.monotonic() + SHUTDOWN_TIMEOUT_SECONDS
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.exit_code = self._process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS)
        # The output pipe closes only when the last process holding it has exited, which
        # tells us the whole group is gone even if some of it was reparented.
        self._reader.join(max(0.0, deadline - time.monotonic()))
        stopped_cleanly = self.exit_code is not None and not self._reader.is_alive()
        if not stopped_cleanly:
            self._kill_group(signal.SIGKILL)
            self.exit_code = self._process.wait()
            self._reader.join(5)
        self._process = None
        if check and not stopped_cleanly:
            raise AssertionError(
                f"the service on {self.base_url} did not exit within"
                f" {SHUTDOWN_TIMEOUT_SECONDS} s of SIGTERM; output:\n{self.output()}"
            )


@contextlib.contextmanager
def serve(
    project: Path,
    env: Mapping[str, str],
    port: int,
    command: tuple[str, ...] = ("make", "run"),
) -> Iterator[RunningService]:
    service = RunningService(project, env, port, command).start()
    try:
        yield service
    finally:
        service.stop()
