"""What retention deletes (governance/archive/retention.py decides what is due): one statement
per class, in the caller's transaction, each returning how many records it took."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from governance.rules.model import MeetingStatus, MinutesStatus
from governance.rules.retention import DetachedDocument, FormerMember
from storage import orm

# Removals of a seat, by the structure import: the audit says when a person left.
SEAT_REMOVALS = ("structure.member_removed", "structure.secretariat_removed")
# What a person's email becomes once their contact ids are removed: unique, and no address at all
# (.invalid is reserved for that, RFC 2606).
FORMER_EMAIL = "fratradt-{id}@fratradt.invalid"


def _count(result: Any) -> int:
    return int(cast(CursorResult[Any], result).rowcount or 0)


class RetentionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def forget_refusals_before(self, cutoff: datetime, prefix: str, actions: Sequence[str]) -> int:
        table = orm.audit_events.c
        return _count(
            await self._session.execute(
                delete(orm.audit_events).where(
                    table.at < cutoff, or_(table.action.startswith(prefix), table.action.in_(list(actions)))
                )
            )
        )

    async def forget_superseded_minutes(self, cutoff: datetime) -> int:
        """Minutes versions never approved whose meeting got a newer version before `cutoff`, with
        the verdicts given on them. An approved version is a record and always stays."""
        older, newer = orm.minutes, aliased(orm.minutes)
        superseded = select(older.c.id).where(
            older.c.status != MinutesStatus.GODKJENT,
            older.c.approved_at.is_(None),
            exists().where(
                newer.c.meeting_id == older.c.meeting_id,
                newer.c.number > older.c.number,
                newer.c.recorded_at < cutoff,
            ),
        )
        ids = list(await self._session.scalars(superseded))
        if not ids:
            return 0
        for start in range(0, len(ids), 400):
            chunk = ids[start : start + 400]
            await self._session.execute(
                delete(orm.minutes_approvals).where(orm.minutes_approvals.c.minutes_id.in_(chunk))
            )
            await self._session.execute(delete(orm.minutes).where(orm.minutes.c.id.in_(chunk)))
        return len(ids)

    async def detached_documents(self, removed_before: datetime) -> list[DetachedDocument]:
        """Documents taken off their case before the cutoff that still hold stored bytes, with the
        publishing instants of the meetings (not cancelled) whose agenda held the case."""
        documents = orm.documents.c
        rows = (
            await self._session.execute(
                select(documents.id, documents.case_id, documents.added_at, documents.removed_at)
                .where(documents.removed_at < removed_before, documents.file_id.is_not(None))
                .order_by(documents.id)
            )
        ).all()
        if not rows:
            return []
        case_ids = sorted({row.case_id for row in rows})
        published: dict[int, list[datetime | None]] = {case_id: [] for case_id in case_ids}
        items, meetings = orm.agenda_items.c, orm.meetings.c
        for start in range(0, len(case_ids), 400):
            found = await self._session.execute(
                select(items.case_id, meetings.published_at)
                .join(orm.meetings, meetings.id == items.meeting_id)
                .where(items.case_id.in_(case_ids[start : start + 400]), meetings.status != MeetingStatus.AVLYST)
            )
            for case_id, published_at in found:
                published[case_id].append(published_at)
        return [DetachedDocument(row.id, row.added_at, row.removed_at, tuple(published[row.case_id])) for row in rows]

    async def forget_document_files(self, document_ids: Sequence[int]) -> int:
        """The stored bytes of these documents; the document rows stay (their numbers are never
        given again, and the log names them), with no file."""
        if not document_ids:
            return 0
        documents = orm.documents.c
        ids = list(document_ids)
        file_ids = list(
            await self._session.scalars(
                select(documents.file_id).where(documents.id.in_(ids), documents.file_id.is_not(None))
            )
        )
        await self._session.execute(update(orm.documents).where(documents.id.in_(ids)).values(file_id=None))
        await self._forget_files(file_ids)
        return len(file_ids)

    async def forget_unattached_files(self, stored_before: datetime) -> int:
        """Stored files no document holds (an upload whose turn failed or was refused)."""
        files = orm.document_files.c
        held = select(orm.documents.c.id).where(orm.documents.c.file_id == files.id)
        file_ids = list(
            await self._session.scalars(select(files.id).where(files.stored_at < stored_before, ~exists(held)))
        )
        await self._forget_files(file_ids)
        return len(file_ids)

    async def _forget_files(self, file_ids: Sequence[int]) -> None:
        for start in range(0, len(file_ids), 400):
            chunk = list(file_ids[start : start + 400])
            await self._session.execute(delete(orm.document_chunks).where(orm.document_chunks.c.file_id.in_(chunk)))
            await self._session.execute(delete(orm.document_files).where(orm.document_files.c.id.in_(chunk)))

    async def former_members(self) -> list[FormerMember]:
        """People with contact ids stored who hold no seat in a body or a secretariat, and when the
        structure import last took a seat from them."""
        persons = orm.persons.c
        seated = or_(
            exists().where(orm.memberships.c.person_id == persons.id),
            exists().where(orm.secretariat_members.c.person_id == persons.id),
        )
        contact = or_(
            persons.aad_object_id.is_not(None),
            persons.teams_user_id.is_not(None),
            ~persons.email.like(FORMER_EMAIL.format(id="%")),
        )
        unseated = list(await self._session.scalars(select(persons.id).where(~seated, contact)))
        if not unseated:
            return []
        left: dict[int, datetime] = {}
        events = orm.audit_events.c
        removals = await self._session.execute(
            select(events.at, events.details).where(events.action.in_(SEAT_REMOVALS)).order_by(events.id)
        )
        wanted = set(unseated)
        for at, details in removals:
            person = details.get("person") if isinstance(details, dict) else None
            if isinstance(person, int) and person in wanted:
                left[person] = max(at, left.get(person, at))
        return [FormerMember(person_id, left.get(person_id)) for person_id in sorted(unseated)]

    async def remove_contact(self, person_ids: Sequence[int]) -> int:
        """Takes away how to reach these people (Entra and Teams ids, email, their personal chat
        with the bot); their names stay, as the minutes and the log name them."""
        if not person_ids:
            return 0
        persons = orm.persons.c
        ids = list(person_ids)
        aad_ids = [
            aad
            for aad in await self._session.scalars(
                select(persons.aad_object_id).where(persons.id.in_(ids), persons.aad_object_id.is_not(None))
            )
            if aad
        ]
        if aad_ids:
            references = orm.conversation_references.c
            await self._session.execute(
                delete(orm.conversation_references).where(
                    and_(references.conversation_type == "personal", references.user_aad_object_id.in_(aad_ids))
                )
            )
        for person_id in ids:
            await self._session.execute(
                update(orm.persons)
                .where(persons.id == person_id)
                .values(aad_object_id=None, teams_user_id=None, email=FORMER_EMAIL.format(id=person_id))
            )
        return len(ids)
