"""The Django project: settings, URLs, the request middleware and the WSGI/ASGI entry points."""

SETTINGS_MODULE = f"{__name__}.settings"
