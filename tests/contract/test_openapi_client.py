"""The service's OpenAPI document, fed to a client generator as a user would: it must
generate without a warning, and every item route must answer with a typed model."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.matrix import BREADTH_AUTH

from .conftest import LiveService, describe

RUN_TIMEOUT_SECONDS = 120
# The test environment's commands: the generator, and the ruff it formats its output with.
TOOLS = Path(sys.executable).parent
# The item routes that answer with a body, and the status of their success.
ITEM_ROUTES = {
    ("post", "/api/v1/items"): 201,
    ("get", "/api/v1/items"): 200,
    ("get", "/api/v1/items/{}"): 200,
    ("patch", "/api/v1/items/{}"): 200,
}
SINGLE_ITEM_ROUTES = (
    ("post", "/api/v1/items"),
    ("get", "/api/v1/items/{}"),
    ("patch", "/api/v1/items/{}"),
)


def _generator() -> str:
    found = shutil.which("openapi-python-client", path=str(TOOLS))
    assert found, "openapi-python-client is not installed in the test environment (uv sync)"
    return found


def _route(module: ast.Module) -> tuple[str, str] | None:
    """The method and path template an operation module's `_get_kwargs` requests, with
    each path parameter written `{}` (the frameworks name the item id differently)."""
    for node in ast.walk(module):
        if not isinstance(node, ast.Dict):
            continue
        entries = {
            key.value: value
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant)
        }
        method, url = entries.get("method"), entries.get("url")
        if not isinstance(method, ast.Constant):
            continue
        # A path with parameters is written "/api/v1/items/{item_id}".format(...).
        if isinstance(url, ast.Call) and isinstance(url.func, ast.Attribute):
            url = url.func.value
        if isinstance(url, ast.Constant):
            return method.value, re.sub(r"\{[^}]+\}", "{}", url.value)
    return None


def _parsed_model(module: ast.Module, status: int) -> str | None:
    """The generated model `_parse_response` builds from a response of this status (the
    generator writes `Model.from_dict(response.json())`), or None for an untyped one."""
    models = {
        alias.asname or alias.name
        for node in ast.walk(module)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("models.")
        for alias in node.names
    }
    parse = next(
        node
        for node in ast.walk(module)
        if isinstance(node, ast.FunctionDef) and node.name == "_parse_response"
    )
    for branch in ast.walk(parse):
        if not (
            isinstance(branch, ast.If)
            and isinstance(branch.test, ast.Compare)
            and ast.unparse(branch.test) == f"response.status_code == {status}"
        ):
            continue
        for call in ast.walk(ast.Module(body=branch.body, type_ignores=[])):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "from_dict"
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id in models
            ):
                return call.func.value.id
    return None


# The document depends only on the framework and the answers it reads: every framework's
# breadth service (auth and docs on) is enough.
@pytest.mark.applies_to(auth=(BREADTH_AUTH,), api_docs=(True,), runner=("process",))
def test_openapi_document_generates_a_typed_client(
    live_service: LiveService, tmp_path: Path
) -> None:
    with live_service.client() as client:
        response = client.get("/openapi.json")
    assert response.status_code == 200, describe(response)
    document = tmp_path / "openapi.json"
    document.write_bytes(response.content)
    output = tmp_path / "client"
    result = subprocess.run(
        [
            _generator(),
            "generate",
            "--path",
            str(document),
            "--output-path",
            str(output),
            "--fail-on-warning",
        ],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ['PATH']}"},
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_SECONDS,
        check=False,
    )
    report = f"{result.stdout}\n{result.stderr}"
    assert result.returncode == 0, report
    # A clean run says only where it generates; anything more is a warning or an error.
    said = [line for line in report.splitlines() if line.strip()]
    assert said == [f"Generating {output}"], report

    operations = {}
    for path in output.glob("*/api/**/*.py"):
        module = ast.parse(path.read_text())
        route = _route(module)
        if route in ITEM_ROUTES:
            operations[route] = _parsed_model(module, ITEM_ROUTES[route])
    assert operations.keys() == ITEM_ROUTES.keys(), sorted(operations)
    untyped = [route for route, model in operations.items() if model is None]
    assert not untyped, f"no model for the success response of {untyped}"
    # One item, one class: what one route returns can be passed to code written for another.
    assert len({operations[route] for route in SINGLE_ITEM_ROUTES}) == 1, operations
