"""User registration and the caller's own profile."""

from __future__ import annotations

import falcon
from falcon.asgi import App, Request, Response
from spectree import Response as Answers

from ...schemas.users import UserCreate, UserRead
from ...services import users as user_service
from ...settings import Settings
from ..auth import OPTIONAL, REQUIRED, SECURITY, unauthorized
from ..openapi import spec


class UsersResource:
    auth = OPTIONAL
    uses_database = True

    def __init__(self, settings: Settings) -> None:
        self.open_registration = settings.open_registration

    @spec.validate(
        resp=Answers(HTTP_201=UserRead, HTTP_401=None, HTTP_403=None, HTTP_409=None),
        tags=["users"],
        security=SECURITY,
        operation_id="register",
    )
    async def on_post(self, req: Request, resp: Response, json: UserCreate) -> None:
        """Create a user: anyone while OPEN_REGISTRATION is true, otherwise an admin."""
        caller = req.context.user
        if not self.open_registration:
            if caller is None:
                raise unauthorized()
            if not caller.is_admin:
                raise falcon.HTTPForbidden(description="Only an admin may create users.")
        user = await user_service.create_user(req.context.session, json)
        resp.status = falcon.HTTP_201
        resp.media = UserRead.model_validate(user)


class MeResource:
    auth = REQUIRED
    uses_database = True

    @spec.validate(
        resp=Answers(HTTP_200=UserRead), tags=["users"], security=SECURITY, operation_id="me"
    )
    async def on_get(self, req: Request, resp: Response) -> None:
        """The caller's own user."""
        resp.media = UserRead.model_validate(req.context.user)


def add_routes(app: App, settings: Settings) -> None:
    app.add_route("/api/v1/users", UsersResource(settings))
    app.add_route("/api/v1/users/me", MeResource())
