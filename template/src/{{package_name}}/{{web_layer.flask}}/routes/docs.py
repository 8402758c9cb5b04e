"""Interactive API docs served from bundled assets (no CDN).

APIFlask serves Swagger UI at /docs; the settings below point its page at the files of
drf-spectacular-sidecar, served here, and this blueprint adds ReDoc at /redoc."""

from __future__ import annotations

from apiflask import APIBlueprint, APIFlask
from apiflask.ui_templates import redoc_template
from flask import Response, current_app, render_template_string, send_from_directory

from ...docs_assets import REDOC_DIR, SWAGGER_UI_DIR

ASSETS = "/docs/assets"
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
    app.register_blueprint(bp)


@bp.get(f"{ASSETS}/<any(swagger, redoc):bundle>/<path:filename>")
def asset(bundle: str, filename: str) -> Response:
    return send_from_directory(ASSET_DIRECTORIES[bundle], filename)


@bp.get("/redoc")
def redoc() -> str:
    return render_template_string(
        redoc_template, title=current_app.title, version=current_app.version
    )
