"""Interactive API docs served from bundled assets (no CDN), and the OpenAPI document's
models published once each.

quart-schema serves Swagger UI at /docs and ReDoc at /redoc; the settings below point its
pages at the files of drf-spectacular-sidecar, which this blueprint serves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import quart_schema
from quart import Blueprint, Quart, Response, send_from_directory
from quart_schema import hide

from ...docs_assets import REDOC_DIR, SWAGGER_UI_DIR

ASSETS = "/docs/assets"
ASSET_DIRECTORIES = {"swagger": SWAGGER_UI_DIR, "redoc": REDOC_DIR}
SCHEMA_REF = "#/components/schemas/{}"

bp = Blueprint("docs", __name__)


def configure(app: Quart) -> None:
    app.config.update(
        QUART_SCHEMA_SWAGGER_JS_URL=f"{ASSETS}/swagger/swagger-ui-bundle.js",
        QUART_SCHEMA_SWAGGER_CSS_URL=f"{ASSETS}/swagger/swagger-ui.css",
        QUART_SCHEMA_REDOC_JS_URL=f"{ASSETS}/redoc/redoc.standalone.js",
    )
    app.register_blueprint(bp)


@bp.get(f"{ASSETS}/<any(swagger, redoc):bundle>/<path:filename>")
@hide
async def asset(bundle: str, filename: str) -> Response:
    return await send_from_directory(ASSET_DIRECTORIES[bundle], filename)


class OpenAPIProvider(quart_schema.OpenAPIProvider):
    """quart-schema's document, with each route's own request and response models as
    components, and each operation named after its view.

    quart-schema writes the model a route takes or answers with inline, and only the
    models nested in it as components: the item a page nests is then a component while
    the item a route answers with is an inline copy of the same title, and client
    generators make two classes of one name. Here every model is a component, and an
    operation refers to it."""

    def operation_id(self, method: str, path: str, func: Callable[..., Any]) -> str:
        # quart-schema prefixes the method (`get_get_item`); a view's name is unique here
        # and is what a generated client's functions are called.
        return func.__name__

    def build_request_body(
        self, model: type, source: quart_schema.DataSource
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        request_body, components = super().build_request_body(model, source)
        for content in request_body["content"].values():
            content["schema"] = self._as_component(model, content["schema"], components)
        return request_body, components

    def build_response_object(
        self, model: type, headers_model: type | None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        response, components = super().build_response_object(model, headers_model)
        content = response["content"]["application/json"]
        content["schema"] = self._as_component(model, content["schema"], components)
        return response, components

    @staticmethod
    def _as_component(
        model: type, schema: dict[str, Any], components: dict[str, Any]
    ) -> dict[str, Any]:
        components[model.__name__] = schema
        return {"$ref": SCHEMA_REF.format(model.__name__)}
