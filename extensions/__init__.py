"""Trailhead's Copier extensions: framework catalog, decision engine, context hook."""
