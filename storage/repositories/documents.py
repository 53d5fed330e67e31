"""A case's documents, and the bytes of stored files in pieces of at most 1 MB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from governance.ports import StagedFile
from governance.rules.documents import Document
from storage import orm

# One row per megabyte: small enough that a piece in flight costs little memory, large enough
# that a 25 MB file is 25 rows.
PIECE_BYTES = 1024 * 1024


class DocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, document: Document) -> Document:
        self._session.add(document)
        await self._session.flush()
        return document

    async def get(self, document_id: int) -> Document | None:
        return await self._session.get(Document, document_id)

    async def of_case(self, case_id: int, number: int) -> Document | None:
        return await self._session.scalar(
            select(Document).where(orm.documents.c.case_id == case_id, orm.documents.c.number == number)
        )

    async def current(self, case_ids: Sequence[int]) -> dict[int, list[Document]]:
        found: dict[int, list[Document]] = {case_id: [] for case_id in case_ids}
        if not case_ids:
            return found
        rows = await self._session.scalars(
            select(Document)
            .where(orm.documents.c.case_id.in_(list(case_ids)), orm.documents.c.removed_at.is_(None))
            .order_by(orm.documents.c.case_id, orm.documents.c.number)
        )
        for document in rows:
            found[document.case_id].append(document)
        return found

    async def current_by_reference(
        self, body_key: str, references: Sequence[tuple[int, int]]
    ) -> dict[str, list[Document]]:
        found: dict[str, list[Document]] = {}
        if not references:
            return found
        cases, bodies = orm.cases, orm.bodies
        rows = await self._session.execute(
            select(Document, cases.c.number, cases.c.year)
            .join(cases, cases.c.id == orm.documents.c.case_id)
            .join(bodies, bodies.c.id == cases.c.body_id)
            .where(
                bodies.c.key == body_key,
                tuple_(cases.c.number, cases.c.year).in_(list(references)),
                orm.documents.c.removed_at.is_(None),
            )
            .order_by(cases.c.year, cases.c.number, orm.documents.c.number)
        )
        for document, number, year in rows:
            found.setdefault(f"{number}/{year}", []).append(document)
        return found

    async def next_number(self, case_id: int) -> int:
        """One above the highest number the case ever gave, removed documents included, so a number
        once shown never names another document."""
        highest = await self._session.scalar(
            select(func.max(orm.documents.c.number)).where(orm.documents.c.case_id == case_id)
        )
        return int(highest or 0) + 1


class DocumentFileRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def store(self, source: StagedFile, at: datetime) -> int:
        table = orm.document_files
        file_id = await self._session.scalar(
            insert(table)
            .values(size=source.size, sha256=source.sha256, chunk_count=0, stored_at=at)
            .returning(table.c.id)
        )
        assert file_id is not None
        count = 0
        # One piece in memory at a time: each is written before the next is read from disk.
        async for piece in source.pieces(PIECE_BYTES):
            await self._session.execute(insert(orm.document_chunks).values(file_id=file_id, seq=count, data=piece))
            count += 1
        await self._session.execute(update(table).where(table.c.id == file_id).values(chunk_count=count))
        return int(file_id)

    async def piece_count(self, file_id: int) -> int:
        count = await self._session.scalar(
            select(orm.document_files.c.chunk_count).where(orm.document_files.c.id == file_id)
        )
        return int(count or 0)

    async def piece(self, file_id: int, seq: int) -> bytes | None:
        data = await self._session.scalar(
            select(orm.document_chunks.c.data).where(
                orm.document_chunks.c.file_id == file_id, orm.document_chunks.c.seq == seq
            )
        )
        return bytes(data) if data is not None else None
