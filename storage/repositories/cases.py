"""Cases, their numbering and disqualifications."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from governance.rules.model import QUEUED_STATUSES, Case, CaseStatus, Disqualification
from governance.views import CaseHit
from storage import orm
from storage.database import fold, folded
from storage.dialect import _insert
from storage.orm import case_counters


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

    async def search(self, body_ids: Sequence[int], words: Sequence[str], limit: int) -> tuple[list[CaseHit], int]:
        """Cases of these bodies whose title or paper holds every word, newest first, and the count."""
        cases = orm.cases
        conditions: list[ColumnElement[bool]] = [cases.c.body_id.in_(list(body_ids))]
        for word in words:
            # autoescape: a typed % or _ is looked for as itself, not as a wildcard.
            conditions.append(
                or_(
                    *(
                        folded(column).contains(fold(word), autoescape=True)
                        for column in (cases.c.title, cases.c.background, cases.c.assessment, cases.c.proposal)
                    )
                )
            )
        where = and_(*conditions)
        total = await self._session.scalar(select(func.count()).select_from(cases).where(where))
        rows = await self._session.execute(
            select(orm.bodies.c.key, cases.c.number, cases.c.year, cases.c.title, cases.c.case_type, cases.c.status)
            .join(orm.bodies, orm.bodies.c.id == cases.c.body_id)
            .where(where)
            .order_by(cases.c.year.desc(), cases.c.submitted_at.desc(), cases.c.id.desc())
            .limit(limit)
        )
        hits = [
            CaseHit(
                body_key=row.key,
                reference=f"{row.number}/{row.year}",
                title=row.title,
                case_type=row.case_type,
                status=row.status,
            )
            for row in rows
        ]
        return hits, int(total or 0)

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
