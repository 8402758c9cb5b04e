"""The OAuth2 password grant and refresh-token rotation."""

from __future__ import annotations

import falcon
from falcon.asgi import App, Request, Response
from pydantic import BaseModel
from spectree import Response as Answers

from ...errors import AuthenticationError
from ...schemas.tokens import RefreshRequest, TokenPair
from ...services import tokens as token_service
from ...services.users import authenticate
from ...settings import Settings
from ..auth import TOKEN_URL, request_address, unauthorized
from ..openapi import spec

TOO_MANY_SIGN_INS = "Too many failed sign-ins; Retry-After says when to try again."


class PasswordGrant(BaseModel):
    """OAuth2's token request (RFC 6749, 4.3), as the docs page's Authorize button sends it."""

    username: str
    password: str


async def require_media_type(req: Request, resp: Response, resource: object, params: dict) -> None:
    # spectree reads a form only from a request that names its media type.
    if req.content_type is None:
        raise falcon.HTTPUnsupportedMediaType(description="The token request must be a form.")


class TokenResource:
    uses_database = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @falcon.before(require_media_type)
    @spec.validate(
        resp=Answers(HTTP_200=TokenPair, HTTP_401=None, HTTP_429=(None, TOO_MANY_SIGN_INS)),
        tags=["auth"],
        operation_id="issue_token",
    )
    async def on_post(self, req: Request, resp: Response, form: PasswordGrant) -> None:
        """Exchange a username and password for an access and a refresh token."""
        session = req.context.session
        address = request_address(req, self.settings.trusted_proxies)
        user = await authenticate(session, form.username, form.password, address)
        if user is None:
            raise unauthorized("The username or password is wrong.")
        resp.cache_control = ["no-store"]
        resp.media = await token_service.issue_pair(session, user, self.settings)


class RefreshResource:
    uses_database = True

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @spec.validate(
        resp=Answers(HTTP_200=TokenPair, HTTP_401=None), tags=["auth"], operation_id="refresh_token"
    )
    async def on_post(self, req: Request, resp: Response, json: RefreshRequest) -> None:
        """A new pair of tokens for a refresh token, which is then used up."""
        try:
            pair = await token_service.rotate(
                req.context.session, json.refresh_token, self.settings
            )
        except AuthenticationError as error:
            raise unauthorized(error.detail) from None
        resp.cache_control = ["no-store"]
        resp.media = pair


def add_routes(app: App, settings: Settings) -> None:
    app.add_route(TOKEN_URL, TokenResource(settings))
    app.add_route("/api/v1/auth/refresh", RefreshResource(settings))
