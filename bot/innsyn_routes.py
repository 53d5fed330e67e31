"""The innsyn page (issue 18): server-rendered HTML and public PDFs, for anyone, without signing in.

Only what governance/papers/public_records.py hands out is shown: that module checks on every
request that the community turned the page on, and that each paper is published, approved or final,
and public. Meetings are addressed by body and day, never by a database id, so no id of a case, a
document or an unpublished meeting fits any of these paths; whatever is not public answers 404,
as does every path while the community has `public_records` off.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from aiohttp import web
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from bot.composition import CLOCK, SERVICES
from bot.pipeline import UNAVAILABLE
from cards.dates import date_text, when_text
from cards.minutes_documents import minutes_document
from cards.notice_documents import notice_document
from cards.printed import printed_file
from cards.texts import say
from governance.access import Actor
from governance.context import Context
from governance.papers import public_records
from governance.rules.errors import DomainError
from governance.rules.oslo_time import oslo_date

# Autoescaped: titles and decisions are typed by users and must never become markup.
_TEMPLATES = Environment(
    loader=PackageLoader("bot", "templates/innsyn"),
    autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["date_nb"] = lambda day: date_text(day, "nb")
_TEMPLATES.filters["when_nb"] = lambda meeting: when_text(meeting.starts_at, meeting.ends_at, "nb")
_TEMPLATES.filters["day_nb"] = lambda instant: date_text(oslo_date(instant), "nb")

# Public papers change when a new one is published or approved: a reader's browser may keep a page
# a few minutes, never a shared cache for long, and a 404 is never kept (the page may be turned on).
_PAGE_CACHE = "public, max-age=300"
_NOT_FOUND_HEADERS = {"Cache-Control": "no-store"}

Produce = Callable[[Context], Awaitable[web.Response]]


async def _answer(request: web.Request, produce: Produce) -> web.Response:
    services = request.app[SERVICES]
    try:
        async with services.unit_of_work() as uow:
            return await produce(Context(uow, request.app[CLOCK], Actor(None), None))
    except DomainError:
        return _not_found()
    except UNAVAILABLE:
        return web.Response(status=503, text=say("nb", "unavailable"), content_type="text/plain")


def _not_found() -> web.Response:
    return web.Response(
        status=404,
        text=_TEMPLATES.get_template("not_found.html.j2").render(),
        content_type="text/html",
        charset="utf-8",
        headers=_NOT_FOUND_HEADERS,
    )


def _page(template: str, **values: Any) -> web.Response:
    return web.Response(
        text=_TEMPLATES.get_template(template).render(**values),
        content_type="text/html",
        charset="utf-8",
        headers={
            "Cache-Control": _PAGE_CACHE,
            # The pages load nothing from elsewhere and run no script of their own.
            "Content-Security-Policy": "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        },
    )


def _pdf(content: bytes, filename: str) -> web.Response:
    return web.Response(
        body=content,
        content_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{filename}"',
            "Cache-Control": _PAGE_CACHE,
            "X-Content-Type-Options": "nosniff",
        },
    )


def _year(request: web.Request) -> int:
    return int(request.match_info["year"])


def _day(request: web.Request) -> date:
    """The meeting's day from the path; it must lie in the year the path names."""
    try:
        day = date.fromisoformat(request.match_info["day"])
    except ValueError:
        raise DomainError("public_record_not_found") from None
    if day.year != _year(request):
        raise DomainError("public_record_not_found")
    return day


async def index(request: web.Request) -> web.Response:
    """The community's bodies and the years each has public papers for."""

    async def produce(ctx: Context) -> web.Response:
        return _page("index.html.j2", index=await public_records.public_index(ctx))

    return await _answer(request, produce)


async def year_page(request: web.Request) -> web.Response:
    """One body's year: its meetings with their public notice and minutes, and its final decisions."""

    async def produce(ctx: Context) -> web.Response:
        page = await public_records.public_year(ctx, request.match_info["body"], _year(request))
        return _page("year.html.j2", page=page)

    return await _answer(request, produce)


async def notice_pdf(request: web.Request) -> web.Response:
    """The public version of a published notice, as PDF."""

    async def produce(ctx: Context) -> web.Response:
        day = _day(request)
        view = await public_records.public_notice_on(ctx, request.match_info["body"], day)
        content, _ = printed_file(notice_document(view, "nb", ctx.now(), public=True), "pdf")
        return _pdf(content, f"innkalling-{view.agenda.body.key}-{day.isoformat()}-offentlig.pdf")

    return await _answer(request, produce)


async def minutes_pdf(request: web.Request) -> web.Response:
    """The public version of approved minutes, as PDF."""

    async def produce(ctx: Context) -> web.Response:
        day = _day(request)
        view = await public_records.public_minutes_on(ctx, request.match_info["body"], day)
        content, _ = printed_file(minutes_document(view, "nb", ctx.now(), public=True), "pdf")
        return _pdf(content, f"protokoll-{view.body.key}-{day.isoformat()}-offentlig.pdf")

    return await _answer(request, produce)


def add_innsyn_routes(app: web.Application) -> None:
    app.router.add_get("/innsyn/", index)
    app.router.add_get(r"/innsyn/{body:[^/.]+}/{year:\d{4}}", year_page)
    app.router.add_get(r"/innsyn/{body:[^/.]+}/{year:\d{4}}/{day:[^/]+}/innkalling.pdf", notice_pdf)
    app.router.add_get(r"/innsyn/{body:[^/.]+}/{year:\d{4}}/{day:[^/]+}/protokoll.pdf", minutes_pdf)
