"""Decisions (vedtak): recorded on a case, approved by card as the body's policy says, then final."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from governance.access import body_standing, identify, require_manager, require_participant
from governance.approvals import approval_round
from governance.approvals.approval_round import Approvable, post_card
from governance.approvals.delegation import authority_for, granted, record_grants
from governance.context import Context
from governance.meetings.attendance import ensure_quorate
from governance.meetings.cases import find_case
from governance.meetings.schedule import body_ref
from governance.plans.plan_adoption import adopt_on_final_decision, adoption_on
from governance.reminders.reminder_planning import plan_approval_reminder
from governance.rules.approval import Approvers, Outcome, approver_states, approvers_of, can_ever_be_met
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import TextField, checked_text, required_text
from governance.rules.model import (
    Body,
    Case,
    CaseStatus,
    Decision,
    DecisionStatus,
    DecisionWording,
    Disqualification,
    Person,
    PlanStatus,
    Verdict,
)
from governance.rules.oslo_time import oslo_date, oslo_to_utc, oslo_year
from governance.views import DecisionRegisterView, DecisionView

MAX_SEARCH_RESULTS = 30


@dataclass(frozen=True)
class RecordedDecision:
    view: DecisionView
    # False: the body has no channel, so the card went to the conversation the command came from,
    # and the reply must say so rather than name the body's channel.
    in_body_channel: bool


async def record_decision(ctx: Context, body_key: str | None, number: int, year: int, text: str) -> RecordedDecision:
    """Records the decision on a case and posts its approval card; a new wording starts a new round.

    A case on the agenda of a meeting held today or earlier is decided at that meeting; a case in
    the queue is decided between meetings (sirkulasjonssak).
    """
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "record_decision")
    body, person = admitted.body, admitted.person
    text = required_text(TextField.DECISION_TEXT, text, "decision_text_missing")
    case = await find_case(ctx, body, number, year)
    return await decide(ctx, body, person, case, text)


async def decide(ctx: Context, body: Body, person: Person, case: Case, text: str) -> RecordedDecision:
    """The one path a decision's text is recorded by, from `vedtak` and from a vote's result
    (`votering`): the same checks, the same deciding meeting, the same card and round."""
    for _, matter in granted(text):
        # Checked now, not when the decision becomes final and the grant is stored.
        checked_text(TextField.DELEGATED_MATTER, matter)
    assert case.id is not None and body.id is not None and person.id is not None
    approvers = await _approvers(ctx, body, case.id)
    if not can_ever_be_met(approvers):
        raise DomainError("no_approvers", body=body.key, policy=body.approval)
    decision = await ctx.uow.decisions.for_case(case.id)
    if decision is not None and decision.status is DecisionStatus.VEDTATT:
        raise DomainError("decision_already_final", case=case.reference)
    if case.status is CaseStatus.TRUKKET:
        raise DomainError("decision_case_withdrawn", case=case.reference)
    if case.status is CaseStatus.BEHANDLET:
        raise DomainError("case_dealt_with", case=case.reference)
    meeting_id = await _deciding_meeting(ctx, case)
    authority = await authority_for(ctx, body, text)
    if authority is None:  # adopting the action plan under the owning body's delegation
        adoption = await adoption_on(ctx, case.id, body)
        authority = adoption.delegation if adoption else None
    now = ctx.now()
    if decision is None:
        decision = Decision(
            body_id=body.id,
            case_id=case.id,
            text=text,
            recorded_by_id=person.id,
            recorded_at=now,
            policy=body.approval,
            meeting_id=meeting_id,
            under_delegation_id=authority.delegation_id if authority else None,
            revision=1,
        )
        await ctx.uow.decisions.add(decision)
    else:
        under_delegation_id = authority.delegation_id if authority else None
        decision.reword(DecisionWording(text, body.approval, meeting_id, under_delegation_id, person.id, now))
    view = await decision_view(ctx, decision, approvers)
    await ctx.uow.flush()  # a new decision gets its id, which its card carries
    decision.card_conversation_id = await post_card(ctx, "decision", body, decision, view)
    await plan_approval_reminder(ctx.uow, body.id, f"decision:{decision.id}", decision.round, now)
    await ctx.audit(
        "decision.recorded",
        person,
        f"decision:{decision.id}",
        body=body.key,
        case=case.reference,
        round=decision.round,
        circulation=decision.circulation,
    )
    linked = body.linked_conversation_id
    in_body_channel = linked is not None and decision.card_conversation_id == linked
    return RecordedDecision(view, in_body_channel)


async def _deciding_meeting(ctx: Context, case: Case) -> int | None:
    if case.in_queue:
        return None  # between meetings
    meeting = await ctx.uow.meetings.holding(case)
    if meeting is None:
        return None
    if oslo_date(meeting.starts_at) > oslo_date(ctx.now()):
        raise DomainError("decision_before_meeting", case=case.reference, date=oslo_date(meeting.starts_at))
    body = await ctx.uow.bodies.get(meeting.body_id)
    if body is not None:
        # Every decision at a meeting passes here (vedtak, and votes recorded at the meeting): a
        # meeting that is not quorate cannot decide. Between meetings the approval rule alone holds.
        await ensure_quorate(ctx, body, meeting)
    meeting.mark_held(ctx.now())  # it has started: recording its decisions shows it was held
    return meeting.id


class DecisionApproval(Approvable[Decision, DecisionView]):
    """A decision's round: a final decision deals with its case and takes effect (grants of
    authority, the action plan it adopts)."""

    kind = "decision"

    async def load(self, ctx: Context, subject_id: int) -> tuple[Decision, Body]:
        return await _decision_and_body(ctx, subject_id)

    async def approvers(self, ctx: Context, subject: Decision, body: Body) -> Approvers:
        return await _approvers(ctx, body, subject.case_id)

    async def view(self, ctx: Context, subject: Decision, approvers: Approvers) -> DecisionView:
        return await decision_view(ctx, subject, approvers)

    async def describe(self, ctx: Context, subject: Decision) -> str:
        case = await ctx.uow.cases.by_id(subject.case_id)
        return f"vedtaket i sak {case.reference} «{case.title}»" if case else "vedtaket"

    async def on_final(self, ctx: Context, subject: Decision, body: Body, person: Person) -> None:
        case = await ctx.uow.cases.by_id(subject.case_id)
        if case is not None:
            case.mark_dealt_with()
        await record_grants(ctx, subject, body, person)
        await adopt_on_final_decision(ctx, subject, body, person)


DECISION_APPROVAL = DecisionApproval()


async def act_on_decision(
    ctx: Context, decision_id: int, round_seen: int | None, verdict: Verdict, comment: str | None
) -> Outcome[DecisionView]:
    return await approval_round.act(ctx, DECISION_APPROVAL, decision_id, round_seen, verdict, comment)


async def still_to_approve(ctx: Context, decision_id: int, round_number: int) -> tuple[str, list[Person]]:
    return await approval_round.still_to_approve(ctx, DECISION_APPROVAL, decision_id, round_number)


async def show_decision(ctx: Context, decision_id: int) -> Outcome[DecisionView]:
    return await approval_round.show(ctx, DECISION_APPROVAL, decision_id)


async def _decision_and_body(ctx: Context, decision_id: int) -> tuple[Decision, Body]:
    decision = await ctx.uow.decisions.get(decision_id)
    body = await ctx.uow.bodies.get(decision.body_id) if decision is not None else None
    if decision is None or body is None:
        raise DomainError("unknown_decision")
    return decision, body


async def _approvers(ctx: Context, body: Body, case_id: int) -> Approvers:
    assert body.id is not None
    disqualified = [entry.person_id for entry in await ctx.uow.disqualifications.for_cases([case_id])]
    return approvers_of(body.approval, await ctx.uow.memberships.for_body(body.id), disqualified)


async def declare_disqualified(
    ctx: Context, body_key: str | None, number: int, year: int, reason: str | None
) -> tuple[str, str]:
    """A member declares themself disqualified on a case; returns (body key, case reference).

    Declaring again updates the reason. The member no longer counts among the approvers of the
    case's decision, and the declaration is written into the minutes.
    """
    standing = await body_standing(ctx.uow, ctx.actor, body_key, ctx.conversation_id)
    body, person = standing.body, standing.person
    if person is None or standing.role is None:
        raise NotAllowed("declare_disqualified", body.key, needs_membership=True)
    case = await find_case(ctx, body, number, year)
    assert case.id is not None and person.id is not None
    reason = checked_text(TextField.DISQUALIFICATION_REASON, reason)
    existing = next((d for d in await ctx.uow.disqualifications.for_cases([case.id]) if d.person_id == person.id), None)
    if existing is None:
        await ctx.uow.disqualifications.add(
            Disqualification(case_id=case.id, person_id=person.id, declared_at=ctx.now(), reason=reason)
        )
    else:
        existing.reason = reason
    await ctx.audit("case.disqualified", person, f"case:{case.id}", body=body.key, reference=case.reference)
    return body.key, case.reference


async def decision_view(ctx: Context, decision: Decision, approvers: Approvers) -> DecisionView:
    body = await ctx.uow.bodies.get(decision.body_id)
    case = await ctx.uow.cases.by_id(decision.case_id)
    assert body is not None and case is not None and decision.id is not None
    meeting = await ctx.uow.meetings.get(decision.meeting_id) if decision.meeting_id else None
    ids = {decision.recorded_by_id} | ({decision.rejected_by_id} if decision.rejected_by_id else set())
    names = await ctx.uow.persons.by_ids(sorted(ids))
    rejected_by = names.get(decision.rejected_by_id) if decision.rejected_by_id else None
    recorded_by = names.get(decision.recorded_by_id)
    return DecisionView(
        decision_id=decision.id,
        body=body_ref(body),
        case_reference=case.reference,
        case_title=case.title,
        text=decision.text,
        status=decision.status,
        policy=decision.policy,
        round=decision.round,
        meeting_at=meeting.starts_at if meeting else None,
        recorded_by=recorded_by.name if recorded_by else "",
        approvers=approver_states(approvers, decision.current_approvals()),
        rejected_by=rejected_by.name if rejected_by else None,
        rejection_comment=decision.rejection_comment,
        final_at=decision.final_at,
        authority=await ctx.uow.delegations.get(decision.under_delegation_id) if decision.under_delegation_id else None,
        adopts_plan=await _plan_adopted(ctx, decision, body),
    )


async def _plan_adopted(ctx: Context, decision: Decision, body: Body) -> int | None:
    """The year of the action plan this decision adopts (or adopted), if it does."""
    adoption = await adoption_on(ctx, decision.case_id, body)
    if adoption is None:
        return None
    plan = adoption.plan
    adopted_elsewhere = plan.status is PlanStatus.VEDTATT and plan.adopted_by_decision_id != decision.id
    return None if adopted_elsewhere else plan.year


async def list_decisions(ctx: Context, body_key: str | None, year: int | None) -> DecisionRegisterView:
    """The decision register of a body for a year (this year unless given)."""
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "list_decisions")
    body = admitted.body
    assert body.id is not None
    year = year or oslo_year(ctx.now())
    start, end = oslo_to_utc(date(year, 1, 1), time(0)), oslo_to_utc(date(year + 1, 1, 1), time(0))
    entries = await ctx.uow.decisions.register(body.id, start, end)
    return DecisionRegisterView(scope=f"{body.key} {year}", search=False, entries=tuple(entries))


async def search_decisions(ctx: Context, words: str) -> DecisionRegisterView:
    """Decisions of every body and year in the user's helsefellesskap whose text or case title holds all the words."""
    terms = [word for word in words.split() if word]
    if not terms:
        raise DomainError("search_words_missing")
    person = await identify(ctx.uow, ctx.actor)
    communities = await ctx.uow.persons.communities_of(person.id) if person and person.id else []
    if not communities:
        raise NotAllowed("search_decisions", needs_membership=True, code="not_in_any_body")
    found = await ctx.uow.decisions.search(communities, terms, MAX_SEARCH_RESULTS + 1)
    return DecisionRegisterView(
        scope=" ".join(terms),
        search=True,
        entries=tuple(found[:MAX_SEARCH_RESULTS]),
        more=max(0, len(found) - MAX_SEARCH_RESULTS),
    )
