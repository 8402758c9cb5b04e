"""Copier context hook: puts the framework catalog and the decision engine in every render.

copier.yml and the templates see:

- `catalog`: every Framework, keyed as in extensions/catalog.py;
- `experience_labels`: the experience question's values and their labels;
- `shared_dependencies`: the pinned requirement groups every generated project shares;
- `reserved_module_names`: the modules a generated project imports, which its package
  must not shadow;
- `recommendation`: the Recommendation for the answers given so far;
- `framework_problem(key)`: "" or the sentence refusing that framework for these answers;
- `deploy_targets_problem(targets)`: "" or the sentence refusing those deploy targets;
- `fw`: the chosen Framework, or None until the framework question is answered;
- `migrations`: how the project's ORM applies migrations (`command`) and the files it needs;
- `async_db` (with `db_async`, `db_await`): the shared SQLAlchemy core renders async;
- `sync_tests` (with `test_async`, `test_await`): the generated tests are synchronous.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from copier_template_extensions import ContextHook

_PACKAGE_DIR = Path(__file__).resolve().parent
_PACKAGE_NAME = "_trailhead_extensions"


def _load_sibling(module: str) -> ModuleType:
    """Import a module of this folder from this very file's location.

    Copier's loader runs this file by path, outside any package, so a relative import
    cannot work; and a plain `import extensions` could pick up another checkout of the
    template, since `copier update` renders the old and the new version in one process.
    The folder is therefore re-imported, under a private name, each time Copier loads
    this file.
    """
    for loaded in [name for name in sys.modules if name.partition(".")[0] == _PACKAGE_NAME]:
        del sys.modules[loaded]
    spec = importlib.util.spec_from_file_location(
        _PACKAGE_NAME, _PACKAGE_DIR / "__init__.py", submodule_search_locations=[str(_PACKAGE_DIR)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[_PACKAGE_NAME] = package
    spec.loader.exec_module(package)
    return importlib.import_module(f"{_PACKAGE_NAME}.{module}")


_decision = _load_sibling("decision")
_project = importlib.import_module(f"{_PACKAGE_NAME}.project")
_catalog = sys.modules[f"{_PACKAGE_NAME}.catalog"]


class TrailheadContext(ContextHook):
    def hook(self, context: dict[str, Any]) -> None:
        # Bound to the live context dict, so it reads whatever has been answered by the
        # time a validator calls it.
        def framework_problem(key: str) -> str:
            return _decision.framework_problem(key, context)

        def deploy_targets_problem(targets: Any) -> str:
            return _decision.deploy_targets_problem(targets, context.get("database"))

        context["catalog"] = _catalog.FRAMEWORKS
        context["experience_labels"] = _catalog.EXPERIENCE_LABELS
        context["reserved_module_names"] = _catalog.reserved_module_names()
        context["shared_dependencies"] = _catalog.SHARED_DEPENDENCIES
        context["recommendation"] = _decision.recommend(context)
        context["framework_problem"] = framework_problem
        context["deploy_targets_problem"] = deploy_targets_problem
        context["fw"] = _catalog.FRAMEWORKS.get(context.get("framework"))
        # Each framework's web layer lives in template/src/{{package_name}}/{{web_layer.<key>}}/:
        # the chosen one renders as `web`, the others as "" and Copier skips them.
        context["web_layer"] = {
            key: "web" if key == context.get("framework") else "" for key in _catalog.FRAMEWORKS
        }
        context["runtime_dependencies"] = _project.runtime_dependencies(context)
        context["dev_dependencies"] = _project.dev_dependencies(context)
        # The shared SQLAlchemy core (database.py, services/, migrations/env.py) is one
        # source: it renders `async def`/`await` for an ASGI framework, plain calls for a
        # WSGI one. `db_async` and `db_await` are those keywords, or "".
        context["async_db"] = _project.async_database(context)
        context["db_async"] = "async " if context["async_db"] else ""
        context["db_await"] = "await " if context["async_db"] else ""
        # The generated tests (template/tests/) are synchronous: plain `def` tests on an
        # httpx.Client with a WSGI transport. `test_async`/`test_await` are the keywords of
        # the asynchronous ones, or "".
        context["sync_tests"] = _project.synchronous_tests(context)
        context["test_async"] = "" if context["sync_tests"] else "async "
        context["test_await"] = "" if context["sync_tests"] else "await "
        # `(await client.get(...)).json()` is `client.get(...).json()` in a synchronous test.
        context["test_await_open"] = "" if context["sync_tests"] else "(await "
        context["test_await_close"] = "" if context["sync_tests"] else ")"
        context["test_client"] = "Client" if context["sync_tests"] else "AsyncClient"
        # Around the parameters of a test whose `async def` line is too long for one line
        # and whose plain `def` line is not, so both render as ruff formats them.
        context["test_wrap"] = "" if context["sync_tests"] else "\n    "
        context["test_unwrap"] = "" if context["sync_tests"] else "\n"
        # `migrations.command` applies pending migrations; `migrations.files` are copied
        # beside the installed package wherever that command runs (image, Lambda bundle).
        context["migrations"] = _catalog.MIGRATIONS[context.get("orm") or "sqlalchemy"]
        context["uv_version"] = _catalog.TOOL_VERSIONS["uv"]
        context["ruff_version"] = _catalog.TOOL_VERSIONS["ruff"]
        context["tool_versions"] = _catalog.TOOL_VERSIONS
