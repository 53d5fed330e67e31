"""`GET /healthz`: the database, the outbox relay and the calendar relay."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web

from bot.composition import CLOCK, SERVICES, SETTINGS
from bot.pipeline import UNAVAILABLE
from scheduler.report import calendar_report, relay_report

log = logging.getLogger(__name__)

# A load balancer or monitor asks with a short timeout of its own: answer within 2 s, whatever the
# database does. The database's own timeouts end a stuck check later; it is not cancelled, since
# a cancelled unit of work may hang again while it rolls back.
HEALTH_DATABASE_WAIT_S = 1.5


async def _database_report(request: web.Request) -> tuple[dict[str, Any], dict[str, int]]:
    services = request.app[SERVICES]
    async with services.unit_of_work() as uow:  # reading the outbox is the database check too
        outbox = await relay_report(uow, request.app[CLOCK].now())
        events = await calendar_report(uow)
    return outbox, events


def _forget(check: asyncio.Task[Any]) -> None:
    """Collects the outcome of a check nobody waits for any more (else asyncio logs it as lost)."""
    if not check.cancelled() and check.exception() is not None:
        log.info("healthz.late_check error=%s", type(check.exception()).__name__)


async def healthz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    check = asyncio.ensure_future(_database_report(request))
    done, _ = await asyncio.wait({check}, timeout=HEALTH_DATABASE_WAIT_S)
    try:
        if not done:
            check.add_done_callback(_forget)
            raise TimeoutError("database check")
        outbox, events = check.result()
    except UNAVAILABLE as error:
        log.warning("healthz.database_unavailable error=%s", type(error).__name__)
        return web.json_response({"status": "degraded", "database": "unavailable"}, status=503)
    state = services.relay.state
    relay = {
        "enabled": bool(request.app[SETTINGS].relay_interval),
        "last_run_at": state.last_run_at.isoformat() if state.last_run_at else None,
        "last_error": state.last_error,
        **outbox,
    }
    calendar_relay = services.relay.calendar
    calendar = {
        "enabled": calendar_relay is not None,
        "last_run_at": calendar_relay.state.last_run_at.isoformat()
        if calendar_relay and calendar_relay.state.last_run_at
        else None,
        "last_error": calendar_relay.state.last_error if calendar_relay else None,
        "events": events,
    }
    return web.json_response({"status": "ok", "database": "ok", "relay": relay, "calendar": calendar})
