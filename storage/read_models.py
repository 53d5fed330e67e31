"""Read models: the agenda card's and the plan status's views, each in one query, apart from the
repositories that load and store aggregates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import UPCOMING_STATUSES, StandardItem
from governance.views import AgendaItemView, AuditLine, MeasureState, MeetingAgenda
from storage import orm

# `IN (...)` with a list renders its SQL again on every execution (an "expanding" parameter);
# the upcoming statuses are fixed, so the hot statements spell them out as plain parameters.
_UPCOMING = or_(*(orm.meetings.c.status == status for status in sorted(UPCOMING_STATUSES)))


# The agenda of a body's next upcoming meeting as the agenda card shows it, in one query: the
# meeting (a scalar subquery), its items in order, their cases and the responsible persons' names,
# and for the standing "Status handlingsplan <år>" item the measures of that year's plan (one row
# each, so the one trip to the database serves the plan's status too).
_NEXT_MEETING_ID = (
    select(orm.meetings.c.id)
    .where(
        orm.meetings.c.body_id == bindparam("body_id"),
        _UPCOMING,
        orm.meetings.c.starts_at > bindparam("now", type_=orm.meetings.c.starts_at.type),
    )
    .order_by(orm.meetings.c.starts_at)
    .limit(1)
    .scalar_subquery()
)
_PLAN_COLUMNS = (
    orm.action_plans.c.id.label("plan_id"),
    orm.focus_areas.c.number.label("area_number"),
    orm.focus_areas.c.title.label("area_title"),
    orm.measures.c.id.label("measure_id"),
    orm.measures.c.number.label("measure_number"),
    orm.measures.c.status.label("measure_status"),
    orm.measures.c.due.label("measure_due"),
)


def _with_plan_measures(joined: Any) -> Any:
    return joined.outerjoin(orm.focus_areas, orm.focus_areas.c.plan_id == orm.action_plans.c.id).outerjoin(
        orm.measures, orm.measures.c.area_id == orm.focus_areas.c.id
    )


def _agenda_of(meeting_id: Any) -> Any:
    items = orm.agenda_items
    return (
        select(
            orm.meetings.c.id.label("meeting_id"),
            orm.meetings.c.starts_at,
            orm.meetings.c.ends_at,
            orm.meetings.c.place,
            orm.meetings.c.status,
            items.c.position,
            items.c.standard_item,
            items.c.plan_year,
            orm.cases.c.number,
            orm.cases.c.year,
            orm.cases.c.title,
            orm.cases.c.case_type,
            orm.cases.c.proposal,
            orm.cases.c.background,
            orm.cases.c.assessment,
            orm.persons.c.name,
            orm.calendar_syncs.c.join_url,
            *_PLAN_COLUMNS,
        )
        .select_from(
            _with_plan_measures(
                orm.meetings.join(orm.bodies, orm.bodies.c.id == orm.meetings.c.body_id)
                # At most one row per meeting: the Outlook event, for its Teams join link.
                .outerjoin(orm.calendar_syncs, orm.calendar_syncs.c.meeting_id == orm.meetings.c.id)
                .outerjoin(items, items.c.meeting_id == orm.meetings.c.id)
                .outerjoin(orm.cases, orm.cases.c.id == items.c.case_id)
                .outerjoin(orm.persons, orm.persons.c.id == orm.cases.c.responsible_id)
                .outerjoin(
                    orm.action_plans,
                    and_(
                        orm.action_plans.c.community_id == orm.bodies.c.community_id,
                        orm.action_plans.c.year == items.c.plan_year,
                    ),
                )
            )
        )
        .where(orm.meetings.c.id == meeting_id)
        .order_by(items.c.position, orm.focus_areas.c.number, orm.measures.c.id)
    )


def _plan_measures(rows: Sequence[Any]) -> tuple[MeasureState, ...] | None:
    """The measures of a plan from rows carrying `_PLAN_COLUMNS`; None when there is no plan."""
    if not rows or all(row.plan_id is None for row in rows):
        return None
    # By position, not by name: a plan has a row per measure, and naming costs a lookup per field.
    end = len(rows[0])
    start = end - len(_PLAN_COLUMNS) + 1  # after plan_id
    return tuple(MeasureState(*row[start:end]) for row in rows if row[start] is not None)


_NEXT_AGENDA = _agenda_of(_NEXT_MEETING_ID)
_MEETING_AGENDA = _agenda_of(bindparam("meeting_id"))


_MEASURE_STATES = (
    select(*_PLAN_COLUMNS)
    .select_from(_with_plan_measures(orm.action_plans))
    .where(
        orm.action_plans.c.community_id == bindparam("community_id"),
        orm.action_plans.c.year == bindparam("year"),
    )
    .order_by(orm.focus_areas.c.number, orm.measures.c.id)
)


_AUDIT = orm.audit_events.c
# The audit events that change who holds which role: the structure file's, and `medlemmer synk`
# confirming Entra object ids.
ROLE_CHANGE_ACTIONS = (
    "structure.member_added",
    "structure.member_changed",
    "structure.member_removed",
    "structure.secretariat_added",
    "structure.secretariat_removed",
    "members.synced",
)
_AUDIT_LINE = (
    select(
        _AUDIT.id,
        _AUDIT.at,
        _AUDIT.action,
        _AUDIT.subject,
        _AUDIT.details,
        _AUDIT.actor_person_id,
        orm.persons.c.name.label("actor_name"),
    )
    .select_from(orm.audit_events)
    .outerjoin(orm.persons, orm.persons.c.id == _AUDIT.actor_person_id)
)


def _of_body(body_key: str, body_id: int) -> ColumnElement[bool]:
    """The events about a body: those naming it in their details, and those whose subject is the
    body itself (written as its key by the structure import, as its id by the use cases)."""
    return or_(
        _AUDIT.details["body"].as_string() == body_key,
        _AUDIT.subject == f"body:{body_key}",
        _AUDIT.subject == f"body:{body_id}",
    )


def _of_case(body_key: str, case_id: int, reference: str) -> ColumnElement[bool]:
    """The events about a case: its own subject, and the body's events that name it (its decision,
    its vote) by reference, which the use cases write as `reference` or `case`."""
    named = or_(_AUDIT.details["reference"].as_string() == reference, _AUDIT.details["case"].as_string() == reference)
    return or_(_AUDIT.subject == f"case:{case_id}", and_(_AUDIT.details["body"].as_string() == body_key, named))


def _audit_line(row: Any) -> AuditLine:
    return AuditLine(
        id=row.id,
        at=row.at,
        actor=row.actor_name,
        action=row.action,
        subject=row.subject,
        details=dict(row.details or {}),
        actor_id=row.actor_person_id,
    )


class SqlReadModels:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next_agenda(self, body_id: int, now: datetime) -> MeetingAgenda | None:
        """The body's next upcoming meeting and its agenda lines, in one query."""
        return await self._agenda(_NEXT_AGENDA, {"body_id": body_id, "now": now})

    async def agenda(self, meeting_id: int) -> MeetingAgenda:
        found = await self._agenda(_MEETING_AGENDA, {"meeting_id": meeting_id})
        assert found is not None, "agenda of a meeting that does not exist"
        return found

    async def _agenda(self, statement: Any, parameters: dict[str, Any]) -> MeetingAgenda | None:
        rows = (await self._session.execute(statement, parameters)).all()
        if not rows:
            return None
        items: list[AgendaItemView] = []
        for row in rows:
            if row.position is None or (items and items[-1].position == row.position):
                continue  # a meeting without items, or another measure of the plan status item
            if row.number is None:
                items.append(
                    AgendaItemView(position=row.position, standard_item=row.standard_item, plan_year=row.plan_year)
                )
            else:
                items.append(
                    AgendaItemView(
                        position=row.position,
                        case_reference=f"{row.number}/{row.year}",
                        title=row.title,
                        case_type=row.case_type,
                        responsible=row.name,
                        proposal=row.proposal,
                        background=row.background,
                        assessment=row.assessment,
                    )
                )
        first = rows[0]
        plan = _plan_measures([row for row in rows if row.standard_item is StandardItem.PLAN_STATUS])
        return MeetingAgenda(
            first.starts_at,
            first.ends_at,
            first.place,
            first.status,
            tuple(items),
            plan,
            meeting_id=first.meeting_id,
            join_url=first.join_url,
        )

    async def measure_states(self, community_id: int, year: int) -> tuple[MeasureState, ...] | None:
        """Every measure of the community's plan for the year with its area, in one query; an
        area without measures is one entry with the measure fields empty. None: no plan."""
        rows = await self._session.execute(_MEASURE_STATES, {"community_id": community_id, "year": year})
        return _plan_measures(rows.all())

    async def audit_log(
        self, body_key: str, body_id: int, case: tuple[int, str] | None, before_id: int | None, limit: int
    ) -> tuple[list[AuditLine], int]:
        """A body's (or one of its cases') latest audit events before `before_id`, newest first,
        with the actor's name; and how many older ones there are besides."""
        where = _of_body(body_key, body_id) if case is None else _of_case(body_key, case[0], case[1])
        if before_id is not None:
            where = and_(where, _AUDIT.id < before_id)
        rows = (await self._session.execute(_AUDIT_LINE.where(where).order_by(_AUDIT.id.desc()).limit(limit))).all()
        lines = [_audit_line(row) for row in rows]
        if len(lines) < limit:
            return lines, 0
        older = await self._session.scalar(
            select(func.count()).select_from(orm.audit_events).where(where, _AUDIT.id < lines[-1].id)
        )
        return lines, int(older or 0)

    async def audit_events(
        self, since: datetime, until: datetime | None, after_id: int | None, limit: int
    ) -> list[AuditLine]:
        """One page of the whole log in the order it was written, for the export: events at or
        after `since` (and before `until`) with an id above `after_id`."""
        where = _AUDIT.at >= since
        if until is not None:
            where = and_(where, _AUDIT.at < until)
        if after_id is not None:
            where = and_(where, _AUDIT.id > after_id)
        rows = (await self._session.execute(_AUDIT_LINE.where(where).order_by(_AUDIT.id).limit(limit))).all()
        return [_audit_line(row) for row in rows]

    async def role_changes(self, since: datetime) -> list[AuditLine]:
        """The audit events since `since` that changed who holds a role, newest first."""
        where = and_(_AUDIT.at >= since, _AUDIT.action.in_(ROLE_CHANGE_ACTIONS))
        rows = (await self._session.execute(_AUDIT_LINE.where(where).order_by(_AUDIT.id.desc()))).all()
        return [_audit_line(row) for row in rows]
