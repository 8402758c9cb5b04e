from __future__ import annotations

import asyncio
import contextlib

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import ConflictError, NotFoundError
from ..models import User
from ..schemas.users import UserCreate
from ..security.passwords import hash_password, verify_password


async def get_user(session: AsyncSession, user_id: int) -> User:
    user = await session.get(User, user_id)
    if user is None:
        raise NotFoundError("The user does not exist.")
    return user


async def authenticate(session: AsyncSession, username: str, password: str) -> User | None:
    user = await session.scalar(select(User).where(User.username == username))
    # Argon2 is deliberately slow: verify off the event loop.
    valid = await asyncio.to_thread(verify_password, password, user.password_hash if user else None)
    return user if valid else None


async def create_user(session: AsyncSession, data: UserCreate, *, is_admin: bool = False) -> User:
    password_hash = await asyncio.to_thread(hash_password, data.password)
    user = User(username=data.username, password_hash=password_hash, is_admin=is_admin)
    session.add(user)
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise ConflictError(f"The username '{data.username}' is taken.") from None
    return user


async def ensure_admin(session: AsyncSession, username: str, password: str) -> None:
    """Create the configured admin once; replicas starting together race safely."""
    if await session.scalar(select(User.id).where(User.username == username)) is not None:
        return
    with contextlib.suppress(ConflictError):
        await create_user(session, UserCreate(username=username, password=password), is_admin=True)
