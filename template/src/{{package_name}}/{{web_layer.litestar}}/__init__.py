"""The Litestar web layer: app factory, dependencies, auth, error handlers, controllers."""
