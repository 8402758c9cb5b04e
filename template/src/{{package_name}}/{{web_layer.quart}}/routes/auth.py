"""The OAuth2 password grant and refresh-token rotation."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from quart import Blueprint
from quart_schema import DataSource, tag_blueprint, validate_request, validate_response

from ...errors import AuthenticationError
from ...schemas.tokens import RefreshRequest, TokenPair
from ...services import tokens as token_service
from ...services.users import authenticate
from ..auth import Unauthorized, request_address
from ..context import get_session, get_settings

# Token answers are credentials: no cache may keep them.
NO_STORE = {"Cache-Control": "no-store"}

bp = Blueprint("auth", __name__)
tag_blueprint(bp, ["auth"])


class PasswordGrant(BaseModel):
    """The form of OAuth2's resource owner password grant (RFC 6749, section 4.3.2)."""

    grant_type: Literal["password"] | None = None
    username: str
    password: str


@bp.post("/token")
@validate_request(PasswordGrant, source=DataSource.FORM)
@validate_response(TokenPair)
async def issue_token(data: PasswordGrant) -> tuple[TokenPair, int, dict[str, str]]:
    session = get_session()
    user = await authenticate(session, data.username, data.password, request_address())
    if user is None:
        raise Unauthorized("The username or password is wrong.")
    return await token_service.issue_pair(session, user, get_settings()), 200, NO_STORE


@bp.post("/refresh")
@validate_request(RefreshRequest)
@validate_response(TokenPair)
async def refresh_token(data: RefreshRequest) -> tuple[TokenPair, int, dict[str, str]]:
    try:
        pair = await token_service.rotate(get_session(), data.refresh_token, get_settings())
    except AuthenticationError as error:
        raise Unauthorized(error.detail) from None
    return pair, 200, NO_STORE
