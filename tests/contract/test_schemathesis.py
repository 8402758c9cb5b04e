"""Property-based requests generated from the service's own OpenAPI document: whatever a
client sends, the service never answers with a server error."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.matrix import BREADTH_AUTH

from .conftest import LiveService

RUN_TIMEOUT_SECONDS = 300
MAX_EXAMPLES = 25
# A fixed seed keeps CI reproducible; a failure shows the request that broke the service.
SEED = 20240601


def _schemathesis() -> str:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    assert found, "schemathesis is not installed in the test environment (uv sync)"
    return found


def _credential_arguments(live_service: LiveService) -> list[str]:
    if live_service.auth == "basic":
        return ["--auth", f"{live_service.admin_username}:{live_service.admin_password}"]
    return [
        argument
        for name, value in live_service.admin_headers().items()
        for argument in ("--header", f"{name}: {value}")
    ]


# Minutes per run with basic auth: the budget allows one run per combination, and the
# production database is the one that counts.
# Every framework's breadth service: the document and the routes it fuzzes are the web
# layer's, which the other auth modes' services share but for the auth hook, and the
# image serves the same code as the process.
@pytest.mark.applies_to(auth=(BREADTH_AUTH,), database=("postgresql",), runner=("process",))
def test_no_generated_request_causes_a_server_error(
    live_service: LiveService, tmp_path: Path
) -> None:
    command = [
        _schemathesis(),
        "run",
        f"{live_service.base_url}/openapi.json",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        # The stateful phase chains create/read/update/delete, which the contract tests
        # already walk through one by one; it would add a third to every run.
        "--phases",
        "examples,coverage,fuzzing",
        "--workers",
        "2",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--no-color",
        *_credential_arguments(live_service),
    ]
    try:
        result = subprocess.run(
            command,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=RUN_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as timeout:
        output = timeout.stdout.decode(errors="replace") if timeout.stdout else ""
        pytest.fail(f"schemathesis ran past {RUN_TIMEOUT_SECONDS} s:\n{output[-12000:]}")
    assert result.returncode == 0, (
        f"schemathesis found server errors (exit {result.returncode}):\n"
        f"{result.stdout[-12000:]}\n{result.stderr[-3000:]}"
    )
