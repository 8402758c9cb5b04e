"""The Quart web layer: app factory, blueprints, auth decorator and error handlers."""
