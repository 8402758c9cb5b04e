"""Generate a project at a release, edit it as a user would, and update it with Copier:
the steps the upgrade tests (tests/test_update.py) and the contract suite's updated
service share."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import copier
import yaml

from tests.support.releases import git

ANSWERS_FILE = ".copier-answers.yml"
CONFLICT_MARKER = re.compile(r"^(<<<<<<<|>>>>>>>) ", re.MULTILINE)


def generate(template: Path, answers: dict[str, Any], ref: str, destination: Path) -> Path:
    copier.run_copy(
        str(template),
        destination,
        data=answers,
        vcs_ref=ref,
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    return destination


def commit_all(project: Path, message: str) -> None:
    if not (project / ".git").exists():
        git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def update(project: Path) -> None:
    copier.run_update(
        project,
        vcs_ref="HEAD",
        defaults=True,
        overwrite=True,
        skip_answered=True,
        unsafe=True,
        quiet=True,
    )


def tree(project: Path) -> dict[str, str]:
    """Every file but git's, with the answers file's `_commit` line (which names the
    template commit it was made from) left out."""
    files = {}
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if path.is_file() and relative.parts[0] != ".git":
            text = path.read_text()
            if relative.name == ANSWERS_FILE:
                text = "".join(
                    line for line in text.splitlines(True) if not line.startswith("_commit:")
                )
            files[str(relative)] = text
    return files


def conflicts(project: Path) -> list[str]:
    """Files holding conflict markers, and Copier's `.rej` leftovers."""
    found = [str(path.relative_to(project)) for path in project.rglob("*.rej")]
    for relative, text in tree(project).items():
        if CONFLICT_MARKER.search(text):
            found.append(relative)
    return found


def difference(left: dict[str, str], right: dict[str, str]) -> str:
    lines = [f"only in the update: {name}" for name in sorted(left.keys() - right.keys())]
    lines += [f"only in the fresh render: {name}" for name in sorted(right.keys() - left.keys())]
    for name in sorted(left.keys() & right.keys()):
        if left[name] != right[name]:
            lines += difflib.unified_diff(
                right[name].splitlines(), left[name].splitlines(), name, name, lineterm=""
            )
    return "\n".join(lines[:200])


# ── what users edit ─────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class OwnRoute:
    """`GET /api/v1/status`, added as a user of the framework would add it: a module of
    its own, plugged in next to the items routes, and a test of it."""

    module: str  # the new module, below the package
    source: str
    test: str
    # The module that plugs it in, below the package; none where the framework finds the
    # new module by itself.
    registry: str = ""
    import_after: str = ""  # a pattern for the import line the new import follows
    new_import: str = ""
    anchor: str = ""  # an exact line of the registry
    registered: str = ""  # what replaces that line: it and the new registration


ASYNC_STATUS_TEST = '''"""Tests of our own route."""

from httpx import AsyncClient


async def test_status_route_answers(client: AsyncClient) -> None:
    response = await client.get("/api/v1/status")
    assert response.status_code == 200
    assert response.json() == {"status": "serving"}
'''

SYNC_STATUS_TEST = '''"""Tests of our own route."""

from httpx import Client


def test_status_route_answers(client: Client) -> None:
    response = client.get("/api/v1/status")
    assert response.status_code == 200
    assert response.json() == {"status": "serving"}
'''

ASYNC_STATUS_TEST = '''"""Tests of our own route."""

from httpx import AsyncClient


async def test_status_route_answers(client: AsyncClient) -> None:
    response = await client.get("/api/v1/status")
    assert response.status_code == 200
    assert response.json() == {"status": "serving"}
'''

OWN_ROUTES = {
    "fastapi": OwnRoute(
        module="web/routes/status.py",
        source='''"""Our own route, added after generation."""

from fastapi import APIRouter

router = APIRouter(tags=["status"])


@router.get("/status")
async def status() -> dict[str, str]:
    return {"status": "serving"}
''',
        registry="web/app.py",
        import_after=r"^from \.routes import .*\n",
        new_import="from .routes.status import router as status_router\n",
        anchor='    app.include_router(items.router, prefix="/api/v1")\n',
        registered=(
            '    app.include_router(items.router, prefix="/api/v1")\n'
            '    app.include_router(status_router, prefix="/api/v1")\n'
        ),
        test=ASYNC_STATUS_TEST,
    ),
    "starlette": OwnRoute(
        module="web/routes/status.py",
        source='''"""Our own route, added after generation."""

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route


async def status(request: Request) -> JSONResponse:
    """Whether the service is serving."""
    return JSONResponse({"status": "serving"})


routes = [Route("/status", status, methods=["GET"])]
''',
        registry="web/app.py",
        import_after=r"^from \.routes import .*\n",
        new_import="from .routes.status import routes as status_routes\n",
        anchor="            *items.routes,\n",
        registered="            *items.routes,\n            *status_routes,\n",
        test=ASYNC_STATUS_TEST,
    ),
    "flask": OwnRoute(
        module="web/routes/status.py",
        source='''"""Our own route, added after generation."""

from apiflask import APIBlueprint

bp = APIBlueprint("status", __name__, tag="status")


@bp.get("/status")
def status() -> dict[str, str]:
    return {"status": "serving"}
''',
        registry="web/app.py",
        import_after=r"^from \.routes import .*\n",
        new_import="from .routes.status import bp as status_bp\n",
        anchor='    app.register_blueprint(items.bp, url_prefix="/api/v1/items")\n',
        registered=(
            '    app.register_blueprint(items.bp, url_prefix="/api/v1/items")\n'
            '    app.register_blueprint(status_bp, url_prefix="/api/v1")\n'
        ),
        test=SYNC_STATUS_TEST,
    ),
    "quart": OwnRoute(
        module="web/routes/status.py",
        source='''"""Our own route, added after generation."""

from quart import Blueprint
from quart_schema import tag_blueprint

bp = Blueprint("status", __name__)
tag_blueprint(bp, ["status"])


@bp.get("/status")
async def status() -> dict[str, str]:
    return {"status": "serving"}
''',
        registry="web/app.py",
        import_after=r"^from \.routes import .*\n",
        new_import="from .routes.status import bp as status_bp\n",
        anchor='    app.register_blueprint(items.bp, url_prefix="/api/v1/items")\n',
        registered=(
            '    app.register_blueprint(items.bp, url_prefix="/api/v1/items")\n'
            '    app.register_blueprint(status_bp, url_prefix="/api/v1")\n'
        ),
        test=ASYNC_STATUS_TEST,
    ),
    "drf": OwnRoute(
        module="web/views/status.py",
        source='''"""Our own route, added after generation."""

from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response


class StatusSerializer(serializers.Serializer):
    status = serializers.CharField()


class StatusView(GenericAPIView):
    authentication_classes = ()
    permission_classes = (AllowAny,)
    serializer_class = StatusSerializer

    def get(self, request: Request) -> Response:
        return Response(self.get_serializer({"status": "serving"}).data)
''',
        registry="web/urls.py",
        import_after=r"^from \.views\.items import .*\n",
        new_import="from .views.status import StatusView\n",
        anchor="    *router.urls,\n",
        registered=(
            '    path("status", StatusView.as_view(), name="status"),\n    *router.urls,\n'
        ),
        test=SYNC_STATUS_TEST,
    ),
    "falcon": OwnRoute(
        module="web/routes/status.py",
        source='''"""Our own route, added after generation."""

from typing import Literal

from falcon.asgi import Request, Response
from pydantic import BaseModel
from spectree import Response as Answers

from ..openapi import spec


class Status(BaseModel):
    status: Literal["serving"]


class StatusResource:
    @spec.validate(resp=Answers(HTTP_200=Status), tags=["status"])
    async def on_get(self, req: Request, resp: Response) -> None:
        resp.media = Status(status="serving")
''',
        registry="web/app.py",
        import_after=r"^from \.routes import .*\n",
        new_import="from .routes.status import StatusResource\n",
        anchor="    items.add_routes(app)\n",
        registered=(
            '    items.add_routes(app)\n    app.add_route("/api/v1/status", StatusResource())\n'
        ),
        test=ASYNC_STATUS_TEST,
    ),
    # BlackSheep imports every module of routes/ beside the app module when the app is
    # created, and a controller adds its routes itself: nothing else to edit.
    "blacksheep": OwnRoute(
        module="web/routes/status.py",
        source='''"""Our own route, added after generation."""

from blacksheep.server.controllers import APIController

from . import get


class Status(APIController):
    @classmethod
    def version(cls) -> str:
        return "v1"

    @get("")
    async def status(self) -> dict[str, str]:
        return {"status": "serving"}
''',
        test=ASYNC_STATUS_TEST,
    ),
    "django_ninja": OwnRoute(
        module="web/routers/status.py",
        source='''"""Our own route, added after generation."""

from django.http import HttpRequest
from ninja import Router

router = Router(tags=["status"])


@router.get("", auth=None)
def status(request: HttpRequest) -> dict[str, str]:
    return {"status": "serving"}
''',
        registry="web/api.py",
        import_after=r"^from \.routers import .*\n",
        new_import="from .routers.status import router as status_router\n",
        anchor='api.add_router("/api/v1/items", items.router)\n',
        registered=(
            'api.add_router("/api/v1/items", items.router)\n'
            'api.add_router("/api/v1/status", status_router)\n'
        ),
        test=SYNC_STATUS_TEST,
    ),
    "litestar": OwnRoute(
        module="web/routes/status.py",
        source='''"""Our own route, added after generation."""

from litestar import get


@get("/status", tags=["status"], sync_to_thread=False)
def status() -> dict[str, str]:
    return {"status": "serving"}
''',
        registry="web/app.py",
        import_after=r"^from \.routes import .*\n",
        new_import="from .routes.status import status\n",
        anchor="            items.ItemController,\n",
        registered="            items.ItemController,\n            status,\n",
        test=ASYNC_STATUS_TEST,
    ),
}

USER_DESCRIPTION = "Our team's orders service: it keeps the shop's catalogue and prices."
USER_DEPENDENCY = '    "humanize==4.17.0",'
USER_POOL_RECYCLE = "    db_pool_recycle: int = Field(default=3600, gt=0)"
DELETED_FILE = ".pre-commit-config.yaml"


@dataclass
class UserEdits:
    """What a user changed, so a test can find each change again after the update."""

    added_files: dict[str, str] = field(default_factory=dict)
    added_lines: dict[str, list[str]] = field(default_factory=dict)
    deleted_files: list[str] = field(default_factory=list)

    def touched(self) -> set[str]:
        return set(self.added_files) | set(self.added_lines) | set(self.deleted_files)


def replace_line(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{path}: expected exactly one {old!r}"
    path.write_text(text.replace(old, new))


def make_user_edits(project: Path) -> UserEdits:
    """A new route with its test, a changed setting, an extra dependency, an edited README
    section and a deleted file: the everyday edits of a service's first weeks."""
    answers = yaml.safe_load((project / ANSWERS_FILE).read_text())
    package = answers["package_name"]
    edits = UserEdits()
    route = OWN_ROUTES[answers["framework"]]
    edits.added_files[f"src/{package}/{route.module}"] = route.source
    edits.added_files["tests/test_status.py"] = route.test
    for relative, text in edits.added_files.items():
        (project / relative).write_text(text)

    if route.registry:
        registry = project / "src" / package / route.registry
        replace_line(registry, route.anchor, route.registered)
        text = registry.read_text()
        import_line = re.search(route.import_after, text, re.MULTILINE)
        assert import_line, f"{registry}: no line matches {route.import_after!r}"
        registry.write_text(
            text[: import_line.end()] + route.new_import + text[import_line.end() :]
        )
        edits.added_lines[f"src/{package}/{route.registry}"] = [
            route.new_import.rstrip("\n"),
            *route.registered.splitlines(),
        ]

    settings = f"src/{package}/settings.py"
    replace_line(
        project / settings,
        "    db_pool_recycle: int = Field(default=1800, gt=0)",
        USER_POOL_RECYCLE,
    )
    edits.added_lines[settings] = [USER_POOL_RECYCLE]

    pyproject = project / "pyproject.toml"
    text = pyproject.read_text()
    end = text.index("\n]", text.index("dependencies = ["))
    pyproject.write_text(text[:end] + "\n" + USER_DEPENDENCY + text[end:])
    edits.added_lines["pyproject.toml"] = [USER_DEPENDENCY]

    replace_line(project / "README.md", answers["description"], USER_DESCRIPTION)
    edits.added_lines["README.md"] = [USER_DESCRIPTION]

    (project / DELETED_FILE).unlink()
    edits.deleted_files.append(DELETED_FILE)
    return edits


def added_by_template(old: dict[str, str], new: dict[str, str], name: str) -> list[str]:
    """Lines the template's newer version adds to a file (stripped, non-blank)."""
    diff = difflib.ndiff(old.get(name, "").splitlines(), new.get(name, "").splitlines())
    return [line[2:].strip() for line in diff if line.startswith("+ ") and line[2:].strip()]
