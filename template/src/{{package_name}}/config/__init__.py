"""The Django project: settings, URLs, the request middleware and the WSGI/ASGI entry points."""
