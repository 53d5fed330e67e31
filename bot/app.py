"""The aiohttp application: `POST /api/messages` through CloudAdapter, and `GET /healthz`."""

from __future__ import annotations

import gc
import json
import logging
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from botbuilder.integration.aiohttp import CloudAdapter

from bot.card_seal import CardSeal
from bot.connector import CachingAuthentication, bot_framework_authentication
from bot.dispatch import CommandRunner
from bot.downloads import DownloadLinks, link_secret, minutes_path, plan_path
from bot.guard import Guard, Refused, TenantAllowList
from bot.pipeline import UNAVAILABLE
from bot.proactive import ConnectorSender
from bot.registry import REGISTRY
from bot.settings import Settings
from bot.teams import ChannelAgendaPoster, ChannelApprovalCards, ChannelNotices, GovernanceBot, turn_started
from cards.calendar_documents import ICS_TYPE, feed_ics, meeting_ics
from cards.minutes_documents import DOCX_TYPE, PDF_TYPE, minutes_docx, minutes_pdf
from cards.plan_documents import CSV_TYPE, XLSX_TYPE, plan_csv, plan_xlsx
from cards.texts import Language, language, say
from governance import minutes, plans
from governance.access import Actor
from governance.calendar import oslo_date
from governance.calendar_feed import calendar_feed
from governance.clock import Clock, FileClock, SystemClock
from governance.context import Context
from governance.errors import DomainError
from governance.ports import UnitOfWork, UnitOfWorkFactory
from scheduler.calendar_relay import CalendarRelay, CalendarRelaySettings
from scheduler.clock import start_relay_clock
from scheduler.relay import Relay, RelaySettings
from scheduler.report import calendar_report, relay_report
from storage.database import Engine, create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)

GIL_SWITCH_INTERVAL_S = 0.0005


@dataclass
class Services:
    engine: Engine
    authentication: CachingAuthentication
    adapter: CloudAdapter
    bot: GovernanceBot
    downloads: DownloadLinks
    unit_of_work: UnitOfWorkFactory
    relay: Relay


SETTINGS = web.AppKey("settings", Settings)
CLOCK = web.AppKey("clock", Clock)
SERVICES = web.AppKey("services", Services)


def unit_of_work_factory(engine: Engine) -> UnitOfWorkFactory:
    """The one place that chooses the store: everything else in bot/ and scheduler/ asks for a
    `UnitOfWorkFactory` (the port), so a fake one can stand in."""
    sessions = session_factory(engine)

    def unit_of_work() -> UnitOfWork:
        return SqlUnitOfWork(sessions)

    return unit_of_work


def build_services(settings: Settings, clock: Clock, engine: Engine) -> Services:
    unit_of_work = unit_of_work_factory(engine)

    async def imported_tenants() -> frozenset[str]:
        async with unit_of_work() as uow:
            return await uow.communities.all_tenants()

    authentication = bot_framework_authentication(settings)
    adapter = CloudAdapter(authentication)
    secret = link_secret(settings.link_secret, settings.app_password)
    downloads = DownloadLinks(settings.public_url, secret, clock)
    guard = Guard(channel_id="msteams", tenants=TenantAllowList(settings.allowed_tenants, imported_tenants))
    bot = GovernanceBot(
        runner=CommandRunner(unit_of_work, clock, REGISTRY),
        unit_of_work=unit_of_work,
        guard=guard,
        clock=clock,
        poster=ChannelAgendaPoster(adapter, "" if settings.dev_no_auth else settings.app_id, downloads.base_url),
        approval_cards=ChannelApprovalCards(adapter, "" if settings.dev_no_auth else settings.app_id),
        notices=ChannelNotices(adapter, "" if settings.dev_no_auth else settings.app_id),
        downloads=downloads,
        outlook_invitations=settings.graph is not None,
        card_seal=CardSeal(secret),
    )
    relay = build_relay(settings, unit_of_work, clock, adapter)
    return Services(
        engine=engine,
        authentication=authentication,
        adapter=adapter,
        bot=bot,
        downloads=downloads,
        unit_of_work=unit_of_work,
        relay=relay,
    )


def build_relay(settings: Settings, unit_of_work: UnitOfWorkFactory, clock: Clock, adapter: CloudAdapter) -> Relay:
    relay = Relay(
        unit_of_work,
        clock,
        ConnectorSender(adapter, "" if settings.dev_no_auth else settings.app_id),
        owner=f"{socket.gethostname()}:{os.getpid()}",
        calendar_base=settings.public_url,
        settings=RelaySettings(
            lease=timedelta(seconds=settings.relay_lease),
            pace=timedelta(seconds=settings.relay_pace),
            retention=timedelta(days=settings.retention_days),
        ),
    )
    if settings.dev_no_auth and settings.relay_failpoint:
        relay.failpoint = kill_at(settings.relay_failpoint)
    graph = settings.graph
    if graph is not None:
        from scheduler.graph_calendar import GraphCalendar  # msgraph-sdk is large: loaded when used

        relay.calendar = CalendarRelay(
            unit_of_work, clock, GraphCalendar.connect(graph), owner=relay.owner, settings=CalendarRelaySettings()
        )
    else:
        log.warning("calendar.off reason=graph_not_configured")
    return relay


def kill_at(step: str) -> Callable[[str], None]:
    """A failpoint for tests: the process dies (SIGKILL, no clean-up) when the relay reaches `step`."""

    def failpoint(reached: str) -> None:
        if reached == step:
            log.warning("relay.failpoint step=%s", step)
            os.kill(os.getpid(), signal.SIGKILL)

    return failpoint


def app_clock(settings: Settings) -> Clock:
    """The system clock; in tests a file several processes share (HFBOT_CLOCK_FILE, dev mode only)."""
    return FileClock(Path(settings.clock_file)) if settings.dev_no_auth and settings.clock_file else SystemClock()


async def _lifecycle(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    engine = create_engine(settings.database_url)
    await upgrade(engine)
    services = build_services(settings, app[CLOCK], engine)
    app[SERVICES] = services
    relay_clock = start_relay_clock(services.relay, settings.relay_interval) if settings.relay_interval else None
    yield
    if relay_clock is not None:
        await relay_clock.stop()
    await services.relay.close()
    await services.authentication.close()
    await engine.dispose()


def _problem(status: int, error: str) -> web.Response:
    return web.json_response({"error": error}, status=status)


async def messages(request: web.Request) -> web.StreamResponse:
    services = request.app[SERVICES]
    if "application/json" not in request.headers.get("Content-Type", ""):
        return _problem(415, "expected application/json")
    started: list[bool] = []
    token = turn_started.set(started)
    try:
        response = await services.adapter.process(request, services.bot)
        return response if response is not None else web.Response(status=201)
    except Refused as refusal:
        log.info("request.refused reason=%s", refusal.reason)
        return _problem(403, f"{refusal.reason} not served")
    except web.HTTPUnauthorized:
        if not started:
            raise
        # botbuilder reports the bot's own failure to get a token (a wrong MicrosoftAppPassword)
        # as PermissionError, which it turns into 401; the caller's token was fine.
        log.error("request.bot_credentials_refused")
        return _problem(500, "internal error")
    except web.HTTPException:
        raise
    except (json.JSONDecodeError, UnicodeDecodeError):
        return _problem(400, "malformed JSON")  # CloudAdapter parses the body itself, once
    except Exception as error:
        if not started:
            # botbuilder raises many error types for bad tokens; all of them mean "not authenticated".
            log.info("request.unauthenticated error=%s", type(error).__name__)
            return _problem(401, "unauthorized")
        log.exception("request.failed")
        return _problem(500, "internal error")
    finally:
        turn_started.reset(token)


Document = tuple[bytes, str, str]  # content, content type, file name


async def _signed_document(
    request: web.Request, path: str, produce: Callable[[Context, Language], Awaitable[Document]], made_by: str
) -> web.Response:
    """A document for a signed link that has not expired; the signature vouches for the reader.
    `made_by` is the key of the command whose reply carries such links: an expired link names it."""
    services = request.app[SERVICES]
    query = request.query
    lang = language(query.get("lang"))
    if not services.downloads.valid(path, query.get("expires", ""), query.get("lang", ""), query.get("sig", "")):
        command = next(command for command in REGISTRY.commands if command.key == made_by)
        text = say(lang, "link_expired", command=command.called(lang))
        return web.Response(status=403, text=text, content_type="text/plain")
    try:
        async with services.unit_of_work() as uow:
            content, content_type, filename = await produce(Context(uow, request.app[CLOCK], Actor(None), None), lang)
    except DomainError:
        return web.Response(status=404, text=say(lang, "document_not_found"), content_type="text/plain")
    except UNAVAILABLE:
        return web.Response(status=503, text=say(lang, "unavailable"), content_type="text/plain")
    return web.Response(
        body=content,
        content_type=content_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


async def minutes_download(request: web.Request) -> web.Response:
    """The minutes as .docx or PDF."""
    meeting_id, fmt = int(request.match_info["meeting_id"]), request.match_info["format"]

    async def produce(context: Context, lang: Language) -> Document:
        draft = await minutes.minutes_of_meeting(context, meeting_id)
        content, content_type = (
            (minutes_docx(draft, lang), DOCX_TYPE) if fmt == "docx" else (minutes_pdf(draft, lang), PDF_TYPE)
        )
        return content, content_type, f"protokoll-{draft.body.key}-{oslo_date(draft.starts_at).isoformat()}.{fmt}"

    return await _signed_document(request, minutes_path(meeting_id, fmt), produce, "minutes")


async def plan_download(request: web.Request) -> web.Response:
    """The action plan as .xlsx or CSV."""
    plan_id, fmt = int(request.match_info["plan_id"]), request.match_info["format"]

    async def produce(context: Context, lang: Language) -> Document:
        report = await plans.report_of_plan(context, plan_id)
        content, content_type = (
            (plan_xlsx(report, lang), XLSX_TYPE) if fmt == "xlsx" else (plan_csv(report, lang), CSV_TYPE)
        )
        return content, content_type, f"handlingsplan-{report.year}.{fmt}"

    return await _signed_document(request, plan_path(plan_id, fmt), produce, "plan")


async def calendar_download(request: web.Request) -> web.Response:
    """A body's iCalendar feed, or one meeting of it, for whoever holds the body's secret link."""
    services = request.app[SERVICES]
    body_key = request.match_info["body"]
    meeting = request.match_info.get("meeting_id")
    try:
        async with services.unit_of_work() as uow:
            feed = await calendar_feed(uow, body_key, request.query.get("token", ""), int(meeting) if meeting else None)
    except UNAVAILABLE:
        return web.Response(status=503, text=say("nb", "unavailable"), content_type="text/plain")
    if feed is None:  # the same answer for an unknown body and a wrong or revoked secret
        return web.Response(status=404, text=say("nb", "calendar_not_found"), content_type="text/plain")
    now = request.app[CLOCK].now()
    content = meeting_ics(feed, now) if meeting else feed_ics(feed, now)
    filename = f"{feed.body.key}-{meeting}.ics" if meeting else f"{feed.body.key}.ics"
    return web.Response(
        body=content,
        content_type=ICS_TYPE,
        charset="utf-8",
        headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store"},
    )


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


def create_app(settings: Settings, clock: Clock | None = None) -> web.Application:
    app = web.Application()
    app[SETTINGS] = settings
    app[CLOCK] = clock or SystemClock()
    app.cleanup_ctx.append(_lifecycle)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get(r"/minutes/{meeting_id:\d+}.{format:(docx|pdf)}", minutes_download)
    app.router.add_get(r"/plans/{plan_id:\d+}.{format:(xlsx|csv)}", plan_download)
    app.router.add_get(r"/calendar/{body:[^/.]+}.ics", calendar_download)
    app.router.add_get(r"/calendar/{body:[^/.]+}/{meeting_id:\d+}.ics", calendar_download)
    return app


async def _freeze_startup_heap(_app: web.Application) -> None:
    # The objects alive once the server has started (modules, mappers, the registry, compiled
    # statements) live as long as the process. Moving them out of the collector's view keeps
    # full collections, which otherwise walk all of them every few hundred turns, short.
    gc.freeze()


def serve(settings: Settings) -> None:
    """Runs the server until interrupted, as `hfbot serve` does."""
    # SQLite runs on aiosqlite's thread, which needs the GIL back to hand over each result; by
    # default it waits up to 5 ms for a busy event loop to let go, while holding the database's
    # single connection that every other turn is queued for. A shorter interval keeps that wait,
    # and so the write lock, short (about 5 % more turns per second at 20 concurrent turns).
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = create_app(settings, app_clock(settings))
    app.on_startup.append(_freeze_startup_heap)  # after the lifecycle's start-up: migrations, services
    web.run_app(app, host=settings.host, port=settings.port, print=None, access_log_class=PathOnlyAccessLogger)


class PathOnlyAccessLogger(AbstractAccessLogger):
    """The access log without query strings: download links carry their signature there."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            "%s %s %s %s %.1fms", request.remote, request.method, request.path, response.status, time * 1000
        )
