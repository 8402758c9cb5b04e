"""Prometheus exposition, and the route template that labels each request's metrics."""

from __future__ import annotations

import re
from functools import cache

from quart import Blueprint, Response, request
from quart_schema import hide

from ...metrics import render_metrics
from ...middleware import Scope

bp = Blueprint("metrics", __name__)

# The middleware counts the request once Quart has answered, from the ASGI scope Quart
# was handed: the rule Quart matched travels out in it under this key.
ROUTE_TEMPLATE_KEY = "route_template"
CONVERTER = re.compile(r"<(?:[^:<>]*:)?([^<>]+)>")


@bp.get("/metrics")
@hide
async def metrics() -> Response:
    body, content_type = render_metrics()
    return Response(body, content_type=content_type)


@bp.before_app_request
async def record_route_template() -> None:
    if request.url_rule is not None:
        request.scope[ROUTE_TEMPLATE_KEY] = path_template(request.url_rule.rule)


@cache
def path_template(rule: str) -> str:
    """The rule as the OpenAPI document writes it: `/api/v1/items/{item_id}` for
    `/api/v1/items/<int:item_id>`."""
    return CONVERTER.sub(r"{\1}", rule)


def route_template(scope: Scope) -> str | None:
    """The rule Quart matched: one label per route, whatever ids the path carries."""
    return scope.get(ROUTE_TEMPLATE_KEY)
