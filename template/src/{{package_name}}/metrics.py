"""Prometheus metrics: request count and latency per route template."""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter("http_requests_total", "HTTP requests answered.", ("method", "route", "status"))
REQUEST_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from receiving a request to the end of its answer.",
    ("method", "route"),
)


# `labels()` checks its values, turns each into a string and takes a lock on every call;
# a route's children never change, so each (method, route, status) is looked up once.
_children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    children = _children.get((method, route, status))
    if children is None:
        children = _children[(method, route, status)] = (
            REQUESTS.labels(method, route, str(status)),
            REQUEST_DURATION.labels(method, route),
        )
    requests, duration = children
    requests.inc()
    duration.observe(seconds)


def render_metrics() -> tuple[bytes, str]:
    """The exposition text; with several worker processes, merged across all of them."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
