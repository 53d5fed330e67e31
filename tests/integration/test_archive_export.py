"""`hfbot archive export` on a year of 8 meetings and 40 cases (3 exempt) with their documents:
the arkivuttrekk validates against the Noark 5 v5.0 schemas (the repository's copy in
tests/fixtures/noark5/), every checksum and size matches its file, every PDF is PDF/A with its
fonts embedded, exempt records carry skjerming with the legal basis, and a second export names the
records alike and reports nothing new."""

from __future__ import annotations

import asyncio
import hashlib
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from pydantic import TypeAdapter
from pypdf import PdfReader

from bot.cli import main
from cards.printed import Printed, Text, docx_bytes, pdf_bytes
from governance.access import Actor
from governance.approvals.minutes import minutes_of_meeting
from governance.context import Context
from governance.rules.clock import FixedClock
from governance.rules.documents import Document, DocumentKind, FileType
from governance.rules.model import (
    AgendaItem,
    ApprovalPolicy,
    AuditEvent,
    Case,
    Decision,
    DecisionStatus,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesStatus,
)
from governance.rules.public_access import LegalBasis
from governance.views import MinutesView
from storage.unit_of_work import SqlUnitOfWork

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "noark5"
N5 = "{http://www.arkivverket.no/standarder/noark5/arkivstruktur}"
YEAR = 2025
EXEMPT = {3: LegalBasis.TAUSHETSPLIKT_PERSONLIG, 17: LegalBasis.TAUSHETSPLIKT_PERSONLIG, 33: LegalBasis("offl. § 14")}


async def _a_year(unit_of_work: Callable[[], SqlUnitOfWork]) -> None:
    """Through the repositories: 8 held meetings of SSU, 5 cases each with a final decision, and a
    PDF/A document (made as the bot makes its own) on every fifth case."""
    printed = Printed("Vedlegg", "Test", "Vedlegg", datetime(YEAR, 1, 2, tzinfo=UTC), "nb", "Test", (Text("Æ ø å"),))
    attachment, word = pdf_bytes(printed), docx_bytes(printed)
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        person = await uow.persons.by_email("dave@example.no")
        assert body is not None and body.id is not None and person is not None and person.id is not None
        number = 0
        for month in range(8):
            starts = datetime(YEAR, month + 2, 10, 8, tzinfo=UTC)
            meeting = Meeting(body.id, starts, starts + timedelta(hours=2), "Tønsberg", MeetingStatus.AVHOLDT)
            cases = []
            for position in range(1, 6):
                number += 1
                case = Case(body.id, YEAR, number, f"Sak om tema {number}", person.id, starts - timedelta(days=20))
                case.background, case.proposal = "Bakgrunn.", "Forslag til vedtak."
                case.exemption_basis = EXEMPT.get(number)
                case.public_title = "Sak om *****" if number == 17 else None
                case = await uow.cases.add(case)
                cases.append(case)
                meeting.items.append(AgendaItem(position=position, case=case))
            meeting = await uow.meetings.add(meeting)
            await uow.flush()
            assert meeting.id is not None
            for case in cases:
                assert case.id is not None
                decision = Decision(
                    body.id, case.id, f"Vedtak i sak {case.reference}.", person.id, starts, ApprovalPolicy.LEADER
                )
                decision.meeting_id, decision.status, decision.final_at = meeting.id, DecisionStatus.VEDTATT, starts
                await uow.decisions.add(decision)
                if case.number == 1:  # a link: described in the export, its file kept elsewhere
                    await uow.documents.add(
                        Document(
                            case.id,
                            1,
                            DocumentKind.LINK,
                            "Rapport",
                            person.id,
                            starts,
                            url="https://example.sharepoint.com/rapport.pdf",
                        )
                    )
                if case.number == 2:  # a Word file: exported as uploaded, not claimed PDF/A
                    await _stored(uow, case.id, person.id, starts, word, FileType.DOCX)
                if case.number % 5 == 0 or case.number == 3:
                    await _stored(uow, case.id, person.id, starts, attachment, FileType.PDF)
        await uow.commit()
    await _approved_minutes(unit_of_work)


async def _stored(
    uow: SqlUnitOfWork,
    case_id: int,
    person_id: int,
    at: datetime,
    data: bytes,
    kind: FileType,
    title: str = "Notat",
    number: int = 1,
    removed_at: datetime | None = None,
) -> None:
    digest = hashlib.sha256(data).hexdigest()
    file_id = await uow.document_files.begin(len(data), digest, at)
    await uow.document_files.add_piece(file_id, 0, data)
    await uow.document_files.finish(file_id, 1)
    await uow.documents.add(
        Document(
            case_id,
            number,
            DocumentKind.FILE,
            title,
            person_id,
            at,
            file_id=file_id,
            file_type=kind,
            size=len(data),
            sha256=digest,
            removed_at=removed_at,
            removed_by_id=person_id if removed_at else None,
        )
    )


async def _approved_minutes(unit_of_work: Callable[[], SqlUnitOfWork]) -> None:
    """Each meeting's minutes as the bot drafts them (the live view, frozen as stored minutes
    are), stored approved."""
    content = TypeAdapter(MinutesView)
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        person = await uow.persons.by_email("dave@example.no")
        assert body is not None and body.id is not None and person is not None and person.id is not None
        ctx = Context(uow=uow, clock=FixedClock(datetime(YEAR, 12, 1, tzinfo=UTC)), actor=Actor(None))
        for meeting in await uow.meetings.all_for_body(body.id):
            assert meeting.id is not None
            live = await minutes_of_meeting(ctx, meeting.id)
            minutes = Minutes(
                meeting.id,
                body.id,
                1,
                content.dump_python(live, mode="json"),
                person.id,
                meeting.starts_at + timedelta(days=1),
                ApprovalPolicy.LEADER,
                status=MinutesStatus.GODKJENT,
                approved_at=meeting.starts_at + timedelta(days=7),
            )
            await uow.minutes.add(minutes)
        await uow.commit()


def _validate(schema: str, document: Path) -> etree._ElementTree:
    tree = etree.parse(str(document))
    etree.XMLSchema(etree.parse(str(SCHEMAS / schema))).assertValid(tree)
    return tree


@pytest.mark.usefixtures("structure")
async def test_a_years_export_validates_and_every_file_is_what_it_says(
    unit_of_work: Callable[[], SqlUnitOfWork],
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await _a_year(unit_of_work)
    monkeypatch.setenv("DATABASE_URL", database_url)
    first, second = tmp_path / "uttrekk1", tmp_path / "uttrekk2"

    status = await asyncio.to_thread(main, ["archive", "export", "--body", "SSU", "--year", str(YEAR), str(first)])
    assert status == 0
    out = capsys.readouterr().out
    # 8 notices + 40 papers + 40 decisions + 11 documents (one a link) + 8 minutes, all new
    assert "8 møter, 107 registreringer" in out and "107 nye, 0 eksportert før." in out

    tree = _validate("arkivstruktur.xsd", first / "arkivstruktur.xml")
    _validate("endringslogg.xsd", first / "endringslogg.xml")
    folders = tree.findall(f".//{N5}mappe")
    assert len(folders) == 8
    assert {f.findtext(f"{N5}moetenummer") for f in folders} == {f"{n}/{YEAR}" for n in range(1, 9)}
    kinds = [e.findtext(f"{N5}moeteregistreringstype") for e in tree.iter(f"{N5}registrering")]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "Møteinnkalling": 8,
        "Saksframlegg": 40,
        "Vedlegg til møtesak": 11,
        "Vedtak": 40,
        "Møteprotokoll": 8,
    }
    objects = tree.findall(f".//{N5}dokumentobjekt")
    assert len(objects) == 106  # the link has no file
    variants = {(o.findtext(f"{N5}format"), o.findtext(f"{N5}variantformat")) for o in objects}
    assert variants == {("PDF/A-2u", "Arkivformat"), ("PDF/A", "Arkivformat"), ("DOCX", "Produksjonsformat")}
    for obj in objects:
        path = first / obj.findtext(f"{N5}referanseDokumentfil")
        data = path.read_bytes()
        assert obj.findtext(f"{N5}sjekksum") == hashlib.sha256(data).hexdigest()
        assert obj.findtext(f"{N5}sjekksumAlgoritme") == "SHA256"
        assert int(obj.findtext(f"{N5}filstoerrelse") or -1) == len(data)
    for pdf in (first / "dokumenter").glob("*.pdf"):
        reader = PdfReader(io.BytesIO(pdf.read_bytes()))
        xmp = reader.xmp_metadata
        assert xmp is not None and xmp.pdfaid_part == "2" and xmp.pdfaid_conformance == "U", pdf.name
        for page in reader.pages:
            fonts = page["/Resources"]["/Font"]
            for font in fonts.values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
                descriptor = descendant["/FontDescriptor"].get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), pdf.name

    shielded = {}
    for entry in tree.findall(f".//{N5}registrering"):
        shield = entry.find(f"{N5}skjerming")
        if shield is not None:
            shielded.setdefault(entry.findtext(f"{N5}registreringsID"), set()).add(
                shield.findtext(f"{N5}skjermingshjemmel")
            )
    assert shielded == {f"{n}/{YEAR}": {basis.value} for n, basis in EXEMPT.items()}
    public_titles = {e.findtext(f"{N5}offentligTittel") for e in tree.iter(f"{N5}registrering")}
    assert public_titles == {None, "Sak om *****"}

    status = await asyncio.to_thread(main, ["archive", "export", "--body", "SSU", "--year", str(YEAR), str(second)])
    assert status == 0
    assert "0 nye, 107 eksportert før." in capsys.readouterr().out
    again = etree.parse(str(second / "arkivstruktur.xml"))
    ids = sorted(e.text or "" for e in tree.iter(f"{N5}systemID"))
    assert ids == sorted(e.text or "" for e in again.iter(f"{N5}systemID"))
    # The files are drawn alike too: the same records give the same checksums.
    assert sorted(e.text or "" for e in tree.iter(f"{N5}sjekksum")) == sorted(
        e.text or "" for e in again.iter(f"{N5}sjekksum")
    )

    # A folder that holds something already is refused, and nothing is written into it.
    assert await asyncio.to_thread(main, ["archive", "export", str(first)]) == 2
    assert "not an empty folder" in capsys.readouterr().err


@pytest.mark.usefixtures("structure")
async def test_a_document_removed_after_the_agenda_went_out_is_archived_and_refusals_are_no_changes(
    unit_of_work: Callable[[], SqlUnitOfWork],
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    published = datetime(YEAR, 3, 1, 8, tzinfo=UTC)
    sent, withdrawn = b"%PDF-1.7 sendt med innkallingen", b"%PDF-1.7 fjernet i tide"
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        person = await uow.persons.by_email("dave@example.no")
        assert body is not None and body.id is not None and person is not None and person.id is not None
        starts = datetime(YEAR, 3, 10, 8, tzinfo=UTC)
        meeting = Meeting(body.id, starts, starts + timedelta(hours=2), "Tønsberg", MeetingStatus.AVHOLDT)
        meeting.published_at = published
        case = await uow.cases.add(Case(body.id, YEAR, 1, "Sak om tema 1", person.id, published - timedelta(days=9)))
        meeting.items.append(AgendaItem(position=1, case=case))
        await uow.meetings.add(meeting)
        await uow.flush()
        assert case.id is not None
        added = published - timedelta(days=2)
        removed_later, removed_in_time = published + timedelta(days=1), published - timedelta(days=1)
        await _stored(uow, case.id, person.id, added, sent, FileType.PDF, "Sendt med", 1, removed_later)
        await _stored(uow, case.id, person.id, added, withdrawn, FileType.PDF, "Fjernet i tide", 2, removed_in_time)
        subject = f"case:{case.id}"
        for action in ("refused.exempt_case", "privacy.identity_number_refused", "case.exempted"):
            await uow.audit.add(AuditEvent(published + timedelta(days=2), action, person.id, None, subject, {}))
        await uow.commit()
    monkeypatch.setenv("DATABASE_URL", database_url)

    folder = tmp_path / "uttrekk"
    assert await asyncio.to_thread(main, ["archive", "export", "--body", "SSU", "--year", str(YEAR), str(folder)]) == 0
    capsys.readouterr()

    tree = _validate("arkivstruktur.xsd", folder / "arkivstruktur.xml")
    documents = {
        entry.findtext(f"{N5}tittel"): entry
        for entry in tree.iter(f"{N5}registrering")
        if entry.findtext(f"{N5}moeteregistreringstype") == "Vedlegg til møtesak"
    }
    # The members had it with the notice: archived with its file, though removed from the case since.
    assert list(documents) == ["Sendt med"]
    obj = documents["Sendt med"].find(f".//{N5}dokumentobjekt")
    assert obj is not None
    assert (folder / (obj.findtext(f"{N5}referanseDokumentfil") or "")).read_bytes() == sent
    assert obj.findtext(f"{N5}sjekksum") == hashlib.sha256(sent).hexdigest()
    # Refusals changed nothing, so the change log has the exemption alone.
    log = _validate("endringslogg.xsd", folder / "endringslogg.xml")
    assert [e.findtext("{*}referanseMetadata") for e in log.iter("{*}endring")] == ["case.exempted"]


@pytest.mark.usefixtures("structure")
def test_an_unknown_body_is_named_and_nothing_is_marked(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["archive", "export", "--body", "XYZ", str(tmp_path / "uttrekk")]) == 2
    assert "unknown body XYZ" in capsys.readouterr().err
