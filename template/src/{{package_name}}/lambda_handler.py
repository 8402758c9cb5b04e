"""AWS Lambda entry points (template.yaml): `handler` answers API Gateway events with the
service's app, `migrate` applies the database migrations once per deploy.

An execution environment answers one event at a time, many events in a row, until Lambda
discards it. What a server does once at start-up (settings, logging, the engine, the admin
user, gc.freeze) is done here once per environment, at its cold start, never per event.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import cache
from pathlib import Path

from mangum import Mangum
from mangum.adapter import DEFAULT_TEXT_MIME_TYPES
from mangum.protocols import LifespanCycle
from mangum.types import LambdaContext, LambdaEvent

from .logs import SERVICE_HANDLER, configure_logging
from .settings import Settings, load_settings_or_exit
from .web.app import create_app

# `make build-ApiFunction` puts alembic.ini and migrations/ beside the package.
ALEMBIC_CONFIG = Path(__file__).resolve().parents[1] / "alembic.ini"

# Bodies of other types go back to API Gateway base64-encoded, and a REST API (v1) without
# binary media types would hand clients the base64 text: problem details are JSON text too.
TEXT_MIME_TYPES = [*DEFAULT_TEXT_MIME_TYPES, "application/problem+json"]

# Lives as long as the execution environment: Lambda freezes and then discards it without
# a shutdown hook, so the app started in it is never stopped (the database drops the
# connection; the pool's pre-ping replaces a dead one after a long freeze).
_environment = ExitStack()


@contextmanager
def serving(settings: Settings) -> Iterator[Mangum]:
    """The app, started once, behind the event handler of the framework's adapter."""
    # asyncpg connections belong to the event loop that opened them, so every event of an
    # environment must run on one loop. Mangum runs each event on the current loop, found
    # with asyncio.get_event_loop(), which warns (3.12+) when no loop is set: set one.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        app = create_app(settings)
        # Mangum logs every answered event; the service writes its own access line.
        logging.getLogger("mangum").setLevel(logging.WARNING)
        # Mangum's default (lifespan="auto") starts and stops the app around every event: a
        # new engine, an admin check and gc.freeze each time. Start it once here instead.
        with LifespanCycle(app, "on"):
            yield Mangum(app, lifespan="off", text_mime_types=TEXT_MIME_TYPES)
    finally:
        asyncio.set_event_loop(None)
        loop.close()


@cache
def _environment_handler() -> Mangum:
    settings = load_settings_or_exit()
    handler = _environment.enter_context(serving(settings))
    _keep_only_service_log_handler()
    return handler


def __getattr__(name: str) -> Mangum:
    # The Lambda runtime looks `handler` up during the environment's INIT phase, so the
    # cold start happens there (and in provisioned concurrency, before any request).
    # Importing the module builds nothing: `migrate` runs before the tables that start-up
    # reads exist.
    if name == "handler":
        return _environment_handler()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def migrate(event: LambdaEvent, context: LambdaContext) -> dict[str, str]:
    """Apply pending migrations (`sam remote invoke MigrateFunction` after each deploy)."""
    # Imported here, not at the top: Alembic, with the Mako and SQL dialect modules it
    # loads, would add a sixth to every cold start of the API function.
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    settings = load_settings_or_exit()
    configure_logging(settings.log_level, settings.effective_log_format)
    _keep_only_service_log_handler()
    config = Config(str(ALEMBIC_CONFIG))
    command.upgrade(config, "head")
    return {"revision": ScriptDirectory.from_config(config).get_current_head() or ""}


def _keep_only_service_log_handler() -> None:
    # The Lambda runtime adds a text handler to the root logger before importing this
    # module; beside the service's JSON handler it would write every line twice.
    root = logging.getLogger()
    root.handlers[:] = [each for each in root.handlers if each.get_name() == SERVICE_HANDLER]
