"""User registration and the caller's own profile."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.routing import Route

from ...schemas.users import UserCreate, UserRead
from ...services import users as user_service
from ..auth import authenticated
from ..responses import ModelResponse
from ..validation import request_validation


async def register(request: Request) -> ModelResponse:
    """Create a user: anyone while OPEN_REGISTRATION is true, otherwise an admin."""
    with request_validation():
        data = UserCreate.model_validate_json(await request.body())
    if not request.app.state.settings.open_registration:
        if not request.user.is_authenticated:
            raise HTTPException(401)
        if not request.user.principal.is_admin:
            raise HTTPException(403, "Only an admin may create users.")
    user = await user_service.create_user(request.state.session, data)
    return ModelResponse(UserRead.model_validate(user), status_code=201)


@authenticated
async def me(request: Request) -> ModelResponse:
    """The caller's own user."""
    return ModelResponse(UserRead.model_validate(request.user.account))


routes = [
    Route("/users", register, methods=["POST"]),
    Route("/users/me", me, methods=["GET"]),
]
