"""The controllers' routes, in a registry of their own rather than BlackSheep's default
router: that router belongs to the one app of a process, and the factory builds one app
per worker, Lambda environment and test.

The controllers' modules keep their annotations as objects (no `from __future__ import
annotations`): BlackSheep documents each answer from its handler's return annotation as it
finds it, and a string names no schema."""

from blacksheep.server.routing import RoutesRegistry

registry = RoutesRegistry()
get = registry.get
post = registry.post
patch = registry.patch
delete = registry.delete
