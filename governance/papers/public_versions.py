"""The public versions (offentleglova) of the agenda, the notice and the minutes: pure functions from
the internal view, which members read whole, to what anyone may read.

An exempt case keeps its number and shows its public title (or "Unntatt offentlighet") and legal
basis; its paper, documents, decision, handling and the names of those disqualified on it are left
out. An exempt document on a public case stays in the list as "Unntatt offentlighet (<basis>)"
without its title or link, as a public journal shows that a document exists and why it is withheld.

The exemptions are handed in by case reference rather than read from the view: stored minutes are
frozen when drafted, while an exemption may be set or lifted later and the public version must
follow the exemption as it stands.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from governance.papers.notice import NoticeView
from governance.rules.public_access import EXEMPT_TITLE, Exemption
from governance.views import (
    AgendaItemView,
    AgendaView,
    AttendanceLine,
    CaseView,
    DocumentView,
    MinutesItem,
    MinutesView,
)

Exemptions = Mapping[str, Exemption]  # by case reference ("12/2026"); a case not named is public


def public_agenda(agenda: AgendaView, exempt: Exemptions) -> AgendaView:
    """The agenda as anyone may read it. The Teams meeting link and the calendar secret are left
    out too: whoever holds them could join the meeting or read the body's calendar."""
    items = tuple(_agenda_item(item, exempt.get(item.case_reference or "")) for item in agenda.items)
    return replace(agenda, items=items, join_url=None, calendar=None)


def _agenda_item(item: AgendaItemView, exemption: Exemption | None) -> AgendaItemView:
    if exemption is None or item.case_reference is None:
        return item
    return AgendaItemView(
        position=item.position,
        case_reference=item.case_reference,
        title=exemption.shown_title,
        case_type=item.case_type,
        exemption=exemption,
    )


def public_notice(notice: NoticeView) -> NoticeView:
    """The notice's cases carry their exemptions (read when the notice was built, so current)."""
    exempt = notice_exemptions(notice)
    return replace(
        notice,
        agenda=public_agenda(notice.agenda, exempt),
        papers=tuple(_paper(paper) for paper in notice.papers),
        documents={
            reference: () if reference in exempt else tuple(_document(document) for document in documents)
            for reference, documents in notice.documents.items()
        },
    )


def notice_exemptions(notice: NoticeView) -> dict[str, Exemption]:
    return {paper.reference: paper.exemption for paper in notice.papers if paper.exemption is not None}


def has_exemptions(notice: NoticeView) -> bool:
    """Whether the public version differs from the internal one at all."""
    return bool(notice_exemptions(notice)) or any(
        document.exemption_basis is not None for documents in notice.documents.values() for document in documents
    )


def _paper(paper: CaseView) -> CaseView:
    """An exempt case's paper as the public reads it: what identifies it, nothing it says."""
    if paper.exemption is None:
        return paper
    return CaseView(
        body=paper.body,
        reference=paper.reference,
        title=paper.exemption.shown_title,
        case_type=paper.case_type,
        status=paper.status,
        responsible=None,
        submitted_by=None,
        submitted_at=paper.submitted_at,
        meeting_at=paper.meeting_at,
        exemption=paper.exemption,
    )


def _document(document: DocumentView) -> DocumentView:
    if document.exemption_basis is None:
        return document
    # The basis goes into the title, the way a public journal lists a withheld document; the
    # document is then no longer marked as exempt, so the line does not say it twice.
    title = f"{EXEMPT_TITLE} ({document.exemption_basis.value})"
    return replace(document, title=title, url=None, size=None, exemption_basis=None)


def public_minutes(minutes: MinutesView, exempt: Exemptions) -> MinutesView:
    references = {item.case_reference for item in minutes.items if item.case_reference in exempt}
    return replace(
        minutes,
        items=tuple(_minutes_item(item, exempt.get(item.case_reference or "")) for item in minutes.items),
        attendance=tuple(_attendance(line, references) for line in minutes.attendance),
    )


def _minutes_item(item: MinutesItem, exemption: Exemption | None) -> MinutesItem:
    if exemption is None or item.case_reference is None:
        return item
    return MinutesItem(
        position=item.position,
        standard_item=None,
        case_reference=item.case_reference,
        title=exemption.shown_title,
        case_type=item.case_type,
        decision=None,
        # Kept: whether the decision is final is no secret, and the note on decisions still open
        # names only case numbers.
        decision_status=item.decision_status,
        exemption=exemption,
    )


def _attendance(line: AttendanceLine, exempt_references: set[str | None]) -> AttendanceLine:
    """Who stepped out for an exempt case would say who was disqualified on it."""
    kept = tuple(reference for reference in line.stepped_out_of if reference not in exempt_references)
    return line if kept == line.stepped_out_of else replace(line, stepped_out_of=kept)
