"""One configuration, every target: each variable a deploy file sets is a setting the
service reads, and each setting the service requires in production is provided (or
referenced as a secret) by every target the answers chose.

The service itself says what it reads (the fields of `Settings`) and what production
requires (the variables its start-up check names when nothing is set); the deploy files
are read as the tools that apply them see them: compose's file, the Kustomize overlays as
`kubectl kustomize` renders them, and the SAM template with its CloudFormation tags.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from cfnlint.decode import cfn_yaml

from extensions.catalog import SHARED_DEPENDENCIES
from tests.matrix import IDENTITY
from tests.support.project import project_environment
from tests.support.rendering import Rendered, settings_variables

PACKAGE = IDENTITY["package_name"]
SETTINGS_FILE = f"src/{PACKAGE}/settings.py"
SECRET_VARIABLES = {"SECRET_KEY", "DATABASE_URL", "ADMIN_PASSWORD", "API_KEYS"}
OVERLAYS = ("dev", "prod")

# Runs the rendered settings module on its own, with production and nothing else set, and
# prints the variables its validation names.
_REQUIRED_PROBE = """
import importlib.util, json, os, sys
from pydantic import ValidationError
for name in list(os.environ):
    if name.isupper() and not name.startswith(("PATH", "HOME", "UV_", "PYTHON", "LANG")):
        os.environ.pop(name)
os.environ["ENVIRONMENT"] = "production"
spec = importlib.util.spec_from_file_location("settings_probe", sys.argv[1])
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module  # annotations resolve through the module's entry
spec.loader.exec_module(module)
try:
    module.Settings(_env_file=None)
except ValidationError as error:
    print(json.dumps([str(detail["msg"]) for detail in error.errors()]))
else:
    print("[]")
"""


@pytest.fixture(scope="session")
def required_in_production(distinct_projects: list[Rendered]) -> set[str]:
    """What the service refuses to start without in production, as its own check says.
    `settings.py` varies only with the framework's interface (WSGI servers read one more
    setting), so one run per distinct file answers for all, and they must agree."""
    by_text = {(item.path / SETTINGS_FILE).read_text(): item.path for item in distinct_projects}
    required = {_required_by(project) for project in by_text.values()}
    assert len(required) == 1, f"the settings files require different variables: {required}"
    return set(next(iter(required)))


def _required_by(project: Path) -> frozenset[str]:
    pins = [pin for pin in SHARED_DEPENDENCIES["core"] if pin.startswith("pydantic")]
    result = subprocess.run(
        [
            *("uv", "run", "--no-project", *(f"--with={pin}" for pin in pins)),
            *("python", "-c", _REQUIRED_PROBE, str(project / SETTINGS_FILE)),
        ],
        capture_output=True,
        text=True,
        env=project_environment(),
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    messages = json.loads(result.stdout.strip().splitlines()[-1])
    named = {
        word.strip(".,;:")
        for message in messages
        for word in message.split()
        if word.strip(".,;:").isupper() and "_" in word
    }
    variables = settings_variables(project, PACKAGE)
    assert named, f"production started with nothing set: {messages}"
    assert named <= variables, named - variables
    return frozenset(named)


def credential_variables(answers: dict[str, Any]) -> set[str]:
    """What the answers need to let anyone in: the API's auth, and the admin site's user."""
    needed = set()
    if answers["auth"] in ("basic", "jwt") or answers.get("admin_site"):
        needed |= {"ADMIN_USERNAME", "ADMIN_PASSWORD"}
    if answers["auth"] == "api_key":
        needed.add("API_KEYS")
    return needed


# ── what each target sets ───────────────────────────────────────────────────────────────


def compose_variables(project: Path) -> dict[str, set[str]]:
    compose = yaml.safe_load((project / "compose.yaml").read_text())
    environment = compose["services"]["app"]["environment"]
    return {"compose app": set(environment)}


def kustomize_objects(overlay: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        ["kubectl", "kustomize", str(overlay)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [document for document in yaml.safe_load_all(result.stdout) if document]


def _containers(workload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    spec = workload["spec"]
    pod = spec["jobTemplate"]["spec"]["template"] if "jobTemplate" in spec else spec["template"]
    yield from pod["spec"].get("initContainers", [])
    yield from pod["spec"]["containers"]


def kubernetes_variables(project: Path) -> dict[str, set[str]]:
    """Per overlay and workload container: the variables it gets, from `env` and from the
    ConfigMaps and Secrets its `envFrom` names; secret-sourced names are checked apart."""
    found: dict[str, set[str]] = {}
    for overlay in OVERLAYS:
        objects = kustomize_objects(project / "deploy" / "kubernetes" / "overlays" / overlay)
        config_maps = {
            item["metadata"]["name"]: set(item.get("data", {}))
            for item in objects
            if item["kind"] == "ConfigMap"
        }
        workloads = [item for item in objects if item["kind"] in ("Deployment", "Job", "CronJob")]
        assert workloads, f"{overlay}: no workload"
        for workload in workloads:
            for container in _containers(workload):
                names = {variable["name"] for variable in container.get("env", [])}
                for source in container.get("envFrom", []):
                    if "configMapRef" in source:
                        names |= config_maps[source["configMapRef"]["name"]]
                    else:
                        raise AssertionError(
                            f"{overlay}: envFrom a Secret hides which variables it sets"
                        )
                found[f"{overlay} {workload['kind']} {container['name']}"] = names
    return found


def kubernetes_secret_references(project: Path) -> dict[str, set[str]]:
    """Per overlay: variables whose value comes from a secretKeyRef."""
    found: dict[str, set[str]] = {}
    for overlay in OVERLAYS:
        objects = kustomize_objects(project / "deploy" / "kubernetes" / "overlays" / overlay)
        assert not [item for item in objects if item["kind"] == "Secret"], overlay
        for workload in (item for item in objects if item["kind"] in ("Deployment", "Job")):
            for container in _containers(workload):
                for variable in container.get("env", []):
                    if "secretKeyRef" in variable.get("valueFrom", {}):
                        found.setdefault(overlay, set()).add(variable["name"])
    return found


def sam_variables(project: Path) -> dict[str, set[str]]:
    template = cfn_yaml.loads((project / "template.yaml").read_text())
    shared = (
        template.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables")
        or {}
    )
    functions = {
        name: resource
        for name, resource in template["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Function"
    }
    assert functions, "template.yaml declares no function"
    return {
        f"SAM {name}": set(shared)
        | set(resource["Properties"].get("Environment", {}).get("Variables") or {})
        for name, resource in functions.items()
    }


def target_variables(item: Rendered) -> dict[str, set[str]]:
    targets = item.answers["deploy_targets"]
    found: dict[str, set[str]] = {}
    if "docker" in targets:
        found |= compose_variables(item.path)
    if "kubernetes" in targets:
        found |= kubernetes_variables(item.path)
    if "lambda" in targets:
        found |= sam_variables(item.path)
    return found


def runs_migrations_only(where: str) -> bool:
    """The migration Job or function: it needs the database and the production settings,
    not the credentials people log in with."""
    return " Job " in where or "Migrat" in where


@pytest.fixture(scope="session")
def deployed_projects(distinct_projects: list[Rendered]) -> list[Rendered]:
    """One project per distinct set of deploy files (they vary with few answers)."""
    seen: dict[tuple, Rendered] = {}
    for item in distinct_projects:
        if not item.answers["deploy_targets"]:
            continue
        files = sorted(
            path
            for pattern in ("compose.yaml", "template.yaml", "deploy/**/*.yaml")
            for path in item.path.glob(pattern)
        )
        key = tuple((str(path.relative_to(item.path)), path.read_text()) for path in files)
        seen.setdefault(key, item)
    return list(seen.values())


# ── the rules ───────────────────────────────────────────────────────────────────────────


def test_every_target_is_covered(deployed_projects: list[Rendered]) -> None:
    chosen = {target for item in deployed_projects for target in item.answers["deploy_targets"]}
    assert chosen == {"docker", "kubernetes", "lambda"}


def test_every_variable_a_deploy_file_sets_is_a_setting(
    deployed_projects: list[Rendered],
) -> None:
    for item in deployed_projects:
        known = settings_variables(item.path, PACKAGE)
        for where, names in target_variables(item).items():
            assert names, f"{where} sets no variable"
            unknown = names - known
            assert not unknown, f"{item.path}: {where} sets {sorted(unknown)}, not settings"


def test_every_target_provides_what_production_requires(
    deployed_projects: list[Rendered], required_in_production: set[str]
) -> None:
    for item in deployed_projects:
        for where, names in target_variables(item).items():
            needed = set(required_in_production)
            if not runs_migrations_only(where):
                needed |= credential_variables(item.answers)
            missing = needed - names
            assert not missing, f"{item.path}: {where} does not provide {sorted(missing)}"


def test_kubernetes_takes_secrets_only_from_secret_references(
    deployed_projects: list[Rendered],
) -> None:
    projects = [
        item for item in deployed_projects if "kubernetes" in item.answers["deploy_targets"]
    ]
    assert projects
    for item in projects:
        secrets = {"SECRET_KEY", "DATABASE_URL"} | (
            credential_variables(item.answers) & SECRET_VARIABLES
        )
        for overlay, referenced in kubernetes_secret_references(item.path).items():
            assert secrets <= referenced, (item.path, overlay, sorted(secrets - referenced))
        for overlay in OVERLAYS:
            objects = kustomize_objects(item.path / "deploy" / "kubernetes" / "overlays" / overlay)
            for config_map in (entry for entry in objects if entry["kind"] == "ConfigMap"):
                leaked = SECRET_VARIABLES & set(config_map.get("data", {}))
                assert not leaked, (item.path, overlay, sorted(leaked))
