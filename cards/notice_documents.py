"""The meeting notice (innkalling) as Word and PDF: the meeting, the agenda, and every case's paper
in agenda order, as a secretariat sends it to members before the meeting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from cards.agenda import item_title
from cards.dates import when_text
from cards.documents import document_line
from cards.printed import Block, Bullets, Facts, Heading, Printed, Text, docx_bytes, pdf_bytes
from cards.public_access import exempt_line, exempt_title
from cards.texts import Language, label, say
from governance.papers.notice import NoticeView
from governance.rules.model import CaseType
from governance.views import CaseView, DocumentView


def notice_title(notice: NoticeView, lang: Language) -> str:
    agenda = notice.agenda
    return say(lang, "notice_title", name=agenda.body.name, body=agenda.body.key)


def notice_document(notice: NoticeView, lang: Language, made_at: datetime, *, public: bool = False) -> Printed:
    """The notice; `public` for its public version (governance/papers/public_versions.py made the
    view), which says so at its top."""
    agenda = notice.agenda
    blocks: list[Block] = [Text(say(lang, "public_version"), italic=True)] if public else []
    blocks += [
        Facts(
            (
                (say(lang, "meeting"), when_text(agenda.starts_at, agenda.ends_at, lang)),
                (say(lang, "place"), agenda.place or ""),
                (say(lang, "join_teams_meeting"), agenda.join_url or ""),
            )
        ),
        Heading(say(lang, "agenda"), level=1),
        Bullets(tuple(f"{item.position}. {item_title(item, lang)}" for item in agenda.items)),
    ]
    for paper in notice.papers:
        blocks += _paper(paper, notice.documents.get(paper.reference, ()), lang, public=public)
    community = notice.community
    return Printed(
        title=notice_title(notice, lang),
        author=community,
        subject=say(lang, "notice"),
        created=made_at,
        lang=lang,
        running_head=f"{community} · {agenda.body.name} ({agenda.body.key})" if community else agenda.body.name,
        blocks=tuple(blocks),
    )


def _paper(paper: CaseView, documents: Sequence[DocumentView], lang: Language, *, public: bool) -> list[Block]:
    """One case as its paper reads: what it is and who handles it, each written part, and the
    documents that go with it (listed; the files themselves are downloaded from the case). An
    exempt case in the public version is its number, public title and legal basis only."""
    if public and paper.exemption is not None:
        title = exempt_title(paper.exemption, lang)
        return [Heading(f"{say(lang, 'case')} {paper.reference} {title}", level=1)]
    blocks: list[Block] = [
        Heading(f"{say(lang, 'case')} {paper.reference} {paper.title}", level=1),
        Facts(
            (
                (say(lang, "type"), label(lang, paper.case_type)),
                (say(lang, "case_officer"), paper.case_officer or ""),
                (say(lang, "responsible"), paper.responsible or ""),
            )
        ),
    ]
    if paper.exemption is not None:  # the internal version: members see it is withheld, and why
        blocks.append(Text(exempt_line(paper.exemption.basis, lang), italic=True))
    sections = [("background", paper.background), ("assessment", paper.assessment)]
    if paper.case_type is not CaseType.ORIENTERINGSSAK:  # an orientation is taken note of, not decided
        sections.append(("proposal", paper.proposal))
    for code, text in sections:
        if text:
            blocks += [Heading(say(lang, code), level=2), Text(text)]
    if documents:
        blocks += [Heading(say(lang, "documents"), level=2), Bullets(tuple(_listed(d, lang) for d in documents))]
    return blocks


def _listed(document: DocumentView, lang: Language) -> str:
    line = document_line(document, lang)
    return f"{line}: {document.url}" if document.url else line


def notice_docx(notice: NoticeView, lang: Language, made_at: datetime) -> bytes:
    return docx_bytes(notice_document(notice, lang, made_at))


def notice_pdf(notice: NoticeView, lang: Language, made_at: datetime) -> bytes:
    return pdf_bytes(notice_document(notice, lang, made_at))


def paper_blocks(paper: CaseView, documents: Sequence[DocumentView], lang: Language) -> list[Block]:
    """One case's paper as the notice prints it (the internal version): the archive export's
    case paper (cards/archive_documents.py) is the same text on its own."""
    return _paper(paper, documents, lang, public=False)
