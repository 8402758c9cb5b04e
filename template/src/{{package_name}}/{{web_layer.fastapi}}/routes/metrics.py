"""Prometheus exposition."""

from __future__ import annotations

from fastapi import APIRouter, Response

from ...metrics import render_metrics

router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    body, content_type = render_metrics()
    return Response(body, media_type=content_type)
