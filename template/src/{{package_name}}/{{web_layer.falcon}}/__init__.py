"""The Falcon web layer: app factory, middleware components, error handlers and resources."""
