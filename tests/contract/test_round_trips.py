"""The data path: an authenticated page of items costs the service at most four round trips
to PostgreSQL, the transaction's begin and end included, counted on the wire between the
service and the real database (tests/support/pg_round_trips.py). (Only a page past the
end, which has no row to carry the total, may ask for it separately.)"""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.support.pg_round_trips import RoundTripCounter
from tests.support.service import RunningService, free_port, serve

from .conftest import REQUEST_TIMEOUT_SECONDS, LiveService, describe

MAX_ROUND_TRIPS_PER_PAGE = 4
PAGE_SIZE = 20
# Enough for the pool to hold its connection and the driver its prepared statements.
WARM_UP_REQUESTS = 5
MEASURED_REQUESTS = 10
# What a framework does after its answer has gone out (closing the session, say) is part
# of the request's cost: it has this long to happen before the count is read.
AFTER_ANSWER_SECONDS = 0.5
# Between one answer and the next request: a session may give its connection back only
# after the answer has gone out, and a request sent the instant before finds it still out
# and has the pool open another. Under load that is a real cost, but not the steady state
# this counts.
BETWEEN_REQUESTS_SECONDS = 0.05


def _through(database_url: str, port: int) -> str:
    parts = urlsplit(database_url)
    credentials, _, _ = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{credentials}@127.0.0.1:{port}"))


@pytest.fixture
def counted(live_service: LiveService) -> Iterator[tuple[RunningService, RoundTripCounter]]:
    """The same project on the same database, one worker, reaching PostgreSQL through the
    counter."""
    assert live_service.postgres is not None
    database_url = live_service.settings["DATABASE_URL"]
    with RoundTripCounter("127.0.0.1", urlsplit(database_url).port or 5432) as counter:
        settings = {
            **live_service.settings,
            "DATABASE_URL": _through(database_url, counter.port),
            "WEB_CONCURRENCY": "1",
        }
        with serve(live_service.project, settings, free_port()) as running:
            yield running, counter


@pytest.mark.applies_to(database=("postgresql",), runner=("process",), auth=("jwt",))
def test_an_authenticated_page_costs_at_most_four_round_trips(
    live_service: LiveService, counted: tuple[RunningService, RoundTripCounter]
) -> None:
    running, counter = counted
    headers = live_service.admin_headers()
    with live_service.client(headers) as client:
        for number in range(PAGE_SIZE + 1 - client.get("/api/v1/items").json()["total"]):
            created = client.post("/api/v1/items", json={"name": f"page {number}", "price": 1})
            assert created.status_code == 201, describe(created)
    with httpx.Client(
        base_url=running.base_url, headers=headers, timeout=REQUEST_TIMEOUT_SECONDS
    ) as client:
        for _ in range(WARM_UP_REQUESTS):
            response = client.get("/api/v1/items", params={"limit": PAGE_SIZE})
            assert response.status_code == 200, describe(response)
            time.sleep(BETWEEN_REQUESTS_SECONDS)
        time.sleep(AFTER_ANSWER_SECONDS)
        counter.take()
        for _ in range(MEASURED_REQUESTS):
            response = client.get("/api/v1/items", params={"limit": PAGE_SIZE})
            assert response.status_code == 200, describe(response)
            time.sleep(BETWEEN_REQUESTS_SECONDS)
        time.sleep(AFTER_ANSWER_SECONDS)
    round_trips = counter.take()
    shown = "\n".join(f"  {number}. {trip}" for number, trip in enumerate(round_trips, 1))
    assert len(round_trips) <= MAX_ROUND_TRIPS_PER_PAGE * MEASURED_REQUESTS, (
        f"{len(round_trips) / MEASURED_REQUESTS:.1f} round trips per page, over"
        f" {MEASURED_REQUESTS} pages:\n{shown}"
    )
