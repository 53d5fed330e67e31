"""Gathers a year's meetings for the arkivuttrekk: per meeting, the notice, each case's paper and
attached documents (those removed after the agenda went out too), the approved minutes and each
final decision, with who made them, when, and any exemption (offentleglova); then marks what went
out. The files are drawn by cards/ and the
XML written by cards/archive_xml.py; this room only reads and marks."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from governance.access import Actor
from governance.approvals.minutes import minutes_of_meeting
from governance.context import Context
from governance.meetings.cases import case_view
from governance.papers.notice import NoticeView, notice_of
from governance.ports import UnitOfWork, UnitOfWorkFactory
from governance.rules.archive import ExportMark, RecordKind, system_id, went_out_with_notice
from governance.rules.clock import Clock
from governance.rules.documents import DocumentKind, FileType
from governance.rules.errors import DomainError
from governance.rules.model import AuditEvent, Body, DecisionStatus, Meeting, MeetingStatus
from governance.rules.oslo_time import oslo_year
from governance.rules.public_access import LegalBasis
from governance.views import CaseView, MinutesView


@dataclass(frozen=True)
class DecisionText:
    """A final decision as archived: the case it settles and its words."""

    reference: str
    case_title: str
    body_name: str
    text: str
    final_at: datetime | None


@dataclass(frozen=True)
class AttachedFile:
    """A document attached to a case: its stored file (None for a link), copied by the export
    piece by piece (`file_pieces`), never whole in memory."""

    title: str
    file_type: FileType | None
    file_id: int | None
    url: str | None


Source = NoticeView | CaseView | MinutesView | DecisionText | AttachedFile


@dataclass(frozen=True)
class ArchiveRecord:
    """One moeteregistrering: what it is, its source to draw or copy, and its exemption."""

    kind: RecordKind
    record_id: int
    title: str
    created_at: datetime
    created_by: str
    source: Source
    exemption: LegalBasis | None = None
    case_reference: str | None = None
    public_title: str | None = None  # an exempt case's title with the sensitive words starred

    @property
    def system_id(self) -> str:
        return system_id(self.kind, self.record_id)

    @property
    def subject(self) -> str:
        """The audit log's subject of the record's own row, for its change log."""
        subjects = {
            RecordKind.NOTICE: "meeting",
            RecordKind.CASE_PAPER: "case",
            RecordKind.DOCUMENT: "document",
            RecordKind.MINUTES: "minutes",
            RecordKind.DECISION: "decision",
        }
        return f"{subjects.get(self.kind, str(self.kind))}:{self.record_id}"


@dataclass(frozen=True)
class ArchiveMeeting:
    meeting_id: int
    number: str  # "3/2026": the body's third meeting that year
    body_key: str
    body_name: str
    starts_at: datetime
    ends_at: datetime | None
    place: str | None
    records: tuple[ArchiveRecord, ...]

    @property
    def system_id(self) -> str:
        return system_id(RecordKind.MEETING, self.meeting_id)


@dataclass(frozen=True)
class ArchiveContents:
    community: str
    year: int | None
    body_key: str | None
    meetings: tuple[ArchiveMeeting, ...]
    changes: tuple[AuditEvent, ...]  # the audit log's rows about the exported records
    made_at: datetime
    exported_before: frozenset[tuple[str, int]] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ExportReport:
    new: int
    before: int


async def gather_archive(uow: UnitOfWork, clock: Clock, body_key: str | None, year: int | None) -> ArchiveContents:
    """The meetings held (not cancelled) of one body or of all, in one year or all years."""
    ctx = Context(uow=uow, clock=clock, actor=Actor(aad_object_id=None))
    if body_key is not None:
        body = await uow.bodies.by_key(body_key)
        if body is None:
            raise DomainError("unknown_body", body=body_key)
        bodies = [body]
    else:
        bodies = sorted(await uow.bodies.all(), key=lambda b: b.key)
    meetings: list[ArchiveMeeting] = []
    community = ""
    for body in bodies:
        assert body.id is not None
        found = await uow.communities.get(body.community_id)
        community = community or (found.name if found is not None else "")
        held = sorted(
            (m for m in await uow.meetings.all_for_body(body.id) if m.status is not MeetingStatus.AVLYST),
            key=lambda m: (m.starts_at, m.id or 0),
        )
        counted: dict[int, int] = {}
        for meeting in held:
            meeting_year = oslo_year(meeting.starts_at)
            counted[meeting_year] = counted.get(meeting_year, 0) + 1
            if year is not None and meeting_year != year:
                continue
            number = f"{counted[meeting_year]}/{meeting_year}"
            meetings.append(await _meeting(ctx, body, meeting, number))
    records = [record for meeting in meetings for record in meeting.records]
    keys = [(str(record.kind), record.record_id) for record in records]
    subjects = [record.subject for record in records] + [f"meeting:{m.meeting_id}" for m in meetings]
    return ArchiveContents(
        community=community,
        year=year,
        body_key=body_key,
        meetings=tuple(meetings),
        changes=tuple(await uow.audit.for_subjects(sorted(set(subjects)))),
        made_at=clock.now(),
        exported_before=frozenset(await uow.archive_exports.exported(keys)),
    )


async def _meeting(ctx: Context, body: Body, meeting: Meeting, number: str) -> ArchiveMeeting:
    assert meeting.id is not None
    uow = ctx.uow
    notice = await notice_of(ctx, body, meeting)
    records: list[ArchiveRecord] = [
        ArchiveRecord(
            RecordKind.NOTICE,
            meeting.id,
            f"Innkalling {body.name} {number}",
            meeting.published_at or meeting.starts_at,
            notice.community or body.name,
            notice,
        )
    ]
    cases = meeting.cases
    documents = await uow.documents.all_of_cases([case.id for case in cases if case.id is not None])
    decisions = {d.case_id: d for d in await uow.decisions.for_meeting(meeting.id)}
    # Everyone the meeting's records name, read at once: papers, who added each document, who
    # recorded each decision.
    people = {pid for case in cases for pid in (case.responsible_id, case.submitted_by_id, case.case_officer_id) if pid}
    people |= {document.added_by_id for found in documents.values() for document in found}
    people |= {decision.recorded_by_id for decision in decisions.values()}
    persons = await uow.persons.by_ids(sorted(people))
    for case in cases:
        assert case.id is not None
        paper = case_view(body, case, persons, meeting)
        submitter = persons.get(case.submitted_by_id)
        author = paper.case_officer or (submitter.name if submitter else body.name)
        records.append(
            ArchiveRecord(
                RecordKind.CASE_PAPER,
                case.id,
                f"Sak {case.reference} {case.title}",
                case.submitted_at,
                author,
                paper,
                case.exemption_basis,
                case.reference,
                case.public_title if case.exemption_basis is not None else None,
            )
        )
        for document in documents.get(case.id, []):
            assert document.id is not None
            # A document removed after the agenda was published went out with the notice: the
            # members had it, so the archive keeps it; one removed before never belonged.
            if document.removed and not went_out_with_notice(
                document.added_at, document.removed_at, meeting.published_at
            ):
                continue
            file_id = document.file_id if document.kind is DocumentKind.FILE else None
            adder = persons.get(document.added_by_id)
            records.append(
                ArchiveRecord(
                    RecordKind.DOCUMENT,
                    document.id,
                    document.title,
                    document.added_at,
                    adder.name if adder is not None else body.name,
                    AttachedFile(document.title, document.file_type, file_id, document.url),
                    # A document of an exempt case is withheld with it; its own basis comes first.
                    document.exemption_basis or case.exemption_basis,
                    case.reference,
                )
            )
        decision = decisions.get(case.id)
        if decision is not None and decision.status is DecisionStatus.VEDTATT and decision.id is not None:
            recorder = persons.get(decision.recorded_by_id)
            records.append(
                ArchiveRecord(
                    RecordKind.DECISION,
                    decision.id,
                    f"Vedtak i sak {case.reference} {case.title}",
                    decision.final_at or decision.recorded_at,
                    recorder.name if recorder is not None else body.name,
                    DecisionText(case.reference, case.title, body.name, decision.text, decision.final_at),
                    case.exemption_basis,
                    case.reference,
                )
            )
    approved = await uow.minutes.approved(meeting.id)
    if approved is not None and approved.id is not None:
        view = await minutes_of_meeting(ctx, meeting.id)
        records.append(
            ArchiveRecord(
                RecordKind.MINUTES,
                approved.id,
                f"Protokoll {body.name} {number}",
                approved.approved_at or approved.recorded_at,
                view.community or body.name,
                view,
            )
        )
    return ArchiveMeeting(
        meeting.id, number, body.key, body.name, meeting.starts_at, meeting.ends_at, meeting.place, tuple(records)
    )


async def file_pieces(unit_of_work: UnitOfWorkFactory, file_id: int) -> AsyncIterator[bytes]:
    """A stored file's pieces in order, each read in a short transaction of its own (as downloads
    read them), so a long export holds no connection and one piece of memory at a time."""
    async with unit_of_work() as uow:
        count = await uow.document_files.piece_count(file_id)
    for seq in range(count):
        async with unit_of_work() as uow:
            piece = await uow.document_files.piece(file_id, seq)
        if piece is None:  # removed meanwhile: the checksum written is of what was read
            return
        yield piece


async def mark_exported(uow: UnitOfWork, clock: Clock, folder: str, marks: Sequence[ExportMark]) -> ExportReport:
    """Records what this export carried and audits the export; says how many were new."""
    before = await uow.archive_exports.exported([(mark.record_kind, mark.record_id) for mark in marks])
    new = sum(1 for mark in marks if (mark.record_kind, mark.record_id) not in before)
    await uow.archive_exports.mark(marks)
    await uow.audit.add(
        AuditEvent(
            at=clock.now(),
            action="archive.exported",
            subject=f"archive:{folder}"[:200],
            details={"before": {"exported": len(before)}, "after": {"records": len(marks), "new": new}},
        )
    )
    return ExportReport(new=new, before=len(marks) - new)
