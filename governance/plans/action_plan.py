"""The yearly action plan (handlingsplan): its status report, the measures people own, and
status updates by the measure's owner, the secretariat or the owning body's leader."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from governance.access import Management, identify, management
from governance.context import Context
from governance.meetings.schedule import body_ref
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import TextField, checked_text
from governance.rules.model import (
    ENDED_MEASURE_STATUSES,
    ActionPlan,
    Body,
    CaseStatus,
    FocusArea,
    Measure,
    MeasureStatus,
    Person,
    PlanStatus,
    ProgressNote,
)
from governance.rules.oslo_time import oslo_date, oslo_year
from governance.views import AreaReport, MeasureLine, MeasureListView, PlanReportView

MEASURE_REFERENCE = re.compile(r"^(\d{1,2}\.\d{1,3})(?:/(\d{4}))?$")


def rolled_up(statuses: list[MeasureStatus]) -> MeasureStatus:
    """A focus area's status from its measures: finished when all are done with, not started or
    postponed when all open ones are, and in progress otherwise."""
    open_ones = [status for status in statuses if status not in ENDED_MEASURE_STATUSES]
    if not statuses:
        return MeasureStatus.IKKE_STARTET
    if not open_ones:
        return MeasureStatus.FULLFORT if MeasureStatus.FULLFORT in statuses else MeasureStatus.AVSLUTTET
    if len(open_ones) == len(statuses) and all(status is MeasureStatus.IKKE_STARTET for status in open_ones):
        return MeasureStatus.IKKE_STARTET
    if all(status is MeasureStatus.UTSATT for status in open_ones):
        return MeasureStatus.UTSATT
    return MeasureStatus.PAGAENDE


@dataclass(frozen=True)
class Where:
    """The acting person and the helsefellesskap their command is about."""

    person: Person
    community_id: int


async def locate(ctx: Context, action: str) -> Where:
    person = await identify(ctx.uow, ctx.actor)
    communities = await ctx.uow.persons.communities_of(person.id) if person and person.id else []
    if person is None or not communities:
        raise NotAllowed(action, needs_membership=True, code="plan_needs_membership")
    linked = await ctx.uow.bodies.linked_to(ctx.conversation_id) if ctx.conversation_id else None
    community_id = linked.community_id if linked and linked.community_id in communities else communities[0]
    return Where(person, community_id)


async def plan_for(ctx: Context, community_id: int, year: int | None) -> ActionPlan:
    year = year or oslo_year(ctx.now())
    plan = await ctx.uow.plans.for_year(community_id, year)
    if plan is None:
        known = await ctx.uow.plans.years(community_id)
        raise DomainError("no_plan", year=year, known=", ".join(map(str, known)) or "–")
    return plan


async def plan_report(ctx: Context, year: int | None) -> PlanReportView:
    """The status report of the year's plan (this year unless given)."""
    where = await locate(ctx, "show_plan")
    return await _report(ctx, await plan_for(ctx, where.community_id, year))


async def report_of_plan(ctx: Context, plan_id: int) -> PlanReportView:
    """The report of a plan, for a download link whose signature already vouches for the reader."""
    plan = await ctx.uow.plans.get(plan_id)
    if plan is None:
        raise DomainError("no_plan", year="?", known="–")
    return await _report(ctx, plan)


async def _report(ctx: Context, plan: ActionPlan) -> PlanReportView:
    assert plan.id is not None
    owners = await owner_names(ctx, [measure for area in plan.areas for measure in area.measures])
    today = oslo_date(ctx.now())
    areas = []
    counts: Counter[MeasureStatus] = Counter()
    for area in plan.areas:
        lines = tuple(measure_line(plan, area, measure, owners, today) for measure in in_order(area.measures))
        counts.update(line.status for line in lines)
        areas.append(
            AreaReport(
                number=area.number,
                title=area.title,
                groups=tuple(area.groups),
                status=rolled_up([line.status for line in lines]),
                measures=lines,
            )
        )
    owner = await ctx.uow.bodies.get(plan.owner_body_id)
    assert owner is not None
    adopted_by = None
    if plan.adopted_by_decision_id is not None:
        decision = await ctx.uow.decisions.get(plan.adopted_by_decision_id)
        case = await ctx.uow.cases.by_id(decision.case_id) if decision else None
        deciding = await ctx.uow.bodies.get(decision.body_id) if decision else None
        adopted_by = f"{deciding.key} {case.reference}" if case and deciding else None
    carried = await ctx.uow.plans.get(plan.carried_from_id) if plan.carried_from_id else None
    return PlanReportView(
        put_forward_in=await put_forward_in(ctx, plan),
        plan_id=plan.id,
        year=plan.year,
        owner=body_ref(owner),
        status=plan.status,
        adopted_by=adopted_by,
        carried_from_year=carried.year if carried else None,
        areas=tuple(areas),
        counts=tuple((status, counts[status]) for status in MeasureStatus),
        overdue=sum(1 for area in areas for line in area.measures if line.overdue),
    )


async def put_forward_in(ctx: Context, plan: ActionPlan) -> str | None:
    """'SSU 5/2027': the open case a draft plan awaits adoption in, if there is one."""
    if plan.status is PlanStatus.VEDTATT or plan.adoption_case_id is None:
        return None
    case = await ctx.uow.cases.by_id(plan.adoption_case_id)
    if case is None or case.status in (CaseStatus.BEHANDLET, CaseStatus.TRUKKET):
        return None
    body = await ctx.uow.bodies.get(case.body_id)
    return f"{body.key if body else '?'} {case.reference}"


async def my_measures(ctx: Context) -> MeasureListView:
    """The measures of this year's plan that the user owns, or manages the owning body of."""
    where = await locate(ctx, "my_measures")
    plan = await plan_for(ctx, where.community_id, None)
    rights = await rights_of(ctx, where)
    chosen = [
        (area, measure)
        for area in plan.areas
        for measure in in_order(area.measures)
        if measure.owner_person_id == where.person.id or measure.owner_body_id in rights.management.bodies
    ]
    return await _listing(ctx, plan, chosen, "mine", mine=True, rights=rights)


async def body_measures(ctx: Context, body_key: str | None) -> MeasureListView:
    """This year's measures owned by a body, or, without a body, every open measure of the plan."""
    where = await locate(ctx, "list_measures")
    plan = await plan_for(ctx, where.community_id, None)
    body: Body | None = None
    if body_key:
        body = await ctx.uow.bodies.by_key(body_key)
        if body is None or body.community_id != where.community_id:
            raise DomainError("unknown_body", body=body_key, known=", ".join(await ctx.uow.bodies.keys()))
    chosen = [
        (area, measure)
        for area in plan.areas
        for measure in in_order(area.measures)
        if (measure.owner_body_id == body.id if body else not measure.ended)
    ]
    scope = f"{body.key} {plan.year}" if body else str(plan.year)
    return await _listing(ctx, plan, chosen, scope, mine=False, rights=await rights_of(ctx, where))


async def update_measure(
    ctx: Context, reference: str, status: MeasureStatus, comment: str | None
) -> tuple[MeasureLine, MeasureStatus]:
    """Sets a measure's status, with an optional comment kept in its history; returns the
    measure as it now stands and its status before."""
    where = await locate(ctx, "update_measure")
    plan, area, measure = await find_measure(ctx, where, reference)
    return await _update(ctx, where, plan, area, measure, status, comment)


async def update_measure_by_id(
    ctx: Context, measure_id: int, status: MeasureStatus, comment: str | None
) -> tuple[MeasureLine, MeasureStatus]:
    """The same, from a measure card's button."""
    where = await locate(ctx, "update_measure")
    measure = await ctx.uow.plans.measure(measure_id)
    area = await ctx.uow.plans.area(measure.area_id) if measure else None
    plan = await ctx.uow.plans.get(area.plan_id) if area else None
    if measure is None or area is None or plan is None or plan.community_id != where.community_id:
        raise DomainError("unknown_measure", measure=str(measure_id))
    return await _update(ctx, where, plan, area, measure, status, comment)


async def _update(
    ctx: Context,
    where: Where,
    plan: ActionPlan,
    area: FocusArea,
    measure: Measure,
    status: MeasureStatus,
    comment: str | None,
) -> tuple[MeasureLine, MeasureStatus]:
    assert measure.id is not None
    if not (await rights_of(ctx, where)).may_change(plan, measure):
        raise NotAllowed("update_measure", code="not_measure_owner", measure=measure.number)
    comment = checked_text(TextField.MEASURE_COMMENT, comment)
    before = measure.change_status(status, commented=comment is not None)
    await ctx.uow.plans.add_note(
        ProgressNote(
            measure_id=measure.id,
            at=ctx.now(),
            status_before=before,
            status_after=status,
            person_id=where.person.id,
            text=comment,
        )
    )
    await ctx.audit(
        "measure.updated",
        where.person,
        f"measure:{measure.id}",
        plan=plan.year,
        measure=measure.number,
        before={"status": before.value},
        after={"status": status.value},
        commented=comment is not None,
    )
    owners = await owner_names(ctx, [measure])
    return measure_line(plan, area, measure, owners, oslo_date(ctx.now()), can_update=True), before


async def find_measure(ctx: Context, where: Where, reference: str) -> tuple[ActionPlan, FocusArea, Measure]:
    match = MEASURE_REFERENCE.match(reference.strip())
    if match is None:
        raise DomainError("bad_measure_reference", measure=reference)
    number, year = match.group(1), int(match.group(2)) if match.group(2) else None
    plan = await plan_for(ctx, where.community_id, year)
    for area in plan.areas:
        for measure in area.measures:
            if measure.number == number:
                return plan, area, measure
    raise DomainError("unknown_measure", measure=f"{number}/{plan.year}")


@dataclass(frozen=True)
class Rights:
    """What the acting person may change in a plan, read once per command."""

    person_id: int | None
    management: Management

    def may_edit(self, plan_owner_body_id: int) -> bool:
        """Starting a plan, adding focus areas and measures: whoever manages the plan's body."""
        return self.management.manages(plan_owner_body_id)

    def may_change(self, plan: ActionPlan, measure: Measure) -> bool:
        """A measure's status: its owner, whoever manages the plan's body, or the owning body."""
        if measure.owner_person_id == self.person_id or self.may_edit(plan.owner_body_id):
            return True
        return measure.owner_body_id is not None and self.management.manages(measure.owner_body_id)


async def rights_of(ctx: Context, where: Where) -> Rights:
    assert where.person.id is not None
    return Rights(person_id=where.person.id, management=await management(ctx.uow, where.person.id, where.community_id))


async def _listing(
    ctx: Context,
    plan: ActionPlan,
    chosen: list[tuple[FocusArea, Measure]],
    scope: str,
    *,
    mine: bool,
    rights: Rights,
) -> MeasureListView:
    owners = await owner_names(ctx, [measure for _, measure in chosen])
    today = oslo_date(ctx.now())
    lines = [
        measure_line(plan, area, measure, owners, today, can_update=rights.may_change(plan, measure))
        for area, measure in chosen
    ]
    return MeasureListView(title_scope=scope, mine=mine, measures=tuple(lines))


async def owner_names(ctx: Context, measures: list[Measure]) -> dict[tuple[str, int], str]:
    person_ids = sorted({m.owner_person_id for m in measures if m.owner_person_id is not None})
    persons = await ctx.uow.persons.by_ids(person_ids)
    names = {("person", pid): person.name for pid, person in persons.items()}
    if any(m.owner_body_id is not None for m in measures):
        names |= {("body", body.id): body.key for body in await ctx.uow.bodies.all() if body.id is not None}
    return names


def measure_line(
    plan: ActionPlan,
    area: FocusArea,
    measure: Measure,
    owners: dict[tuple[str, int], str],
    today: date,
    *,
    can_update: bool = False,
) -> MeasureLine:
    assert measure.id is not None
    if measure.owner_person_id is not None:
        owner = owners.get(("person", measure.owner_person_id))
    elif measure.owner_body_id is not None:
        owner = owners.get(("body", measure.owner_body_id))
    else:
        owner = measure.owner_label
    return MeasureLine(
        measure_id=measure.id,
        number=measure.number,
        title=measure.title,
        status=measure.status,
        owner=owner,
        due=measure.due,
        overdue=measure.overdue(today),
        year=plan.year,
        area_title=f"{area.number}. {area.title}",
        can_update=can_update,
    )


def measure_order(number: str) -> tuple[int, ...]:
    """The sort key of a measure number: 3.2 before 3.10."""
    return tuple(int(part) for part in number.split("."))


def in_order(measures: list[Measure]) -> list[Measure]:
    return sorted(measures, key=lambda measure: measure_order(measure.number))
