"""Kubernetes manifests: each distinct `deploy/kubernetes` tree of the render matrix is
rendered per overlay by kubectl's Kustomize, every object validates against the
Kubernetes schemas, and the objects say what the service needs: probes on its own
routes, the Dockerfile's user, a grace period that covers the server's shutdown,
secrets only referenced, settings the service reads, migrations before the rollout,
and every reference (HPA, PDB, Service, Ingress) pointing at what exists.

No cluster is involved: what a cluster would do with these objects is not tested here.
"""

from __future__ import annotations

import ast
import hashlib
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from extensions.catalog import MIGRATIONS
from tests.matrix import IDENTITY, label
from tests.support.rendering import Rendered, settings_variables, with_every_shape

OVERLAYS = ("dev", "prod")
# The oldest Kubernetes the manifests support (the preStop sleep action is on by default
# from 1.30) and the newest the bundled schemas know.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
PACKAGE = IDENTITY["package_name"]
SLUG = "matrix-service"
SECRET_NAME = f"{SLUG}-secrets"
SECRET_VARIABLES = {"SECRET_KEY", "DATABASE_URL", "ADMIN_USERNAME", "ADMIN_PASSWORD", "API_KEYS"}
EXPECTED_KINDS = {
    "Namespace",
    "ServiceAccount",
    "ConfigMap",
    "Service",
    "Deployment",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "Job",
    "Ingress",
}
KUBECTL_MISSING = (
    "kubectl is not on PATH: these tests render the overlays with its built-in Kustomize. "
    "Install it from https://kubernetes.io/docs/tasks/tools/ (Debian and Ubuntu: the "
    "`kubectl` package of https://pkgs.k8s.io) and run the tests again."
)


@dataclass(frozen=True)
class RenderedOverlay:
    project: Rendered
    name: str
    objects: list[dict[str, Any]]

    @property
    def where(self) -> str:
        return f"{label(self.project.answers)} overlay {self.name}"

    def one(self, kind: str) -> dict[str, Any]:
        (found,) = [item for item in self.objects if item["kind"] == kind]
        return found

    @property
    def deployment(self) -> dict[str, Any]:
        return self.one("Deployment")

    @property
    def job(self) -> dict[str, Any]:
        return self.one("Job")

    @property
    def server(self) -> dict[str, Any]:
        (container,) = self.deployment["spec"]["template"]["spec"]["containers"]
        return container


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def kustomize(overlay: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        ["kubectl", "kustomize", str(overlay)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"kubectl kustomize {overlay}:\n{result.stderr}"
    return [item for item in yaml.safe_load_all(result.stdout) if item]


# The answers that shape the manifests: auth (three shapes of secrets) and metrics
# (annotations, the blocked route).
AUTH_SHAPES = {"none": "none", "api_key": "api_key", "basic": "users", "jwt": "users"}


def manifest_shape(answers: dict[str, Any]) -> tuple[str, bool]:
    return AUTH_SHAPES[answers["auth"]], answers["metrics"]


@pytest.fixture(scope="module")
def kubernetes_projects(
    distinct_projects: list[Rendered],
    template_snapshot: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> list[Rendered]:
    """One project per distinct `deploy/kubernetes` tree: most answers leave it alone. The
    render matrix gives the deploy targets to each framework in turn; a shape of the
    manifests it leaves out is rendered here, with the matrix's first Kubernetes project's
    other answers."""
    if shutil.which("kubectl") is None:
        pytest.fail(KUBECTL_MISSING, pytrace=False)
    with_kubernetes = [
        project
        for project in distinct_projects
        if (project.path / "deploy" / "kubernetes").is_dir()
    ]
    assert with_kubernetes, "no rendered project has deploy/kubernetes"
    variants = [
        {"auth": auth, "metrics": metrics} for auth in AUTH_SHAPES for metrics in (True, False)
    ]
    output = tmp_path_factory.mktemp("kubernetes-shapes")
    projects = with_every_shape(
        with_kubernetes, manifest_shape, variants, template_snapshot, output
    )
    trees: dict[str, Rendered] = {}
    for project in projects:
        trees.setdefault(tree_digest(project.path / "deploy" / "kubernetes"), project)
    return list(trees.values())


@pytest.fixture(scope="module")
def overlays(kubernetes_projects: list[Rendered]) -> list[RenderedOverlay]:
    return [
        RenderedOverlay(
            project, name, kustomize(project.path / "deploy" / "kubernetes" / "overlays" / name)
        )
        for project in kubernetes_projects
        for name in OVERLAYS
    ]


# Where each ORM's service bounds the readiness check's wait on the database.
READY_TIMEOUTS = {
    "sqlalchemy": lambda package: (package / "database.py", "READY_CHECK_TIMEOUT_SECONDS"),
    "django": lambda package: (package / "db" / "postgresql" / "base.py", "CONNECT_WAIT_SECONDS"),
}


def module_constant(path: Path, name: str) -> Any:
    """A module-level constant of a rendered file, read without importing it."""
    for statement in ast.parse(path.read_text()).body:
        if (
            isinstance(statement, ast.Assign)
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id == name
        ):
            return ast.literal_eval(statement.value)
    raise AssertionError(f"{path} has no constant {name}")


def dockerfile_user(project: Path) -> tuple[int, int]:
    (user,) = re.findall(r"^USER (\d+):(\d+)$", (project / "Dockerfile").read_text(), re.M)
    return int(user[0]), int(user[1])


def pod_specs(overlay: RenderedOverlay) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "Deployment", overlay.deployment["spec"]["template"]["spec"]
    yield "Job", overlay.job["spec"]["template"]["spec"]


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return all(labels.get(key) == value for key, value in selector.items())


def matches_label_query(query: str, labels: dict[str, str]) -> bool:
    """kubectl's `--selector` for the forms the Makefile uses: `k=v` and `k!=v`, joined
    by commas; `k!=v` also matches objects without the label, as in Kubernetes."""
    for requirement in query.split(","):
        if "!=" in requirement:
            key, value = requirement.split("!=")
            if labels.get(key) == value:
                return False
        else:
            key, value = requirement.split("=")
            if labels.get(key) != value:
                return False
    return True


def secret_references(container: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        variable["name"]: variable["valueFrom"]["secretKeyRef"]
        for variable in container.get("env", [])
        if "secretKeyRef" in variable.get("valueFrom", {})
    }


# ── rendering and schemas ────────────────────────────────────────────────────────────────


def test_every_answer_that_shapes_the_manifests_is_covered(
    kubernetes_projects: list[Rendered],
) -> None:
    # The de-duplicated trees must still cover every shape.
    shapes = {manifest_shape(item.answers) for item in kubernetes_projects}
    assert len(shapes) == 6, sorted(shapes)


def test_every_object_validates_against_the_kubernetes_schemas(
    overlays: list[RenderedOverlay],
) -> None:
    failures = []
    for overlay in overlays:
        assert {item["kind"] for item in overlay.objects} == EXPECTED_KINDS, overlay.where
        for item in overlay.objects:
            for version in KUBERNETES_VERSIONS:
                try:
                    kubernetes_validate.validate(item, version, strict=True)
                except kubernetes_validate.ValidationError as error:
                    path = ".".join(str(part) for part in error.path)
                    failures.append(
                        f"{overlay.where}: {item['kind']} {path}: {error.message} ({version})"
                    )
                except kubernetes_validate.SchemaNotFoundError as error:
                    # The command line only warns here; an unknown apiVersion is an error.
                    failures.append(f"{overlay.where}: {error.message}")
    assert not failures, "\n".join(failures[:20])


def test_each_overlay_has_its_own_namespace(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        namespace = f"{SLUG}-{overlay.name}"
        assert overlay.one("Namespace")["metadata"]["name"] == namespace, overlay.where
        labels = overlay.one("Namespace")["metadata"]["labels"]
        assert labels["pod-security.kubernetes.io/enforce"] == "restricted", overlay.where
        for item in overlay.objects:
            if item["kind"] != "Namespace":
                assert item["metadata"]["namespace"] == namespace, (overlay.where, item["kind"])
            assert item["metadata"]["labels"]["app.kubernetes.io/name"] == SLUG, overlay.where
            assert item["metadata"]["labels"]["app.kubernetes.io/part-of"] == SLUG, overlay.where


# ── the pods ─────────────────────────────────────────────────────────────────────────────


def test_probes_use_the_service_routes(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        container = overlay.server
        (port,) = container["ports"]
        assert (port["name"], port["containerPort"]) == ("http", 8000), overlay.where
        probes = {
            kind: container[kind]["httpGet"]
            for kind in ("startupProbe", "livenessProbe", "readinessProbe")
        }
        assert probes["startupProbe"]["path"] == "/health", overlay.where
        assert probes["livenessProbe"]["path"] == "/health", overlay.where
        assert probes["readinessProbe"]["path"] == "/ready", overlay.where
        assert {probe["port"] for probe in probes.values()} == {"http"}, overlay.where
        # The readiness route waits this long on the database before answering 503.
        ready_timeout = module_constant(
            *READY_TIMEOUTS[overlay.project.answers["orm"]](overlay.project.path / "src" / PACKAGE)
        )
        assert container["readinessProbe"]["timeoutSeconds"] > ready_timeout, overlay.where


def test_pods_run_restricted_as_the_dockerfile_user(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        uid, gid = dockerfile_user(overlay.project.path)
        for workload, pod in pod_specs(overlay):
            where = f"{overlay.where} {workload}"
            assert pod["automountServiceAccountToken"] is False, where
            assert pod["serviceAccountName"] == SLUG, where
            tmp_volumes = {volume["name"] for volume in pod["volumes"] if "emptyDir" in volume}
            for container in pod["containers"]:
                # What the container runs with: its own settings win over the pod's.
                context = {**pod.get("securityContext", {}), **container["securityContext"]}
                assert context["runAsNonRoot"] is True, where
                assert (context["runAsUser"], context["runAsGroup"]) == (uid, gid), where
                assert context["seccompProfile"] == {"type": "RuntimeDefault"}, where
                assert context["readOnlyRootFilesystem"] is True, where
                assert context["allowPrivilegeEscalation"] is False, where
                assert context["capabilities"] == {"drop": ["ALL"]}, where
                mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
                assert mounts.get("/tmp") in tmp_volumes, where
                resources = container["resources"]
                assert {"cpu", "memory"} <= set(resources["requests"]), where
                assert {"cpu", "memory"} <= set(resources["limits"]), where


def test_grace_period_covers_the_prestop_sleep_and_the_server_shutdown(
    overlays: list[RenderedOverlay],
) -> None:
    for overlay in overlays:
        shutdown = module_constant(
            overlay.project.path / "src" / PACKAGE / "serve.py", "GRACEFUL_SHUTDOWN_SECONDS"
        )
        pause = overlay.server["lifecycle"]["preStop"]["sleep"]["seconds"]
        grace = overlay.deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
        assert pause > 0, overlay.where
        assert grace >= pause + shutdown, (overlay.where, grace, pause, shutdown)


def test_the_server_listens_on_all_interfaces_on_its_container_port(
    overlays: list[RenderedOverlay],
) -> None:
    for overlay in overlays:
        values = {item["name"]: item.get("value") for item in overlay.server["env"]}
        assert values["HOST"] == "0.0.0.0", overlay.where
        assert int(values["PORT"]) == overlay.server["ports"][0]["containerPort"], overlay.where


# ── configuration and secrets ────────────────────────────────────────────────────────────


def test_no_secret_value_in_any_manifest(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        assert "Secret" not in {item["kind"] for item in overlay.objects}, overlay.where
        config = overlay.one("ConfigMap")["data"]
        assert not SECRET_VARIABLES & set(config), overlay.where
        for workload, pod in pod_specs(overlay):
            for container in pod["containers"]:
                where = f"{overlay.where} {workload}"
                assert all("secretRef" not in source for source in container["envFrom"]), where
                for variable in container["env"]:
                    if variable["name"] in SECRET_VARIABLES:
                        assert "value" not in variable, (where, variable["name"])
                for name, reference in secret_references(container).items():
                    assert reference["name"] == SECRET_NAME, (where, name)
                    assert reference["key"] == name, (where, name)


def test_secret_references_follow_the_auth_answer(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        answers = overlay.project.answers
        auth = answers["auth"]
        references = secret_references(overlay.server)
        required = {"SECRET_KEY", "DATABASE_URL"} | ({"API_KEYS"} if auth == "api_key" else set())
        # An admin user for the API's own auth, or for Django's admin site.
        creates_admin = auth in ("basic", "jwt") or answers.get("admin_site", False)
        optional = {"ADMIN_USERNAME", "ADMIN_PASSWORD"} if creates_admin else set()
        assert set(references) == required | optional, (overlay.where, sorted(references))
        for name, reference in references.items():
            assert reference.get("optional", False) == (name in optional), (overlay.where, name)


def test_every_variable_set_is_a_setting_the_service_reads(
    overlays: list[RenderedOverlay],
) -> None:
    for overlay in overlays:
        known = settings_variables(overlay.project.path, PACKAGE)
        config_map = overlay.one("ConfigMap")
        config = config_map["data"]
        assert set(config) <= known, (overlay.where, sorted(set(config) - known))
        assert config["ENVIRONMENT"] == "production", overlay.where
        assert config["LOG_FORMAT"] == "json", overlay.where
        for workload, pod in pod_specs(overlay):
            for container in pod["containers"]:
                names = {variable["name"] for variable in container["env"]}
                assert names <= known, (overlay.where, workload, sorted(names - known))
                (source,) = container["envFrom"]
                assert source["configMapRef"]["name"] == config_map["metadata"]["name"], (
                    overlay.where,
                    workload,
                )


def test_overlays_set_their_environment(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        config = overlay.one("ConfigMap")["data"]
        hpa = overlay.one("HorizontalPodAutoscaler")["spec"]
        ingress = overlay.one("Ingress")["metadata"]["annotations"]
        if overlay.name == "dev":
            assert config["LOG_LEVEL"] == "DEBUG", overlay.where
            assert hpa["minReplicas"] == 1, overlay.where
            assert ingress["alb.ingress.kubernetes.io/scheme"] == "internal", overlay.where
        else:
            assert config["LOG_LEVEL"] == "INFO", overlay.where
            assert config["FORCE_HTTPS"] == "true", overlay.where
            assert hpa["minReplicas"] >= 2, overlay.where
            assert ingress["alb.ingress.kubernetes.io/scheme"] == "internet-facing", overlay.where
            listen = ingress["alb.ingress.kubernetes.io/listen-ports"]
            assert '{"HTTPS": 443}' in listen, overlay.where
            assert ingress["alb.ingress.kubernetes.io/certificate-arn"].startswith(
                "arn:aws:acm:"
            ), overlay.where
        role = overlay.one("ServiceAccount")["metadata"]["annotations"]
        assert role["eks.amazonaws.com/role-arn"].startswith("arn:aws:iam::"), overlay.where


# ── how the objects refer to each other ──────────────────────────────────────────────────


def test_the_migration_job_runs_the_migrations_once_with_the_server_image(
    overlays: list[RenderedOverlay],
) -> None:
    for overlay in overlays:
        pod = overlay.job["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        migrate = MIGRATIONS[overlay.project.answers["orm"]].command.split()
        assert container["command"] == migrate, overlay.where
        assert container["image"] == overlay.server["image"], overlay.where
        assert pod["restartPolicy"] == "Never", overlay.where
        assert container["envFrom"] == overlay.server["envFrom"], overlay.where
        references = set(secret_references(container))
        assert references == {"SECRET_KEY", "DATABASE_URL"}, overlay.where
        assert overlay.job["spec"]["activeDeadlineSeconds"] > 0, overlay.where
        # Its pod must not count as a server pod: no traffic, no disruption budget.
        job_labels = overlay.job["spec"]["template"]["metadata"]["labels"]
        for selector in (
            overlay.one("Service")["spec"]["selector"],
            overlay.one("PodDisruptionBudget")["spec"]["selector"]["matchLabels"],
            overlay.deployment["spec"]["selector"]["matchLabels"],
        ):
            assert not selects(selector, job_labels), overlay.where


def test_autoscaler_budget_and_service_select_the_server_pods(
    overlays: list[RenderedOverlay],
) -> None:
    for overlay in overlays:
        deployment = overlay.deployment
        pod_labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert selects(deployment["spec"]["selector"]["matchLabels"], pod_labels), overlay.where
        # The autoscaler owns the replica count: a number here would reset it on apply.
        assert "replicas" not in deployment["spec"], overlay.where

        hpa = overlay.one("HorizontalPodAutoscaler")
        assert hpa["apiVersion"] == "autoscaling/v2", overlay.where
        target = hpa["spec"]["scaleTargetRef"]
        assert (target["apiVersion"], target["kind"], target["name"]) == (
            deployment["apiVersion"],
            "Deployment",
            deployment["metadata"]["name"],
        ), overlay.where
        assert 1 <= hpa["spec"]["minReplicas"] <= hpa["spec"]["maxReplicas"], overlay.where

        budget = overlay.one("PodDisruptionBudget")["spec"]
        assert selects(budget["selector"]["matchLabels"], pod_labels), overlay.where
        # A budget that allows no eviction at the autoscaler's minimum blocks node drains.
        if "minAvailable" in budget:
            assert budget["minAvailable"] < hpa["spec"]["minReplicas"], overlay.where
        else:
            assert budget["maxUnavailable"] >= 1, overlay.where

        service = overlay.one("Service")["spec"]
        assert selects(service["selector"], pod_labels), overlay.where
        port_names = {port["name"] for port in overlay.server["ports"]}
        assert {port["targetPort"] for port in service["ports"]} <= port_names, overlay.where


def test_the_ingress_sends_traffic_to_the_service(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        ingress = overlay.one("Ingress")
        annotations = ingress["metadata"]["annotations"]
        assert ingress["spec"]["ingressClassName"] == "alb", overlay.where
        assert annotations["alb.ingress.kubernetes.io/target-type"] == "ip", overlay.where
        health_check = annotations["alb.ingress.kubernetes.io/healthcheck-path"]
        assert health_check == "/health", overlay.where
        service = overlay.one("Service")
        (rule,) = ingress["spec"]["rules"]
        (root,) = [path for path in rule["http"]["paths"] if path["path"] == "/"]
        backend = root["backend"]["service"]
        assert backend["name"] == service["metadata"]["name"], overlay.where
        service_ports = {port["name"] for port in service["spec"]["ports"]}
        service_ports |= {port["port"] for port in service["spec"]["ports"]}
        assert next(iter(backend["port"].values())) in service_ports, overlay.where


def test_metrics_are_scraped_inside_the_cluster_only(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        annotations = overlay.deployment["spec"]["template"]["metadata"].get("annotations", {})
        ingress = overlay.one("Ingress")
        paths = {path["path"]: path for path in ingress["spec"]["rules"][0]["http"]["paths"]}
        if overlay.project.answers["metrics"]:
            assert annotations["prometheus.io/scrape"] == "true", overlay.where
            assert annotations["prometheus.io/path"] == "/metrics", overlay.where
            assert int(annotations["prometheus.io/port"]) == 8000, overlay.where
            blocked = paths["/metrics"]
            assert blocked["pathType"] == "Exact", overlay.where
            action = blocked["backend"]["service"]["name"]
            port = blocked["backend"]["service"]["port"]
            assert port == {"name": "use-annotation"}, overlay.where
            response = yaml.safe_load(
                ingress["metadata"]["annotations"][f"alb.ingress.kubernetes.io/actions.{action}"]
            )
            assert response["type"] == "fixed-response", overlay.where
            assert response["fixedResponseConfig"]["statusCode"] == "404", overlay.where
        else:
            scraping = [key for key in annotations if key.startswith("prometheus.io/")]
            assert not scraping, overlay.where
            assert "/metrics" not in paths, overlay.where


# ── the rollout the generated Makefile runs ─────────────────────────────────────────────


def make_commands(project: Path, target: str, overlay: str) -> list[list[str]]:
    """The commands `make <target>` would run, without running them."""
    result = subprocess.run(
        ["make", "--dry-run", target, f"OVERLAY={overlay}"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    joined = result.stdout.replace("\\\n", " ")
    commands = []
    for line in joined.splitlines():
        # A command's fallback (`|| { ...; exit 1; }`) reports a failure; the rollout
        # order is in what comes before it.
        words = shlex.split(line.split("||")[0])
        if words:
            commands.append(words)
    return commands


def option(words: list[str], name: str) -> str:
    for index, word in enumerate(words):
        if word == name:
            return words[index + 1]
        if word.startswith(f"{name}="):
            return word.split("=", 1)[1]
    raise AssertionError(f"{name} missing from {shlex.join(words)}")


def test_k8s_render_prints_the_overlay(kubernetes_projects: list[Rendered]) -> None:
    project = kubernetes_projects[0].path
    for overlay in OVERLAYS:
        (command,) = make_commands(project, "k8s-render", overlay)
        assert command == ["kubectl", "kustomize", f"deploy/kubernetes/overlays/{overlay}"]


def test_k8s_deploy_migrates_before_it_rolls_out(overlays: list[RenderedOverlay]) -> None:
    for overlay in overlays:
        delete, first, wait, second, rollout = make_commands(
            overlay.project.path, "k8s-deploy", overlay.name
        )
        job = overlay.job["metadata"]
        namespace = job["namespace"]
        assert delete[:3] == ["kubectl", "delete", f"job/{job['name']}"], overlay.where
        assert option(delete, "--namespace") == namespace, overlay.where
        assert wait[:3] == ["kubectl", "wait", f"job/{job['name']}"], overlay.where
        assert option(wait, "--namespace") == namespace, overlay.where
        assert option(wait, "--for") == "condition=complete", overlay.where
        assert rollout[:4] == [
            "kubectl",
            "rollout",
            "status",
            f"deployment/{overlay.deployment['metadata']['name']}",
        ], overlay.where
        assert option(rollout, "--namespace") == namespace, overlay.where

        phases = []
        for apply in (first, second):
            assert apply[:2] == ["kubectl", "apply"], overlay.where
            folder = option(apply, "--kustomize")
            assert folder == f"deploy/kubernetes/overlays/{overlay.name}", overlay.where
            query = option(apply, "--selector")
            phases.append(
                {
                    item["kind"]
                    for item in overlay.objects
                    if matches_label_query(query, item["metadata"]["labels"])
                }
            )
        # First what the Job needs and the Job; then everything else, the Job left alone.
        assert phases[0] == {"Namespace", "ServiceAccount", "ConfigMap", "Job"}, overlay.where
        assert phases[1] == EXPECTED_KINDS - {"Job"}, overlay.where
