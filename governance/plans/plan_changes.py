"""Building the action plan in chat: a new year's plan (carrying over what is unfinished), new
focus areas and new measures. Whoever manages the plan's body (governance.access) does this."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from governance.context import Context
from governance.plans.action_plan import Where, in_order, locate, plan_for, rights_of
from governance.plans.plan_import import resolve_owner
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import TextField, checked_text, required_text
from governance.rules.model import ActionPlan, BodyKind, FocusArea, Measure, MeasureStatus, ProgressNote
from governance.rules.oslo_time import oslo_year


@dataclass(frozen=True)
class NewPlan:
    year: int
    owner_key: str
    from_year: int | None
    areas: int
    carried: tuple[str, ...]  # numbers of the measures carried over
    left_behind: int  # finished or closed measures not carried


@dataclass(frozen=True)
class NewMeasure:
    number: str
    year: int
    title: str
    owner: str | None
    owner_known: bool  # False: the name matched no person or body and is kept as written
    due: date | None


async def _require_editor(ctx: Context, where: Where, plan_owner_body_id: int, action: str) -> None:
    if not (await rights_of(ctx, where)).may_edit(plan_owner_body_id):
        raise NotAllowed(action, code="not_plan_editor")


async def start_plan(ctx: Context, year: int, from_year: int | None) -> NewPlan:
    """Starts a year's plan; from the previous (or given) year's plan it copies the focus areas
    and every measure that is not finished or closed, linked to where it came from."""
    where = await locate(ctx, "start_plan")
    if await ctx.uow.plans.for_year(where.community_id, year) is not None:
        raise DomainError("plan_exists", year=year)
    # A named source plan must exist; last year's is used when there is one.
    source_year = from_year if from_year is not None else year - 1
    if from_year is not None:
        source: ActionPlan | None = await plan_for(ctx, where.community_id, from_year)
    else:
        source = await ctx.uow.plans.for_year(where.community_id, source_year)
    owner_id = source.owner_body_id if source else await _default_owner(ctx, where)
    await _require_editor(ctx, where, owner_id, "start_plan")
    plan = await ctx.uow.plans.add(
        ActionPlan(
            community_id=where.community_id,
            year=year,
            owner_body_id=owner_id,
            carried_from_id=source.id if source else None,
        )
    )
    assert plan.id is not None
    carried: list[Measure] = []
    left_behind = 0
    for old_area in source.areas if source else []:
        area = FocusArea(plan_id=plan.id, number=old_area.number, title=old_area.title, groups=list(old_area.groups))
        plan.areas.append(area)
        await ctx.uow.flush()
        assert area.id is not None
        for old in in_order(old_area.measures):
            if old.ended:
                left_behind += 1
                continue
            measure = Measure(
                area_id=area.id,
                number=old.number,
                title=old.title,
                status=old.status,
                description=old.description,
                owner_person_id=old.owner_person_id,
                owner_body_id=old.owner_body_id,
                owner_label=old.owner_label,
                due=old.due,
                carried_from_id=old.id,
            )
            area.measures.append(measure)
            carried.append(measure)
    await ctx.uow.flush()
    for measure in carried:
        assert measure.id is not None
        await ctx.uow.plans.add_note(
            ProgressNote(
                measure_id=measure.id,
                at=ctx.now(),
                status_before=None,
                status_after=measure.status,
                person_id=where.person.id,
                text=f"videreført fra {source_year}" if source else None,
            )
        )
    owner = await ctx.uow.bodies.get(owner_id)
    assert owner is not None
    await ctx.audit(
        "plan.started",
        where.person,
        f"plan:{plan.id}",
        year=year,
        carried=len(carried),
        from_year=source.year if source else None,
    )
    return NewPlan(
        year=year,
        owner_key=owner.key,
        from_year=source.year if source else None,
        areas=len(plan.areas),
        carried=tuple(measure.number for measure in carried),
        left_behind=left_behind,
    )


async def _default_owner(ctx: Context, where: Where) -> int:
    """The first plan's owner: the body linked to this conversation, else the strategic committee."""
    linked = await ctx.uow.bodies.linked_to(ctx.conversation_id) if ctx.conversation_id else None
    if linked is not None and linked.community_id == where.community_id and linked.id is not None:
        return linked.id
    bodies = [body for body in await ctx.uow.bodies.all() if body.community_id == where.community_id]
    strategic = next((body for body in bodies if body.kind is BodyKind.STRATEGISK), None)
    if strategic is None or strategic.id is None:
        raise DomainError("plan_owner_unknown")
    return strategic.id


async def add_area(ctx: Context, year: int | None, title: str) -> tuple[int, int]:
    """Adds a focus area under the next number; returns (year, number)."""
    where = await locate(ctx, "add_area")
    plan = await plan_for(ctx, where.community_id, year)
    await _require_editor(ctx, where, plan.owner_body_id, "add_area")
    title = required_text(TextField.AREA_TITLE, title, "title_missing")
    assert plan.id is not None
    number = max((area.number for area in plan.areas), default=0) + 1
    plan.areas.append(FocusArea(plan_id=plan.id, number=number, title=title, groups=[]))
    await ctx.uow.flush()
    await ctx.audit("plan.area_added", where.person, f"plan:{plan.id}", year=plan.year, area=number)
    return plan.year, number


async def add_measure(ctx: Context, area_number: int, title: str, owner: str | None, due: date | None) -> NewMeasure:
    """Adds a measure to a focus area of this year's plan under the area's next number."""
    where = await locate(ctx, "add_measure")
    plan = await plan_for(ctx, where.community_id, oslo_year(ctx.now()))
    await _require_editor(ctx, where, plan.owner_body_id, "add_measure")
    area = next((area for area in plan.areas if area.number == area_number), None)
    if area is None or area.id is None:
        known = ", ".join(str(area.number) for area in plan.areas) or "–"
        raise DomainError("unknown_area", area=area_number, year=plan.year, known=known)
    title = required_text(TextField.MEASURE_TITLE, title, "title_missing")
    owner = checked_text(TextField.MEASURE_OWNER, owner)
    person_id, body_id, label = await resolve_owner(ctx.uow, owner)
    last = max((int(measure.number.split(".")[1]) for measure in area.measures), default=0)
    measure = Measure(
        area_id=area.id,
        number=f"{area.number}.{last + 1}",
        title=title,
        owner_person_id=person_id,
        owner_body_id=body_id,
        owner_label=label,
        due=due,
    )
    area.measures.append(measure)
    await ctx.uow.flush()
    assert measure.id is not None
    await ctx.uow.plans.add_note(
        ProgressNote(
            measure_id=measure.id,
            at=ctx.now(),
            status_before=None,
            status_after=MeasureStatus.IKKE_STARTET,
            person_id=where.person.id,
        )
    )
    await ctx.audit("measure.added", where.person, f"measure:{measure.id}", year=plan.year, measure=measure.number)
    return NewMeasure(
        number=measure.number,
        year=plan.year,
        title=title,
        owner=owner.strip() if owner else None,
        owner_known=label is None,
        due=due,
    )
