"""An ASGI request's body, read whole on the event loop before the app is called.

Reading it here means a client that sends its body slowly costs a coroutine, never a
thread or the app's time, and the body can be judged before anything acts on it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]


async def read_body(receive: Receive, max_body_bytes: int) -> bytes | None:
    """The body, read until it ends or is one byte past `max_body_bytes`; None when the
    client left (or was cut off) before sending all of it."""
    chunks = []
    size = 0
    more_body = True
    while more_body and size <= max_body_bytes:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        chunks.append(chunk)
        size += len(chunk)
        more_body = message.get("more_body", False)
    return b"".join(chunks)


def replaying(body: bytes, receive: Receive) -> Receive:
    """A `receive` that gives the app the body read, in one message, and then what the
    server sends (the disconnect)."""
    delivered = False

    async def receive_read_body() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive_read_body
