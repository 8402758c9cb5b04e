"""User registration and the caller's own profile."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from ...schemas.users import UserCreate, UserRead
from ...services import users as user_service
from ...services.principal import Principal
from ..authentication import SECURITY
from ..permissions import may_register, requires_principal
from ..problems import ProblemOperation


class UserController(Controller):
    path = "/users"
    tags = ("users",)
    security = SECURITY

    @post(guards=[may_register], operation_class=ProblemOperation)
    async def register(
        self, data: JSONBody[UserCreate], session: NamedDependency[AsyncSession]
    ) -> UserRead:
        """Create a user: anyone while OPEN_REGISTRATION is true, otherwise an admin."""
        user = await user_service.create_user(session, data)
        return UserRead.model_validate(user)

    @get("/me", guards=[requires_principal])
    async def me(
        self, session: NamedDependency[AsyncSession], principal: NamedDependency[Principal]
    ) -> UserRead:
        user = await user_service.get_user(session, principal.user_id)
        return UserRead.model_validate(user)
