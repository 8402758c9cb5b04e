"""How the ASGI bare apps serve themselves: with the generated service's uvicorn settings
(uvloop, httptools, one worker, no access log, no ``Server`` header), so that a bare app
and the service differ only in what the template adds."""

from __future__ import annotations

import os
from typing import Any

import uvicorn


def serve(app: Any) -> None:
    uvicorn.run(
        app,
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8001")),
        loop="uvloop",
        http="httptools",
        workers=1,
        access_log=False,
        server_header=False,
        log_level="warning",
    )
