"""`hfbot archive export`: gathers (governance/archive/), draws each file (cards/archive_documents.py),
writes dokumenter/, arkivstruktur.xml and endringslogg.xml, then marks what went out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cards.archive_documents import record_file
from cards.archive_xml import WrittenFile, arkivstruktur, endringslogg
from governance.archive.export import ArchiveContents, ExportReport, gather_archive, mark_exported
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
    files = write_files(contents, folder)
    (folder / "arkivstruktur.xml").write_bytes(arkivstruktur(contents, files))
    (folder / "endringslogg.xml").write_bytes(endringslogg(contents))
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


def write_files(contents: ArchiveContents, folder: Path) -> dict[str, WrittenFile | None]:
    """Each record's file under dokumenter/, named by its systemID so two exports name it alike."""
    documents = folder / "dokumenter"
    documents.mkdir(parents=True, exist_ok=True)
    written: dict[str, WrittenFile | None] = {}
    for meeting in contents.meetings:
        for record in meeting.records:
            drawn = record_file(record, contents.made_at)
            if drawn is None:
                written[record.system_id] = None
                continue
            path = f"dokumenter/{record.system_id}.{drawn.ending}"
            (folder / path).write_bytes(drawn.data)
            written[record.system_id] = WrittenFile(path, drawn.format, drawn.variant, drawn.sha256, len(drawn.data))
    return written
