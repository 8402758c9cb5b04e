"""CONTRACT.md §1 and §2 under a database outage: the service degrades to 503 and recovers
by itself once PostgreSQL is back."""

from __future__ import annotations

import threading
import time
from collections import Counter

import httpx
import pytest

from .conftest import PROCESS, LiveService, assert_problem, describe, json_log_lines

RECOVERY_SECONDS = 30.0
# Clients asking throughout a stop and start of PostgreSQL, so that some requests are in
# every phase of it: on a connection the server is closing, refused, told it is starting up.
IN_FLIGHT_CLIENTS = 8
# Once the service has seen the outage, a 503 must not wait for a connection that cannot come.
KNOWN_OUTAGE_ANSWER_SECONDS = 1.0
# Requests after a restart of PostgreSQL, each on a connection of its own.
RESTART_PROBES = 12


def _ready_once_recovered(client: httpx.Client) -> httpx.Response:
    deadline = time.monotonic() + RECOVERY_SECONDS
    while True:
        response = client.get("/ready")
        if response.status_code == 200 or time.monotonic() > deadline:
            return response
        time.sleep(0.5)


# Depth: the representative of each family, once (its basic-auth service, whose every
# request reads the users table).
@pytest.mark.applies_to(database=("postgresql",), depth=(True,), auth=("basic",))
def test_database_outage_answers_503_and_recovers_without_a_restart(
    live_service: LiveService,
) -> None:
    assert live_service.postgres is not None
    cluster = live_service.postgres
    headers = live_service.admin_headers()
    with live_service.client(headers) as client:
        created = client.post("/api/v1/items", json={"name": "before outage", "price": 1})
        assert created.status_code == 201, describe(created)
        item_path = f"/api/v1/items/{created.json()['id']}"

        logged_before = len(live_service.logs())
        cluster.stop()
        try:
            health = client.get("/health")
            assert health.status_code == 200, describe(health)
            ready = client.get("/ready")
            assert ready.status_code == 503, describe(ready)
            assert ready.json() == {
                "status": "unavailable",
                "checks": {"database": "unavailable"},
            }, describe(ready)
            for response in (
                client.get("/api/v1/items"),
                client.get(item_path),
                client.post("/api/v1/items", json={"name": "during outage", "price": 1}),
                client.patch(item_path, json={"name": "during outage"}),
            ):
                assert_problem(response, 503)
            for _ in range(3):
                started = time.monotonic()
                assert_problem(client.get("/api/v1/items"), 503)
                assert time.monotonic() - started < KNOWN_OUTAGE_ANSWER_SECONDS
            assert client.get("/health").status_code == 200
        finally:
            cluster.start()
        # An outage is answered as designed: worth a warning, not an error (an alert).
        during = json_log_lines(live_service.logs()[logged_before:])
        assert any(line["level"] == "warning" for line in during), during
        errors = [line for line in during if line["level"] in ("error", "critical")]
        assert not errors, errors

        ready = _ready_once_recovered(client)
        assert ready.status_code == 200, describe(ready)
        assert ready.json() == {"status": "ok", "checks": {"database": "ok"}}, describe(ready)
        after = client.post("/api/v1/items", json={"name": "after outage", "price": 1})
        assert after.status_code == 201, describe(after)
        fetched = client.get(item_path)
        assert fetched.status_code == 200, describe(fetched)
    assert live_service.running is not None and live_service.running.alive()


# Breadth: every framework's jwt service, whose requests need no password hash, so many
# are in flight at each moment of the stop and the start.
@pytest.mark.applies_to(database=("postgresql",), runner=(PROCESS,), auth=("jwt",))
def test_requests_in_flight_while_postgresql_stops_and_starts_get_503_never_500(
    live_service: LiveService,
) -> None:
    assert live_service.postgres is not None
    cluster = live_service.postgres
    headers = live_service.admin_headers()
    answers: list[httpx.Response] = []
    # A connection cut off mid-answer, or no answer at all, is a failure like a 500.
    broken: list[httpx.HTTPError] = []
    stop_asking = threading.Event()

    def keep_asking() -> None:
        with live_service.client(headers) as client:
            while not stop_asking.is_set():
                try:
                    answers.append(client.get("/api/v1/items", params={"limit": 5}))
                except httpx.HTTPError as error:
                    broken.append(error)

    askers = [threading.Thread(target=keep_asking) for _ in range(IN_FLIGHT_CLIENTS)]
    for asker in askers:
        asker.start()
    try:
        time.sleep(0.5)
        cluster.stop()
        # Down until the clients have had their answers to it, however slow they are.
        deadline = time.monotonic() + RECOVERY_SECONDS
        while time.monotonic() < deadline and not any(
            response.status_code == 503 for response in list(answers)
        ):
            time.sleep(0.1)
        cluster.start()
        with live_service.client() as client:
            assert _ready_once_recovered(client).status_code == 200
        time.sleep(0.5)
    finally:
        stop_asking.set()
        for asker in askers:
            asker.join()
    statuses = Counter(response.status_code for response in answers)
    errors = [line for line in json_log_lines(live_service.logs()) if line["level"] == "error"]
    assert not broken, (broken, errors)
    assert set(statuses) <= {200, 503}, (statuses, errors)
    assert statuses[503] and statuses[200], statuses
    for response in answers:
        if response.status_code == 503:
            assert_problem(response, 503)
            assert response.headers.get("retry-after"), describe(response)


# Breadth: every framework's jwt service. A restart between requests cuts the connections
# the service holds in its pools without it seeing anything; the next request must not be
# the one to find out.
@pytest.mark.applies_to(database=("postgresql",), runner=(PROCESS,), auth=("jwt",))
def test_a_database_restart_between_requests_costs_no_request(live_service: LiveService) -> None:
    assert live_service.postgres is not None
    headers = live_service.admin_headers()

    def ask_on_new_connections() -> list[httpx.Response]:
        # A new connection each time, so that every worker process answers some of them.
        answers = []
        for _ in range(RESTART_PROBES):
            with live_service.client(headers) as client:
                answers.append(client.get("/api/v1/items", params={"limit": 5}))
        return answers

    before = ask_on_new_connections()
    assert all(answer.status_code == 200 for answer in before), [describe(a) for a in before]
    live_service.postgres.stop()
    live_service.postgres.start()
    after = ask_on_new_connections()
    failed = [describe(answer) for answer in after if answer.status_code != 200]
    logged = [line for line in json_log_lines(live_service.logs()) if line["level"] != "info"]
    assert not failed, (failed, logged)
