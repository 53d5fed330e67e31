"""The relay's port to the Bot Connector: send one stored message, and say how it went."""

from __future__ import annotations

import email.utils
from datetime import UTC, datetime
from typing import Any, Protocol

from governance.rules.reminders import Delivery

# Answers that mean "not taken, try again later" (DESIGN.md section 5), from the Bot Connector
# and from Microsoft Graph alike.
RETRYABLE_STATUSES = frozenset({429, 412, 502, 503, 504})


def backoff_seconds(attempts: int, retry_after: float | None, base_s: float, cap_s: float, jitter: float) -> float:
    """The wait before attempt `attempts + 1`: exponential with jitter (`jitter` in [0, 1) takes
    off up to half), and never sooner than the service's Retry-After."""
    delay = min(cap_s, base_s * 2 ** (attempts - 1)) * (0.5 + jitter / 2)
    return max(delay, retry_after) if retry_after is not None else delay


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """A Retry-After header: seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class SendFailed(Exception):
    """The message was not delivered. `code` is short and safe to log ("http_429", "timeout")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class RetryLater(SendFailed):
    """Not delivered, and worth trying again (429, 412, 502, 503, 504, no connection)."""

    def __init__(self, code: str, retry_after: float | None = None) -> None:
        super().__init__(code)
        self.retry_after = retry_after


class Uncertain(SendFailed):
    """The connector may have taken the message (a timeout or 500 after sending): not resent."""


class Refused(SendFailed):
    """Refused for good (the bot was removed from the conversation, the conversation is gone)."""


class Sender(Protocol):
    async def send(self, reference: dict[str, Any], delivery: Delivery) -> str:
        """Sends the delivery's text (and card) to the referenced conversation; returns the
        activity id the connector gave it, or raises SendFailed."""
        ...

    async def replace(self, reference: dict[str, Any], activity_id: str, delivery: Delivery) -> str:
        """Replaces the message `activity_id` with the delivery's card; returns that id, or raises
        SendFailed."""
        ...
