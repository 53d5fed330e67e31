"""`hfbot archive export`: gathers (governance/archive/), draws each file (cards/archive_documents.py),
writes dokumenter/, arkivstruktur.xml and endringslogg.xml, then marks what went out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cards.archive_documents import attached_format, record_file
from cards.archive_xml import WrittenFile, arkivstruktur, endringslogg
from governance.archive.export import (
    ArchiveContents,
    AttachedFile,
    ExportReport,
    file_pieces,
    gather_archive,
    mark_exported,
)
from governance.ports import UnitOfWorkFactory
from governance.rules.archive import ExportMark
from governance.rules.clock import Clock


@dataclass(frozen=True)
class ExportResult:
    meetings: int
    records: int
    report: ExportReport


async def export_archive(
    unit_of_work: UnitOfWorkFactory, clock: Clock, body_key: str | None, year: int | None, folder: Path
) -> ExportResult:
    async with unit_of_work() as uow:
        contents = await gather_archive(uow, clock, body_key, year)
        # Drawn while the audit rows are still loaded: the transaction ends in a rollback (it
        # changed nothing), which leaves the rows it read unreadable afterwards.
        changes = endringslogg(contents)
    files = await write_files(unit_of_work, contents, folder)
    (folder / "arkivstruktur.xml").write_bytes(arkivstruktur(contents, files))
    (folder / "endringslogg.xml").write_bytes(changes)
    marks = [
        ExportMark(
            str(record.kind),
            record.record_id,
            record.system_id,
            contents.made_at,
            written.sha256 if (written := files.get(record.system_id)) else None,
        )
        for meeting in contents.meetings
        for record in meeting.records
    ]
    async with unit_of_work() as uow:
        report = await mark_exported(uow, clock, str(folder), marks)
        await uow.commit()
    return ExportResult(len(contents.meetings), len(marks), report)


async def write_files(
    unit_of_work: UnitOfWorkFactory, contents: ArchiveContents, folder: Path
) -> dict[str, WrittenFile | None]:
    """Each record's file under dokumenter/, named by its systemID so two exports name it alike.
    An attached file is copied piece by piece and hashed as it is written; a link has no file."""
    documents = folder / "dokumenter"
    documents.mkdir(parents=True, exist_ok=True)
    written: dict[str, WrittenFile | None] = {}
    for meeting in contents.meetings:
        for record in meeting.records:
            source = record.source
            if isinstance(source, AttachedFile):
                written[record.system_id] = await _copied(unit_of_work, record.system_id, source, folder)
                continue
            drawn = record_file(record, contents.made_at)
            path = f"dokumenter/{record.system_id}.{drawn.ending}"
            (folder / path).write_bytes(drawn.data)
            written[record.system_id] = WrittenFile(path, drawn.format, drawn.variant, drawn.sha256, len(drawn.data))
    return written


async def _copied(
    unit_of_work: UnitOfWorkFactory, system_id: str, source: AttachedFile, folder: Path
) -> WrittenFile | None:
    if source.file_id is None:
        return None
    ending = source.file_type.value if source.file_type else "bin"
    path = f"dokumenter/{system_id}.{ending}"
    digest, size = hashlib.sha256(), 0
    with (folder / path).open("wb") as out:
        async for piece in file_pieces(unit_of_work, source.file_id):
            out.write(piece)
            digest.update(piece)
            size += len(piece)
    # Read back once to tell PDF/A from a plain PDF: at most 25 MB, one file at a time.
    fmt, variant = attached_format(source, (folder / path).read_bytes() if ending == "pdf" else b"")
    return WrittenFile(path, fmt, variant, digest.hexdigest(), size)
