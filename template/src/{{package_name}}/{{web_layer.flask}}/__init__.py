"""The Flask web layer (APIFlask): app factory, blueprints, auth and error handlers."""
