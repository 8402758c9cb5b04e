"""Build a generated project's Dockerfile with a real Docker engine and run the image the way
an orchestrator does.

No container registry is reachable from the test machines, so the official
``python:<version>-slim`` base cannot be pulled. The tests make their own: a minimal Debian
from ``debootstrap`` with Debian's Python, shaped where the Dockerfile relies on the
official image (a ``python`` command, ``pip`` allowed to install into the system,
``groupadd``/``useradd``, no documentation), imported with ``docker import`` and handed to
the Dockerfile through its ``PYTHON_IMAGE`` build argument. The debootstrap result is cached
under ``.cache/`` so that a local rerun skips it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from extensions.catalog import MIGRATIONS

from .project import TEMPLATE_ROOT
from .service import RunningService

ENGINE_TARGET = "make docker-engine"

# Debian 13 ships Python 3.13: the base image's Python decides which generated combination
# the container tests can build (the project's requires-python must accept it).
BASE_SUITE = "trixie"
BASE_PYTHON_VERSION = "3.13"
BASE_MIRROR = "http://deb.debian.org/debian"
BASE_PACKAGES = ("python3", "python3-pip", "python-is-python3")
# What Debian's slim images leave out, so the measured image size is comparable with one
# built on the official base; apt's package lists and downloaded archives go too.
BASE_TRIMMED = (
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
    "var/cache/apt/archives",
    "var/lib/apt/lists",
)
# Debian marks its Python as managed by apt (PEP 668); the official image has no marker and
# the Dockerfile's builder installs uv with the system pip.
EXTERNALLY_MANAGED_MARKER = f"usr/lib/python{BASE_PYTHON_VERSION}/EXTERNALLY-MANAGED"
# TLS to the package registries passes an intercepting proxy that only the host's bundle
# trusts; it replaces the image's bundle at the same path. Debian's pip reads the system
# bundle; uv reads SSL_CERT_FILE.
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
BASE_ENVIRONMENT = {
    # The Dockerfile extends PATH, so the image must set it, as the official one does.
    "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "LANG": "C.UTF-8",
    "SSL_CERT_FILE": str(HOST_CA_BUNDLE),
}
BASE_CACHE_DIR = TEMPLATE_ROOT / ".cache" / "docker-base"
DEBOOTSTRAP_TIMEOUT_SECONDS = 900

BUILD_TIMEOUT_SECONDS = 1200
# Test builds carry this label so that earlier builds left untagged can be pruned without
# touching anything else the engine holds.
TEST_IMAGE_LABEL = "org.trailhead.test-image"
PRUNE_LOCK = Path(tempfile.gettempdir()) / "trailhead-docker-prune.lock"

# Kubernetes' default terminationGracePeriodSeconds: `docker stop` waits as long before its
# SIGKILL.
STOP_GRACE_SECONDS = 30
KILLED_EXIT_CODE = 128 + signal.SIGKILL
MIGRATION_TIMEOUT_SECONDS = 120.0
# The Dockerfile's PORT; a one-off command listens on nothing, but the settings need a port.
IMAGE_DEFAULT_PORT = 8000
# What a pod gets from a restrictive securityContext: no writable root filesystem, a tmpfs
# for /tmp (an emptyDir), no capabilities, no privilege escalation, the image's own user.
POD_RESTRICTIONS = (
    "--read-only",
    "--tmpfs",
    "/tmp",
    "--cap-drop",
    "ALL",
    "--security-opt",
    "no-new-privileges",
)


class DockerEngineUnavailable(AssertionError):
    pass


def docker(*arguments: str, timeout: float = 120) -> str:
    """Run the docker CLI; its standard output, or a failure showing everything it said.

    Builds use the legacy builder: a docker CLI without the buildx plugin (the static
    client some machines carry) cannot reach BuildKit, and every client has the legacy one.
    """
    try:
        result = subprocess.run(
            ["docker", *arguments],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "DOCKER_BUILDKIT": "0"},
        )
    except FileNotFoundError:
        raise DockerEngineUnavailable(
            f"the docker command is not installed: run `{ENGINE_TARGET}` (as root)"
        ) from None
    if result.returncode != 0:
        raise AssertionError(
            f"docker {' '.join(arguments)} failed with exit code {result.returncode}:\n"
            f"{result.stdout[-6000:]}\n{result.stderr[-6000:]}"
        )
    return result.stdout


def require_engine() -> None:
    """Fail, naming the make target that starts one, unless a Docker engine answers."""
    try:
        docker("info", "--format", "{{.ServerVersion}}", timeout=30)
    except DockerEngineUnavailable:
        raise  # no client at all: its own message says so
    except (AssertionError, subprocess.TimeoutExpired) as error:
        raise DockerEngineUnavailable(
            f"no Docker engine answers: run `{ENGINE_TARGET}` (as root) to install and start"
            f" one.\n{error}"
        ) from None


def image_exists(reference: str) -> bool:
    try:
        docker("image", "inspect", reference)
    except AssertionError:
        return False
    return True


def image_size(reference: str) -> int:
    return int(docker("image", "inspect", "--format", "{{.Size}}", reference))


# ── the base image ───────────────────────────────────────────────────────────────────────


def _base_key() -> str:
    recipe = hashlib.sha256()
    for part in (BASE_SUITE, BASE_MIRROR, *BASE_PACKAGES, *BASE_TRIMMED):
        recipe.update(part.encode() + b"\0")
    recipe.update(HOST_CA_BUNDLE.read_bytes())
    return recipe.hexdigest()[:16]


def _bootstrap_root_filesystem(tarball: Path) -> None:
    """debootstrap a minimal Debian with Python, shape it like the official image, tar it."""
    BASE_CACHE_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BASE_CACHE_DIR, prefix="rootfs-") as workspace:
        root = Path(workspace) / "rootfs"
        result = subprocess.run(
            [
                "debootstrap",
                "--variant=minbase",
                f"--include={','.join(BASE_PACKAGES)}",
                BASE_SUITE,
                str(root),
                BASE_MIRROR,
            ],
            capture_output=True,
            text=True,
            timeout=DEBOOTSTRAP_TIMEOUT_SECONDS,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"debootstrap {BASE_SUITE} failed with exit code {result.returncode}"
                f" (it needs root and {BASE_MIRROR}):\n{result.stdout[-4000:]}\n"
                f"{result.stderr[-4000:]}"
            )
        for trimmed in BASE_TRIMMED:
            shutil.rmtree(root / trimmed)
            (root / trimmed).mkdir()
        (root / EXTERNALLY_MANAGED_MARKER).unlink()
        shutil.copyfile(HOST_CA_BUNDLE, root / HOST_CA_BUNDLE.relative_to("/"))
        # Written beside the root filesystem, then moved into place in one step: a
        # concurrent or interrupted run never sees half a tarball.
        partial = Path(workspace) / tarball.name
        subprocess.run(
            ["tar", "--numeric-owner", "--xattrs", "-C", str(root), "-cf", str(partial), "."],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        partial.rename(tarball)


def base_image() -> str:
    """The test base image's reference, importing (and first bootstrapping) it if needed."""
    key = _base_key()
    reference = f"trailhead-test-python:{BASE_PYTHON_VERSION}-{BASE_SUITE}-{key}"
    if image_exists(reference):
        return reference
    tarball = BASE_CACHE_DIR / f"{BASE_SUITE}-{key}.tar"
    if not tarball.exists():
        _bootstrap_root_filesystem(tarball)
    changes = [f"ENV {name}={value}" for name, value in BASE_ENVIRONMENT.items()]
    changes.append('CMD ["python3"]')
    docker(
        "import",
        *(option for change in changes for option in ("--change", change)),
        str(tarball),
        reference,
        timeout=600,
    )
    return reference


# ── the project's image ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class ContainerImage:
    reference: str
    base: str
    project: Path

    @property
    def size(self) -> int:
        return image_size(self.reference)

    @property
    def added_size(self) -> int:
        """What the Dockerfile puts on top of its base image."""
        return self.size - image_size(self.base)


def build_image(project: Path, base: str) -> ContainerImage:
    """``docker build`` a rendered, locked project on ``base``, the way its README says,
    plus the base image argument and the engine's constraints (legacy builder, host network).
    """
    reference = f"trailhead-test/{project.name}:latest"
    docker(
        "build",
        "--network",
        "host",
        "--build-arg",
        f"PYTHON_IMAGE={base}",
        "--label",
        TEST_IMAGE_LABEL,
        "--tag",
        reference,
        str(project),
        timeout=BUILD_TIMEOUT_SECONDS,
    )
    # A rebuild moves the tag; the image it leaves behind only takes disk space. The engine
    # refuses a second prune while one runs, and pytest workers build images side by side.
    with open(PRUNE_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        docker("image", "prune", "--force", "--filter", f"label={TEST_IMAGE_LABEL}")
    return ContainerImage(reference=reference, base=base, project=project)


# ── running it ───────────────────────────────────────────────────────────────────────────


class ContainerService(RunningService):
    """The image run like a pod: host network, the given settings as its environment and
    the pod's restrictions. ``docker run`` stays attached, so the container's output is
    collected like a process's; ``stop`` is ``docker stop`` with the pod's grace period.

    Settings reach the container by name only (``-e NAME``): their values stay in the
    docker client's environment and off its command line.
    """

    def __init__(
        self,
        image: ContainerImage,
        settings: Mapping[str, str],
        port: int,
        command: Sequence[str] = (),
        run_options: Sequence[str] = (),
    ) -> None:
        self.name = f"trailhead-test-{secrets.token_hex(4)}"
        super().__init__(image.project, settings, port)
        passed = sorted({*settings, "HOST", "PORT"})
        self.command = (
            "docker",
            "run",
            "--rm",
            "--name",
            self.name,
            "--network",
            "host",
            *POD_RESTRICTIONS,
            *(option for name in passed for option in ("--env", name)),
            *run_options,
            image.reference,
            *command,
        )

    def inspect(self, template: str) -> str:
        return docker("container", "inspect", "--format", template, self.name).strip()

    def _kill_group(self, signal_number: int) -> None:
        # Killing the attached client would leave the container running: signal the
        # container, then the client in case the container never came to be.
        with contextlib.suppress(AssertionError, subprocess.TimeoutExpired):
            docker("kill", "--signal", signal.Signals(signal_number).name, self.name)
        super()._kill_group(signal_number)

    def stop(self, check: bool = True) -> None:
        """``docker stop``: SIGTERM to the server, SIGKILL if it is still there after the
        grace period. With ``check``, fail if it took the SIGKILL."""
        if self._process is None or self._reader is None:
            return
        with contextlib.suppress(AssertionError):  # the container may have exited already
            docker("stop", "--time", str(STOP_GRACE_SECONDS), self.name, timeout=120)
        try:
            self.exit_code = self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._kill_group(signal.SIGKILL)
            self.exit_code = self._process.wait()
        self._reader.join(5)
        self._process = None
        if check and self.exit_code == KILLED_EXIT_CODE:
            raise AssertionError(
                f"container {self.name} did not exit within {STOP_GRACE_SECONDS} s of"
                f" SIGTERM; output:\n{self.output()}"
            )


def migrate(
    image: ContainerImage, settings: Mapping[str, str], run_options: Sequence[str] = ()
) -> None:
    """The ORM's migration command in a one-off container, as a Kubernetes Job runs it."""
    answers = yaml.safe_load((image.project / ".copier-answers.yml").read_text())
    command = MIGRATIONS[answers["orm"]].command
    job = ContainerService(
        image,
        settings,
        port=IMAGE_DEFAULT_PORT,
        command=tuple(command.split()),
        run_options=run_options,
    )
    job.launch()
    exit_code = job.wait_for_exit(MIGRATION_TIMEOUT_SECONDS)
    if exit_code != 0:
        raise AssertionError(
            f"{command} in {image.reference} exited with {exit_code}:\n{job.output()}"
        )
