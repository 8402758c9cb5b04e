"""Prometheus exposition, and the route template that labels each request's metrics."""

from __future__ import annotations

from apiflask import APIBlueprint
from flask import Response, request

from ...metrics import render_metrics
from ...wsgi_middleware import Environ

bp = APIBlueprint("metrics", __name__, enable_openapi=False)

# Flask's request is gone by the time the middleware counts the request, and WSGI has no
# standard place for the matched route: the environ carries it out under this key.
ROUTE_TEMPLATE_KEY = "service.route_template"


@bp.get("/metrics")
def metrics() -> Response:
    body, content_type = render_metrics()
    return Response(body, content_type=content_type)


@bp.before_app_request
def record_route_template() -> None:
    if request.url_rule is not None:
        request.environ[ROUTE_TEMPLATE_KEY] = request.url_rule.rule


def route_template(environ: Environ) -> str | None:
    """The rule Flask matched: one label per route, whatever ids the path carries."""
    return environ.get(ROUTE_TEMPLATE_KEY)
