"""Configuration from the environment (and a .env file), as DESIGN.md section 3 names it."""

from __future__ import annotations

import difflib
import re
import ssl
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, SettingsConfigDict

from governance.rules.documents import DEFAULT_FILE_HOSTS
from governance.structure.structure_file import GUID_PATTERN
from scheduler.calendar_gateway import GraphSettings
from storage.database import DEFAULT_TIMEOUTS, DatabaseTimeouts, backend_name

LOOPBACK = "127.0.0.1"
# The app types botbuilder knows (it compares them ignoring case), in Azure's spelling.
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
# Settings whose values are never echoed in an error: secrets, and a URL that may hold a password.
UNECHOED = frozenset({"MicrosoftAppPassword", "HFBOT_LINK_SECRET", "GRAPH_CLIENT_SECRET", "DATABASE_URL"})


def invalid(expected: str) -> PydanticCustomError:
    """A setting's error whose text is what the setting expects (printed after its name)."""
    return PydanticCustomError("setting", expected)


class Settings(BaseSettings):
    # An empty value (`PORT=`) means unset, in the environment and in .env alike.
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True, env_ignore_empty=True)

    database_url: str = Field("sqlite:///./data/hfbot.db", validation_alias="DATABASE_URL")
    app_id: str = Field("", validation_alias="MicrosoftAppId")
    app_password: str = Field("", validation_alias="MicrosoftAppPassword", repr=False)
    app_type: str = Field("MultiTenant", validation_alias="MicrosoftAppType")
    app_tenant_id: str = Field("", validation_alias="MicrosoftAppTenantId", validate_default=True)
    allowed_tenants_csv: str = Field("", validation_alias="HFBOT_ALLOWED_TENANTS")
    port: int = Field(3978, ge=1, le=65535, validation_alias="PORT")
    host: str = Field(LOOPBACK, validation_alias="HFBOT_HOST")
    public_url_setting: str = Field("", validation_alias="HFBOT_PUBLIC_URL")
    dev_no_auth: bool = Field(False, validation_alias="HFBOT_DEV_NO_AUTH")
    # Hosts documents are fetched from (a file sent in a personal chat) and linked to (a SharePoint
    # or OneDrive link): comma-separated, `*.` covers subdomains. Only https, except in local
    # development (HFBOT_DEV_NO_AUTH=1), where the tests' file server speaks http.
    file_hosts_csv: str = Field(",".join(DEFAULT_FILE_HOSTS), validation_alias="HFBOT_FILE_HOSTS")
    # Signs download links (minutes); several replicas need the same one. Derived from
    # MicrosoftAppPassword when unset.
    link_secret: str = Field("", validation_alias="HFBOT_LINK_SECRET", repr=False)
    # Where Bot Framework tokens are checked and fetched: the public cloud unless overridden,
    # which sovereign clouds need (and tests, which run a local identity provider).
    openid_metadata_url: str = Field("", validation_alias="HFBOT_OPENID_METADATA_URL")
    token_issuer: str = Field("", validation_alias="HFBOT_TOKEN_ISSUER")
    login_url: str = Field("", validation_alias="HFBOT_LOGIN_URL")
    # How often the outbox relay wakes to send due reminders (seconds); 0 turns it off in this
    # process (another replica, or `hfbot relay`, then sends).
    relay_interval: float = Field(30.0, ge=0, validation_alias="HFBOT_RELAY_INTERVAL")
    relay_lease: float = Field(120.0, gt=0, validation_alias="HFBOT_RELAY_LEASE")  # seconds a claim holds
    relay_pace: float = Field(1.0, ge=0, validation_alias="HFBOT_RELAY_PACE")  # seconds between messages to one chat
    # Messages a second to one tenant from all relays together (Teams allows 30-50); 0: no limit.
    relay_tenant_rate: int = Field(30, ge=0, validation_alias="HFBOT_RELAY_TENANT_RATE")
    # When the daily retention run starts, Oslo time (HH:MM), in a process that runs the relay;
    # empty: not in this process (another replica, or `hfbot retention` from cron, runs it).
    retention_at: str = Field("03:30", validation_alias="HFBOT_RETENTION_AT")
    # For tests, and only with HFBOT_DEV_NO_AUTH=1: the time is read from this file (a shared fake
    # clock), and the relay can be made to kill itself at a named step ("claimed", "sending").
    clock_file: str = Field("", validation_alias="HFBOT_CLOCK_FILE")
    relay_failpoint: str = Field("", validation_alias="HFBOT_RELAY_FAILPOINT")
    # Microsoft Graph, for Outlook invitations (DESIGN.md section 3). Without the first three the
    # calendar integration is off. The URLs point elsewhere for sovereign clouds and for tests;
    # GRAPH_CA_BUNDLE adds trusted CAs (a TLS-inspecting proxy, or the tests' local servers).
    graph_tenant_id: str = Field("", validation_alias="GRAPH_TENANT_ID")
    graph_client_id: str = Field("", validation_alias="GRAPH_CLIENT_ID")
    graph_client_secret: str = Field("", validation_alias="GRAPH_CLIENT_SECRET", repr=False)
    graph_base_url: str = Field("https://graph.microsoft.com/v1.0", validation_alias="GRAPH_BASE_URL")
    graph_authority_host: str = Field("login.microsoftonline.com", validation_alias="GRAPH_AUTHORITY_HOST")
    graph_ca_bundle: str = Field("", validation_alias="GRAPH_CA_BUNDLE")
    graph_timeout: float = Field(30.0, gt=0, validation_alias="HFBOT_GRAPH_TIMEOUT")  # seconds per Graph call
    # Seconds the bot waits for the database before it answers "the database is unavailable": a
    # user is answered within 5 s, so a stopped or locked database must fail a turn sooner.
    db_connect_timeout: float = Field(DEFAULT_TIMEOUTS.connect_s, gt=0, validation_alias="HFBOT_DB_CONNECT_TIMEOUT")
    db_statement_timeout: float = Field(
        DEFAULT_TIMEOUTS.statement_s, gt=0, validation_alias="HFBOT_DB_STATEMENT_TIMEOUT"
    )
    db_pool_timeout: float = Field(DEFAULT_TIMEOUTS.pool_s, gt=0, validation_alias="HFBOT_DB_POOL_TIMEOUT")

    @field_validator("database_url")
    @classmethod
    def supported_database(cls, value: str) -> str:
        backend = backend_name(value)
        if backend not in ("sqlite", "postgresql"):
            raise invalid("expected sqlite:///path/to/file.db or postgresql://user@host/database")
        return value

    @field_validator("allowed_tenants_csv")
    @classmethod
    def tenant_ids(cls, value: str) -> str:
        # Compared with the tenant id of each activity: anything but a GUID would never match.
        if any(not re.fullmatch(GUID_PATTERN, part.strip()) for part in value.split(",") if part.strip()):
            raise invalid("expected Entra tenant ids (GUIDs) separated by commas")
        return value

    @field_validator("app_type")
    @classmethod
    def known_app_type(cls, value: str) -> str:
        for app_type in APP_TYPES:
            if value.strip().lower() == app_type.lower():
                return app_type
        raise invalid(f"expected {', '.join(APP_TYPES[:-1])} or {APP_TYPES[-1]}")

    @field_validator("app_tenant_id")
    @classmethod
    def tenant_for_single_tenant(cls, value: str, info: ValidationInfo) -> str:
        # botbuilder needs the tenant to fetch tokens for these types; without it the server
        # would fail only after start-up, on its first reply.
        app_type = info.data.get("app_type")
        if app_type in ("SingleTenant", "UserAssignedMSI") and not value.strip():
            raise invalid(f"expected the bot's Entra tenant id, which MicrosoftAppType={app_type} needs")
        return value.strip()

    @field_validator("public_url_setting")
    @classmethod
    def web_address(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if value and (parts.scheme not in ("http", "https") or not parts.hostname):
            raise invalid("expected the bot's public address, like https://hfbot.example.no")
        return value.strip()

    @field_validator("graph_ca_bundle")
    @classmethod
    def readable_certificates(cls, value: str) -> str:
        # Read at start-up by the Graph client, where a missing file was a traceback.
        if value:
            try:
                ssl.create_default_context(cafile=value)
            except (OSError, ssl.SSLError):
                raise invalid("expected a PEM file of CA certificates that can be read") from None
        return value

    @field_validator("retention_at")
    @classmethod
    def time_of_day(cls, value: str) -> str:
        if value.strip() and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value.strip()):
            raise invalid("expected a time of day like 03:30 (Oslo time), or nothing to run retention elsewhere")
        return value.strip()

    @property
    def retention_time(self) -> tuple[int, int] | None:
        if not self.retention_at:
            return None
        hour, minute = self.retention_at.split(":")
        return int(hour), int(minute)

    @field_validator("file_hosts_csv")
    @classmethod
    def host_patterns(cls, value: str) -> str:
        # A scheme, path or port here would never match a host, and documents would all be refused.
        for part in (part.strip() for part in value.split(",")):
            if part and not re.fullmatch(r"(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*", part):
                raise invalid("expected host names separated by commas, like *.sharepoint.com,onedrive.live.com")
        return value

    @property
    def file_hosts(self) -> tuple[str, ...]:
        return tuple(part.strip().lower() for part in self.file_hosts_csv.split(",") if part.strip())

    @property
    def allowed_tenants(self) -> frozenset[str]:
        return frozenset(part.strip().lower() for part in self.allowed_tenants_csv.split(",") if part.strip())

    @property
    def graph(self) -> GraphSettings | None:
        """The Graph connection, or None when calendar integration is off."""
        if not (self.graph_tenant_id and self.graph_client_id and self.graph_client_secret):
            return None
        return GraphSettings(
            tenant_id=self.graph_tenant_id,
            client_id=self.graph_client_id,
            client_secret=self.graph_client_secret,
            base_url=self.graph_base_url,
            authority_host=self.graph_authority_host,
            ca_bundle=self.graph_ca_bundle or None,
            timeout_s=self.graph_timeout,
        )

    @property
    def database_timeouts(self) -> DatabaseTimeouts:
        return DatabaseTimeouts(
            connect_s=self.db_connect_timeout, statement_s=self.db_statement_timeout, pool_s=self.db_pool_timeout
        )

    @property
    def public_url(self) -> str:
        return self.public_url_setting.rstrip("/") or f"http://{LOOPBACK}:{self.port}"


def load_settings() -> Settings:
    """The settings, or InvalidSettings with one line per setting that is wrong."""
    try:
        return Settings()
    except ValidationError as error:
        raise InvalidSettings([setting_error_line(issue) for issue in error.errors()]) from None


def unknown_variables(environment: Mapping[str, str]) -> list[str]:
    """A line for each HFBOT_ variable that is no setting (a typo would otherwise be ignored
    without a word), naming the setting it most likely means."""
    known = [
        field.validation_alias for field in Settings.model_fields.values() if isinstance(field.validation_alias, str)
    ]
    lines = []
    for name in sorted(environment):
        if name.startswith("HFBOT_") and name not in known:
            guess = difflib.get_close_matches(name, known, n=1)
            lines.append(
                f"{name} is not a setting, so it is ignored" + (f" (did you mean {guess[0]}?)" if guess else "")
            )
    return lines


class InvalidSettings(Exception):
    def __init__(self, lines: list[str]) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines


def setting_error_line(issue: Any) -> str:
    """`NAME: expected ..., got '...'` for one of pydantic's errors."""
    name = _variable(issue["loc"])
    line = f"{name}: {_expected(issue)}"
    value = issue.get("input")
    if name not in UNECHOED and isinstance(value, str) and value:
        shown = value if len(value) <= 60 else value[:57] + "..."
        line += f", got {shown!r}"
    return line


def _variable(loc: tuple[int | str, ...]) -> str:
    """The environment variable a setting is read from (a default is reported by field name)."""
    name = ".".join(str(part) for part in loc)
    field = Settings.model_fields.get(name)
    alias = field.validation_alias if field is not None else None
    return alias if isinstance(alias, str) else name


def _expected(issue: Any) -> str:
    kind, context = issue["type"], issue.get("ctx") or {}
    if kind == "bool_parsing":
        return "expected 1 or 0 (true/false, yes/no, on/off)"
    if kind in ("int_parsing", "int_from_float"):
        return "expected a whole number"
    if kind == "float_parsing":
        return "expected a number"
    if kind == "greater_than_equal":
        return f"expected a number of at least {context['ge']:g}"
    if kind == "greater_than":
        return f"expected a number above {context['gt']:g}"
    if kind == "less_than_equal":
        return f"expected a number of at most {context['le']:g}"
    message: str = issue["msg"]
    return message if kind == "setting" else message[:1].lower() + message[1:]


def check_test_hooks(settings: Settings) -> None:
    """The test clock and failpoints exist for tests on a developer's machine, never in production."""
    if (settings.clock_file or settings.relay_failpoint) and not settings.dev_no_auth:
        raise UnsafeConfiguration(
            "HFBOT_CLOCK_FILE and HFBOT_RELAY_FAILPOINT are test hooks: they need HFBOT_DEV_NO_AUTH=1."
        )


class UnsafeConfiguration(Exception):
    """The server must not start like this; the message says what to change."""


def check_can_serve(settings: Settings) -> None:
    """Authentication is on unless explicitly off for local development on the loopback address."""
    check_test_hooks(settings)
    if settings.dev_no_auth:
        if settings.host != LOOPBACK:
            raise UnsafeConfiguration(
                f"HFBOT_DEV_NO_AUTH=1 is only allowed when bound to {LOOPBACK} (HFBOT_HOST is {settings.host})."
            )
        return
    if not settings.app_id:
        raise UnsafeConfiguration(
            "MicrosoftAppId is not set, so Bot Framework authentication would be off. Set MicrosoftAppId "
            "and MicrosoftAppPassword, or HFBOT_DEV_NO_AUTH=1 for local development on 127.0.0.1."
        )
    # A managed identity has no password; every other app type signs its replies with one.
    if settings.app_type != "UserAssignedMSI" and not settings.app_password:
        raise UnsafeConfiguration(
            f"MicrosoftAppPassword is not set, so the bot could not reply as {settings.app_id}. "
            "Set the client secret of the bot's app registration."
        )
