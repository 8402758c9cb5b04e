"""The Django Ninja layer: one NinjaAPI with a router per resource, Ninja's auth classes,
and exception handlers that answer in problem+json."""
