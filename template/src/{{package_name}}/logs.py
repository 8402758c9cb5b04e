"""Logging: JSON or console lines on stdout, each carrying the current request id.

Application logs go through the standard `logging` machinery. The access log, one
line per request, is written directly: it is on the path every request takes, and
`logging` would build a LogRecord and run a filter and a formatter for each line.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import sys
import time
from contextvars import ContextVar
from datetime import UTC, datetime

import orjson

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

SERVICE_HANDLER = "service-stdout"

# LogRecord attributes that are plumbing, not payload (uvicorn's `color_message` is
# its message again with terminal colour codes); everything else a caller passes
# through `extra=` becomes a field of the JSON line.
_RECORD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", None, None).__dict__.keys()
    | {"message", "asctime", "request_id", "taskName", "color_message"}
)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "event": record.getMessage(),
            "logger": record.name,
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in record.__dict__.items():
            if key not in _RECORD_ATTRIBUTES:
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


class ConsoleFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s [%(request_id)s] %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        extras = {k: v for k, v in record.__dict__.items() if k not in _RECORD_ATTRIBUTES}
        if extras:
            text += " " + " ".join(f"{key}={value}" for key, value in extras.items())
        return text


class AccessLog:
    """Writes the one access line per request to stdout, as JSON or as console text.

    Under an event loop the lines of one loop turn go out together, in one write after
    the turn: stdout is a pipe to the container runtime, and each write to it costs a
    system call and a wake-up of the reader.
    """

    def __init__(self) -> None:
        self.json = False
        self._pending: list[str] = []
        self._second = -1
        self._second_text = ""

    def timestamp(self, now: float) -> str:
        # The part down to the second changes once a second, so it is formatted once a
        # second rather than for every line.
        second = int(now)
        if second != self._second:
            self._second = second
            self._second_text = datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        return f"{self._second_text}.{int((now - second) * 1000):03d}+00:00"

    def write(
        self,
        request_id: str,
        method: str,
        path: str,
        status: int,
        duration_ms: float,
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        """Writes the line now, or with `loop` once the loop's current turn is over."""
        timestamp = self.timestamp(time.time())
        if self.json:
            line = orjson.dumps(
                {
                    "timestamp": timestamp,
                    "level": "info",
                    "event": "request",
                    "logger": "access",
                    "request_id": request_id,
                    "method": method,
                    "path": path,
                    "status": status,
                    "duration_ms": duration_ms,
                }
            ).decode()
        else:
            line = (
                f"{timestamp} INFO    [{request_id}] access: "
                f"{method} {path} {status} {duration_ms}ms"
            )
        if loop is None:
            _write(line)
            return
        # Only the loop's own thread appends and flushes: no lock is needed.
        self._pending.append(line)
        if len(self._pending) == 1:
            loop.call_soon(self.flush)

    def flush(self) -> None:
        if self._pending:
            lines, self._pending = self._pending, []
            _write("\n".join(lines))


def _write(text: str) -> None:
    # Looked up on every call so that whatever stdout is now (a test's capture too) gets
    # the line.
    stream = sys.stdout
    stream.write(text + "\n")
    stream.flush()


access_log = AccessLog()
atexit.register(access_log.flush)


def configure_logging(
    level: str, log_format: str, server_access_loggers: tuple[str, ...] = ()
) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter() if log_format == "json" else ConsoleFormatter())
    handler.set_name(SERVICE_HANDLER)
    root = logging.getLogger()
    # Replace only our own handler, so calling this twice (or under a test runner
    # that attaches its own capture handler) neither duplicates nor steals lines.
    root.handlers[:] = [h for h in root.handlers if h.get_name() != SERVICE_HANDLER] + [handler]
    root.setLevel(level)
    access_log.json = log_format == "json"
    for existing in logging.root.manager.loggerDict.values():
        if isinstance(existing, logging.Logger):
            existing.handlers.clear()
            existing.propagate = True
    # The service writes its own access line; the server's would be a duplicate. A
    # server asks whether its access logger has handlers before building each line, so
    # it must have none, not even through propagation.
    for name in server_access_loggers:
        server_access = logging.getLogger(name)
        server_access.propagate = False
        server_access.disabled = True
