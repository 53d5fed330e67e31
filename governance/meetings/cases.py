"""Use cases on cases: register, list, show, set up on an agenda, postpone, withdraw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from governance.access import body_by_key, require_manager, require_participant
from governance.context import Context
from governance.meetings.change_notices import tell_members, was_called
from governance.meetings.schedule import body_ref, next_or_given_meeting
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import TextField, required_text
from governance.rules.model import (
    Body,
    Case,
    CaseStatus,
    CaseType,
    Decision,
    Meeting,
    Person,
    postpone,
    refer_away,
    withdraw,
)
from governance.rules.oslo_time import oslo_year
from governance.views import CaseListView, CaseView, ChangeNotice


def case_view(
    body: Body,
    case: Case,
    persons: dict[int, Person],
    meeting: Meeting | None = None,
    links: dict[int, str] | None = None,
    *,
    chain: tuple[str, ...] = (),
    decision: Decision | None = None,
) -> CaseView:
    def name(person_id: int | None) -> str | None:
        person = persons.get(person_id) if person_id is not None else None
        return person.name if person else None

    return CaseView(
        body=body_ref(body),
        reference=case.reference,
        title=case.title,
        case_type=case.case_type,
        status=case.status,
        responsible=name(case.responsible_id),
        submitted_by=name(case.submitted_by_id),
        submitted_at=case.submitted_at,
        background=case.background,
        proposal=case.proposal,
        meeting_at=meeting.starts_at if meeting is not None else None,
        referred_from=(links or {}).get(case.referred_from_id or 0),
        referred_to=(links or {}).get(case.referred_to_id or 0),
        assessment=case.assessment,
        case_officer=name(case.case_officer_id) or case.case_officer_name,
        referral_chain=chain,
        decision=decision.text if decision is not None else None,
        decision_status=decision.status if decision is not None else None,
        case_id=case.id,
        version=case.version,
        paper_fingerprint=case.paper.fingerprint(),
        exemption=case.exemption,
    )


async def _case_view(ctx: Context, body: Body, case: Case, meeting: Meeting | None) -> CaseView:
    people = [pid for pid in (case.responsible_id, case.submitted_by_id, case.case_officer_id) if pid]
    persons = await ctx.uow.persons.by_ids(people)
    return case_view(body, case, persons, meeting, await _links(ctx, case))


async def full_case_view(ctx: Context, body: Body, case: Case) -> CaseView:
    """The case as `sak` shows it: the whole paper, the meeting where it was or will be dealt with,
    its decision, and every hop of its referral chain."""
    people = [pid for pid in (case.responsible_id, case.submitted_by_id, case.case_officer_id) if pid]
    persons = await ctx.uow.persons.by_ids(people)
    assert case.id is not None
    decision = await ctx.uow.decisions.for_case(case.id)
    meeting = await ctx.uow.meetings.holding(case)
    if meeting is None and decision is not None and decision.meeting_id is not None:
        meeting = await ctx.uow.meetings.get(decision.meeting_id)
    return case_view(
        body,
        case,
        persons,
        meeting,
        await _links(ctx, case),
        chain=await referral_chain(ctx, case),
        decision=decision,
    )


# A chain runs through the bodies of one helsefellesskap (LSU → SSU → PM); a longer one can only
# be a loop in damaged data, and is cut there rather than followed for ever.
MAX_REFERRAL_HOPS = 20


async def referral_chain(ctx: Context, case: Case) -> tuple[str, ...]:
    """'LSU 3/2026', 'SSU 5/2026', 'PM 1/2026': the case at every body it passed, first to last,
    this one among them; empty when it was never referred."""
    if case.referred_from_id is None and case.referred_to_id is None:
        return ()
    first = case
    seen = {case.id}
    while first.referred_from_id is not None and len(seen) < MAX_REFERRAL_HOPS:
        earlier = await ctx.uow.cases.by_id(first.referred_from_id)
        if earlier is None or earlier.id in seen:
            break
        seen.add(earlier.id)
        first = earlier
    hops: list[str] = []
    current: Case | None = first
    visited: set[int | None] = set()
    while current is not None and current.id not in visited and len(hops) < MAX_REFERRAL_HOPS:
        visited.add(current.id)
        body = await ctx.uow.bodies.get(current.body_id)
        hops.append(f"{body.key if body else '?'} {current.reference}")
        current = await ctx.uow.cases.by_id(current.referred_to_id) if current.referred_to_id else None
    return tuple(hops)


async def _links(ctx: Context, case: Case) -> dict[int, str]:
    """'SSU 5/2026' for the cases this one was referred from or to."""
    links: dict[int, str] = {}
    for linked_id in (case.referred_from_id, case.referred_to_id):
        linked = await ctx.uow.cases.by_id(linked_id) if linked_id else None
        body = await ctx.uow.bodies.get(linked.body_id) if linked is not None else None
        if linked is not None and linked.id is not None and body is not None:
            links[linked.id] = f"{body.key} {linked.reference}"
    return links


@dataclass(frozen=True)
class Referral:
    source: CaseView
    target: CaseView


async def refer_case(ctx: Context, body_key: str | None, number: int, year: int, target_key: str) -> Referral:
    """Sends a case to another body's queue under that body's next number; both cases link to each other."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "refer_case")
    body, person = admitted.body, admitted.person
    target = await body_by_key(ctx.uow, target_key)
    if target.id == body.id:
        raise DomainError("refer_to_same_body", body=body.key)
    case = await find_case(ctx, body, number, year)
    assert target.id is not None and person.id is not None and case.id is not None
    refer_away(case, await ctx.uow.meetings.upcoming_holding(case))
    now = ctx.now()
    new_year = oslo_year(now)
    referred = Case(
        body_id=target.id,
        year=new_year,
        number=await ctx.uow.cases.allocate_number(target.id, new_year),
        title=case.title,
        case_type=case.case_type,
        # The paper travels with the case: the body it goes to reads what the first one read.
        background=case.background,
        assessment=case.assessment,
        proposal=case.proposal,
        case_officer_id=case.case_officer_id,
        case_officer_name=case.case_officer_name,
        responsible_id=case.responsible_id,
        submitted_by_id=person.id,
        submitted_at=now,
        referred_from_id=case.id,
        # What was withheld stays withheld where it goes; that body's secretariat may lift it.
        exemption_basis=case.exemption_basis,
        public_title=case.public_title,
    )
    await ctx.uow.cases.add(referred)
    case.referred_to_id = referred.id
    assert referred.id is not None
    carried = (await ctx.uow.documents.current([case.id]))[case.id]  # documents travel with the case
    for number, document in enumerate(carried, start=1):
        await ctx.uow.documents.add(document.carried_to(referred.id, number))
    plan = await ctx.uow.plans.put_forward_in(case.id)
    if plan is not None:
        plan.adoption_case_id = referred.id  # adopting the action plan travels with the case
    await ctx.audit(
        "case.referred",
        person,
        f"case:{case.id}",
        body=body.key,
        reference=case.reference,
        to_body=target.key,
        to_reference=referred.reference,
        documents=len(carried),
    )
    return Referral(
        source=await _case_view(ctx, body, case, None), target=await _case_view(ctx, target, referred, None)
    )


async def find_case(ctx: Context, body: Body, number: int, year: int) -> Case:
    assert body.id is not None
    case = await ctx.uow.cases.get(body.id, year, number)
    if case is None:
        raise DomainError("unknown_case", case=f"{number}/{year}", body=body.key)
    return case


async def register_case(
    ctx: Context, body_key: str | None, title: str, case_type: CaseType = CaseType.VEDTAKSSAK
) -> CaseView:
    """Registers a case in the body's queue under the next free number of the current year."""
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "register_case")
    body, person = admitted.body, admitted.person
    case = await add_to_queue(ctx, body, person, title, case_type)
    assert person.id is not None
    return case_view(body, case, {person.id: person})


async def add_to_queue(
    ctx: Context, body: Body, person: Person, title: str, case_type: CaseType, proposal: str | None = None
) -> Case:
    """A new case in the body's queue under the next free number of the current year."""
    title = required_text(TextField.CASE_TITLE, title, "title_required")
    assert body.id is not None and person.id is not None
    now = ctx.now()
    year = oslo_year(now)
    number = await ctx.uow.cases.allocate_number(body.id, year)
    case = Case(
        body_id=body.id,
        year=year,
        number=number,
        title=title,
        case_type=case_type,
        proposal=proposal,
        submitted_by_id=person.id,
        submitted_at=now,
        responsible_id=person.id,
    )
    await ctx.uow.cases.add(case)
    await ctx.audit("case.registered", person, f"case:{case.id}", body=body.key, reference=case.reference)
    return case


async def list_cases(ctx: Context, body_key: str | None) -> CaseListView:
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "list_cases")
    body = admitted.body
    assert body.id is not None
    open_cases = await ctx.uow.cases.open_for_body(body.id)
    persons = await ctx.uow.persons.by_ids(
        [pid for case in open_cases for pid in (case.responsible_id, case.submitted_by_id) if pid]
    )
    meetings = await ctx.uow.meetings.meeting_dates_for_cases([case.id for case in open_cases if case.id])
    views = [case_view(body, case, persons, meetings.get(case.id or 0)) for case in open_cases]
    return CaseListView(
        body=body_ref(body),
        queued=[view for view in views if view.meeting_at is None],
        scheduled=sorted(
            (view for view in views if view.meeting_at is not None), key=lambda view: view.meeting_at or ctx.now()
        ),
    )


async def show_case(ctx: Context, body_key: str | None, number: int, year: int) -> CaseView:
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "show_case")
    body = admitted.body
    case = await find_case(ctx, body, number, year)
    return await full_case_view(ctx, body, case)


async def schedule_case(
    ctx: Context, body_key: str | None, number: int, year: int, day: date | None
) -> tuple[CaseView, Meeting | None]:
    """Puts a case on the next (or the given) meeting's agenda.

    A case set up for another upcoming meeting moves, so it is never on two agendas; the meeting
    it left is returned so the caller can say so.
    """
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "schedule_case")
    body, person = admitted.body, admitted.person
    case = await find_case(ctx, body, number, year)
    meeting = await next_or_given_meeting(ctx, body, day)
    meeting.ensure_changeable()
    previous = await ctx.uow.meetings.upcoming_holding(case)
    if previous is meeting:
        raise DomainError("case_already_on_this_agenda", case=case.reference)
    if previous is not None:
        previous.remove_case(case, CaseStatus.INNMELDT)
    meeting.add_case(case)
    if was_called(meeting):
        notice = ChangeNotice(body_ref(body), "case_added", meeting.starts_at, case=f"{case.reference} {case.title}")
        await tell_members(ctx, body, meeting, notice, f"agenda:{meeting.agenda_revision}")
    await ctx.audit(
        "case.scheduled",
        person,
        f"case:{case.id}",
        body=body.key,
        reference=case.reference,
        meeting=meeting.id,
        moved_from=previous.id if previous else None,
    )
    return await _case_view(ctx, body, case, meeting), previous


async def postpone_case(ctx: Context, body_key: str | None, number: int, year: int) -> CaseView:
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "postpone_case")
    body, person = admitted.body, admitted.person
    case = await find_case(ctx, body, number, year)
    holding = await ctx.uow.meetings.upcoming_holding(case)
    postpone(case, holding)
    if holding is not None and was_called(holding):
        notice = ChangeNotice(
            body_ref(body), "case_postponed", holding.starts_at, case=f"{case.reference} {case.title}"
        )
        await tell_members(ctx, body, holding, notice, f"agenda:{holding.agenda_revision}")
    await ctx.audit("case.postponed", person, f"case:{case.id}", body=body.key, reference=case.reference)
    return await _case_view(ctx, body, case, None)


async def withdraw_case(ctx: Context, body_key: str | None, number: int, year: int) -> CaseView:
    """Withdraws a case; the secretariat, the body's leader or whoever submitted it may do so."""
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "withdraw_case")
    body, person = admitted.body, admitted.person
    case = await find_case(ctx, body, number, year)
    if case.submitted_by_id != person.id and not admitted.manager:
        raise NotAllowed("withdraw_case", body.key)
    holding = await ctx.uow.meetings.upcoming_holding(case)
    withdraw(case, holding)
    if holding is not None and was_called(holding):
        notice = ChangeNotice(
            body_ref(body), "case_withdrawn", holding.starts_at, case=f"{case.reference} {case.title}"
        )
        await tell_members(ctx, body, holding, notice, f"agenda:{holding.agenda_revision}")
    await ctx.audit("case.withdrawn", person, f"case:{case.id}", body=body.key, reference=case.reference)
    return await _case_view(ctx, body, case, None)
