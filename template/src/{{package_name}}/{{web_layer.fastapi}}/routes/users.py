"""User registration and the caller's own profile."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from ...schemas.users import UserCreate, UserRead
from ...services import users as user_service
from ..auth import CurrentUser, OptionalUser, unauthorized
from ..dependencies import SessionDep, SettingsDep

router = APIRouter(prefix="/users", tags=["users"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def register(
    data: UserCreate, session: SessionDep, settings: SettingsDep, caller: OptionalUser
) -> UserRead:
    """Create a user: anyone while OPEN_REGISTRATION is true, otherwise an admin."""
    if not settings.open_registration:
        if caller is None:
            raise unauthorized()
        if not caller.is_admin:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "Only an admin may create users.")
    user = await user_service.create_user(session, data)
    return UserRead.model_validate(user)


@router.get("/me")
async def me(user: CurrentUser) -> UserRead:
    return UserRead.model_validate(user)
