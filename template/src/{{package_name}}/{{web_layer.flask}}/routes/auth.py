"""The OAuth2 password grant and refresh-token rotation."""

from __future__ import annotations

from typing import Literal

from apiflask import APIBlueprint
from pydantic import BaseModel

from ...errors import AuthenticationError
from ...schemas.tokens import RefreshRequest, TokenPair
from ...services import tokens as token_service
from ...services.users import authenticate
from ..auth import request_address, unauthorized
from ..context import get_session, get_settings

# Token answers are credentials: no cache may keep them.
NO_STORE = {"Cache-Control": "no-store"}

bp = APIBlueprint("auth", __name__, tag="auth")


class PasswordGrant(BaseModel):
    """The form of OAuth2's resource owner password grant (RFC 6749, section 4.3.2)."""

    grant_type: Literal["password"] | None = None
    username: str
    password: str


@bp.post("/token")
@bp.input(PasswordGrant, location="form", arg_name="form")
@bp.output(TokenPair)
@bp.doc(responses={429: "Too many failed sign-ins; Retry-After says when to try again."})
def issue_token(form: PasswordGrant) -> tuple[TokenPair, int, dict[str, str]]:
    session = get_session()
    user = authenticate(session, form.username, form.password, request_address())
    if user is None:
        raise unauthorized("The username or password is wrong.")
    return token_service.issue_pair(session, user, get_settings()), 200, NO_STORE


@bp.post("/refresh")
@bp.input(RefreshRequest, arg_name="data")
@bp.output(TokenPair)
def refresh_token(data: RefreshRequest) -> tuple[TokenPair, int, dict[str, str]]:
    try:
        pair = token_service.rotate(get_session(), data.refresh_token, get_settings())
    except AuthenticationError as error:
        raise unauthorized(error.detail) from None
    return pair, 200, NO_STORE
