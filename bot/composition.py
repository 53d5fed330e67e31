"""The composition root: the one place that builds the engine, the unit-of-work factory, the clock,
the adapter, the senders and the relays, and the one place that names `SqlUnitOfWork`. The app
(bot/app.py) runs `services_context` in its `cleanup_ctx`; the handlers read what it built
through the `web.AppKey`s below."""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from botbuilder.integration.aiohttp import CloudAdapter

from bot.card_seal import CardSeal
from bot.connector import CachingAuthentication, bot_framework_authentication
from bot.dispatch import CommandRunner
from bot.downloads import DownloadLinks, link_secret
from bot.file_fetch import FileFetcher
from bot.guard import Guard, TenantAllowList, TenantRefusals
from bot.pipeline import Posting
from bot.proactive import ConnectorSender
from bot.registry import REGISTRY
from bot.settings import Settings
from bot.teams import GovernanceBot
from cards.channel_posts import ChannelPosts
from governance.ports import UnitOfWork, UnitOfWorkFactory
from governance.rules.clock import Clock, FileClock, SystemClock
from scheduler.calendar_relay import CalendarRelay, CalendarRelaySettings
from scheduler.clock import RelayClock, start_relay_clock
from scheduler.relay import Relay, RelaySettings
from scheduler.retention_job import RetentionJob
from scheduler.waker import RelayWaker
from storage.database import Engine, create_engine, session_factory
from storage.migrate import upgrade_database
from storage.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)


@dataclass
class Services:
    engine: Engine
    authentication: CachingAuthentication
    adapter: CloudAdapter
    bot: GovernanceBot
    downloads: DownloadLinks
    unit_of_work: UnitOfWorkFactory
    relay: Relay
    waker: RelayWaker


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
    guard = Guard(
        channel_id="msteams",
        tenants=TenantAllowList(settings.allowed_tenants, imported_tenants),
        refusals=TenantRefusals(unit_of_work, clock),
    )
    relay = build_relay(settings, unit_of_work, clock, adapter)
    # Posts are stored with the change that brings them and sent by this process's relay as soon
    # as the turn commits (also when HFBOT_RELAY_INTERVAL=0 leaves the periodic runs to another).
    waker = RelayWaker(relay)
    posting = Posting(ChannelPosts(downloads.base_url), waker.wake)
    bot = GovernanceBot(
        runner=CommandRunner(
            unit_of_work,
            clock,
            REGISTRY,
            posting,
            FileFetcher(settings.file_hosts, allow_http=settings.dev_no_auth),
        ),
        unit_of_work=unit_of_work,
        guard=guard,
        clock=clock,
        posting=posting,
        downloads=downloads,
        outlook_invitations=settings.graph is not None,
        card_seal=CardSeal(secret),
        file_hosts=settings.file_hosts,
    )
    return Services(
        engine=engine,
        authentication=authentication,
        adapter=adapter,
        bot=bot,
        downloads=downloads,
        unit_of_work=unit_of_work,
        relay=relay,
        waker=waker,
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
            tenant_rate=settings.relay_tenant_rate,
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


def start_clocks(settings: Settings, relay: Relay, interval_seconds: float) -> RelayClock:
    """The relay's clock, with the daily retention run unless HFBOT_RETENTION_AT leaves it to
    another process."""
    at = settings.retention_time
    if at is None:
        return start_relay_clock(relay, interval_seconds)
    return start_relay_clock(relay, interval_seconds, RetentionJob(relay.unit_of_work, relay.clock), at)


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


async def services_context(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    await upgrade_database(settings.database_url)
    engine = create_engine(settings.database_url, settings.database_timeouts)
    services = build_services(settings, app[CLOCK], engine)
    app[SERVICES] = services
    relay_clock = start_clocks(settings, services.relay, settings.relay_interval) if settings.relay_interval else None
    yield
    if relay_clock is not None:
        await relay_clock.stop()
    await services.waker.close()
    await services.relay.close()
    await services.authentication.close()
    await engine.dispose()
