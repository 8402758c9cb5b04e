"""The OpenAPI document at /openapi.json, and interactive API docs served from bundled
assets (no CDN) at /docs and /redoc."""

from __future__ import annotations

from string import Template

import falcon
import orjson
from falcon.asgi import App, Request, Response
from spectree.plugins.falcon_plugin import FalconAsgiPlugin

from ...docs_assets import REDOC_DIR, SWAGGER_UI_DIR

OPENAPI_URL = "/openapi.json"
ASSETS = "/docs/assets"
SWAGGER_UI = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>$title - Swagger UI</title>
<link rel="stylesheet" href="$assets/swagger/swagger-ui.css">
<link rel="icon" href="$assets/swagger/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="$assets/swagger/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({
  url: "$openapi_url",
  dom_id: "#swagger-ui",
  oauth2RedirectUrl: window.location.origin + "$assets/swagger/oauth2-redirect.html",
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  persistAuthorization: true
});
</script>
</body>
</html>
""")
REDOC = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>$title - ReDoc</title>
<link rel="icon" href="$assets/swagger/favicon-32x32.png">
</head>
<body>
<redoc spec-url="$openapi_url"></redoc>
<script src="$assets/redoc/redoc.standalone.js"></script>
</body>
</html>
""")


class OpenAPIDocument:
    def __init__(self, plugin: LocalDocs) -> None:
        self.plugin = plugin
        self.document: bytes | None = None

    async def on_get(self, req: Request, resp: Response) -> None:
        # Written on first request, not at start-up: a Lambda cold start does not pay for it.
        if self.document is None:
            self.document = orjson.dumps(self.plugin.spectree.spec)
        resp.content_type = falcon.MEDIA_JSON
        resp.data = self.document


class Page:
    def __init__(self, html: Template, title: str) -> None:
        page = html.substitute(title=title, assets=ASSETS, openapi_url=OPENAPI_URL)
        self.html = page.encode()

    async def on_get(self, req: Request, resp: Response) -> None:
        resp.content_type = falcon.MEDIA_HTML
        resp.data = self.html


class LocalDocs(FalconAsgiPlugin):
    """spectree's Falcon plugin, registering the document and its pages where the service
    serves them: spectree's own would put them under /apidoc and load the pages from a CDN."""

    def register_route(self, app: App) -> None:
        title = self.config.title
        app.add_route(OPENAPI_URL, OpenAPIDocument(self))
        app.add_route("/docs", Page(SWAGGER_UI, title))
        app.add_route("/redoc", Page(REDOC, title))
        app.add_static_route(f"{ASSETS}/swagger", SWAGGER_UI_DIR)
        app.add_static_route(f"{ASSETS}/redoc", REDOC_DIR)
