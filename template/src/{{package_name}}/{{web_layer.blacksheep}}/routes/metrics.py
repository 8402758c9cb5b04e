"""Prometheus exposition, and the route template that labels each request's metrics."""

from collections.abc import Callable

from blacksheep import Content, Response
from blacksheep.server.controllers import Controller
from blacksheep.server.routing import Router

from ...metrics import render_metrics
from ...middleware import Scope
from . import get


class Metrics(Controller):
    @get("/metrics")
    async def metrics(self) -> Response:
        body, content_type = render_metrics()
        return Response(200, None, Content(content_type.encode(), body))


def route_templates(router: Router) -> Callable[[Scope], str | None]:
    """The path template of the route the router matches for a request: one label per
    route, whatever ids the path carries. The router keeps its recent matches, so asking
    again after the app did costs a lookup."""

    def route_template(scope: Scope) -> str | None:
        # BlackSheep adds raw_path when the server leaves it out, unless the request never
        # reached the app.
        path = scope.get("raw_path") or scope["path"].encode()
        match = router.get_match_by_method_and_path(scope["method"], path)
        # The fallback route (`*`) answers every path no route has.
        if match is None or match.pattern == b"*":
            return None
        return match.pattern.decode()

    return route_template
