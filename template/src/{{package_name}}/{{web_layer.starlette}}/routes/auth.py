"""The OAuth2 password grant and refresh-token rotation."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ...errors import AuthenticationError
from ...schemas.tokens import RefreshRequest
from ...services import tokens as token_service
from ...services.users import authenticate
from ..auth import challenge, request_address
from ..responses import ModelResponse
from ..validation import request_validation

NO_STORE = {"Cache-Control": "no-store"}


class PasswordGrant(BaseModel):
    """OAuth2's token request (RFC 6749, 4.3), as the docs page's Authorize button sends it."""

    grant_type: Literal["password"] | None = None
    username: str
    password: str
    scope: str = ""


async def issue_token(request: Request) -> Response:
    """Exchange a username and password for an access and a refresh token."""
    async with request.form() as form:
        with request_validation():
            grant = PasswordGrant.model_validate(form)
    session = request.state.session
    user = await authenticate(session, grant.username, grant.password, request_address(request))
    if user is None:
        return challenge("The username or password is wrong.")
    pair = await token_service.issue_pair(session, user, request.app.state.settings)
    return ModelResponse(pair, headers=NO_STORE)


async def refresh_token(request: Request) -> Response:
    """Exchange a refresh token for a new pair; the one presented is spent."""
    with request_validation():
        data = RefreshRequest.model_validate_json(await request.body())
    try:
        pair = await token_service.rotate(
            request.state.session, data.refresh_token, request.app.state.settings
        )
    except AuthenticationError as error:
        return challenge(error.detail)
    return ModelResponse(pair, headers=NO_STORE)


routes = [
    Route("/auth/token", issue_token, methods=["POST"]),
    Route("/auth/refresh", refresh_token, methods=["POST"]),
]
