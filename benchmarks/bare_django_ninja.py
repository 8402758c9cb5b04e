"""The baseline for Django Ninja: the smallest idiomatic Django + Ninja app that answers the
same requests as a generated service, with nothing of the template around it: no
middleware, no authentication, no logging per request.

``GET /api/v1/items`` reads the table the generated service's migrations created, with
Ninja's LimitOffsetPagination, on the `DATABASE_URL` database with Django's persistent
connections (no pool); ``POST /items`` validates a body and touches no database. Without
`DATABASE_URL` only ``/health`` and ``POST /items`` are served. Django is configured in
this file, and the same module serves every interface:

    gunicorn --worker-class sync bare_django_ninja:application
    gunicorn --worker-class gthread --threads 4 --keep-alive 75 bare_django_ninja:application
    granian --interface wsgi bare_django_ninja:application
    uvicorn bare_django_ninja:asgi_application
    granian --interface asgi bare_django_ninja:asgi_application

``BARE_ASYNC_VIEWS=1`` declares the views ``async def``: Django runs those on the event
loop under ASGI, and under WSGI through ``async_to_sync`` on every request; plain ``def``
views are the reverse (a thread hand-off per request under ASGI).

Run it with a generated Django Ninja project's interpreter, so the library versions are the
same (benchmarks/bench.py adds gunicorn, which a generated project does not ship).
"""

from __future__ import annotations

import os

import dj_database_url
import django
from django.conf import settings

# What the benchmark scripts know of this file, as plain literals they read without
# importing it (benchmarks/registry.py).
# bench.py serves `application` under gunicorn's sync worker, which the generated service
# must at least match.
BASELINE = {"wsgi_app": "application", "target_ratio": 1.0}
# servers.py serves `application` under every WSGI server, then `asgi_application` under
# these ASGI servers, with the views declared `def` or `async def` (BARE_ASYNC_VIEWS).
SERVER_CANDIDATES = {
    "wsgi_app": "application",
    "asgi_app": "asgi_application",
    "asgi_servers": (
        {"server": "uvicorn", "async_views": False},
        {"server": "uvicorn", "async_views": True},
        {"server": "granian", "async_views": True},
    ),
}
# cold_import.py: bare Django Ninja behind apig-wsgi; importing `ninja` needs Django's
# settings. Judged by the first answer: the generated handler sets Django up at the
# `handler` lookup, not at import, while importing `ninja` loads most of Django.
LAMBDA = {
    "modules": ("django", "ninja", "apig_wsgi"),
    "import_env": {"DJANGO_SETTINGS_MODULE": "django.conf.global_settings"},
    "handler_source": """
import django
from django.conf import settings

settings.configure(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"])
django.setup()

from apig_wsgi import make_lambda_handler
from django.core.wsgi import get_wsgi_application
from django.urls import path
from ninja import NinjaAPI

api = NinjaAPI()

@api.get("/health")
def health(request):
    return {"status": "ok"}

urlpatterns = [path("", api.urls)]
handler = make_lambda_handler(get_wsgi_application())
""",
    "judged_by_first_answer": True,
}

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-ninja-benchmark-only-never-deployed",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    DATABASES=(
        {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}
        if "DATABASE_URL" in os.environ
        else {}
    ),
    USE_TZ=True,
)
django.setup()

# Imported after setup: Ninja reads Django's settings at import time.
from django.core.asgi import get_asgi_application  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import models  # noqa: E402
from django.urls import path  # noqa: E402
from ninja import Field, ModelSchema, NinjaAPI, Schema, Status  # noqa: E402
from ninja.pagination import LimitOffsetPagination, paginate  # noqa: E402
from tables_django import BENCH_USER_ID, Item, User  # noqa: E402

ASYNC_VIEWS = os.environ.get("BARE_ASYNC_VIEWS") == "1"


class ItemRead(ModelSchema):
    class Meta:
        model = Item
        fields = ("id", "name", "description", "price", "owner_id", "created_at", "updated_at")


class ItemIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    description: str | None = Field(None, max_length=1000)
    price: float = Field(gt=0, le=1_000_000)


class ItemOut(ItemIn):
    id: int


api = NinjaAPI(openapi_url=None, docs_url=None)

if ASYNC_VIEWS:

    @api.get("/health")
    async def health(request) -> dict[str, str]:
        return {"status": "ok"}

    @api.post("/items", response={201: ItemOut})
    async def create_item(request, item: ItemIn) -> Status:
        return Status(201, {"id": 1, **item.model_dump()})

    @api.get("/api/v1/items", response=list[ItemRead])
    @paginate(LimitOffsetPagination)
    async def list_items(request) -> models.QuerySet[Item]:
        await User.objects.aget(pk=BENCH_USER_ID)
        return Item.objects.order_by("id")

else:

    @api.get("/health")
    def health(request) -> dict[str, str]:
        return {"status": "ok"}

    @api.post("/items", response={201: ItemOut})
    def create_item(request, item: ItemIn) -> Status:
        return Status(201, {"id": 1, **item.model_dump()})

    @api.get("/api/v1/items", response=list[ItemRead])
    @paginate(LimitOffsetPagination)
    def list_items(request) -> models.QuerySet[Item]:
        User.objects.get(pk=BENCH_USER_ID)
        return Item.objects.order_by("id")


urlpatterns = [path("", api.urls)]

application = get_wsgi_application()
asgi_application = get_asgi_application()
