"""Prometheus exposition."""

from __future__ import annotations

from apiflask import APIBlueprint
from flask import Response

from ...metrics import render_metrics

bp = APIBlueprint("metrics", __name__, enable_openapi=False)


@bp.get("/metrics")
def metrics() -> Response:
    body, content_type = render_metrics()
    return Response(body, content_type=content_type)
