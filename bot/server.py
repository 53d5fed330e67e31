"""`hfbot serve`: runs the app until interrupted, with the access log kept free of query strings."""

from __future__ import annotations

import gc
import sys

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from bot.app import create_app
from bot.composition import app_clock
from bot.settings import Settings

GIL_SWITCH_INTERVAL_S = 0.0005


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
