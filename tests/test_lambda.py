"""AWS Lambda: every distinct SAM template of the render matrix passes cfn-lint and
`sam validate --lint` and says what the service needs; and once, a generated project is
built by its own `make build-ApiFunction` (what `sam build` runs) and its handlers run
under the real runtime interface client, awslambdaric, against a real PostgreSQL.

The Runtime API that awslambdaric talks to is a local stand-in (below): nothing here
reaches AWS, so API Gateway, IAM, the VPC and Secrets Manager are not tested.
"""

from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
import time
import uuid
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from cfnlint.decode import cfn_yaml

from extensions.catalog import FRAMEWORKS
from tests.matrix import IDENTITY, OPTIONS, as_answers, frameworks, is_representative, label
from tests.support.postgres import PostgresCluster
from tests.support.project import find_interpreter, install, project_environment, render
from tests.support.rendering import Rendered, settings_variables, with_every_shape
from tests.support.service import service_environment

# The tools, pinned here and nowhere else: neither is a dependency of a generated project.
SAM_CLI = "aws-sam-cli==1.170.0"
AWSLAMBDARIC = "awslambdaric==4.2.2"
PACKAGE = IDENTITY["package_name"]
API_HANDLER = f"{PACKAGE}.lambda_handler.handler"
MIGRATE_HANDLER = f"{PACKAGE}.lambda_handler.migrate"
RUNTIME_API = "/2018-06-01/runtime"
SECRET_VARIABLES = {"SECRET_KEY", "DATABASE_URL", "ADMIN_PASSWORD", "API_KEYS"}
SAM_TIMEOUT_SECONDS = 120
BUILD_TIMEOUT_SECONDS = 300
INVOKE_TIMEOUT_SECONDS = 60
ITEMS = "/api/v1/items"


@dataclass(frozen=True)
class SamTemplate:
    project: Rendered
    path: Path
    body: dict[str, Any]

    @property
    def where(self) -> str:
        return label(self.project.answers)

    def functions(self) -> dict[str, dict[str, Any]]:
        return {
            name: resource
            for name, resource in self.body["Resources"].items()
            if resource["Type"] == "AWS::Serverless::Function"
        }

    def environment(self, function: str) -> dict[str, Any]:
        """The variables a function gets: the Globals' merged with its own."""
        common = self.body["Globals"]["Function"]["Environment"]["Variables"]
        own = self.functions()[function]["Properties"].get("Environment", {})
        return {**common, **own.get("Variables", {})}


@pytest.fixture(scope="module")
def sam_templates(
    distinct_projects: list[Rendered],
    template_snapshot: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> list[SamTemplate]:
    """One project per distinct template.yaml (the file varies with fewer answers), every
    auth shape and Python version among them."""
    with_lambda = [
        project for project in distinct_projects if (project.path / "template.yaml").exists()
    ]
    variants = [
        {"auth": auth, "python_version": python}
        for auth in OPTIONS["auth"]
        for python in OPTIONS["python_version"]
    ]
    output = tmp_path_factory.mktemp("lambda-shapes")
    seen: dict[str, SamTemplate] = {}
    for project in with_every_shape(
        with_lambda, template_shape, variants, template_snapshot, output
    ):
        path = project.path / "template.yaml"
        text = path.read_text()
        seen.setdefault(text, SamTemplate(project, path, cfn_yaml.loads(text)))
    return list(seen.values())


# ── the SAM templates ────────────────────────────────────────────────────────────────────


def auth_shape(answers: dict[str, Any]) -> str:
    """What the auth answer changes in template.yaml: basic and jwt both have users."""
    return "users" if answers["auth"] in ("basic", "jwt") else answers["auth"]


def template_shape(answers: dict[str, Any]) -> tuple[str, str]:
    return auth_shape(answers), answers["python_version"]


def test_every_answer_that_shapes_the_template_is_covered(
    sam_templates: list[SamTemplate],
) -> None:
    # The de-duplicated templates must still cover every auth shape and every Python.
    covered = {
        (auth_shape(template.project.answers), template.project.answers["python_version"])
        for template in sam_templates
    }
    shapes = {auth_shape({"auth": auth}) for auth in OPTIONS["auth"]}
    assert covered == {(shape, python) for shape in shapes for python in OPTIONS["python_version"]}


def test_templates_are_cfn_lint_clean(sam_templates: list[SamTemplate]) -> None:
    result = subprocess.run(
        ["cfn-lint", "--", *(str(template.path) for template in sam_templates)],
        capture_output=True,
        text=True,
        timeout=SAM_TIMEOUT_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def sam_validate(template: SamTemplate) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *("uv", "tool", "run", "--from", SAM_CLI, "sam", "validate", "--lint"),
            *("--region", "us-east-1", "--template-file", str(template.path)),
        ],
        cwd=template.path.parent,
        env={**project_environment(), "SAM_CLI_TELEMETRY": "0"},
        capture_output=True,
        text=True,
        timeout=SAM_TIMEOUT_SECONDS,
        check=False,
    )


@pytest.mark.slow
def test_templates_pass_sam_validate(sam_templates: list[SamTemplate]) -> None:
    # One template per auth shape: the Python answer changes only the Runtime value, which
    # cfn-lint checks in every template, and each call costs about 10 s.
    by_shape = {auth_shape(template.project.answers): template for template in sam_templates}
    # The first call installs the SAM CLI into uv's cache; the others run two at a time.
    first, *others = by_shape.values()
    results = [sam_validate(first)]
    with ThreadPoolExecutor(2) as pool:
        results += pool.map(sam_validate, others)
    for template, result in zip(by_shape.values(), results, strict=True):
        assert result.returncode == 0, (template.where, result.stdout + result.stderr)
        assert "is a valid SAM Template" in result.stdout, template.where


def test_functions_run_the_handlers_on_the_answered_python(
    sam_templates: list[SamTemplate],
) -> None:
    for template in sam_templates:
        handlers = {
            name: function["Properties"]["Handler"]
            for name, function in template.functions().items()
        }
        assert handlers == {
            "ApiFunction": API_HANDLER,
            "MigrateFunction": MIGRATE_HANDLER,
        }, template.where
        answered = template.project.answers["python_version"]
        globals_ = template.body["Globals"]["Function"]
        assert globals_["Runtime"] == f"python{max(answered, '3.12')}", template.where
        assert globals_["Architectures"] == ["arm64"], template.where


def test_every_variable_set_is_a_setting_the_service_reads(
    sam_templates: list[SamTemplate],
) -> None:
    for template in sam_templates:
        known = settings_variables(template.project.path, PACKAGE)
        for function in template.functions():
            names = set(template.environment(function))
            assert names <= known, (template.where, function, sorted(names - known))


def test_production_settings_and_one_connection_per_environment(
    sam_templates: list[SamTemplate],
) -> None:
    for template in sam_templates:
        for function in template.functions():
            environment = template.environment(function)
            assert environment["ENVIRONMENT"] == "production", template.where
            assert environment["LOG_FORMAT"] == "json", template.where
            assert environment["DB_POOL_SIZE"] == "1", template.where
            assert environment["DB_MAX_OVERFLOW"] == "0", template.where


def test_secrets_are_dynamic_references_per_auth_answer(
    sam_templates: list[SamTemplate],
) -> None:
    expected = {
        "none": {"SECRET_KEY", "DATABASE_URL"},
        "api_key": {"SECRET_KEY", "DATABASE_URL", "API_KEYS"},
        "basic": {"SECRET_KEY", "DATABASE_URL", "ADMIN_PASSWORD"},
        "jwt": {"SECRET_KEY", "DATABASE_URL", "ADMIN_PASSWORD"},
    }
    for template in sam_templates:
        answers = template.project.answers
        environment = template.environment("ApiFunction")
        secrets = set(environment) & SECRET_VARIABLES
        # Django's admin site needs its admin user whatever the API's auth.
        admin_site = {"ADMIN_PASSWORD"} if answers.get("admin_site", False) else set()
        assert secrets == expected[answers["auth"]] | admin_site, template.where
        assert ("ADMIN_USERNAME" in environment) == (secrets >= {"ADMIN_PASSWORD"})
        for name in secrets:
            # A value CloudFormation resolves at deploy time from Secrets Manager: the
            # template and its parameters only ever name the secret.
            reference = environment[name]["Fn::Sub"]
            assert reference.startswith("{{resolve:secretsmanager:${"), (template.where, name)


def test_functions_log_to_groups_with_retention(sam_templates: list[SamTemplate]) -> None:
    for template in sam_templates:
        resources = template.body["Resources"]
        for function in template.functions().values():
            group = resources[function["Properties"]["LoggingConfig"]["LogGroup"]["Ref"]]
            assert group["Type"] == "AWS::Logs::LogGroup", template.where
            assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionInDays"}


def test_the_http_api_sends_every_route_to_the_api_function(
    sam_templates: list[SamTemplate],
) -> None:
    for template in sam_templates:
        (event,) = template.functions()["ApiFunction"]["Properties"]["Events"].values()
        assert event["Type"] == "HttpApi", template.where
        # Without Path and Method, SAM routes the API's $default route: every request.
        assert event["Properties"] == {"ApiId": {"Ref": "HttpApi"}}, template.where
        assert template.body["Resources"]["HttpApi"]["Type"] == "AWS::Serverless::HttpApi"


def test_the_makefile_builds_every_function(sam_templates: list[SamTemplate]) -> None:
    for template in sam_templates:
        for name, function in template.functions().items():
            assert function["Metadata"] == {"BuildMethod": "makefile"}, template.where
            dry_run = subprocess.run(
                ["make", "--dry-run", f"build-{name}", "ARTIFACTS_DIR=/artifacts"],
                cwd=template.path.parent,
                capture_output=True,
                text=True,
                check=False,
            )
            assert dry_run.returncode == 0, (template.where, dry_run.stderr)
            assert "--python-platform aarch64-manylinux_2_34" in dry_run.stdout
            assert '--target "/artifacts"' in dry_run.stdout


# ── the real runtime interface client ────────────────────────────────────────────────────


class RuntimeApiStandIn:
    """The part of the Lambda Runtime API a runtime client calls: it hands out the events
    given to `next_answer`'s caller and collects what the function answers."""

    def __init__(self) -> None:
        self.events: queue.Queue[tuple[str, dict[str, Any]] | None] = queue.Queue()
        self.answers: queue.Queue[tuple[str, str, Any]] = queue.Queue()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._request_handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    def _request_handler(self) -> type[BaseHTTPRequestHandler]:
        events, answers = self.events, self.answers

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                assert self.path == f"{RUNTIME_API}/invocation/next", self.path
                pending = events.get()
                if pending is None:  # closing: the runtime process has been stopped
                    return
                request_id, event = pending
                body = json.dumps(event).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Lambda-Runtime-Aws-Request-Id", request_id)
                deadline_ms = int((time.time() + INVOKE_TIMEOUT_SECONDS) * 1000)
                self.send_header("Lambda-Runtime-Deadline-Ms", str(deadline_ms))
                self.send_header(
                    "Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:123456789012:function:matrix-service",
                )
                # awslambdaric crashes on an invocation without a trace id.
                self.send_header(
                    "Lambda-Runtime-Trace-Id",
                    "Root=1-67a0b1c2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0",
                )
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"null")
                parts = self.path.removeprefix(f"{RUNTIME_API}/").split("/")
                if parts == ["init", "error"]:
                    answers.put(("", "init-error", payload))
                else:
                    _, request_id, kind = parts
                    answers.put((request_id, kind, payload))
                self.send_response(202)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # failures are reported with the function's own output

        return Handler

    def close(self) -> None:
        self.events.put(None)
        self._server.shutdown()
        self._server.server_close()


class LambdaFunction:
    """`python -m awslambdaric MODULE.FUNCTION` in the built artifact, as Lambda runs it,
    with its own stand-in Runtime API."""

    def __init__(
        self, python: Path, artifact: Path, handler: str, settings: Mapping[str, str]
    ) -> None:
        self._runtime_api = RuntimeApiStandIn()
        self._log = artifact.parent / f"{handler}-{uuid.uuid4().hex}.log"
        environment = {
            **service_environment(settings),
            "AWS_LAMBDA_RUNTIME_API": self._runtime_api.address,
            "PYTHONPATH": str(artifact),
            # Nothing may warn of a deprecation (asyncio.get_event_loop, for one).
            "PYTHONWARNINGS": "error::DeprecationWarning",
        }
        with self._log.open("w") as log:
            self._process = subprocess.Popen(
                [str(python), "-m", "awslambdaric", handler],
                cwd=artifact,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        """The function's answer to one event; fails on an error answer or a dead runtime."""
        request_id = str(uuid.uuid4())
        self._runtime_api.events.put((request_id, event))
        deadline = time.monotonic() + INVOKE_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            try:
                answered_id, kind, payload = self._runtime_api.answers.get(timeout=0.2)
            except queue.Empty:
                assert self._process.poll() is None, f"the runtime exited:\n{self.output()}"
                continue
            assert (answered_id, kind) == (request_id, "response"), (
                f"{kind}: {payload}\n{self.output()}"
            )
            return payload
        raise AssertionError(f"no answer in {INVOKE_TIMEOUT_SECONDS} s:\n{self.output()}")

    def wait(self, timeout: float) -> int:
        return self._process.wait(timeout)

    def output(self) -> str:
        return self._log.read_text(errors="replace")

    def stop(self) -> None:
        self._process.kill()
        self._process.wait()
        self._runtime_api.close()

    def __enter__(self) -> LambdaFunction:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def http_api_event(
    method: str, path: str, headers: Mapping[str, str] | None = None, body: bytes = b""
) -> dict[str, Any]:
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {
            "host": "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com",
            "x-forwarded-proto": "https",
            "x-forwarded-port": "443",
            **(headers or {}),
        },
        "requestContext": {
            "apiId": "a1b2c3d4e5",
            "http": {
                "method": method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": "198.51.100.23",
                "userAgent": "pytest",
            },
            "requestId": "Yb2fdjZ3liACJjQ=",
            "routeKey": "$default",
            "stage": "$default",
        },
        "isBase64Encoded": False,
    }
    if body:
        # HTTP APIs pass JSON as text and base64-encode other bodies, forms included.
        if event["headers"].get("content-type") == "application/json":
            event["body"] = body.decode()
        else:
            event["body"] = base64.b64encode(body).decode()
            event["isBase64Encoded"] = True
    return event


def answer_body(answer: dict[str, Any]) -> Any:
    body = answer.get("body", "")
    return json.loads(base64.b64decode(body) if answer["isBase64Encoded"] else body)


@pytest.fixture(scope="module")
def runtime_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Python with awslambdaric, the runtime interface client of Lambda's Python runtimes."""
    environment = tmp_path_factory.mktemp("awslambdaric") / "venv"
    for command in (
        ["uv", "venv", "--quiet", "--python", find_interpreter("3.12"), str(environment)],
        ["uv", "pip", "install", "--quiet", "--python", str(environment), AWSLAMBDARIC],
    ):
        subprocess.run(
            command, env=project_environment(), capture_output=True, timeout=300, check=True
        )
    return environment / "bin" / "python"


# One framework per kind of handler: the representative of each family that runs on Lambda
# (Mangum on ASGI, apig-wsgi on the SQLAlchemy core, apig-wsgi on the Django core).
RUNTIME_FRAMEWORKS = tuple(
    framework.key
    for framework in frameworks()
    if framework.lambda_adapter and is_representative(framework.key)
)


@pytest.fixture(
    scope="module",
    params=[
        pytest.param(key, marks=pytest.mark.cost(renders=1, installs=1))
        for key in RUNTIME_FRAMEWORKS
    ],
)
def built_function(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The default answers with lambda, built for this machine as `sam build` would."""
    framework = FRAMEWORKS[request.param]
    answers = as_answers(
        {name: values[0] for name, values in OPTIONS.items()}
        | {
            "framework": framework.key,
            "orm": framework.orms[0],
            "auth": "jwt",
            "database": "postgresql",
            "deploy_targets": ("lambda",),
            "python_version": "3.12",
            "api_docs": True,
            "metrics": True,
        }
    )
    root = tmp_path_factory.mktemp(f"lambda-{framework.key}")
    project = install(render(answers, root / "project"))
    artifact = root / "artifact"
    build = subprocess.run(
        ["make", "build-ApiFunction", f"ARTIFACTS_DIR={artifact}", "LAMBDA_ARCH=x86_64"],
        cwd=project,
        env=project_environment(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_SECONDS,
        check=False,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    return artifact


@pytest.mark.slow
def test_handlers_answer_under_the_runtime_interface_client(
    runtime_client: Path, built_function: Path
) -> None:
    with PostgresCluster() as postgres:
        settings = {
            "ENVIRONMENT": "production",
            "LOG_FORMAT": "json",
            "SECRET_KEY": "lambda-test-secret-key-0123456789abcdefghijkl",
            "DATABASE_URL": postgres.create_database("lambda"),
            "DB_POOL_SIZE": "1",
            "DB_MAX_OVERFLOW": "0",
            "ADMIN_USERNAME": "admin",
            "ADMIN_PASSWORD": "admin-password-for-lambda",
        }
        with LambdaFunction(runtime_client, built_function, MIGRATE_HANDLER, settings) as migrate:
            assert migrate.invoke({})["revision"]

        with LambdaFunction(runtime_client, built_function, API_HANDLER, settings) as api:
            health = api.invoke(http_api_event("GET", "/health"))
            assert health["statusCode"] == 200
            assert answer_body(health) == {"status": "ok"}

            form = urlencode({"username": "admin", "password": "admin-password-for-lambda"})
            form_headers = {"content-type": "application/x-www-form-urlencoded"}
            token = api.invoke(
                http_api_event("POST", "/api/v1/auth/token", form_headers, form.encode())
            )
            assert token["statusCode"] == 200, token
            bearer = {"authorization": f"Bearer {answer_body(token)['access_token']}"}
            json_headers = {**bearer, "content-type": "application/json"}

            item_json = b'{"name": "Lamp", "price": 3}'
            created = api.invoke(http_api_event("POST", ITEMS, json_headers, item_json))
            assert created["statusCode"] == 201, created
            item = answer_body(created)
            read = api.invoke(http_api_event("GET", f"{ITEMS}/{item['id']}", bearer))
            assert read["statusCode"] == 200
            assert answer_body(read) == item

            invalid = api.invoke(http_api_event("POST", ITEMS, json_headers, b'{"name": "x"}'))
            assert invalid["statusCode"] == 422
            assert invalid["headers"]["content-type"] == "application/problem+json"
            assert [error["field"] for error in answer_body(invalid)["errors"]] == ["price"]

            missing = api.invoke(http_api_event("GET", f"{ITEMS}/987654", bearer))
            assert missing["statusCode"] == 404
            assert answer_body(missing)["status"] == 404

            # One connection for the whole environment, however many events it answered.
            connections = postgres.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = 'lambda'"
            )
            assert int(connections) == 1

        # Only the service's JSON lines, one access line per event: the runtime's own text
        # handler and Mangum's line per event would add others.
        records = [json.loads(line) for line in api.output().splitlines() if line.strip()]
        access = [record["status"] for record in records if record.get("logger") == "access"]
        assert access == [200, 200, 201, 200, 422, 404]


@pytest.mark.slow
def test_cold_start_refuses_production_without_a_secret_key(
    runtime_client: Path, built_function: Path
) -> None:
    settings = {"ENVIRONMENT": "production", "LOG_FORMAT": "json"}
    with LambdaFunction(runtime_client, built_function, API_HANDLER, settings) as api:
        exit_code = api.wait(timeout=INVOKE_TIMEOUT_SECONDS)
    assert exit_code != 0
    assert "SECRET_KEY" in api.output()
