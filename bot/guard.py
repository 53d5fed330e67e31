"""Which activities the bot will handle at all: its channel, and tenants on the allow-list."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from governance.ports import UnitOfWorkFactory
from governance.rules.clock import Clock
from governance.rules.model import AuditEvent

TENANT_REFRESH_SECONDS = 60.0

TENANT_REFUSED = "refused.tenant"  # the audit action of a request from a tenant not served
# One audit row per refused tenant per hour, its count going up: a flood of requests cannot fill
# the table. Past this many tenants in one hour the rest share one row, so neither can a flood
# of tenants.
TENANT_REFUSAL_WINDOW = timedelta(hours=1)
MAX_REFUSED_TENANTS_PER_WINDOW = 50
_TENANT_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

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
class TenantRefusals:
    """Audits requests from tenants the bot does not serve, counted per tenant and hour."""

    unit_of_work: UnitOfWorkFactory
    clock: Clock

    async def record(self, tenant_id: str | None) -> None:
        now = self.clock.now()
        # Hours on the clock, so each row covers one calendar hour and is found by its start.
        since = now.replace(minute=0, second=0, microsecond=0)
        try:
            async with self.unit_of_work() as uow:
                subject = _tenant_subject(tenant_id)
                if await uow.audit.count_since(TENANT_REFUSED, since) >= MAX_REFUSED_TENANTS_PER_WINDOW:
                    subject = "tenant:other"
                event = AuditEvent(at=now, action=TENANT_REFUSED, subject=subject, details={})
                count = await uow.audit.tally(event, since)
                await uow.commit()
        except Exception as error:  # the refusal stands without its audit row; the database may be away
            log.warning("tenant.refusal_not_audited error=%s", type(error).__name__)
            return
        log.info("tenant.refused count=%d", count)


def _tenant_subject(tenant_id: str | None) -> str:
    """The tenant as the audit names it: its id when it is one (a GUID), never other sent text."""
    if not tenant_id:
        return "tenant:none"
    tenant = tenant_id.strip().lower()
    return f"tenant:{tenant}" if _TENANT_ID.match(tenant) else "tenant:invalid"


@dataclass
class Guard:
    channel_id: str
    tenants: TenantAllowList | None  # None: no tenant check (the local console)
    refusals: TenantRefusals | None = None  # None: refusals are not audited (the local console)

    async def check(self, channel_id: str | None, tenant_id: str | None) -> None:
        if channel_id != self.channel_id:
            raise Refused("channel")
        if self.tenants is not None and not await self.tenants.allows(tenant_id):
            if self.refusals is not None:
                await self.refusals.record(tenant_id)
            raise Refused("tenant")
