"""Configuration from the environment (and a .env file), as DESIGN.md section 3 names it."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from scheduler.calendar_gateway import GraphSettings

LOOPBACK = "127.0.0.1"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    database_url: str = Field("sqlite:///./data/hfbot.db", validation_alias="DATABASE_URL")
    app_id: str = Field("", validation_alias="MicrosoftAppId")
    app_password: str = Field("", validation_alias="MicrosoftAppPassword", repr=False)
    app_type: str = Field("MultiTenant", validation_alias="MicrosoftAppType")
    app_tenant_id: str = Field("", validation_alias="MicrosoftAppTenantId")
    allowed_tenants_csv: str = Field("", validation_alias="HFBOT_ALLOWED_TENANTS")
    port: int = Field(3978, validation_alias="PORT")
    host: str = Field(LOOPBACK, validation_alias="HFBOT_HOST")
    public_url_setting: str = Field("", validation_alias="HFBOT_PUBLIC_URL")
    dev_no_auth: bool = Field(False, validation_alias="HFBOT_DEV_NO_AUTH")
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
    # Days sent messages and handled activity ids are kept (failed and uncertain messages stay).
    retention_days: float = Field(30.0, gt=0, validation_alias="HFBOT_RETENTION_DAYS")
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
    def public_url(self) -> str:
        return self.public_url_setting.rstrip("/") or f"http://{LOOPBACK}:{self.port}"


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
