"""API keys from the API_KEYS setting, compared in constant time."""

from __future__ import annotations

import hmac
from collections.abc import Iterable


def api_key_is_valid(presented: str | None, valid_keys: Iterable[str]) -> bool:
    if not presented:
        return False
    # Compare against every key so the time taken does not reveal which one matched.
    matches = [hmac.compare_digest(presented.encode(), key.encode()) for key in valid_keys]
    return any(matches)
