"""The relay's port to the Bot Connector: send one stored message, and say how it went."""

from __future__ import annotations

from typing import Any, Protocol

from governance.reminders import Delivery


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
