"""The OAuth2 password grant and refresh-token rotation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.security import OAuth2PasswordRequestForm

from ...errors import AuthenticationError
from ...schemas.tokens import RefreshRequest, TokenPair
from ...services import tokens as token_service
from ...services.users import authenticate
from ..auth import ClientAddress, unauthorized
from ..dependencies import SessionDep, SettingsDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/token",
    responses={
        429: {
            "description": "Too many failed sign-ins; Retry-After says when to try again.",
            "headers": {
                "Retry-After": {
                    "description": "Seconds until the next attempt is taken.",
                    "schema": {"type": "integer"},
                }
            },
        }
    },
)
async def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
    address: ClientAddress,
    response: Response,
) -> TokenPair:
    user = await authenticate(session, form.username, form.password, address)
    if user is None:
        raise unauthorized("The username or password is wrong.")
    response.headers["Cache-Control"] = "no-store"
    return await token_service.issue_pair(session, user, settings)


@router.post("/refresh")
async def refresh_token(
    data: RefreshRequest, session: SessionDep, settings: SettingsDep, response: Response
) -> TokenPair:
    try:
        pair = await token_service.rotate(session, data.refresh_token, settings)
    except AuthenticationError as error:
        raise unauthorized(error.detail) from None
    response.headers["Cache-Control"] = "no-store"
    return pair
