"""What each server process does once, after Django is set up and before it serves."""

from __future__ import annotations

import gc

from django.conf import settings


def start() -> None:
    credentials = settings.SERVICE_SETTINGS.admin_credentials
    if credentials:
        # Imported here: the models need Django's app registry, ready only after setup.
        from ..users.services import ensure_admin

        ensure_admin(*credentials)
    # Everything built at start-up lives as long as the process: moving it out of the
    # collector's reach keeps full collections (and the latency spikes they cause) short.
    gc.freeze()
