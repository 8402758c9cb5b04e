"""The Django REST Framework layer: serializers, viewsets, a router, and DRF's
authentication, permission and exception-handling hooks."""
