"""The ASGI app behind Mangum, AWS Lambda's adapter for ASGI (see lambda_handler.py)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from mangum import Mangum
from mangum.adapter import DEFAULT_TEXT_MIME_TYPES
from mangum.protocols import LifespanCycle

from .settings import Settings
from .web.app import create_app

# Bodies of other types go back to API Gateway base64-encoded, and a REST API (v1) without
# binary media types would hand clients the base64 text: problem details are JSON text too.
TEXT_MIME_TYPES = [*DEFAULT_TEXT_MIME_TYPES, "application/problem+json"]

LambdaHandler = Mangum


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
