"""Request and response shapes (pydantic), shared by every pydantic-based web layer."""
