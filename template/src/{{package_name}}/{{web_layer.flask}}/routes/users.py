"""User registration and the caller's own profile."""

from __future__ import annotations

from apiflask import APIBlueprint, abort

from ...models import User
from ...schemas.users import UserCreate, UserRead
from ...services import users as user_service
from ..auth import auth, current_user, unauthorized
from ..context import get_session, get_settings

bp = APIBlueprint("users", __name__, tag="users")


@bp.post("")
@bp.auth_required(auth, optional=True)
@bp.input(UserCreate, arg_name="data")
@bp.output(UserRead, status_code=201)
def register(data: UserCreate) -> User:
    """Create a user: anyone while OPEN_REGISTRATION is true, otherwise an admin."""
    if not get_settings().open_registration:
        caller = auth.current_user
        if caller is None:
            raise unauthorized()
        if not caller.is_admin:
            abort(403, "Only an admin may create users.")
    return user_service.create_user(get_session(), data)


@bp.get("/me")
@bp.auth_required(auth)
@bp.output(UserRead)
def me() -> User:
    return current_user()
