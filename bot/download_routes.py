"""The document downloads: the minutes, the action plan and the files stored with cases behind
signed, expiring links (made by bot/downloads.py), and a body's iCalendar feed behind its secret link."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from aiohttp import web

from bot.composition import CLOCK, SERVICES
from bot.downloads import (
    document_path,
    minutes_path,
    notice_path,
    plan_path,
    public_minutes_path,
    public_notice_path,
)
from bot.pipeline import UNAVAILABLE
from bot.registry import REGISTRY
from cards.calendar_documents import ICS_TYPE, feed_ics, meeting_ics
from cards.minutes_documents import minutes_document
from cards.notice_documents import notice_document
from cards.plan_documents import CSV_TYPE, XLSX_TYPE, plan_csv, plan_xlsx
from cards.printed import printed_file
from cards.texts import Language, language, say
from governance.access import Actor
from governance.approvals import minutes
from governance.calendar.calendar_feed import calendar_feed
from governance.context import Context
from governance.documents.documents import document_to_download
from governance.papers import exemption, notice
from governance.plans import action_plan
from governance.rules.documents import MEDIA_TYPES
from governance.rules.documents import Document as CaseDocument
from governance.rules.errors import DomainError
from governance.rules.oslo_time import oslo_date

Document = tuple[bytes, str, str]  # content, content type, file name


def _link_refusal(request: web.Request, path: str, made_by: str) -> web.Response | None:
    """The answer to a link this server did not sign, or that expired; None for a good one."""
    services = request.app[SERVICES]
    query = request.query
    lang = language(query.get("lang"))
    if services.downloads.valid(path, query.get("expires", ""), query.get("lang", ""), query.get("sig", "")):
        return None
    command = next(command for command in REGISTRY.commands if command.key == made_by)
    text = say(lang, "link_expired", command=command.called(lang))
    return web.Response(status=403, text=text, content_type="text/plain")


async def _signed_document(
    request: web.Request, path: str, produce: Callable[[Context, Language], Awaitable[Document]], made_by: str
) -> web.Response:
    """A document for a signed link that has not expired; the signature vouches for the reader.
    `made_by` is the key of the command whose reply carries such links: an expired link names it."""
    services = request.app[SERVICES]
    lang = language(request.query.get("lang"))
    refusal = _link_refusal(request, path, made_by)
    if refusal is not None:
        return refusal
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
        content, content_type = printed_file(minutes_document(draft, lang, context.now()), fmt)
        return content, content_type, f"protokoll-{draft.body.key}-{oslo_date(draft.starts_at).isoformat()}.{fmt}"

    return await _signed_document(request, minutes_path(meeting_id, fmt), produce, "minutes")


async def notice_download(request: web.Request) -> web.Response:
    """The meeting notice as .docx or PDF, as the meeting stands when it is fetched."""
    meeting_id, fmt = int(request.match_info["meeting_id"]), request.match_info["format"]

    async def produce(context: Context, lang: Language) -> Document:
        view = await notice.notice_of_meeting(context, meeting_id)
        content, content_type = printed_file(notice_document(view, lang, context.now()), fmt)
        return (
            content,
            content_type,
            f"innkalling-{view.agenda.body.key}-{oslo_date(view.agenda.starts_at).isoformat()}.{fmt}",
        )

    return await _signed_document(request, notice_path(meeting_id, fmt), produce, "notice")


async def public_minutes_download(request: web.Request) -> web.Response:
    """The public version of the minutes (offentleglova): exempt cases by number, public title and
    legal basis only, with the exemptions as they stand when fetched."""
    meeting_id, fmt = int(request.match_info["meeting_id"]), request.match_info["format"]

    async def produce(context: Context, lang: Language) -> Document:
        view = await exemption.public_minutes_of_meeting(context, meeting_id)
        content, content_type = printed_file(minutes_document(view, lang, context.now(), public=True), fmt)
        day = oslo_date(view.starts_at).isoformat()
        return content, content_type, f"protokoll-{view.body.key}-{day}-offentlig.{fmt}"

    return await _signed_document(request, public_minutes_path(meeting_id, fmt), produce, "minutes")


async def public_notice_download(request: web.Request) -> web.Response:
    """The public version of the notice, as the meeting and its exemptions stand when fetched."""
    meeting_id, fmt = int(request.match_info["meeting_id"]), request.match_info["format"]

    async def produce(context: Context, lang: Language) -> Document:
        view = await exemption.public_notice_of_meeting(context, meeting_id)
        content, content_type = printed_file(notice_document(view, lang, context.now(), public=True), fmt)
        day = oslo_date(view.agenda.starts_at).isoformat()
        return content, content_type, f"innkalling-{view.agenda.body.key}-{day}-offentlig.{fmt}"

    return await _signed_document(request, public_notice_path(meeting_id, fmt), produce, "notice")


async def plan_download(request: web.Request) -> web.Response:
    """The action plan as .xlsx or CSV."""
    plan_id, fmt = int(request.match_info["plan_id"]), request.match_info["format"]

    async def produce(context: Context, lang: Language) -> Document:
        report = await action_plan.report_of_plan(context, plan_id)
        content, content_type = (
            (plan_xlsx(report, lang), XLSX_TYPE) if fmt == "xlsx" else (plan_csv(report, lang), CSV_TYPE)
        )
        return content, content_type, f"handlingsplan-{report.year}.{fmt}"

    return await _signed_document(request, plan_path(plan_id, fmt), produce, "plan")


async def document_download(request: web.Request) -> web.StreamResponse:
    """A file stored with a case, streamed piece by piece: each piece is read in a short
    transaction of its own, so no connection is held while the client reads, and only one piece
    is in memory at a time."""
    services = request.app[SERVICES]
    document_id = int(request.match_info["document_id"])
    lang = language(request.query.get("lang"))
    refusal = _link_refusal(request, document_path(document_id), "attach")
    if refusal is not None:
        return refusal
    try:
        async with services.unit_of_work() as uow:
            document = await document_to_download(Context(uow, request.app[CLOCK], Actor(None), None), document_id)
            assert document.file_id is not None
            file_id, size, headers = document.file_id, document.size, _headers(document)
            pieces = await uow.document_files.piece_count(file_id)
    except DomainError:
        return web.Response(status=404, text=say(lang, "document_not_found"), content_type="text/plain")
    except UNAVAILABLE:
        return web.Response(status=503, text=say(lang, "unavailable"), content_type="text/plain")
    response = web.StreamResponse(headers=headers)
    response.content_length = size
    await response.prepare(request)
    for seq in range(pieces):
        async with services.unit_of_work() as uow:
            piece = await uow.document_files.piece(file_id, seq)
        if piece is None:  # removed by retention while being read: the client sees a short file
            break
        await response.write(piece)
    await response.write_eof()
    return response


def _headers(document: CaseDocument) -> dict[str, str]:
    return {
        "Content-Type": MEDIA_TYPES[document.file_type] if document.file_type else "application/octet-stream",
        "Content-Disposition": _attachment_header(document),
        "Cache-Control": "no-store",
        # The browser must take the type the bot checked, never guess another from the bytes.
        "X-Content-Type-Options": "nosniff",
    }


def _attachment_header(document: CaseDocument) -> str:
    """The file's name for the browser: ASCII in `filename`, the real one (æøå) in `filename*`."""
    name = document.title
    ending = f".{document.file_type.value}" if document.file_type else ""
    if ending and not name.lower().endswith(ending) and not (ending == ".jpg" and name.lower().endswith(".jpeg")):
        name += ending
    plain = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


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
