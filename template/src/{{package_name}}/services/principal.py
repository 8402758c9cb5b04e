from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user, or the service itself (open routes and API keys)."""

    user_id: int | None
    is_admin: bool

    @classmethod
    def service(cls) -> Principal:
        return cls(user_id=None, is_admin=True)

    def may_modify(self, owner_id: int | None) -> bool:
        return self.is_admin or (self.user_id is not None and self.user_id == owner_id)
