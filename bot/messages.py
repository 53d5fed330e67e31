"""`POST /api/messages`: an activity from Teams, through CloudAdapter to the bot, with each failure
mapped to an HTTP status."""

from __future__ import annotations

import json
import logging

from aiohttp import web

from bot.composition import SERVICES
from bot.guard import Refused
from bot.teams import turn_started

log = logging.getLogger(__name__)


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
