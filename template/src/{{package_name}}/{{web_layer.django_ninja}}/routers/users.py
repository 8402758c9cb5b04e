"""User registration and the caller's own profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Router, Status
from ninja.errors import AuthenticationError

from ...errors import PermissionDeniedError
from ...schemas.users import UserCreate, UserRead
from ...users import services as user_service
from ...users.models import User
from ..authentication import credentials

router = Router(tags=["users"])


def anonymous(request: HttpRequest) -> AnonymousUser:
    """Lets a request without credentials through; wrong credentials are still a 401."""
    return AnonymousUser()


@router.post("", response={201: UserRead}, auth=[credentials, anonymous])
def register(request: HttpRequest, data: UserCreate) -> Status:
    """Create a user: anyone while OPEN_REGISTRATION is true, otherwise an admin."""
    if not settings.SERVICE_SETTINGS.open_registration:
        if not isinstance(request.auth, User):
            raise AuthenticationError
        if not request.auth.is_admin:
            raise PermissionDeniedError("Only an admin may create users.")
    return Status(201, user_service.create_user(data.username, data.password))


@router.get("/me", response=UserRead)
def me(request: HttpRequest) -> User:
    return request.auth
