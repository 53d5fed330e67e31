"""How a case was dealt with at a meeting (issue 17, item 1): the vote (`votering`) and the
statements for the minutes (`protokolltilførsel`). A vote that carries records its proposal as the
case's decision through the same path as `vedtak`, so it is approved as every decision is."""

from __future__ import annotations

from dataclasses import dataclass

from governance.access import require_manager
from governance.approvals.decisions import RecordedDecision, decide
from governance.context import Context
from governance.meetings.attendance import sheet_for
from governance.meetings.cases import find_case
from governance.rules.approval import present_voters
from governance.rules.errors import DomainError
from governance.rules.handling import (
    CaseHandling,
    Proposal,
    Statement,
    Vote,
    VoteKind,
    Voter,
    check_vote,
    statement_author,
)
from governance.rules.input_limits import TextField, required_text
from governance.rules.model import (
    AttendanceStatus,
    Body,
    Case,
    CaseStatus,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Person,
)
from governance.views import HandlingView, ProposalLine


@dataclass(frozen=True)
class VoteResult:
    body: str
    case: str
    vote: Vote
    against: tuple[str, ...]  # as the attendance spells them
    decision: RecordedDecision | None  # a new decision (or a new round of one) sent for approval
    kept_decision: bool  # the vote was on the decision text already recorded, which stands


@dataclass(frozen=True)
class _Setting:
    body: Body
    person: Person
    case: Case
    meeting: Meeting
    people: tuple[Voter, ...]


async def record_vote(ctx: Context, body_key: str | None, number: int, year: int, vote: Vote) -> VoteResult:
    """Records how the meeting holding the case dealt with it: a vote, noted, or not decided."""
    setting = await _setting(ctx, body_key, number, year, "record_vote")
    body, person, case, meeting = setting.body, setting.person, setting.case, setting.meeting
    assert case.id is not None and meeting.id is not None and person.id is not None
    if case.status is CaseStatus.TRUKKET:
        raise DomainError("decision_case_withdrawn", case=case.reference)
    disqualified = {entry.person_id for entry in await ctx.uow.disqualifications.for_cases([case.id])}
    against = check_vote(vote, case.reference, case.case_type, setting.people, disqualified)
    decision = await ctx.uow.decisions.for_case(case.id)
    voted = vote.kind in (VoteKind.UNANIMOUS, VoteKind.COUNTED)
    proposals: list[Proposal] = []
    if voted:
        # A decision worded with `vedtak` at this meeting is what was voted on; else the paper's proposal.
        recorded_here = decision is not None and decision.meeting_id == meeting.id
        text = decision.text if decision is not None and recorded_here else (case.proposal or "").strip()
        if not text:
            raise DomainError("handling_no_proposal", case=case.reference, body=body.key)
        proposals.append(Proposal(text))
    handling = await ctx.uow.handlings.get(meeting.id, case.id)
    before = handling.snapshot() if handling is not None else None
    if handling is None:
        handling = CaseHandling(meeting_id=meeting.id, case_id=case.id, recorded_by_id=person.id, recorded_at=ctx.now())
        await ctx.uow.handlings.add(handling)
    if handling.outcome is VoteKind.NOT_DECIDED and vote.kind is not VoteKind.NOT_DECIDED:
        case.take_up_again()  # a correction of what was reported: the case was dealt with after all
    handling.record_vote(vote, against, proposals, person.id, ctx.now())
    recorded: RecordedDecision | None = None
    kept = False
    if voted and vote.carried:
        text = proposals[0].text
        kept = decision is not None and decision.text == text and decision.status is not DecisionStatus.UTKAST
        if kept and decision is not None and decision.status is DecisionStatus.VEDTATT:
            pass  # a corrected count on a decision already final: the decision stands as it is
        elif not kept:
            recorded = await decide(ctx, body, person, case, text)
    elif vote.kind is VoteKind.NOTED:
        meeting.mark_held(ctx.now())
        case.mark_dealt_with()  # an orienteringssak's handling ends when the meeting has heard it
    elif vote.kind is VoteKind.NOT_DECIDED:
        meeting.mark_held(ctx.now())
        if case.status is not CaseStatus.UTSATT:
            case.postpone()  # back in the queue; its item stays in this meeting's minutes
    else:
        meeting.mark_held(ctx.now())
    await ctx.audit(
        "case.vote_recorded",
        person,
        f"case:{case.id}",
        body=body.key,
        case=case.reference,
        meeting=meeting.id,
        before=before,
        after=handling.snapshot(),
    )
    return VoteResult(body.key, case.reference, vote, against, recorded, kept)


async def add_statement(
    ctx: Context, body_key: str | None, number: int, year: int, name: str, text: str
) -> tuple[str, str, str]:
    """A protokolltilførsel: a statement a member who attended asked to have in the minutes.
    Returns (body key, case reference, the member's name as stored)."""
    setting = await _setting(ctx, body_key, number, year, "record_statement")
    body, person, case, meeting = setting.body, setting.person, setting.case, setting.meeting
    assert case.id is not None and meeting.id is not None and person.id is not None
    text = required_text(TextField.MINUTES_STATEMENT, text, "statement_text_missing")
    author = statement_author(name, setting.people)
    handling = await ctx.uow.handlings.get(meeting.id, case.id)
    before = handling.snapshot() if handling is not None else None
    if handling is None:
        handling = CaseHandling(meeting_id=meeting.id, case_id=case.id, recorded_by_id=person.id, recorded_at=ctx.now())
        await ctx.uow.handlings.add(handling)
    handling.add_statement(Statement(author, text), person.id, ctx.now())
    await ctx.audit(
        "case.statement_recorded",
        person,
        f"case:{case.id}",
        body=body.key,
        case=case.reference,
        meeting=meeting.id,
        before=before,
        after=handling.snapshot(),
    )
    return body.key, case.reference, author


async def _setting(ctx: Context, body_key: str | None, number: int, year: int, action: str) -> _Setting:
    """The body, the acting manager, the case and the meeting that has begun with the case on its
    agenda, and who attended it."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, action)
    body, person = admitted.body, admitted.person
    case = await find_case(ctx, body, number, year)
    meeting = await ctx.uow.meetings.holding(case)
    if meeting is None or meeting.status is MeetingStatus.AVLYST or meeting.starts_at > ctx.now():
        raise DomainError("handling_case_not_on_agenda", case=case.reference, body=body.key)
    assert body.id is not None
    sheet = await sheet_for(ctx, body, meeting)
    emails = {member.id: member.email for _, member in await ctx.uow.memberships.for_body(body.id)}
    present = set(
        present_voters(
            (line.person_id, line.role, line.status, line.substitute_for is not None) for line in sheet.lines
        )
    )
    people = tuple(
        Voter(
            person_id=line.person_id,
            name=line.name,
            email=emails.get(line.person_id, ""),
            present=line.person_id in present,
            attending=line.status is AttendanceStatus.TIL_STEDE,
        )
        for line in sheet.lines
    )
    return _Setting(body, person, case, meeting, people)


def handling_view(handling: CaseHandling | None) -> HandlingView | None:
    """What the minutes keep of a case's handling."""
    if handling is None:
        return None
    return HandlingView(
        outcome=handling.outcome,
        proposals=tuple(
            ProposalLine(text=str(p["text"]), by=p.get("by"), adopted=index == handling.adopted)
            for index, p in enumerate(handling.proposals)
        ),
        votes_for=handling.votes_for,
        votes_against=handling.votes_against,
        votes_blank=handling.votes_blank,
        against=tuple(handling.against),
        statements=tuple((str(s["name"]), str(s["text"])) for s in handling.statements),
    )
