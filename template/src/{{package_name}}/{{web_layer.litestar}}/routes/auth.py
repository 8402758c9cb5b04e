"""The OAuth2 password grant and refresh-token rotation."""

from __future__ import annotations

from litestar import Controller, Request, post
from litestar.datastructures import CacheControlHeader
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, URLEncodedBody
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ...errors import AuthenticationError
from ...schemas.tokens import RefreshRequest, TokenPair
from ...services import tokens as token_service
from ...services.users import authenticate
from ...settings import Settings
from ..authentication import request_address, unauthorized
from ..problems import ProblemOperation

NO_STORE = CacheControlHeader(no_store=True)
TOO_MANY_SIGN_INS = ResponseSpec(
    None, description="Too many failed sign-ins; Retry-After says when to try again."
)


class PasswordGrant(BaseModel):
    """OAuth2's password grant, form-encoded, as the docs page's Authorize button sends it."""

    username: str
    password: str


class AuthController(Controller):
    path = "/auth"
    tags = ("auth",)

    # The token routes take credentials instead of a token: the authentication middleware
    # passes them by.
    @post(
        "/token",
        status_code=200,
        cache_control=NO_STORE,
        responses={429: TOO_MANY_SIGN_INS},
        exclude_from_auth=True,
        operation_class=ProblemOperation,
    )
    async def issue_token(
        self,
        data: URLEncodedBody[PasswordGrant],
        session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        request: Request,
    ) -> TokenPair:
        address = request_address(request, settings)
        user = await authenticate(session, data.username, data.password, address)
        if user is None:
            raise unauthorized("The username or password is wrong.")
        return await token_service.issue_pair(session, user, settings)

    @post(
        "/refresh",
        status_code=200,
        cache_control=NO_STORE,
        exclude_from_auth=True,
        operation_class=ProblemOperation,
    )
    async def refresh_token(
        self,
        data: JSONBody[RefreshRequest],
        session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
    ) -> TokenPair:
        try:
            return await token_service.rotate(session, data.refresh_token, settings)
        except AuthenticationError as error:
            raise unauthorized(error.detail) from None
