"""The meeting notice (innkalling): the agenda with every case's paper and documents, as members
read it before the meeting. It is built from what is stored when asked for, so it always matches
the agenda."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from governance.access import require_participant
from governance.context import Context
from governance.documents.documents import documents_on_agenda
from governance.meetings.agenda import agenda_view
from governance.meetings.cases import case_view
from governance.meetings.schedule import next_or_given_meeting
from governance.rules.errors import DomainError
from governance.rules.model import Body, Meeting
from governance.views import AgendaView, CaseView, DocumentView


@dataclass(frozen=True)
class NoticeView:
    community: str
    meeting_id: int
    agenda: AgendaView
    papers: tuple[CaseView, ...]  # the agenda's cases in agenda order, each with its paper
    documents: dict[str, tuple[DocumentView, ...]]  # each case's documents, by case reference


async def show_notice(ctx: Context, body_key: str | None, day: date | None) -> NoticeView:
    """The notice of the body's next meeting, or of the meeting on `day`."""
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "show_notice")
    meeting = await next_or_given_meeting(ctx, admitted.body, day)
    return await notice_of(ctx, admitted.body, meeting)


async def show_notice_of_meeting(ctx: Context, meeting_id: int) -> NoticeView:
    """The notice behind the button on an agenda card: for those with a seat in the body."""
    body, meeting = await _meeting_and_body(ctx, meeting_id)
    await require_participant(ctx.uow, ctx.actor, body.key, None, "show_notice")
    return await notice_of(ctx, body, meeting)


async def notice_of_meeting(ctx: Context, meeting_id: int) -> NoticeView:
    """The notice behind a signed download link: the link vouches for the reader."""
    body, meeting = await _meeting_and_body(ctx, meeting_id)
    return await notice_of(ctx, body, meeting)


async def _meeting_and_body(ctx: Context, meeting_id: int) -> tuple[Body, Meeting]:
    meeting = await ctx.uow.meetings.get(meeting_id)
    body = await ctx.uow.bodies.get(meeting.body_id) if meeting is not None else None
    if meeting is None or body is None:
        raise DomainError("document_not_found")
    return body, meeting


async def notice_of(ctx: Context, body: Body, meeting: Meeting) -> NoticeView:
    assert meeting.id is not None and body.id is not None
    community = await ctx.uow.communities.get(body.community_id)
    agenda = await agenda_view(ctx, body, meeting)
    cases = meeting.cases
    people = {pid for case in cases for pid in (case.responsible_id, case.submitted_by_id, case.case_officer_id) if pid}
    persons = await ctx.uow.persons.by_ids(sorted(people))
    return NoticeView(
        community=community.name if community is not None else "",
        meeting_id=meeting.id,
        agenda=agenda,
        papers=tuple(case_view(body, case, persons, meeting) for case in cases),
        documents=await documents_on_agenda(ctx, agenda),
    )
