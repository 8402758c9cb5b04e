"""The app in process, as the generated tests drive it: an httpx client speaks to its WSGI
interface with no server or socket in between."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from apiflask import APIFlask
from httpx import Client, WSGITransport

from ..settings import Settings
from .app import create_app

App = APIFlask


@contextmanager
def running_app(settings: Settings) -> Iterator[APIFlask]:
    yield create_app(settings)


def open_client(app: APIFlask) -> Client:
    return Client(transport=WSGITransport(app=app), base_url="http://testserver")
