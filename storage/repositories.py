"""Repositories: the queries the use cases need, one class per aggregate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import and_, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from governance.model import (
    ENDED_MEASURE_STATUSES,
    QUEUED_STATUSES,
    UPCOMING_STATUSES,
    ActionPlan,
    AgendaItem,
    Attendance,
    AuditEvent,
    Body,
    Case,
    CaseStatus,
    Community,
    Decision,
    Delegation,
    Disqualification,
    FocusArea,
    Measure,
    MeasureStatus,
    Meeting,
    MeetingStatus,
    Membership,
    Minutes,
    MinutesStatus,
    Person,
    ProgressNote,
    Role,
    SecretariatMember,
    StandardItem,
    Standing,
)
from governance.views import AgendaItemView, DecisionEntry, DelegationView, MeasureState, MeetingAgenda
from storage import orm
from storage.database import fold, folded
from storage.orm import case_counters, conversation_references, processed_activities


def dialect_of(session: AsyncSession) -> str:
    """ "postgresql" or "sqlite": the database the session talks to."""
    return session.bind.dialect.name if session.bind is not None else "sqlite"


def _insert(session: AsyncSession, table: Any) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT on both SQLite and PostgreSQL."""
    return postgresql.insert(table) if dialect_of(session) == "postgresql" else sqlite.insert(table)


# Statements of the per-turn path, built once: building a select() and its cache key costs
# about 0.2 ms a query on the benchmark machine, as much as running it on SQLite.
_PERSON_BY_AAD = select(Person).where(orm.persons.c.aad_object_id == bindparam("aad"))
# `IN (...)` with a list renders its SQL again on every execution (an "expanding" parameter);
# the upcoming statuses are fixed, so the hot statements spell them out as plain parameters.
_UPCOMING = or_(*(orm.meetings.c.status == status for status in sorted(UPCOMING_STATUSES)))

# A body with the acting user's place in it: their person row (matched by Entra object id), their
# role in the body and whether they are in its community's secretariat; one query for every turn.
_STANDING = (
    select(
        Body,
        Person,
        orm.memberships.c.role,
        exists()
        .where(
            orm.secretariat_members.c.community_id == orm.bodies.c.community_id,
            orm.secretariat_members.c.person_id == orm.persons.c.id,
        )
        .label("in_secretariat"),
    )
    .select_from(orm.bodies)
    .outerjoin(orm.persons, orm.persons.c.aad_object_id == bindparam("aad", type_=orm.persons.c.aad_object_id.type))
    .outerjoin(
        orm.memberships,
        and_(orm.memberships.c.body_id == orm.bodies.c.id, orm.memberships.c.person_id == orm.persons.c.id),
    )
)
_STANDING_BY_KEY = _STANDING.where(folded(orm.bodies.c.key) == bindparam("key"))
_STANDING_LINKED_TO = (
    _STANDING.where(orm.bodies.c.linked_conversation_id == bindparam("conversation_id"))
    .order_by(orm.bodies.c.id)
    .limit(1)
)
_BODY_BY_KEY = select(Body).where(folded(orm.bodies.c.key) == bindparam("key"))
_BODY_LINKED_TO = (
    select(Body)
    .where(orm.bodies.c.linked_conversation_id == bindparam("conversation_id"))
    .order_by(orm.bodies.c.id)
    .limit(1)
)
_BODY_KEYS = select(orm.bodies.c.key).order_by(orm.bodies.c.key)
_CLAIM = {
    name: dialect.insert(processed_activities)
    .values(activity_id=bindparam("activity_id"), received_at=bindparam("received_at"))
    .on_conflict_do_nothing(index_elements=[processed_activities.c.activity_id])
    .returning(processed_activities.c.activity_id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}


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


class CommunityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_name(self, name: str) -> Community | None:
        return await self._session.scalar(select(Community).where(orm.communities.c.name == name))

    async def get(self, community_id: int) -> Community | None:
        return await self._session.get(Community, community_id)

    async def all_tenants(self) -> frozenset[str]:
        lists = await self._session.scalars(select(orm.communities.c.tenants))
        return frozenset(tenant.lower() for tenants in lists for tenant in tenants or [])

    async def add(self, community: Community) -> Community:
        self._session.add(community)
        await self._session.flush()
        return community


class PersonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_aad_object_id(self, aad_object_id: str) -> Person | None:
        return await self._session.scalar(_PERSON_BY_AAD, {"aad": aad_object_id})

    async def remember_teams_user_id(self, aad_object_id: str, teams_user_id: str) -> None:
        await self._session.execute(
            update(orm.persons)
            .where(orm.persons.c.aad_object_id == aad_object_id)
            .where(or_(orm.persons.c.teams_user_id.is_(None), orm.persons.c.teams_user_id != teams_user_id))
            .values(teams_user_id=teams_user_id)
        )

    async def communities_of(self, person_id: int) -> list[int]:
        """The communities where the person has a seat in a body or in the secretariat."""
        through_bodies = (
            select(orm.bodies.c.community_id)
            .join(orm.memberships, orm.memberships.c.body_id == orm.bodies.c.id)
            .where(orm.memberships.c.person_id == person_id)
        )
        through_secretariat = select(orm.secretariat_members.c.community_id).where(
            orm.secretariat_members.c.person_id == person_id
        )
        rows = await self._session.scalars(through_bodies.union(through_secretariat))
        return sorted(set(rows))

    async def by_email(self, email: str) -> Person | None:
        return await self._session.scalar(select(Person).where(folded(orm.persons.c.email) == fold(email)))

    async def all_by_email(self) -> list[Person]:
        """Every person, ordered by email: the console lists whom one can act as."""
        return list(await self._session.scalars(select(Person).order_by(func.lower(orm.persons.c.email))))

    async def by_name(self, name: str) -> Person | None:
        """The one person with this name (ignoring case); None when there are none or several."""
        found = list(
            await self._session.scalars(select(Person).where(folded(orm.persons.c.name) == fold(name)).limit(2))
        )
        return found[0] if len(found) == 1 else None

    async def by_ids(self, ids: Sequence[int]) -> dict[int, Person]:
        if not ids:
            return {}
        rows = await self._session.scalars(select(Person).where(orm.persons.c.id.in_(set(ids))))
        return {person.id: person for person in rows if person.id is not None}

    async def add(self, person: Person) -> Person:
        self._session.add(person)
        await self._session.flush()
        return person


class BodyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_key(self, key: str) -> Body | None:
        return await self._session.scalar(_BODY_BY_KEY, {"key": fold(key)})

    async def get(self, body_id: int) -> Body | None:
        return await self._session.get(Body, body_id)

    async def linked_to(self, conversation_id: str) -> Body | None:
        return await self._session.scalar(_BODY_LINKED_TO, {"conversation_id": conversation_id})

    async def standing(
        self, aad_object_id: str | None, *, key: str | None = None, conversation_id: str | None = None
    ) -> Standing | None:
        """The body by key, or else the one linked to the conversation, with the actor's place in it."""
        if key:
            rows = await self._session.execute(_STANDING_BY_KEY, {"aad": aad_object_id, "key": fold(key)})
        else:
            rows = await self._session.execute(
                _STANDING_LINKED_TO, {"aad": aad_object_id, "conversation_id": conversation_id}
            )
        row = rows.first()
        if row is None:
            return None
        body, person, role, in_secretariat = row
        return Standing(body=body, person=person, role=role, in_secretariat=bool(in_secretariat))

    async def all(self) -> list[Body]:
        return list(await self._session.scalars(select(Body).order_by(orm.bodies.c.level, orm.bodies.c.key)))

    async def keys(self) -> list[str]:
        return list(await self._session.scalars(_BODY_KEYS))

    async def add(self, body: Body) -> Body:
        self._session.add(body)
        await self._session.flush()
        return body


class MembershipRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_body(self, body_id: int) -> list[tuple[Membership, Person]]:
        rows = await self._session.execute(
            select(Membership, Person)
            .join(Person, orm.persons.c.id == orm.memberships.c.person_id)
            .where(orm.memberships.c.body_id == body_id)
            .order_by(orm.memberships.c.id)
        )
        return [(membership, person) for membership, person in rows]

    async def bodies_with_role(self, person_id: int, roles: Sequence[Role]) -> list[int]:
        """Ids of the bodies where the person holds one of these roles."""
        rows = await self._session.scalars(
            select(orm.memberships.c.body_id).where(
                orm.memberships.c.person_id == person_id, orm.memberships.c.role.in_(list(roles))
            )
        )
        return list(rows)

    async def add(self, membership: Membership) -> None:
        self._session.add(membership)
        await self._session.flush()

    async def remove(self, membership: Membership) -> None:
        await self._session.delete(membership)


class SecretariatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def members(self, community_id: int) -> list[SecretariatMember]:
        return list(
            await self._session.scalars(
                select(SecretariatMember).where(orm.secretariat_members.c.community_id == community_id)
            )
        )

    async def add(self, member: SecretariatMember) -> None:
        self._session.add(member)
        await self._session.flush()

    async def remove(self, member: SecretariatMember) -> None:
        await self._session.delete(member)


class MeetingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, meeting_id: int) -> Meeting | None:
        return await self._session.get(Meeting, meeting_id)

    async def add(self, meeting: Meeting) -> Meeting:
        self._session.add(meeting)
        await self._session.flush()
        return meeting

    async def upcoming(self, body_id: int, now: datetime, limit: int | None = None) -> list[Meeting]:
        query = (
            select(Meeting)
            .where(
                orm.meetings.c.body_id == body_id,
                orm.meetings.c.status.in_(UPCOMING_STATUSES),
                orm.meetings.c.starts_at > now,
            )
            .order_by(orm.meetings.c.starts_at)
        )
        if limit is not None:
            query = query.limit(limit)
        return list(await self._session.scalars(query))

    async def all_for_body(self, body_id: int) -> list[Meeting]:
        return list(
            await self._session.scalars(
                select(Meeting).where(orm.meetings.c.body_id == body_id).order_by(orm.meetings.c.starts_at)
            )
        )

    async def next_upcoming(self, body_id: int, now: datetime) -> Meeting | None:
        found = await self.upcoming(body_id, now, limit=1)
        return found[0] if found else None

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

    async def next_for_bodies(self, body_ids: Sequence[int], now: datetime) -> dict[int, Meeting]:
        """The next upcoming meeting of each body, in one query."""
        rows = await self._session.scalars(
            select(Meeting)
            .where(
                orm.meetings.c.body_id.in_(list(body_ids)),
                orm.meetings.c.status.in_(UPCOMING_STATUSES),
                orm.meetings.c.starts_at > now,
            )
            .order_by(orm.meetings.c.starts_at)
        )
        first: dict[int, Meeting] = {}
        for meeting in rows:
            first.setdefault(meeting.body_id, meeting)
        return first

    async def starting_between(self, body_id: int, start: datetime, end: datetime) -> list[Meeting]:
        return list(
            await self._session.scalars(
                select(Meeting)
                .where(
                    orm.meetings.c.body_id == body_id, orm.meetings.c.starts_at >= start, orm.meetings.c.starts_at < end
                )
                .order_by(orm.meetings.c.starts_at)
            )
        )

    async def upcoming_holding(self, case: Case) -> Meeting | None:
        """The upcoming meeting whose agenda holds the case (at most one, by the rules)."""
        return await self._session.scalar(
            select(Meeting)
            .join(AgendaItem, orm.agenda_items.c.meeting_id == orm.meetings.c.id)
            .where(orm.agenda_items.c.case_id == case.id, orm.meetings.c.status.in_(UPCOMING_STATUSES))
            .limit(1)
        )

    async def latest_begun(self, body_id: int, now: datetime) -> Meeting | None:
        """The body's most recent meeting that has started and was not cancelled."""
        return await self._session.scalar(
            select(Meeting)
            .where(
                orm.meetings.c.body_id == body_id,
                orm.meetings.c.starts_at <= now,
                orm.meetings.c.status != MeetingStatus.AVLYST,
            )
            .order_by(orm.meetings.c.starts_at.desc())
            .limit(1)
        )

    async def holding(self, case: Case) -> Meeting | None:
        """The latest meeting, held or upcoming but not cancelled, whose agenda holds the case."""
        return await self._session.scalar(
            select(Meeting)
            .join(AgendaItem, orm.agenda_items.c.meeting_id == orm.meetings.c.id)
            .where(orm.agenda_items.c.case_id == case.id, orm.meetings.c.status != MeetingStatus.AVLYST)
            .order_by(orm.meetings.c.starts_at.desc())
            .limit(1)
        )

    async def meeting_dates_for_cases(self, case_ids: Sequence[int]) -> dict[int, Meeting]:
        """For each scheduled case, the upcoming meeting it is set up for."""
        if not case_ids:
            return {}
        rows = await self._session.execute(
            select(orm.agenda_items.c.case_id, Meeting)
            .join(Meeting, orm.meetings.c.id == orm.agenda_items.c.meeting_id)
            .where(orm.agenda_items.c.case_id.in_(list(case_ids)), orm.meetings.c.status.in_(UPCOMING_STATUSES))
        )
        return {case_id: meeting for case_id, meeting in rows}


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_id(self, case_id: int) -> Case | None:
        return await self._session.get(Case, case_id)

    async def get(self, body_id: int, year: int, number: int) -> Case | None:
        return await self._session.scalar(
            select(Case).where(orm.cases.c.body_id == body_id, orm.cases.c.year == year, orm.cases.c.number == number)
        )

    async def open_for_body(self, body_id: int) -> list[Case]:
        """Cases still to be dealt with: in the queue or set up for a meeting."""
        statuses = [*QUEUED_STATUSES, CaseStatus.SATT_OPP]
        return list(
            await self._session.scalars(
                select(Case)
                .where(orm.cases.c.body_id == body_id, orm.cases.c.status.in_(statuses))
                .order_by(orm.cases.c.year, orm.cases.c.number)
            )
        )

    async def add(self, case: Case) -> Case:
        self._session.add(case)
        await self._session.flush()
        return case

    async def allocate_number(self, body_id: int, year: int) -> int:
        """The next case number of a body and year.

        One atomic upsert: concurrent registrations queue on the counter row's lock, and a
        rolled-back registration rolls the counter back with it, so numbers have no gaps.
        """
        statement = _insert(self._session, case_counters).values(body_id=body_id, year=year, last_number=1)
        statement = statement.on_conflict_do_update(
            index_elements=[case_counters.c.body_id, case_counters.c.year],
            set_={"last_number": case_counters.c.last_number + 1},
        ).returning(case_counters.c.last_number)
        number = await self._session.scalar(statement)
        assert number is not None
        return int(number)


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: AuditEvent) -> None:
        self._session.add(event)


class ConversationRepository:
    """Where the bot can write back to: one stored reference per conversation."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def save(
        self,
        conversation_id: str,
        reference: dict[str, Any],
        *,
        conversation_type: str | None,
        tenant_id: str | None,
        service_url: str,
        user_aad_object_id: str | None,
        at: datetime,
    ) -> None:
        values = {
            "conversation_type": conversation_type,
            "tenant_id": tenant_id,
            "service_url": service_url,
            "user_aad_object_id": user_aad_object_id,
            "reference": reference,
            "updated_at": at,
        }
        statement = _insert(self._session, conversation_references).values(conversation_id=conversation_id, **values)
        statement = statement.on_conflict_do_update(
            index_elements=[conversation_references.c.conversation_id], set_=values
        )
        await self._session.execute(statement)

    async def reference(self, conversation_id: str) -> dict[str, Any] | None:
        row = await self._session.scalar(
            select(conversation_references.c.reference).where(
                conversation_references.c.conversation_id == conversation_id
            )
        )
        return dict(row) if row is not None else None

    async def count(self) -> int:
        return int(await self._session.scalar(select(func.count()).select_from(conversation_references)) or 0)

    async def personal_for(self, aad_object_ids: Sequence[str]) -> dict[str, str]:
        """Each person's personal chat with the bot, by Entra object id, where the bot has one."""
        if not aad_object_ids:
            return {}
        rows = await self._session.execute(
            select(conversation_references.c.user_aad_object_id, conversation_references.c.conversation_id)
            .where(
                conversation_references.c.conversation_type == "personal",
                conversation_references.c.user_aad_object_id.in_(list(aad_object_ids)),
            )
            .order_by(conversation_references.c.updated_at)
        )
        return {aad: conversation_id for aad, conversation_id in rows}  # the latest chat wins


class ActivityLog:
    """Activity ids already handled, so a redelivered activity has one effect and one reply."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(self, activity_id: str, at: datetime) -> bool:
        """Records the id; False when it was recorded before (by this or a concurrent turn)."""
        statement = _CLAIM["postgresql" if dialect_of(self._session) == "postgresql" else "sqlite"]
        return await self._session.scalar(statement, {"activity_id": activity_id, "received_at": at}) is not None

    async def forget_before(self, cutoff: datetime) -> int:
        """Drops ids older than any redelivery (Teams retries within minutes), so the log stays small."""
        result = cast(
            CursorResult[Any],
            await self._session.execute(
                delete(processed_activities).where(processed_activities.c.received_at < cutoff)
            ),
        )
        return int(result.rowcount or 0)


class DecisionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, decision_id: int) -> Decision | None:
        return await self._session.get(Decision, decision_id)

    async def for_case(self, case_id: int) -> Decision | None:
        return await self._session.scalar(select(Decision).where(orm.decisions.c.case_id == case_id))

    async def for_meeting(self, meeting_id: int) -> list[Decision]:
        return list(await self._session.scalars(select(Decision).where(orm.decisions.c.meeting_id == meeting_id)))

    async def add(self, decision: Decision) -> Decision:
        self._session.add(decision)
        await self._session.flush()
        return decision

    async def register(self, body_id: int, start: datetime, end: datetime) -> list[DecisionEntry]:
        """The body's decisions recorded in [start, end), oldest first."""
        return await self._entries(
            and_(
                orm.decisions.c.body_id == body_id,
                orm.decisions.c.recorded_at >= start,
                orm.decisions.c.recorded_at < end,
            ),
            limit=None,
        )

    async def search(self, community_ids: Sequence[int], words: Sequence[str], limit: int) -> list[DecisionEntry]:
        """Decisions in these communities whose text or case title holds every word, newest first."""
        conditions: list[ColumnElement[bool]] = [orm.bodies.c.community_id.in_(list(community_ids))]
        for word in words:
            pattern = f"%{fold(word)}%"
            conditions.append(or_(folded(orm.decisions.c.text).like(pattern), folded(orm.cases.c.title).like(pattern)))
        return await self._entries(and_(*conditions), limit=limit, newest_first=True)

    async def _entries(self, condition: Any, *, limit: int | None, newest_first: bool = False) -> list[DecisionEntry]:
        order = orm.decisions.c.recorded_at.desc() if newest_first else orm.decisions.c.recorded_at
        statement = (
            select(
                orm.bodies.c.key,
                orm.cases.c.number,
                orm.cases.c.year,
                orm.cases.c.title,
                orm.decisions.c.text,
                orm.decisions.c.status,
                orm.decisions.c.recorded_at,
                orm.decisions.c.final_at,
                orm.decisions.c.meeting_id,
            )
            .join(orm.cases, orm.cases.c.id == orm.decisions.c.case_id)
            .join(orm.bodies, orm.bodies.c.id == orm.decisions.c.body_id)
            .where(condition)
            .order_by(order, orm.decisions.c.id)
        )
        if limit is not None:
            statement = statement.limit(limit)
        rows = (await self._session.execute(statement)).all()
        return [
            DecisionEntry(
                body_key=row.key,
                case_reference=f"{row.number}/{row.year}",
                case_title=row.title,
                text=row.text,
                status=row.status,
                recorded_at=row.recorded_at,
                final_at=row.final_at,
                circulation=row.meeting_id is None,
            )
            for row in rows
        ]


class MinutesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, minutes_id: int) -> Minutes | None:
        return await self._session.get(Minutes, minutes_id)

    async def latest(self, meeting_id: int) -> Minutes | None:
        """The meeting's newest version of its minutes."""
        query = select(Minutes).where(orm.minutes.c.meeting_id == meeting_id).order_by(orm.minutes.c.number.desc())
        return await self._session.scalar(query.limit(1))

    async def approved(self, meeting_id: int) -> Minutes | None:
        """The meeting's newest approved version."""
        query = (
            select(Minutes)
            .where(orm.minutes.c.meeting_id == meeting_id, orm.minutes.c.status == MinutesStatus.GODKJENT)
            .order_by(orm.minutes.c.number.desc())
        )
        return await self._session.scalar(query.limit(1))

    async def to_approve_at(self, meeting_id: int) -> list[Minutes]:
        """Minutes whose approval was moved to this meeting, the oldest meeting's first."""
        query = (
            select(Minutes)
            .where(orm.minutes.c.approve_at_meeting_id == meeting_id)
            .order_by(orm.minutes.c.meeting_id, orm.minutes.c.number)
        )
        return list(await self._session.scalars(query))

    async def add(self, minutes: Minutes) -> Minutes:
        self._session.add(minutes)
        await self._session.flush()
        return minutes


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_year(self, community_id: int, year: int) -> ActionPlan | None:
        return await self._session.scalar(
            select(ActionPlan).where(orm.action_plans.c.community_id == community_id, orm.action_plans.c.year == year)
        )

    async def get(self, plan_id: int) -> ActionPlan | None:
        return await self._session.get(ActionPlan, plan_id)

    async def years(self, community_id: int) -> list[int]:
        rows = await self._session.scalars(
            select(orm.action_plans.c.year)
            .where(orm.action_plans.c.community_id == community_id)
            .order_by(orm.action_plans.c.year)
        )
        return list(rows)

    async def add(self, plan: ActionPlan) -> ActionPlan:
        self._session.add(plan)
        await self._session.flush()
        return plan

    async def open_measures_due(self, first: date, last: date) -> list[tuple[int, date, int]]:
        """(measure id, due date, the plan's owning body) of every measure not done with that is
        due between the two days, in every community."""
        measures, areas, plans = orm.measures.c, orm.focus_areas.c, orm.action_plans.c
        rows = await self._session.execute(
            select(measures.id, measures.due, plans.owner_body_id)
            .join(orm.focus_areas, areas.id == measures.area_id)
            .join(orm.action_plans, plans.id == areas.plan_id)
            .where(
                measures.due >= first,
                measures.due <= last,
                measures.status.not_in(sorted(ENDED_MEASURE_STATUSES)),
            )
            .order_by(measures.id)
        )
        return [(measure_id, due, body_id) for measure_id, due, body_id in rows]

    async def owners_of_year(self, year: int) -> list[tuple[int, int]]:
        """(plan id, owning body id) of every community's plan for the year."""
        rows = await self._session.execute(
            select(orm.action_plans.c.id, orm.action_plans.c.owner_body_id).where(orm.action_plans.c.year == year)
        )
        return [(plan_id, body_id) for plan_id, body_id in rows]

    async def put_forward_in(self, case_id: int) -> ActionPlan | None:
        """The plan whose adoption this case was put forward for, if any."""
        return await self._session.scalar(select(ActionPlan).where(orm.action_plans.c.adoption_case_id == case_id))

    async def measure(self, measure_id: int) -> Measure | None:
        return await self._session.get(Measure, measure_id)

    async def area(self, area_id: int) -> FocusArea | None:
        return await self._session.get(FocusArea, area_id)

    async def add_note(self, note: ProgressNote) -> None:
        self._session.add(note)

    async def measure_states(self, community_id: int, year: int) -> tuple[MeasureState, ...] | None:
        """Every measure of the community's plan for the year with its area, in one query; an
        area without measures is one entry with the measure fields empty. None: no plan."""
        rows = await self._session.execute(_MEASURE_STATES, {"community_id": community_id, "year": year})
        return _plan_measures(rows.all())

    async def statuses_at(self, measure_ids: Sequence[int], at: datetime) -> dict[int, MeasureStatus]:
        """Each measure's status at a moment, read from its history; a measure whose history
        starts later did not exist then and is left out."""
        if not measure_ids:
            return {}
        notes = orm.progress_notes
        rows = await self._session.execute(
            select(notes.c.measure_id, notes.c.status_after)
            .where(notes.c.measure_id.in_(list(measure_ids)), notes.c.at <= at)
            .order_by(notes.c.measure_id, notes.c.at, notes.c.id)
        )
        return {measure_id: status for measure_id, status in rows}  # the last note of each wins

    async def notes(self, measure_ids: Sequence[int]) -> list[ProgressNote]:
        """The progress notes of these measures, oldest first."""
        if not measure_ids:
            return []
        query = select(ProgressNote).where(orm.progress_notes.c.measure_id.in_(list(measure_ids)))
        return list(await self._session.scalars(query.order_by(orm.progress_notes.c.id)))


_MEASURE_STATES = (
    select(*_PLAN_COLUMNS)
    .select_from(_with_plan_measures(orm.action_plans))
    .where(
        orm.action_plans.c.community_id == bindparam("community_id"),
        orm.action_plans.c.year == bindparam("year"),
    )
    .order_by(orm.focus_areas.c.number, orm.measures.c.id)
)


class DisqualificationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_cases(self, case_ids: Sequence[int]) -> list[Disqualification]:
        rows = await self._session.scalars(
            select(Disqualification)
            .where(orm.disqualifications.c.case_id.in_(list(case_ids)))
            .order_by(orm.disqualifications.c.id)
        )
        return list(rows)

    async def add(self, disqualification: Disqualification) -> None:
        self._session.add(disqualification)
        await self._session.flush()


class AttendanceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_meeting(self, meeting_id: int) -> list[Attendance]:
        rows = await self._session.scalars(
            select(Attendance).where(orm.attendances.c.meeting_id == meeting_id).order_by(orm.attendances.c.id)
        )
        return list(rows)

    async def add(self, attendance: Attendance) -> None:
        self._session.add(attendance)
        await self._session.flush()

    async def remove(self, attendance: Attendance) -> None:
        await self._session.delete(attendance)
        await self._session.flush()


class DelegationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, delegation: Delegation) -> None:
        self._session.add(delegation)
        await self._session.flush()

    async def to_bodies(self, body_ids: Sequence[int]) -> list[DelegationView]:
        return await self._views(orm.delegations.c.to_body_id.in_(list(body_ids)))

    async def from_body(self, body_id: int) -> list[DelegationView]:
        return await self._views(orm.delegations.c.from_body_id == body_id)

    async def get(self, delegation_id: int) -> DelegationView | None:
        found = await self._views(orm.delegations.c.id == delegation_id)
        return found[0] if found else None

    async def _views(self, condition: Any) -> list[DelegationView]:
        giver, receiver = orm.bodies.alias("giver"), orm.bodies.alias("receiver")
        rows = await self._session.execute(
            select(
                orm.delegations.c.id,
                receiver.c.key.label("to_key"),
                giver.c.key.label("from_key"),
                orm.cases.c.number,
                orm.cases.c.year,
                orm.delegations.c.matter,
            )
            .join(giver, giver.c.id == orm.delegations.c.from_body_id)
            .join(receiver, receiver.c.id == orm.delegations.c.to_body_id)
            .join(orm.decisions, orm.decisions.c.id == orm.delegations.c.decision_id)
            .join(orm.cases, orm.cases.c.id == orm.decisions.c.case_id)
            .where(condition)
            .order_by(orm.delegations.c.id)
        )
        return [
            DelegationView(row.id, row.to_key, row.from_key, f"{row.number}/{row.year}", row.matter) for row in rows
        ]
