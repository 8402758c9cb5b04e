"""Swagger UI and ReDoc files bundled in a wheel, so /docs works with no internet access.

drf-spectacular-sidecar ships them, refreshed monthly; only its static folder is
used, so the package is located without being imported (its import needs Django).
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def _static_root() -> Path:
    spec = find_spec("drf_spectacular_sidecar")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("drf-spectacular-sidecar is not installed; run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / "drf_spectacular_sidecar"


STATIC_ROOT = _static_root()
SWAGGER_UI_DIR = STATIC_ROOT / "swagger-ui-dist"
REDOC_DIR = STATIC_ROOT / "redoc" / "bundles"
