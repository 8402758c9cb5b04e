"""Prometheus metrics."""

from __future__ import annotations

from httpx import AsyncClient


async def test_metrics_count_requests_by_route_template(client: AsyncClient) -> None:
    await client.get("/health")
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert 'http_requests_total{method="GET",route="/health",status="200"}' in response.text
