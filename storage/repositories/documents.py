"""A case's documents, and the bytes of stored files in pieces of at most 1 MB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.documents import Document
from storage import orm


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

    async def all_of_cases(self, case_ids: Sequence[int]) -> dict[int, list[Document]]:
        """Every document the cases ever had, removed ones included (the archive decides which of
        those went out with a meeting), in their numbers' order."""
        found: dict[int, list[Document]] = {case_id: [] for case_id in case_ids}
        if not case_ids:
            return found
        rows = await self._session.scalars(
            select(Document)
            .where(orm.documents.c.case_id.in_(list(case_ids)))
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

    async def begin(self, size: int, sha256: str, at: datetime) -> int:
        table = orm.document_files
        file_id = await self._session.scalar(
            insert(table).values(size=size, sha256=sha256, chunk_count=0, stored_at=at).returning(table.c.id)
        )
        assert file_id is not None
        return int(file_id)

    async def add_piece(self, file_id: int, seq: int, data: bytes) -> None:
        await self._session.execute(insert(orm.document_chunks).values(file_id=file_id, seq=seq, data=data))

    async def finish(self, file_id: int, pieces: int) -> None:
        table = orm.document_files
        await self._session.execute(update(table).where(table.c.id == file_id).values(chunk_count=pieces))

    async def complete(self, file_id: int, size: int, sha256: str) -> bool:
        table, chunks = orm.document_files, orm.document_chunks
        row = (
            await self._session.execute(
                select(table.c.size, table.c.sha256, table.c.chunk_count).where(table.c.id == file_id)
            )
        ).first()
        if row is None or (row.size, row.sha256) != (size, sha256):
            return False
        # `finish` sets the count after the last piece, so a file cut short is never complete.
        pieces = await self._session.scalar(select(func.count()).where(chunks.c.file_id == file_id))
        return int(pieces or 0) == row.chunk_count and (size == 0 or row.chunk_count > 0)

    async def referenced(self, file_id: int) -> bool:
        found = await self._session.scalar(
            select(orm.documents.c.id).where(orm.documents.c.file_id == file_id).limit(1)
        )
        return found is not None

    async def discard(self, file_id: int) -> None:
        await self._session.execute(delete(orm.document_chunks).where(orm.document_chunks.c.file_id == file_id))
        await self._session.execute(delete(orm.document_files).where(orm.document_files.c.id == file_id))

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
