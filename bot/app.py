"""The aiohttp application factory: the settings and the clock under their `web.AppKey`s, the
services built and closed in `cleanup_ctx` (bot/composition.py), and the routes: `POST /api/messages`
(bot/messages.py), `GET /healthz` (bot/health.py) and the document downloads (bot/download_routes.py)."""

from __future__ import annotations

from aiohttp import web

from bot.composition import CLOCK, SETTINGS, services_context
from bot.download_routes import (
    calendar_download,
    document_download,
    minutes_download,
    notice_download,
    plan_download,
    public_minutes_download,
    public_notice_download,
)
from bot.health import healthz
from bot.innsyn_routes import add_innsyn_routes
from bot.messages import messages
from bot.settings import Settings
from governance.rules.clock import Clock, SystemClock
from storage.log_redaction import install_log_redaction


def create_app(settings: Settings, clock: Clock | None = None) -> web.Application:
    # However the app is served (`hfbot serve`, a test, another runner), no log line it writes
    # carries a database error's text, where the drivers quote the query's values.
    install_log_redaction()
    app = web.Application()
    app[SETTINGS] = settings
    app[CLOCK] = clock or SystemClock()
    app.cleanup_ctx.append(services_context)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get(r"/minutes/{meeting_id:\d+}.{format:(docx|pdf)}", minutes_download)
    app.router.add_get(r"/notices/{meeting_id:\d+}.{format:(docx|pdf)}", notice_download)
    app.router.add_get(r"/minutes/{meeting_id:\d+}/offentlig.{format:(docx|pdf)}", public_minutes_download)
    app.router.add_get(r"/notices/{meeting_id:\d+}/offentlig.{format:(docx|pdf)}", public_notice_download)
    app.router.add_get(r"/plans/{plan_id:\d+}.{format:(xlsx|csv)}", plan_download)
    app.router.add_get(r"/documents/{document_id:\d+}", document_download)
    app.router.add_get(r"/calendar/{body:[^/.]+}.ics", calendar_download)
    app.router.add_get(r"/calendar/{body:[^/.]+}/{meeting_id:\d+}.ics", calendar_download)
    add_innsyn_routes(app)  # public, without login, and 404 unless the community turned it on
    return app
