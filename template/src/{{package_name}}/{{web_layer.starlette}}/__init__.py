"""The Starlette web layer: route tables, authentication backend, error handlers."""
