"""The arkivuttrekk's XML (Noark 5 v5.0): arkivstruktur.xml and endringslogg.xml. Pure: given what
was gathered and the files as written, it returns the documents' bytes. Here in cards/ because the
XML is a document format like Word and PDF: it writes what governance/ gathered, and stores nothing.
Written with the standard library's ElementTree; the tests validate it with lxml against the
schemas (tests/fixtures/noark5/)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from governance.archive.export import ArchiveContents, ArchiveMeeting, ArchiveRecord
from governance.rules.archive import RecordKind, system_id
from governance.rules.oslo_time import OSLO

ARKIVSTRUKTUR = "http://www.arkivverket.no/standarder/noark5/arkivstruktur"
ENDRINGSLOGG = "http://www.arkivverket.no/standarder/noark5/endringslogg"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SYSTEM = "hfbot"  # opprettetAv/arkivertAv where the export itself did it

# moeteregistreringstype per record (Noark 5's code list for møteregistreringer).
REGISTRATION_TYPES: dict[RecordKind, str] = {
    RecordKind.NOTICE: "Møteinnkalling",
    RecordKind.CASE_PAPER: "Saksframlegg",
    RecordKind.DOCUMENT: "Vedlegg til møtesak",
    RecordKind.MINUTES: "Møteprotokoll",
    RecordKind.DECISION: "Vedtak",
}


@dataclass(frozen=True)
class WrittenFile:
    """A record's file as written under dokumenter/."""

    path: str  # "dokumenter/…", relative to the export's folder
    format: str
    variant: str
    sha256: str
    size: int


def _dt(instant: datetime) -> str:
    return instant.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent: ET.Element, name: str, text: str | int | None = None, ns: str = ARKIVSTRUKTUR) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{name}")
    if text is not None:
        element.text = str(text)
    return element


def arkivstruktur(contents: ArchiveContents, files: Mapping[str, WrittenFile | None]) -> bytes:
    """`files` by the record's systemID; a record without a file (a link) is described only."""
    ET.register_namespace("", ARKIVSTRUKTUR)
    ET.register_namespace("xsi", XSI)
    made = _dt(contents.made_at)
    scope = f"{contents.body_key or 'alle'}:{contents.year or 'alle'}"
    root = ET.Element(f"{{{ARKIVSTRUKTUR}}}arkiv")
    _sub(root, "systemID", system_id(RecordKind.ARCHIVE, contents.community or SYSTEM))
    _sub(root, "tittel", f"Arkiv for {contents.community or SYSTEM}")
    _sub(root, "arkivstatus", "Avsluttet")
    _opened_and_closed(root, made, made, SYSTEM)
    creator = _sub(root, "arkivskaper")
    _sub(creator, "arkivskaperID", contents.community or SYSTEM)
    _sub(creator, "arkivskaperNavn", contents.community or SYSTEM)
    series = _sub(root, "arkivdel")
    _sub(series, "systemID", system_id(RecordKind.SERIES, scope))
    year = f" {contents.year}" if contents.year else ""
    body = f" {contents.body_key}" if contents.body_key else ""
    _sub(series, "tittel", f"Møter{body}{year}")
    _sub(series, "arkivdelstatus", "Avsluttet periode")
    _opened_and_closed(series, made, made, SYSTEM)
    for meeting in contents.meetings:
        _meeting(series, meeting, files, made)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _meeting(parent: ET.Element, meeting: ArchiveMeeting, files: Mapping[str, WrittenFile | None], made: str) -> None:
    folder = _sub(parent, "mappe")
    folder.set(f"{{{XSI}}}type", "moetemappe")
    _sub(folder, "systemID", meeting.system_id)
    _sub(folder, "mappeID", f"{meeting.body_key} {meeting.number}")
    _sub(folder, "tittel", f"Møte i {meeting.body_name} {meeting.number}")
    _opened_and_closed(folder, _dt(meeting.starts_at), _dt(meeting.ends_at or meeting.starts_at), meeting.body_name)
    for record in meeting.records:
        _record(folder, record, files.get(record.system_id), made)
    _sub(folder, "moetenummer", meeting.number)
    _sub(folder, "utvalg", f"{meeting.body_name} ({meeting.body_key})")
    _sub(folder, "moetedato", meeting.starts_at.astimezone(OSLO).date().isoformat())
    if meeting.place:
        _sub(folder, "moetested", meeting.place)


def _record(parent: ET.Element, record: ArchiveRecord, written: WrittenFile | None, made: str) -> None:
    entry = _sub(parent, "registrering")
    entry.set(f"{{{XSI}}}type", "moeteregistrering")
    _sub(entry, "systemID", record.system_id)
    _sub(entry, "opprettetDato", _dt(record.created_at))
    _sub(entry, "opprettetAv", record.created_by)
    _sub(entry, "arkivertDato", made)
    _sub(entry, "arkivertAv", SYSTEM)
    if record.exemption is not None:
        _skjerming(entry, record)
    description = _sub(entry, "dokumentbeskrivelse")
    _sub(description, "systemID", system_id(record.kind, record.record_id, "dokumentbeskrivelse"))
    _sub(description, "dokumenttype", REGISTRATION_TYPES[record.kind])
    _sub(description, "dokumentstatus", "Dokumentet er ferdigstilt")
    _sub(description, "tittel", record.title)
    _sub(description, "opprettetDato", _dt(record.created_at))
    _sub(description, "opprettetAv", record.created_by)
    _sub(description, "tilknyttetRegistreringSom", "Vedlegg" if record.kind is RecordKind.DOCUMENT else "Hoveddokument")
    _sub(description, "dokumentnummer", 1)
    _sub(description, "tilknyttetDato", _dt(record.created_at))
    _sub(description, "tilknyttetAv", record.created_by)
    if record.exemption is not None:
        _skjerming(description, record)
    if written is not None:
        document = _sub(description, "dokumentobjekt")
        _sub(document, "systemID", system_id(record.kind, record.record_id, "dokumentobjekt"))
        _sub(document, "versjonsnummer", 1)
        _sub(document, "variantformat", written.variant)
        _sub(document, "format", written.format)
        _sub(document, "opprettetDato", _dt(record.created_at))
        _sub(document, "opprettetAv", record.created_by)
        _sub(document, "referanseDokumentfil", written.path)
        _sub(document, "sjekksum", written.sha256)
        _sub(document, "sjekksumAlgoritme", "SHA256")
        _sub(document, "filstoerrelse", written.size)
    if record.case_reference:
        _sub(entry, "registreringsID", record.case_reference)
    _sub(entry, "tittel", record.title)
    if record.public_title:
        _sub(entry, "offentligTittel", record.public_title)
    _sub(entry, "moeteregistreringstype", REGISTRATION_TYPES[record.kind])
    _sub(entry, "moeteregistreringsstatus", "Arkivert")
    _sub(entry, "administrativEnhet", record.created_by)
    _sub(entry, "saksbehandler", record.created_by)


def _skjerming(parent: ET.Element, record: ArchiveRecord) -> None:
    assert record.exemption is not None
    shield = _sub(parent, "skjerming")
    _sub(shield, "tilgangsrestriksjon", "Unntatt offentlighet")
    _sub(shield, "skjermingshjemmel", record.exemption.value)
    _sub(shield, "skjermingMetadata", "tittel")


def _is_change(action: str) -> bool:
    """A refusal is audited on the subject it was refused for (a right missing, an identity number
    typed into a case's paper), but it changed nothing, so it is no row of the change log."""
    return not action.startswith("refused.") and action != "privacy.identity_number_refused"


def _opened_and_closed(parent: ET.Element, opened: str, closed: str, by: str) -> None:
    """Noark 5's four fields, in the schema's order, of a unit made and closed by the same one."""
    _sub(parent, "opprettetDato", opened)
    _sub(parent, "opprettetAv", by)
    _sub(parent, "avsluttetDato", closed)
    _sub(parent, "avsluttetAv", by)


def endringslogg(contents: ArchiveContents) -> bytes:
    """The audit log's changes of the exported records (refusals left out), as Noark 5 endring
    rows. An export whose records have no logged change still has its creation, so the log is
    never empty."""
    ET.register_namespace("", ENDRINGSLOGG)
    root = ET.Element(f"{{{ENDRINGSLOGG}}}endringslogg")
    ids = {record.subject: record.system_id for m in contents.meetings for record in m.records}
    ids.update({f"meeting:{m.meeting_id}": m.system_id for m in contents.meetings})
    rows = 0
    for event in contents.changes:
        target = ids.get(event.subject or "")
        if target is None or not _is_change(event.action):
            continue
        change = _sub(root, "endring", ns=ENDRINGSLOGG)
        _sub(change, "referanseArkivenhet", target, ENDRINGSLOGG)
        _sub(change, "referanseMetadata", event.action, ENDRINGSLOGG)
        _sub(change, "endretDato", _dt(event.at), ENDRINGSLOGG)
        _sub(change, "endretAv", event.actor_aad_object_id or str(event.actor_person_id or SYSTEM), ENDRINGSLOGG)
        before, after = event.details.get("before"), event.details.get("after", event.details)
        _sub(change, "tidligereVerdi", _value(before) or "-", ENDRINGSLOGG)
        _sub(change, "nyVerdi", _value(after) or "-", ENDRINGSLOGG)
        rows += 1
    if rows == 0:
        change = _sub(root, "endring", ns=ENDRINGSLOGG)
        _sub(change, "referanseArkivenhet", system_id(RecordKind.ARCHIVE, contents.community or SYSTEM), ENDRINGSLOGG)
        _sub(change, "referanseMetadata", "opprettet", ENDRINGSLOGG)
        _sub(change, "endretDato", _dt(contents.made_at), ENDRINGSLOGG)
        _sub(change, "endretAv", SYSTEM, ENDRINGSLOGG)
        _sub(change, "tidligereVerdi", "-", ENDRINGSLOGG)
        _sub(change, "nyVerdi", "arkivuttrekk", ENDRINGSLOGG)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _value(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
