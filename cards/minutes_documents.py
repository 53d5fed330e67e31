"""The minutes as Word (.docx) and PDF files, with the same content as the minutes card, written
through the shared document model (cards/printed.py): the community as author, a running head
with the community and the body, page numbers, and a PDF/A file with an embedded Unicode font."""

from __future__ import annotations

from datetime import datetime

from cards.minutes import (
    disqualification_notes,
    item_body,
    item_heading,
    minutes_facts,
    minutes_title,
    open_decisions_note,
)
from cards.minutes_attendance import attendance_header, attendance_rows
from cards.printed import DOCX_TYPE, PDF_TYPE, Block, Facts, Heading, Printed, Table, Text, docx_bytes, pdf_bytes
from cards.texts import Language, say
from governance.views import MinutesView

__all__ = ["DOCX_TYPE", "PDF_TYPE", "minutes_docx", "minutes_document", "minutes_pdf"]


def minutes_document(minutes: MinutesView, lang: Language, made_at: datetime, *, public: bool = False) -> Printed:
    """The minutes; `public` for their public version (governance/papers/public_versions.py made
    the view), which says so at its top."""
    blocks: list[Block] = [Text(say(lang, "public_version"), italic=True)] if public else []
    blocks += [
        Facts(tuple(minutes_facts(minutes, lang))),
        Heading(say(lang, "minutes_attendance"), level=2),
        Table(attendance_header(lang), tuple(attendance_rows(minutes.attendance, lang)), widths=(3, 2, 3, 4)),
    ]
    for item in minutes.items:
        blocks.append(Heading(item_heading(item, lang), level=1))
        blocks += [Text(line) for line in item_body(item, lang)]
        blocks += [Text(note, italic=True) for note in disqualification_notes(item, lang)]
    note = open_decisions_note(minutes, lang)
    if note:
        blocks.append(Text(note))
    community, body = minutes.community, f"{minutes.body.name} ({minutes.body.key})"
    return Printed(
        title=minutes_title(minutes, lang),
        author=community,
        subject=say(lang, "minutes_subject"),
        # Approved minutes are dated by their approval, so every download of them is the same
        # record; a draft is dated when it is fetched, as it may change.
        created=minutes.approval.approved_at if minutes.approval and minutes.approval.approved_at else made_at,
        lang=lang,
        running_head=f"{community} · {body}" if community else body,
        blocks=tuple(blocks),
    )


def minutes_docx(minutes: MinutesView, lang: Language, made_at: datetime) -> bytes:
    return docx_bytes(minutes_document(minutes, lang, made_at))


def minutes_pdf(minutes: MinutesView, lang: Language, made_at: datetime) -> bytes:
    return pdf_bytes(minutes_document(minutes, lang, made_at))
