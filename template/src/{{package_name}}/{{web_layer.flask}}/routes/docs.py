"""The OpenAPI document, and interactive API docs served from bundled assets (no CDN).

APIFlask serves Swagger UI at /docs; the settings below point its page at the files of
drf-spectacular-sidecar, served here, and this blueprint adds ReDoc at /redoc."""

from __future__ import annotations

from typing import Any

from apiflask import APIBlueprint, APIFlask
from apiflask.ui_templates import redoc_template
from flask import Response, current_app, render_template_string, send_from_directory

from ...docs_assets import REDOC_DIR, SWAGGER_UI_DIR

ASSETS = "/docs/assets"
SCHEMA_REF_PREFIX = "#/components/schemas/"
ASSET_DIRECTORIES = {"swagger": SWAGGER_UI_DIR, "redoc": REDOC_DIR}

bp = APIBlueprint("docs", __name__, enable_openapi=False)


def configure(app: APIFlask) -> None:
    app.config.update(
        SWAGGER_UI_CSS=f"{ASSETS}/swagger/swagger-ui.css",
        SWAGGER_UI_BUNDLE_JS=f"{ASSETS}/swagger/swagger-ui-bundle.js",
        SWAGGER_UI_STANDALONE_PRESET_JS=f"{ASSETS}/swagger/swagger-ui-standalone-preset.js",
        REDOC_STANDALONE_JS=f"{ASSETS}/redoc/redoc.standalone.js",
        REDOC_USE_GOOGLE_FONT=False,
        DOCS_FAVICON=f"{ASSETS}/swagger/favicon-32x32.png",
    )
    app.spec_processor(one_component_per_model)
    app.register_blueprint(bp)


def one_component_per_model(spec: dict[str, Any]) -> dict[str, Any]:
    """Publish a model nested in another under its own name, once.

    APIFlask registers the models a pydantic model nests under the outer one's name
    (`ItemPage.ItemRead`), beside the model's own component when a route also answers
    with it. Client generators then meet two models of one name, refuse one, and drop
    the responses that refer to it. A nested copy identical to the model's own component is folded
    into it; one with no component of its own takes the model's name; a different model
    that happens to share the name keeps the qualified one."""
    schemas = spec.get("components", {}).get("schemas", {})
    moved: dict[str, str] = {}
    for qualified_name in [name for name in schemas if "." in name]:
        model_name = qualified_name.rpartition(".")[2]
        if schemas.get(model_name, schemas[qualified_name]) == schemas[qualified_name]:
            schemas[model_name] = schemas.pop(qualified_name)
            moved[SCHEMA_REF_PREFIX + qualified_name] = SCHEMA_REF_PREFIX + model_name
    return _with_refs_moved(spec, moved)


def _with_refs_moved(node: Any, moved: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: moved.get(value, value)
            if key == "$ref" and isinstance(value, str)
            else _with_refs_moved(value, moved)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_with_refs_moved(value, moved) for value in node]
    return node


@bp.get(f"{ASSETS}/<any(swagger, redoc):bundle>/<path:filename>")
def asset(bundle: str, filename: str) -> Response:
    return send_from_directory(ASSET_DIRECTORIES[bundle], filename)


@bp.get("/redoc")
def redoc() -> str:
    return render_template_string(
        redoc_template, title=current_app.title, version=current_app.version
    )
