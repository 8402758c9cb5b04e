"""Configuration from environment variables (and `.env`), the same names in every framework."""

from __future__ import annotations

import secrets
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///./app.db"
MIN_SECRET_KEY_LENGTH = 32
MIN_PASSWORD_LENGTH = 8
# Values people copy from examples and forget to replace.
PLACEHOLDER_SECRET_KEYS = frozenset(
    {"changeme", "change-me", "change_me", "secret", "your-secret-key", "replace-me", "dev"}
)

CommaSeparated = Annotated[list[str], NoDecode]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = DEFAULT_DATABASE_URL
    secret_key: SecretStr = SecretStr("")
    admin_username: str | None = None
    admin_password: SecretStr | None = None
    open_registration: bool = False
    api_keys: CommaSeparated = Field(default_factory=list)
    access_token_ttl_seconds: int = Field(default=900, gt=0)
    refresh_token_ttl_seconds: int = Field(default=1_209_600, gt=0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    log_format: Literal["json", "console"] | None = None
    cors_origins: CommaSeparated = Field(default_factory=list)
    db_pool_size: int = Field(default=5, ge=1)
    db_max_overflow: int = Field(default=10, ge=0)
    db_pool_timeout: float = Field(default=30.0, gt=0)
    db_pool_recycle: int = Field(default=1800, gt=0)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    web_concurrency: int = Field(default=1, ge=1)
    allowed_hosts: CommaSeparated = Field(default_factory=lambda: ["*"])
    force_https: bool = False

    @field_validator("api_keys", "cors_origins", "allowed_hosts", mode="before")
    @classmethod
    def split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def check_production_settings(self) -> Settings:
        if self.environment != "production":
            return self
        problems = []
        key = self.secret_key.get_secret_value()
        if not key:
            problems.append("SECRET_KEY is required in production")
        elif len(key) < MIN_SECRET_KEY_LENGTH or key.lower() in PLACEHOLDER_SECRET_KEYS:
            problems.append(
                f"SECRET_KEY must be a random value of at least {MIN_SECRET_KEY_LENGTH} "
                "characters in production, not a placeholder"
            )
        # Without it the service would quietly write a SQLite file in its working
        # directory, which a container's read-only filesystem refuses anyway.
        if "database_url" not in self.model_fields_set:
            problems.append("DATABASE_URL is required in production")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @model_validator(mode="after")
    def check_admin_password(self) -> Settings:
        password = self.admin_password.get_secret_value() if self.admin_password else ""
        if password and len(password) < MIN_PASSWORD_LENGTH:
            raise ValueError(f"ADMIN_PASSWORD must be at least {MIN_PASSWORD_LENGTH} characters")
        return self

    @property
    def admin_credentials(self) -> tuple[str, str] | None:
        """The admin to create at start-up, when both parts are configured."""
        password = self.admin_password.get_secret_value() if self.admin_password else ""
        if self.admin_username and password:
            return self.admin_username, password
        return None

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def effective_log_format(self) -> str:
        if self.log_format:
            return self.log_format
        return "json" if self.is_production else "console"

    @property
    def signing_key(self) -> str:
        # Outside production a missing key falls back to one random key per process:
        # tokens then do not survive a restart, which is fine for local work.
        return self.secret_key.get_secret_value() or _process_signing_key()


@lru_cache(maxsize=1)
def _process_signing_key() -> str:
    return secrets.token_urlsafe(48)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


class ConfigurationError(SystemExit):
    """Start-up stops with one line that names the offending variable."""


def load_settings_or_exit() -> Settings:
    try:
        return get_settings()
    except ValidationError as error:
        problems = "; ".join(_describe(detail) for detail in error.errors())
        raise ConfigurationError(f"Invalid configuration: {problems}") from None


def _describe(detail: dict) -> str:
    variable = "_".join(str(part) for part in detail["loc"]).upper()
    message = detail["msg"].removeprefix("Value error, ")
    if not variable:
        return message
    return f"{variable}: {message}"
