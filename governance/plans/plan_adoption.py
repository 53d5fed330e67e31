"""Adopting the action plan: it is put forward as a case to the body that owns it, or to the body
that body delegated the adoption to ("SSU gis myndighet til å vedta endelig handlingsplan"), and
the final decision on that case, approved as the body's policy says, adopts it."""

from __future__ import annotations

from dataclasses import dataclass

from governance.access import body_by_key, require_manager, unknown_body
from governance.approvals.delegation import concerns_plan_adoption
from governance.context import Context
from governance.meetings.cases import add_to_queue
from governance.plans.action_plan import locate, plan_for, put_forward_in
from governance.rules.errors import DomainError
from governance.rules.model import ActionPlan, Body, CaseType, Decision, Person, PlanStatus, ProgressNote
from governance.views import DelegationView


@dataclass(frozen=True)
class PutForward:
    year: int
    body_key: str  # the body whose queue the case is in
    case_reference: str
    owner_key: str
    adopts: bool  # False: the body only recommends, and refers the case to the owner
    delegated: bool  # the body adopts under the owner's delegation


@dataclass(frozen=True)
class Adoption:
    """A plan a case was put forward to adopt, and the authority its body adopts it under."""

    plan: ActionPlan
    delegation: DelegationView | None  # None: the body owns the plan


async def put_forward_plan(ctx: Context, year: int | None, body_key: str | None) -> PutForward:
    """Registers the case "Handlingsplan <år>" in a body's queue: by default the owning body, or
    the body it delegated the adoption to. A body named without that authority prepares the
    case and recommends; sending the case on to the owner ("send ... til PM") takes the
    adoption with it."""
    where = await locate(ctx, "put_forward_plan")
    plan = await plan_for(ctx, where.community_id, year)
    if plan.status is PlanStatus.VEDTATT:
        raise DomainError("plan_already_adopted", year=plan.year)
    pending = await put_forward_in(ctx, plan)
    if pending is not None:
        raise DomainError("plan_already_put_forward", year=plan.year, case=pending)
    owner = await ctx.uow.bodies.get(plan.owner_body_id)
    assert owner is not None and owner.id is not None
    if body_key:
        deciding = await body_by_key(ctx.uow, body_key)
        if deciding.community_id != where.community_id:
            raise await unknown_body(ctx.uow, body_key)
    else:
        deciding = await _delegate(ctx, plan, owner) or owner
    adoption = await _authority(ctx, plan, owner, deciding)
    admitted = await require_manager(ctx.uow, ctx.actor, deciding.key, None, "put_forward_plan")
    if adoption is not None:
        proposal = f"Handlingsplan {plan.year} vedtas."
    else:
        proposal = f"{deciding.key} anbefaler at {owner.key} vedtar handlingsplan {plan.year}."
    case = await add_to_queue(
        ctx, deciding, admitted.person, f"Handlingsplan {plan.year}", CaseType.VEDTAKSSAK, proposal=proposal
    )
    plan.adoption_case_id = case.id
    await ctx.audit(
        "plan.put_forward",
        admitted.person,
        f"plan:{plan.id}",
        year=plan.year,
        body=deciding.key,
        case=case.reference,
        adopts=adoption is not None,
    )
    return PutForward(
        year=plan.year,
        body_key=deciding.key,
        case_reference=case.reference,
        owner_key=owner.key,
        adopts=adoption is not None,
        delegated=adoption is not None and adoption.delegation is not None,
    )


async def adoption_on(ctx: Context, case_id: int, body: Body) -> Adoption | None:
    """The plan this case was put forward to adopt, when this body may adopt it."""
    plan = await ctx.uow.plans.put_forward_in(case_id)
    if plan is None:
        return None
    owner = await ctx.uow.bodies.get(plan.owner_body_id)
    assert owner is not None
    return await _authority(ctx, plan, owner, body)


async def adopt_on_final_decision(ctx: Context, decision: Decision, body: Body, person: Person | None) -> None:
    """A final decision on the case the plan was put forward in adopts the plan."""
    adoption = await adoption_on(ctx, decision.case_id, body)
    if adoption is None or adoption.plan.adopted:
        return
    plan = adoption.plan
    plan.adopt(decision.id)
    # Each measure's history links to the decision that adopted it as part of the plan.
    for area in plan.areas:
        for measure in area.measures:
            assert measure.id is not None
            await ctx.uow.plans.add_note(
                ProgressNote(
                    measure_id=measure.id,
                    at=ctx.now(),
                    status_before=measure.status,
                    status_after=measure.status,
                    person_id=person.id if person else None,
                    text=f"vedtatt som del av handlingsplan {plan.year}",
                    case_id=decision.case_id,
                    decision_id=decision.id,
                )
            )
    await ctx.audit(
        "plan.adopted",
        person,
        f"plan:{plan.id}",
        year=plan.year,
        body=body.key,
        decision=decision.id,
        delegated=adoption.delegation is not None,
    )


async def _authority(ctx: Context, plan: ActionPlan, owner: Body, body: Body) -> Adoption | None:
    if body.id == owner.id:
        return Adoption(plan, None)
    assert body.id is not None
    for delegation in await ctx.uow.delegations.to_bodies([body.id]):
        if delegation.from_body_key == owner.key and concerns_plan_adoption(delegation.matter, plan.year):
            return Adoption(plan, delegation)
    return None


async def _delegate(ctx: Context, plan: ActionPlan, owner: Body) -> Body | None:
    """The body the owner last delegated adopting this plan to, if it did."""
    assert owner.id is not None
    granted = [
        delegation
        for delegation in await ctx.uow.delegations.from_body(owner.id)
        if concerns_plan_adoption(delegation.matter, plan.year)
    ]
    return await ctx.uow.bodies.by_key(granted[-1].to_body_key) if granted else None
