"""The baseline for Django REST Framework: the smallest idiomatic Django + DRF app that
answers the same requests as a generated service, with nothing of the template around it:
no middleware, no authentication, no logging per request.

``GET /api/v1/items`` reads the table the generated service's migrations created through
a ModelViewSet with DRF's LimitOffsetPagination, on the `DATABASE_URL` database with
Django's persistent connections (no pool), as a DRF tutorial sets it up; ``POST /items``
validates a body with a serializer and touches no database. Without `DATABASE_URL` only
``/health`` and ``POST /items`` are served. Django is configured in this file, and the same
module serves under every WSGI server:

    DATABASE_URL=postgresql://… gunicorn --worker-class sync bare_drf:application
    gunicorn --worker-class gthread --threads 4 --keep-alive 75 bare_drf:application
    granian --interface wsgi bare_drf:application

Run it with a generated DRF project's interpreter, so the library versions are the same
(benchmarks/bench.py adds gunicorn, which a generated project does not ship).
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
# servers.py serves `application` under every WSGI server.
SERVER_CANDIDATES = {"wsgi_app": "application"}
# cold_import.py: bare DRF behind apig-wsgi. Judged by the first answer: the generated
# handler sets Django up at the `handler` lookup, not at import, and importing
# `rest_framework` alone loads almost nothing, so the imports do not compare.
LAMBDA = {
    "modules": ("django", "rest_framework", "apig_wsgi"),
    "handler_source": """
import django
from django.conf import settings

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["*"],
    INSTALLED_APPS=[
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "rest_framework",
    ],
    REST_FRAMEWORK={
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
    },
)
django.setup()

from apig_wsgi import make_lambda_handler
from django.core.wsgi import get_wsgi_application
from django.urls import path
from rest_framework.decorators import api_view
from rest_framework.response import Response

@api_view(["GET"])
def health(request):
    return Response({"status": "ok"})

urlpatterns = [path("health", health)]
handler = make_lambda_handler(get_wsgi_application())
""",
    "judged_by_first_answer": True,
}

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-drf-benchmark-only-never-deployed",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=["rest_framework"],
    MIDDLEWARE=[],
    DATABASES=(
        {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}
        if "DATABASE_URL" in os.environ
        else {}
    ),
    USE_TZ=True,
    REST_FRAMEWORK={
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
        "DEFAULT_AUTHENTICATION_CLASSES": [],
        "DEFAULT_PERMISSION_CLASSES": [],
        "UNAUTHENTICATED_USER": None,
        "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
        "PAGE_SIZE": 20,
    },
)
django.setup()

# Imported after setup: DRF and the models read Django's settings at import time.
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import path  # noqa: E402
from rest_framework import mixins, serializers, status, viewsets  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402
from tables_django import BENCH_USER_ID, Item, User  # noqa: E402


class ItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ("id", "name", "description", "price", "owner_id", "created_at", "updated_at")


class NewItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(min_length=1, max_length=100)
    description = serializers.CharField(max_length=1000, allow_null=True, required=False)
    price = serializers.FloatField(min_value=0, max_value=1_000_000)


class ItemViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = Item.objects.order_by("id")
    serializer_class = ItemSerializer

    def list(self, request, *args, **kwargs) -> Response:
        User.objects.get(pk=BENCH_USER_ID)
        return super().list(request, *args, **kwargs)


class Health(APIView):
    def get(self, request) -> Response:
        return Response({"status": "ok"})


class NewItem(APIView):
    def post(self, request) -> Response:
        serializer = NewItemSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response({"id": 1, **serializer.validated_data}, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("health", Health.as_view()),
    path("items", NewItem.as_view()),
    path("api/v1/items", ItemViewSet.as_view({"get": "list"})),
]

application = get_wsgi_application()
