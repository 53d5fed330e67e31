"""The archive export's pure parts: stable systemIDs, which attached files are given as PDF/A, and
the Noark 5 XML of a small meeting (a paper, a Word file, a link, an exempt record) validated
against the repository's copy of the schemas."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import etree

from cards.archive_documents import ARCHIVE_FORMAT, PRODUCTION_FORMAT, attached_format, is_pdfa
from cards.archive_xml import WrittenFile, arkivstruktur, endringslogg
from cards.printed import Printed, Text, pdf_bytes
from governance.archive.export import ArchiveContents, ArchiveMeeting, ArchiveRecord, AttachedFile
from governance.rules.archive import RecordKind, system_id, went_out_with_notice
from governance.rules.documents import FileType
from governance.rules.model import AuditEvent, CaseStatus, CaseType
from governance.rules.public_access import LegalBasis
from governance.views import BodyRef, CaseView

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "noark5"
N5 = "{http://www.arkivverket.no/standarder/noark5/arkivstruktur}"
AT = datetime(2025, 3, 4, 9, tzinfo=UTC)


def test_a_records_system_id_is_the_same_every_time_and_differs_by_kind_id_and_part() -> None:
    assert system_id(RecordKind.CASE_PAPER, 7) == system_id("saksframlegg", 7)
    ids = {
        system_id(RecordKind.CASE_PAPER, 7),
        system_id(RecordKind.DECISION, 7),
        system_id(RecordKind.CASE_PAPER, 8),
        system_id(RecordKind.CASE_PAPER, 7, "dokumentobjekt"),
    }
    assert len(ids) == 4


def test_a_removed_document_belongs_to_the_meeting_only_if_it_was_there_when_the_agenda_went_out() -> None:
    published = AT
    before, after = published - timedelta(minutes=1), published + timedelta(minutes=1)
    assert went_out_with_notice(before, after, published)  # sent with the notice, removed since
    assert went_out_with_notice(published, after, published)  # added the moment it was published
    assert not went_out_with_notice(before, before, published)  # removed before the agenda went out
    assert not went_out_with_notice(before, published, published)  # removed as it was published
    assert not went_out_with_notice(after, after + timedelta(days=1), published)  # added after
    assert not went_out_with_notice(before, after, None)  # the agenda was never published
    assert not went_out_with_notice(before, None, published)  # not removed: a current document


def test_only_a_pdf_declaring_pdfa_goes_out_as_the_archive_format() -> None:
    pdfa = pdf_bytes(Printed("T", "A", "S", AT, "nb", "H", (Text("x"),)))
    assert is_pdfa(pdfa)
    plain = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF"
    assert not is_pdfa(plain)

    def drawn(data: bytes, file_type: FileType) -> tuple[str, str]:
        return attached_format(AttachedFile("V", file_type, 1, None), data)

    assert drawn(pdfa, FileType.PDF) == ("PDF/A", ARCHIVE_FORMAT)
    assert drawn(plain, FileType.PDF) == ("PDF", PRODUCTION_FORMAT)  # never claimed PDF/A
    assert drawn(b"PK\x03\x04", FileType.DOCX) == ("DOCX", PRODUCTION_FORMAT)


def _contents() -> ArchiveContents:
    paper = CaseView(
        BodyRef("SSU", "Strategisk"), "1/2025", "Sak", CaseType.VEDTAKSSAK, CaseStatus.INNMELDT, None, None, AT
    )
    basis = LegalBasis.TAUSHETSPLIKT_PERSONLIG
    records = (
        ArchiveRecord(RecordKind.CASE_PAPER, 1, "Sak 1/2025 Ola", AT, "Dave", paper, basis, "1/2025", "Sak 1/2025 ***"),
        ArchiveRecord(RecordKind.DOCUMENT, 2, "Notat", AT, "Dave", AttachedFile("Notat", FileType.DOCX, 5, None)),
        ArchiveRecord(RecordKind.DOCUMENT, 3, "Lenke", AT, "Dave", AttachedFile("Lenke", None, None, "https://x")),
    )
    meeting = ArchiveMeeting(9, "1/2025", "SSU", "Strategisk", AT, None, None, records)
    change = AuditEvent(AT, "case.exempted", 1, None, "case:1", {"before": {"basis": None}, "after": {"basis": "x"}})
    return ArchiveContents("Test", 2025, "SSU", (meeting,), (change,), AT)


def test_the_xml_of_a_small_meeting_validates_and_carries_skjerming_and_no_file_for_a_link(tmp_path: Path) -> None:
    contents = _contents()
    records = contents.meetings[0].records
    files = {
        records[0].system_id: WrittenFile("dokumenter/a.pdf", "PDF/A-2u", ARCHIVE_FORMAT, "0" * 64, 10),
        records[1].system_id: WrittenFile("dokumenter/b.docx", "DOCX", PRODUCTION_FORMAT, "1" * 64, 2),
        records[2].system_id: None,
    }
    structure = etree.fromstring(arkivstruktur(contents, files))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "arkivstruktur.xsd"))).assertValid(structure)
    entries = structure.findall(f".//{N5}registrering")
    assert entries[0].findtext(f"{N5}skjerming/{N5}skjermingshjemmel") == LegalBasis.TAUSHETSPLIKT_PERSONLIG.value
    assert entries[0].findtext(f"{N5}offentligTittel") == "Sak 1/2025 ***"
    assert entries[1].find(f"{N5}skjerming") is None
    assert entries[2].find(f".//{N5}dokumentobjekt") is None
    log = etree.fromstring(endringslogg(contents))
    etree.XMLSchema(etree.parse(str(SCHEMAS / "endringslogg.xsd"))).assertValid(log)
    assert log.findtext("{*}endring/{*}referanseArkivenhet") == records[0].system_id


def test_refusals_on_an_exported_case_are_no_rows_of_its_change_log() -> None:
    contents = _contents()
    refusals = (
        AuditEvent(AT, "refused.exempt_case", 1, None, "case:1", {}),
        AuditEvent(AT, "privacy.identity_number_refused", 1, None, "case:1", {}),
    )
    contents = replace(contents, changes=refusals + contents.changes)
    log = etree.fromstring(endringslogg(contents))
    assert [change.findtext("{*}referanseMetadata") for change in log] == ["case.exempted"]
    # With nothing but refusals, the log has the export's creation, as with no change at all.
    only_refused = etree.fromstring(endringslogg(replace(contents, changes=refusals)))
    assert [change.findtext("{*}referanseMetadata") for change in only_refused] == ["opprettet"]
