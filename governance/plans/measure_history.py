"""One measure with its history: every status change and progress note, who made it, and the
cases and decisions it links to (the adoption of its plan, for one)."""

from __future__ import annotations

from governance.context import Context
from governance.plans.action_plan import find_measure, locate, measure_line, owner_names, rights_of
from governance.rules.oslo_time import oslo_date
from governance.views import HistoryEntry, MeasureDetailView


async def measure_detail(ctx: Context, reference: str) -> MeasureDetailView:
    """`tiltak 3.2`: the measure as it stands, where it came from, and its history, oldest first."""
    where = await locate(ctx, "show_measure")
    plan, area, measure = await find_measure(ctx, where, reference)
    assert measure.id is not None
    rights = await rights_of(ctx, where)
    owners = await owner_names(ctx, [measure])
    line = measure_line(plan, area, measure, owners, oslo_date(ctx.now()), can_update=rights.may_change(plan, measure))
    notes = await ctx.uow.plans.notes([measure.id])
    people = await ctx.uow.persons.by_ids(sorted({note.person_id for note in notes if note.person_id is not None}))
    cases: dict[int, str] = {}
    for case_id in {note.case_id for note in notes if note.case_id is not None}:
        case = await ctx.uow.cases.by_id(case_id)
        body = await ctx.uow.bodies.get(case.body_id) if case else None
        if case is not None and body is not None:
            cases[case_id] = f"{body.key} {case.reference}"
    history = tuple(
        HistoryEntry(
            at=note.at,
            by=people[note.person_id].name if note.person_id in people else None,
            status_before=note.status_before,
            status_after=note.status_after,
            text=note.text,
            case=cases.get(note.case_id) if note.case_id is not None else None,
        )
        for note in notes
    )
    return MeasureDetailView(
        line=line,
        description=measure.description,
        carried_from=await _origin(ctx, measure.carried_from_id),
        history=history,
    )


async def _origin(ctx: Context, carried_from_id: int | None) -> str | None:
    previous = await ctx.uow.plans.measure(carried_from_id) if carried_from_id else None
    area = await ctx.uow.plans.area(previous.area_id) if previous else None
    plan = await ctx.uow.plans.get(area.plan_id) if area else None
    return f"{previous.number}/{plan.year}" if previous and plan else None
