"""Which activities the bot will handle at all: its channel, and tenants on the allow-list."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

TENANT_REFRESH_SECONDS = 60.0

log = logging.getLogger(__name__)


class Refused(Exception):
    """The activity comes from a channel or tenant the bot does not serve; nothing is stored."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class TenantAllowList:
    """Tenants from the environment plus those named in imported structure files.

    The structure's tenants are re-read at most once a minute, so an import takes effect on a
    running server without a database query on every turn.
    """

    configured: frozenset[str]
    load_imported: Callable[[], Awaitable[frozenset[str]]]
    _imported: frozenset[str] = frozenset()
    _loaded_at: float = float("-inf")

    async def allows(self, tenant_id: str | None) -> bool:
        if not tenant_id:
            return False
        tenant = tenant_id.lower()
        if tenant in self.configured:
            return True
        if time.monotonic() - self._loaded_at > TENANT_REFRESH_SECONDS:
            try:
                self._imported = await self.load_imported()
                self._loaded_at = time.monotonic()
            except Exception as error:  # the database briefly away: keep the last list, retry next turn
                log.warning("tenants.refresh_failed error=%s", type(error).__name__)
        return tenant in self._imported


@dataclass
class Guard:
    channel_id: str
    tenants: TenantAllowList | None  # None: no tenant check (the local console)

    async def check(self, channel_id: str | None, tenant_id: str | None) -> None:
        if channel_id != self.channel_id:
            raise Refused("channel")
        if self.tenants is not None and not await self.tenants.allows(tenant_id):
            raise Refused("tenant")
