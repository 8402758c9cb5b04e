"""Failed sign-ins, kept in the database so that every worker and replica counts them."""

from __future__ import annotations

from django.db.models import Count, Min, Q
from django.utils import timezone

from ..security.sign_ins import WINDOW, RecentFailures, username_digest
from .models import FailedSignIn


def check(username: str, address: str) -> RecentFailures:
    """The failures that count against this attempt; raises TooManyRequestsError when they
    refuse it."""
    now = timezone.now()
    for_username = Q(username_digest=username_digest(username))
    counts = FailedSignIn.objects.filter(address=address, failed_at__gt=now - WINDOW).aggregate(
        from_address=Count("id"),
        oldest_from_address=Min("failed_at"),
        for_username=Count("id", filter=for_username),
        oldest_for_username=Min("failed_at", filter=for_username),
    )
    failures = RecentFailures(as_of=now, **counts)
    failures.refuse_if_limited()
    return failures


def record_failure(username: str, address: str) -> None:
    # A row per failure: concurrent failures from several workers each count.
    now = timezone.now()
    FailedSignIn.objects.create(
        username_digest=username_digest(username), address=address, failed_at=now
    )
    # Failures past the window count for nothing: each new one sweeps them away, so the
    # table never holds more than one window's failures.
    FailedSignIn.objects.filter(failed_at__lte=now - WINDOW).delete()


def clear_failures(username: str, address: str) -> None:
    FailedSignIn.objects.filter(address=address, username_digest=username_digest(username)).delete()
