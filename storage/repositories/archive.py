"""The marks of archive exports: which record went out, when, under which systemID."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.archive import ExportMark
from storage import orm


class ArchiveExportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def exported(self, records: Sequence[tuple[str, int]]) -> set[tuple[str, int]]:
        if not records:
            return set()
        table = orm.archive_exports.c
        found: set[tuple[str, int]] = set()
        # In slices: PostgreSQL and SQLite both cap a statement's parameters.
        wanted = sorted(set(records))
        for start in range(0, len(wanted), 400):
            rows = await self._session.execute(
                select(table.record_kind, table.record_id)
                .where(tuple_(table.record_kind, table.record_id).in_(wanted[start : start + 400]))
                .distinct()
            )
            found.update((str(kind), int(record_id)) for kind, record_id in rows)
        return found

    async def mark(self, marks: Sequence[ExportMark]) -> None:
        if not marks:
            return
        await self._session.execute(
            insert(orm.archive_exports),
            [
                {
                    "record_kind": mark.record_kind,
                    "record_id": mark.record_id,
                    "system_id": mark.system_id,
                    "exported_at": mark.exported_at,
                    "sha256": mark.sha256,
                }
                for mark in marks
            ],
        )
