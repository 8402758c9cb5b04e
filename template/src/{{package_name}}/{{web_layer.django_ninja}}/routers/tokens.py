"""The OAuth2 password grant and refresh-token rotation."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Field, Form, Router, Schema

from ...errors import AuthenticationError
from ...schemas.tokens import RefreshRequest, TokenPair
from ...tokens import services as token_service
from ...users.services import authenticate

# Credentials in, tokens out: no other authentication applies here.
router = Router(tags=["auth"], auth=None)


class PasswordGrant(Schema):
    """The form fields of OAuth2's resource owner password grant (RFC 6749, 4.3.2)."""

    grant_type: str | None = Field(None, pattern="^password$")
    username: str
    password: str


@router.post(
    "/token",
    response=TokenPair,
    openapi_extra={
        "responses": {
            429: {"description": "Too many failed sign-ins; Retry-After says when to try again."}
        }
    },
)
def issue_token(
    request: HttpRequest, form: Form[PasswordGrant], response: HttpResponse
) -> token_service.TokenPair:
    user = authenticate(request, form.username, form.password)
    if user is None:
        raise AuthenticationError("The username or password is wrong.")
    response["Cache-Control"] = "no-store"
    return token_service.issue_pair(user)


@router.post("/refresh", response=TokenPair)
def refresh_token(
    request: HttpRequest, data: RefreshRequest, response: HttpResponse
) -> token_service.TokenPair:
    pair = token_service.rotate(data.refresh_token)
    response["Cache-Control"] = "no-store"
    return pair
