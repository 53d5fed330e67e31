"""How a case was dealt with at a meeting (issue 17, item 1): the vote (`votering`) and the
statements for the minutes (`protokolltilførsel`). A vote that carries records its proposal as the
case's decision through the same path as `vedtak`, so it is approved as every decision is."""

from __future__ import annotations

from dataclasses import dataclass, replace

from governance.access import require_manager
from governance.approvals.decisions import RecordedDecision, decide
from governance.context import Context
from governance.meetings.attendance import sheet_for
from governance.meetings.cases import find_case
from governance.meetings.schedule import body_ref
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
from governance.views import HandlingCardView, HandlingView, ProposalLine


@dataclass(frozen=True)
class VoteResult:
    body: str
    case: str
    vote: Vote
    against: tuple[str, ...]  # as the attendance spells them
    decision: RecordedDecision | None  # a new decision (or a new round of one) sent for approval
    kept_decision: bool  # the vote was on the decision text already recorded, which stands
    kept_final: bool = False  # and that decision is final already


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
    return await _record_vote(ctx, setting, vote, None)


async def _record_vote(
    ctx: Context, setting: _Setting, vote: Vote, alternative: Proposal | None, adopt_alternative: bool = True
) -> VoteResult:
    """The vote on the case paper's proposal (or the decision worded at the meeting), and on an
    `alternative` put forward at the meeting; a vote carried adopts the alternative if
    `adopt_alternative`, else the paper's proposal."""
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
        if not text and alternative is None:
            raise DomainError("handling_no_proposal", case=case.reference, body=body.key)
        if text:
            proposals.append(Proposal(text))
        if alternative is not None:
            proposals.append(alternative)
    if voted and not vote.carried and decision is not None and decision.meeting_id == meeting.id:
        # The minutes would say the proposal fell above a decision recorded as made: a decision
        # once recorded is reworded, not removed, so the secretariat settles which is true.
        raise DomainError("handling_fell_but_decided", case=case.reference)
    handling, before = await _handling_of(ctx, setting)
    if handling.outcome is VoteKind.NOT_DECIDED and vote.kind is not VoteKind.NOT_DECIDED:
        case.take_up_again()  # a correction of what was reported: the case was dealt with after all
    adopted = len(proposals) - 1 if alternative is not None and adopt_alternative else 0
    handling.record_vote(vote, against, proposals, person.id, ctx.now(), adopted)
    recorded: RecordedDecision | None = None
    kept = False
    if voted and vote.carried:
        text = proposals[adopted].text
        kept = decision is not None and decision.text == text and decision.status is not DecisionStatus.UTKAST
        if kept and decision is not None and decision.status is DecisionStatus.VEDTATT:
            pass  # a corrected count on a decision already final: the decision stands as it is
        elif not kept:
            recorded = await decide(ctx, body, person, case, text)
    elif vote.kind is VoteKind.NOTED:
        case.mark_dealt_with()  # an orienteringssak's handling ends when the meeting has heard it
    elif vote.kind is VoteKind.NOT_DECIDED and case.status is not CaseStatus.UTSATT:
        case.postpone()  # back in the queue; its item stays in this meeting's minutes
    meeting.mark_held(ctx.now())  # however it went, the case was dealt with at a meeting that was held
    await _audit_handling(ctx, "case.vote_recorded", setting, before, handling)
    final = kept and decision is not None and decision.status is DecisionStatus.VEDTATT
    return VoteResult(body.key, case.reference, vote, against, recorded, kept, final)


async def add_statement(
    ctx: Context, body_key: str | None, number: int, year: int, name: str, text: str
) -> tuple[str, str, str]:
    """A protokolltilførsel: a statement a member who attended asked to have in the minutes.
    Returns (body key, case reference, the member's name as stored)."""
    setting = await _setting(ctx, body_key, number, year, "record_statement")
    author = await _add_statement(ctx, setting, name, text)
    return setting.body.key, setting.case.reference, author


async def _add_statement(ctx: Context, setting: _Setting, name: str, text: str) -> str:
    text = required_text(TextField.MINUTES_STATEMENT, text, "statement_text_missing")
    author = statement_author(name, setting.people)
    handling, before = await _handling_of(ctx, setting)
    assert setting.person.id is not None
    handling.add_statement(Statement(author, text), setting.person.id, ctx.now())
    await _audit_handling(ctx, "case.statement_recorded", setting, before, handling)
    return author


async def _handling_of(ctx: Context, setting: _Setting) -> tuple[CaseHandling, dict[str, object] | None]:
    """The case's handling at the meeting, created on first use, and how it stood before (for the audit)."""
    case, meeting, person = setting.case, setting.meeting, setting.person
    assert case.id is not None and meeting.id is not None and person.id is not None
    handling = await ctx.uow.handlings.get(meeting.id, case.id)
    if handling is not None:
        return handling, handling.snapshot()
    handling = CaseHandling(meeting_id=meeting.id, case_id=case.id, recorded_by_id=person.id, recorded_at=ctx.now())
    await ctx.uow.handlings.add(handling)
    return handling, None


async def _audit_handling(
    ctx: Context, action: str, setting: _Setting, before: dict[str, object] | None, handling: CaseHandling
) -> None:
    case = setting.case
    await ctx.audit(
        action,
        setting.person,
        f"case:{case.id}",
        body=setting.body.key,
        case=case.reference,
        meeting=setting.meeting.id,
        before=before,
        after=handling.snapshot(),
    )


async def _setting(ctx: Context, body_key: str | None, number: int, year: int, action: str) -> _Setting:
    """The body, the acting manager, the case and the meeting that has begun with the case on its
    agenda, and who attended it."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, action)
    body, person = admitted.body, admitted.person
    case = await find_case(ctx, body, number, year)
    return await _setting_of(ctx, body, person, case)


async def _setting_by_id(ctx: Context, case_id: int, action: str) -> _Setting:
    """As `_setting`, for a card that names its case by id: the right is checked again on save."""
    case = await ctx.uow.cases.by_id(case_id)
    body = await ctx.uow.bodies.get(case.body_id) if case is not None else None
    if case is None or body is None:
        raise DomainError("unknown_card_action")
    admitted = await require_manager(ctx.uow, ctx.actor, body.key, None, action)
    return await _setting_of(ctx, admitted.body, admitted.person, case)


async def _setting_of(ctx: Context, body: Body, person: Person, case: Case) -> _Setting:
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


@dataclass(frozen=True)
class HandlingEntry:
    """What the handling card sends: the vote (names against by person id), an alternative
    proposal and who put it forward, a statement and who made it; empty fields are left alone."""

    vote: Vote | None
    against_ids: tuple[int, ...] = ()
    alternative: str | None = None
    alternative_by: int | None = None
    adopt_alternative: bool = True  # a vote carried adopts the alternative, not the paper's proposal
    statement_by: int | None = None
    statement: str | None = None


async def handling_for_card(ctx: Context, body_key: str | None, number: int, year: int) -> HandlingCardView:
    """The handling card of a case on the agenda of a meeting that has begun (`behandling`)."""
    return await _card_view(ctx, await _setting(ctx, body_key, number, year, "record_vote"))


async def handling_of_case(ctx: Context, case_id: int) -> HandlingCardView:
    """The handling card as it stands, for a case the card names by id."""
    return await _card_view(ctx, await _setting_by_id(ctx, case_id, "record_vote"))


async def save_handling(ctx: Context, case_id: int, entry: HandlingEntry) -> HandlingCardView:
    """Saves the handling card: the statement first (it stands whatever the vote), then the vote
    through the same rules and the same decision path as `votering`."""
    setting = await _setting_by_id(ctx, case_id, "record_vote")
    names = {person.person_id: person.name for person in setting.people}
    if entry.statement_by is not None or (entry.statement or "").strip():
        if entry.statement_by not in names:
            raise DomainError("handling_statement_who")
        await _add_statement(ctx, setting, names[entry.statement_by], entry.statement or "")
    if entry.vote is not None:
        counted = entry.vote.kind is VoteKind.COUNTED
        if counted and (entry.vote.votes_for is None or entry.vote.votes_against is None):
            raise DomainError("handling_counts_missing")
        alternative = None
        if (entry.alternative or "").strip() or entry.alternative_by is not None:
            if entry.alternative_by not in names:
                raise DomainError("handling_alternative_who")
            text = required_text(TextField.DECISION_TEXT, entry.alternative, "handling_alternative_missing")
            alternative = Proposal(text, statement_author(names[entry.alternative_by], setting.people))
        if any(person_id not in names for person_id in entry.against_ids):
            raise DomainError("unknown_card_action")  # the card offers only those at the meeting
        vote = replace(entry.vote, against_names=tuple(names[person_id] for person_id in entry.against_ids))
        await _record_vote(ctx, setting, vote, alternative, entry.adopt_alternative)
    return await _card_view(ctx, setting)


async def _card_view(ctx: Context, setting: _Setting) -> HandlingCardView:
    case, meeting = setting.case, setting.meeting
    assert case.id is not None and meeting.id is not None
    disqualified = {entry.person_id for entry in await ctx.uow.disqualifications.for_cases([case.id])}
    decision = await ctx.uow.decisions.for_case(case.id)
    recorded_here = decision is not None and decision.meeting_id == meeting.id
    return HandlingCardView(
        case_id=case.id,
        body=body_ref(setting.body),
        case_reference=case.reference,
        case_title=case.title,
        case_type=case.case_type,
        proposal=decision.text if decision is not None and recorded_here else case.proposal,
        voters=tuple(
            (person.person_id, person.name)
            for person in setting.people
            if person.present and person.person_id not in disqualified
        ),
        attending=tuple((person.person_id, person.name) for person in setting.people if person.attending),
        handling=handling_view(await ctx.uow.handlings.get(meeting.id, case.id)),
    )
