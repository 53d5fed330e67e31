"""The calendar relay's port to Microsoft Graph: create, update and cancel one Outlook event."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from governance.rules.outlook_events import OutlookEvent
from scheduler.sender import Refused


@dataclass(frozen=True)
class EventRef:
    event_id: str
    join_url: str | None  # the Teams meeting link Graph made for the event


@dataclass(frozen=True)
class GraphSettings:
    tenant_id: str
    client_id: str
    client_secret: str = field(repr=False)
    base_url: str = "https://graph.microsoft.com/v1.0"
    authority_host: str = "login.microsoftonline.com"
    ca_bundle: str | None = None  # extra trusted CAs (a TLS-inspecting proxy; tests' local servers)
    timeout_s: float = 30.0

    @property
    def scope(self) -> str:
        """Application permissions are asked for as the Graph host's `.default` scope."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}/.default"


class EventGone(Refused):
    """The event is not in the organiser's calendar any more (deleted in Outlook)."""


class CalendarGateway(Protocol):
    """Raises RetryLater (throttled, unavailable, timed out), EventGone or Refused."""

    async def create(self, organiser: str, event: OutlookEvent, transaction_id: str) -> EventRef:
        """Creates the event; a retry with the same transaction id returns the first one."""
        ...

    async def update(self, organiser: str, event_id: str, event: OutlookEvent) -> EventRef: ...

    async def cancel(self, organiser: str, event_id: str, comment: str) -> None:
        """Cancels the event, which sends the attendees a cancellation."""
        ...

    async def close(self) -> None: ...
