"""The files of the archive export (Noark 5 arkivuttrekk): each record drawn as PDF/A through the
shared document model (cards/printed.py), or an attached file as it was uploaded.

An attached file is not converted (no converter is within reach): it goes out as uploaded. Only a
PDF whose XMP declares PDF/A conformance is given as the archive format (variantformat
«Arkivformat»); any other file (a plain PDF, Word, Excel, an image) goes out as «Produksjonsformat»
with its own format, so the export never claims PDF/A for a file that is not."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

from cards.dates import when_text
from cards.minutes_documents import minutes_document
from cards.notice_documents import notice_document, paper_blocks
from cards.printed import Facts, Printed, Text, pdf_bytes
from cards.texts import say
from governance.archive.export import ArchiveRecord, AttachedFile, DecisionText
from governance.papers.notice import NoticeView
from governance.views import CaseView, MinutesView

ARCHIVE_FORMAT = "Arkivformat"
PRODUCTION_FORMAT = "Produksjonsformat"
PDFA_FORMAT = "PDF/A-2u"  # what cards/printed.py writes: PDF/A-2, level U (Unicode)
_PDFA_PART = re.compile(rb"pdfaid:part(?:>|=\")\s*([123])")


@dataclass(frozen=True)
class ArchiveFile:
    """One dokumentobjekt's file: its bytes, name ending, format and variant."""

    data: bytes
    ending: str
    format: str
    variant: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def record_file(record: ArchiveRecord, made_at: datetime) -> ArchiveFile:
    """A drawn record's file: PDF/A through cards/printed.py (not for an attached file)."""
    assert not isinstance(record.source, AttachedFile), "an attached file is copied, not drawn"
    return ArchiveFile(pdf_bytes(_printed(record, made_at)), "pdf", PDFA_FORMAT, ARCHIVE_FORMAT)


def attached_format(source: AttachedFile, head_and_body: bytes) -> tuple[str, str]:
    """The format and variant of an attached file as uploaded, given its bytes (read back from
    the written copy): PDF/A only when the PDF declares it, else the file's own type as
    «Produksjonsformat»."""
    ending = source.file_type.value if source.file_type else "bin"
    if ending == "pdf" and is_pdfa(head_and_body):
        return "PDF/A", ARCHIVE_FORMAT
    return ending.upper(), PRODUCTION_FORMAT


def is_pdfa(data: bytes) -> bool:
    """Whether the PDF's metadata declares a PDF/A part (its XMP is stored uncompressed, as PDF/A
    asks, so the bytes show it)."""
    return data.startswith(b"%PDF-") and _PDFA_PART.search(data) is not None


def _printed(record: ArchiveRecord, made_at: datetime) -> Printed:
    source = record.source
    if isinstance(source, NoticeView):
        return notice_document(source, "nb", record.created_at)
    if isinstance(source, MinutesView):
        return minutes_document(source, "nb", made_at)
    if isinstance(source, CaseView):
        return _paper(record, source)
    assert isinstance(source, DecisionText)
    return _decision(record, source)


def _paper(record: ArchiveRecord, paper: CaseView) -> Printed:
    return Printed(
        title=record.title,
        author=record.created_by,
        subject=say("nb", "case_paper_subject"),
        created=record.created_at,
        lang="nb",
        running_head=f"{paper.body.name} ({paper.body.key})",
        blocks=tuple(paper_blocks(paper, (), "nb")),
    )


def _decision(record: ArchiveRecord, decision: DecisionText) -> Printed:
    facts = [(say("nb", "case"), f"{decision.reference} {decision.case_title}")]
    if decision.final_at is not None:
        facts.append((say("nb", "decision_text"), when_text(decision.final_at, None, "nb")))
    return Printed(
        title=record.title,
        author=record.created_by,
        subject=say("nb", "decision_subject"),
        created=record.created_at,
        lang="nb",
        running_head=decision.body_name,
        blocks=(Facts(tuple(facts)), Text(decision.text)),
    )
