"""User registration and the caller's own profile."""

from __future__ import annotations

from quart import Blueprint
from quart_schema import security_scheme, tag_blueprint, validate_request, validate_response

from ...errors import PermissionDeniedError
from ...schemas.users import UserCreate, UserRead
from ...services import users as user_service
from ..auth import SECURITY, Unauthorized, authenticated, current_user, optional_user
from ..context import get_session, get_settings

bp = Blueprint("users", __name__)
tag_blueprint(bp, ["users"])


@bp.post("")
@security_scheme(SECURITY)
@validate_request(UserCreate)
@validate_response(UserRead, 201)
async def register(data: UserCreate) -> tuple[UserRead, int]:
    """Create a user: anyone while OPEN_REGISTRATION is true, otherwise an admin."""
    if not get_settings().open_registration:
        caller = await optional_user()
        if caller is None:
            raise Unauthorized()
        if not caller.is_admin:
            raise PermissionDeniedError("Only an admin may create users.")
    user = await user_service.create_user(get_session(), data)
    return UserRead.model_validate(user), 201


@bp.get("/me")
@authenticated
@validate_response(UserRead)
async def me() -> UserRead:
    return UserRead.model_validate(current_user())
