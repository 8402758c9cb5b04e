"""The sign-in attempt limit: who is asking, and whether their failures refuse the attempt.

The failures themselves are rows in the database (each worker and replica sees the same
counts); this module decides from those counts, before any password is hashed.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from ipaddress import IPv4Network, IPv6Network, ip_address

from ..errors import TooManyRequestsError

WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USERNAME = 10
# Many usernames from one address: password spraying, or a whole office behind one NAT,
# which is why it is ten times the per-username limit.
MAX_FAILURES_PER_ADDRESS = 100

TrustedProxies = Sequence[IPv4Network | IPv6Network]


def client_address(peer: str, forwarded_for: str | None, trusted_proxies: TrustedProxies) -> str:
    """The address sign-in attempts are counted against: the socket's peer, or, when the
    peer is a trusted proxy, the right-most X-Forwarded-For entry no trusted proxy wrote
    about itself. Entries further left come from the client, who may write anything."""
    address = peer
    if not forwarded_for or not _is_trusted(peer, trusted_proxies):
        return address
    for entry in reversed(forwarded_for.split(",")):
        try:
            hop = ip_address(entry.strip())
        except ValueError:
            # Not written by a proxy: stop at the last address one vouched for.
            return address
        address = str(hop)
        if not _is_trusted(address, trusted_proxies):
            return address
    return address


def _is_trusted(address: str, trusted_proxies: TrustedProxies) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in trusted_proxies)


def username_digest(username: str) -> str:
    """What the failures table keeps of a username: fixed-length, storable whatever the
    client sent (NUL characters, any length), and never a password typed in the wrong
    field."""
    return hashlib.sha256(username.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class RecentFailures:
    """The failures from one address within the window before `as_of`: all of them, and
    those for the username being tried, with the oldest of each."""

    as_of: datetime
    from_address: int
    oldest_from_address: datetime | None
    for_username: int
    oldest_for_username: datetime | None

    def refuse_if_limited(self) -> None:
        """Raise TooManyRequestsError, with the seconds until the oldest counted failure
        leaves the window, when either limit has been reached."""
        waits = []
        if self.for_username >= MAX_FAILURES_PER_USERNAME and self.oldest_for_username:
            waits.append(self.oldest_for_username + WINDOW - self.as_of)
        if self.from_address >= MAX_FAILURES_PER_ADDRESS and self.oldest_from_address:
            waits.append(self.oldest_from_address + WINDOW - self.as_of)
        if waits:
            seconds = max(1, math.ceil(max(waits).total_seconds()))
            raise TooManyRequestsError(
                "Too many failed sign-in attempts; try again later.", retry_after=seconds
            )
