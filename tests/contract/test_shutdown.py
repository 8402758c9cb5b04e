"""CONTRACT.md §7: SIGTERM lets in-flight requests finish before the service exits."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from .conftest import LiveService, describe

IN_FLIGHT = 16
# Long enough for every request to have arrived, short enough that Argon2 checks of the
# Basic credentials (one per request, a few at a time) are still running.
SIGTERM_AFTER_SECONDS = 0.05


# Basic auth makes every request slow (a password hash each), so requests are still in
# flight when the signal lands; the other modes answer before it could.
@pytest.mark.applies_to(auth=("basic",), depth=(True,))
def test_sigterm_lets_in_flight_requests_finish(live_service: LiveService) -> None:
    headers = live_service.admin_headers()
    with live_service.client(headers) as client:
        before = client.get("/api/v1/items").json()["total"]

    clients = [live_service.client(headers) for _ in range(IN_FLIGHT)]
    for client in clients:
        assert client.get("/health").status_code == 200  # connections open before the signal
    ready = threading.Barrier(IN_FLIGHT + 1)
    outcomes: list[object] = [None] * IN_FLIGHT

    def create(index: int) -> None:
        ready.wait()
        try:
            outcomes[index] = clients[index].post(
                "/api/v1/items", json={"name": f"in flight {index}", "price": 1}
            )
        except httpx.HTTPError as error:
            outcomes[index] = error

    threads = [threading.Thread(target=create, args=(index,)) for index in range(IN_FLIGHT)]
    for thread in threads:
        thread.start()
    try:
        ready.wait()
        time.sleep(SIGTERM_AFTER_SECONDS)
        live_service.stop()
        for thread in threads:
            thread.join(30)
    finally:
        for client in clients:
            client.close()
        live_service.start()

    failures = [
        describe(outcome) if isinstance(outcome, httpx.Response) else repr(outcome)
        for outcome in outcomes
        if not (isinstance(outcome, httpx.Response) and outcome.status_code == 201)
    ]
    assert not failures, "\n".join(failures)
    with live_service.client(headers) as client:
        assert client.get("/api/v1/items").json()["total"] == before + IN_FLIGHT
