"""Use cases on cases: register, list, show, set up on an agenda, postpone, withdraw."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from governance.access import body_by_key, require_manager, require_participant
from governance.context import Context
from governance.meetings.schedule import body_ref, next_or_given_meeting
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import TextField, required_text
from governance.rules.model import Body, Case, CaseStatus, CaseType, Meeting, Person, postpone, refer_away, withdraw
from governance.rules.oslo_time import oslo_year
from governance.views import CaseListView, CaseView


def case_view(
    body: Body,
    case: Case,
    persons: dict[int, Person],
    meeting: Meeting | None = None,
    links: dict[int, str] | None = None,
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
    )


async def _case_view(ctx: Context, body: Body, case: Case, meeting: Meeting | None) -> CaseView:
    persons = await ctx.uow.persons.by_ids([pid for pid in (case.responsible_id, case.submitted_by_id) if pid])
    return case_view(body, case, persons, meeting, await _links(ctx, case))


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
        background=case.background,
        proposal=case.proposal,
        responsible_id=case.responsible_id,
        submitted_by_id=person.id,
        submitted_at=now,
        referred_from_id=case.id,
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
    return await _case_view(ctx, body, case, await ctx.uow.meetings.upcoming_holding(case))


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
    postpone(case, await ctx.uow.meetings.upcoming_holding(case))
    await ctx.audit("case.postponed", person, f"case:{case.id}", body=body.key, reference=case.reference)
    return await _case_view(ctx, body, case, None)


async def withdraw_case(ctx: Context, body_key: str | None, number: int, year: int) -> CaseView:
    """Withdraws a case; the secretariat, the body's leader or whoever submitted it may do so."""
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "withdraw_case")
    body, person = admitted.body, admitted.person
    case = await find_case(ctx, body, number, year)
    if case.submitted_by_id != person.id and not admitted.manager:
        raise NotAllowed("withdraw_case", body.key)
    withdraw(case, await ctx.uow.meetings.upcoming_holding(case))
    await ctx.audit("case.withdrawn", person, f"case:{case.id}", body=body.key, reference=case.reference)
    return await _case_view(ctx, body, case, None)
