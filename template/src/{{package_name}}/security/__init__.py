"""Credential handling with no web-framework imports: each web layer calls into this."""
