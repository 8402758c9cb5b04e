"""The FastAPI web layer: app factory, dependencies, error handlers and routes."""
