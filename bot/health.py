"""`GET /healthz`: the database, the outbox relay and the calendar relay."""

from __future__ import annotations

from aiohttp import web

from bot.composition import CLOCK, SERVICES, SETTINGS
from bot.pipeline import UNAVAILABLE
from scheduler.report import calendar_report, relay_report


async def healthz(request: web.Request) -> web.Response:
    services = request.app[SERVICES]
    try:  # reading the outbox is the database check too
        async with services.unit_of_work() as uow:
            outbox = await relay_report(uow, request.app[CLOCK].now())
            events = await calendar_report(uow)
    except UNAVAILABLE:
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
