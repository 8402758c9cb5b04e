"""CONTRACT.md §1: the operations endpoints."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from .conftest import LiveService, assert_problem, describe, media_type

_PROMETHEUS_SAMPLE = re.compile(
    r"^[a-zA-Z_:][a-zA-Z0-9_:]*"  # metric name
    r"(\{([a-zA-Z_][a-zA-Z0-9_]*=\"([^\"\\]|\\.)*\",?)*\})?"  # labels
    r" ([-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|[-+]?Inf|NaN)"  # value
    r"( -?\d+)?$"  # timestamp
)
_PROMETHEUS_COMMENT = re.compile(r"^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]*( .*)?$|^#")


def test_health_is_ok(live_service: LiveService) -> None:
    with live_service.client() as client:
        response = client.get("/health")
    assert response.status_code == 200, describe(response)
    assert response.json() == {"status": "ok"}


def test_ready_reports_the_database(live_service: LiveService) -> None:
    with live_service.client() as client:
        response = client.get("/ready")
    assert response.status_code == 200, describe(response)
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def _expected_operations(live_service: LiveService) -> set[tuple[str, str]]:
    operations = {
        ("/api/v1/items", "get"),
        ("/api/v1/items", "post"),
        ("/api/v1/items/{}", "get"),
        ("/api/v1/items/{}", "patch"),
        ("/api/v1/items/{}", "delete"),
    }
    if live_service.has_users:
        operations |= {("/api/v1/users", "post"), ("/api/v1/users/me", "get")}
    if live_service.auth == "jwt":
        operations |= {("/api/v1/auth/token", "post"), ("/api/v1/auth/refresh", "post")}
    return operations


def test_openapi_document_follows_the_api_docs_option(live_service: LiveService) -> None:
    with live_service.client() as client:
        response = client.get("/openapi.json")
    if not live_service.api_docs:
        assert_problem(response, 404)
        return
    assert response.status_code == 200, describe(response)
    document = response.json()
    assert str(document.get("openapi", "")).startswith("3."), document.get("openapi")
    # Path parameters are named by each framework; the shape of the path is what counts.
    documented = {
        (re.sub(r"\{[^}]+\}", "{}", path), method.lower())
        for path, operations in document["paths"].items()
        for method in operations
    }
    missing = _expected_operations(live_service) - documented
    assert not missing, f"undocumented operations: {sorted(missing)}"
    if not live_service.has_users:
        assert not any(path.startswith("/api/v1/users") for path, _ in documented)


class _AssetCollector(HTMLParser):
    """The URLs of every script, stylesheet, icon and image a page loads, and whether it
    has inline script."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.other_assets: list[str] = []
        self.has_inline_script = False
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("src"):
                self.scripts.append(attributes["src"])
            else:
                self._in_script = True
        elif tag == "link" and attributes.get("href"):
            self.other_assets.append(attributes["href"])
        elif tag in ("img", "iframe") and attributes.get("src"):
            self.other_assets.append(attributes["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.has_inline_script = True


def _script_allowed_inline(content_security_policy: str) -> bool:
    directives = {
        part.strip().split(" ")[0]: part.strip()
        for part in content_security_policy.split(";")
        if part.strip()
    }
    governing = directives.get("script-src") or directives.get("default-src")
    if governing is None:
        return True
    return any(token in governing for token in ("'unsafe-inline'", "'nonce-", "'sha256-"))


def test_docs_page_loads_every_asset_from_the_service(live_service: LiveService) -> None:
    with live_service.client() as client:
        page = client.get("/docs")
        if not live_service.api_docs:
            assert_problem(page, 404)
            return
        assert page.status_code == 200, describe(page)
        assert media_type(page) == "text/html", describe(page)
        assets = _AssetCollector()
        assets.feed(page.text)
        assert assets.scripts, f"/docs loads no script, so it cannot be interactive:\n{page.text}"
        service_origin = urlsplit(live_service.base_url).netloc
        for reference in assets.scripts + assets.other_assets:
            url = urljoin(str(page.url), reference)
            assert urlsplit(url).netloc == service_origin, f"/docs loads {url} from elsewhere"
            asset = client.get(url)
            assert asset.status_code == 200, describe(asset)
            assert asset.content, f"{url} is empty"
            # The service sends `nosniff`, so a browser runs a script only when it is served
            # as JavaScript and applies a stylesheet only when it is served as CSS.
            if reference in assets.scripts:
                assert media_type(asset) in ("application/javascript", "text/javascript"), describe(
                    asset
                )
            if url.split("?")[0].endswith(".css"):
                assert media_type(asset) == "text/css", describe(asset)
        policy = page.headers.get("content-security-policy", "")
        if assets.has_inline_script and policy:
            assert _script_allowed_inline(policy), (
                f"/docs has inline script its own Content-Security-Policy blocks: {policy}"
            )


def test_metrics_follow_the_metrics_option(live_service: LiveService) -> None:
    with live_service.client() as client:
        client.get("/health")
        response = client.get("/metrics")
    if not live_service.metrics:
        assert_problem(response, 404)
        return
    assert response.status_code == 200, describe(response)
    assert media_type(response) == "text/plain", describe(response)
    lines = [line for line in response.text.splitlines() if line.strip()]
    samples = [line for line in lines if not line.startswith("#")]
    assert samples, "no samples in /metrics"
    for line in lines:
        pattern = _PROMETHEUS_COMMENT if line.startswith("#") else _PROMETHEUS_SAMPLE
        assert pattern.match(line), f"not Prometheus text format: {line!r}"
    assert any(line.startswith("# TYPE ") for line in lines), "no # TYPE lines"
