"""Domain services: what the routes do, written once for every framework."""
