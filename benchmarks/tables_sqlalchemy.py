"""The tables the SQLAlchemy bare apps read, mapped as the generated service's migrations
created them (the bare apps never create or alter them), and the database URL as their
async drivers take it."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, Integer, Numeric, String, Text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# The generated service reads the token's user on every authenticated request; a bare app
# reads the same row, the service's admin (the first user it created), without a token.
BENCH_USER_ID = 1


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str | None] = mapped_column(Text)
    price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    owner_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(50))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def async_url(url: str) -> str:
    """Accept the same plain ``postgresql://`` / ``sqlite:///`` URLs as the generated service."""
    parsed = make_url(url)
    drivers = {"postgresql": "postgresql+asyncpg", "sqlite": "sqlite+aiosqlite"}
    parsed = parsed.set(drivername=drivers.get(parsed.drivername, parsed.drivername))
    return parsed.render_as_string(hide_password=False)
