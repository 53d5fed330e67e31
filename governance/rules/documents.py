"""A case's documents (vedlegg): stored files and links, and the rules on what may be attached.

Pure: the bot downloads and reads a file (bot/file_fetch.py), storage keeps its bytes; what is
accepted, how large, from which hosts, and who may change a case's documents is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from fnmatch import fnmatchcase

from governance.rules.errors import DomainError
from governance.rules.public_access import LegalBasis

# 25 MB: a scanned case paper with appendices fits, and one file never holds a turn's memory long.
MAX_DOCUMENT_BYTES = 25 * 1024 * 1024
# How a size is named to the user: whole megabytes, as people count file sizes.
MAX_DOCUMENT_MB = MAX_DOCUMENT_BYTES // (1024 * 1024)
# A stored file is kept in pieces of this size: small enough that a piece in flight costs little
# memory and holds the database briefly, large enough that a 25 MB file is 25 rows.
STORED_PIECE_BYTES = 1024 * 1024
DOCUMENT_TITLE_LIMIT = 200
LINK_LIMIT = 2000  # a SharePoint sharing link with its query is far below this

# Where Teams keeps the files people share: a file sent to the bot in a personal chat is uploaded to
# the sender's OneDrive for Business (a `*-my.sharepoint.com` host) and its download link points
# there; a file shared in a channel lives in the team's SharePoint site. The commercial cloud's
# hosts, Microsoft's own test cloud (`sharepoint-df.com`), and personal OneDrive's.
DEFAULT_FILE_HOSTS = ("*.sharepoint.com", "*.sharepoint-df.com", "onedrive.live.com", "*.1drv.com", "1drv.ms")


class DocumentKind(StrEnum):
    FILE = "fil"
    LINK = "lenke"


class FileType(StrEnum):
    """The file types a case may carry; the value is the file name's usual ending."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    PNG = "png"
    JPEG = "jpg"


MEDIA_TYPES: dict[FileType, str] = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileType.PNG: "image/png",
    FileType.JPEG: "image/jpeg",
}

# The content type an Office Open XML package declares for its main part, in [Content_Types].xml.
# The macro-enabled variants (docm, xlsm, pptm) declare other types and are not accepted.
OOXML_MAIN_PARTS: dict[str, FileType] = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": FileType.DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": FileType.XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": FileType.PPTX,
}

ZIP_MAGIC = b"PK\x03\x04"
# Enough of a file's start to tell the types apart.
MAGIC_BYTES = 8


def type_from_magic(head: bytes) -> FileType | None:
    """The type a file's first bytes show, or None; a zip is answered by `ooxml_type`."""
    if head.startswith(b"%PDF-"):
        return FileType.PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileType.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return FileType.JPEG
    return None


def ooxml_type(content_types_xml: str) -> FileType | None:
    """Word, Excel or PowerPoint, from the package's declared main part; None for any other zip."""
    found = {kind for declared, kind in OOXML_MAIN_PARTS.items() if f'ContentType="{declared}"' in content_types_xml}
    # A package claiming two main parts is no document Office writes.
    return found.pop() if len(found) == 1 else None


def host_allowed(host: str, patterns: tuple[str, ...]) -> bool:
    """Whether a host is on the list: `*.sharepoint.com` covers every tenant's subdomain (not the
    bare domain), an entry without a star only itself. Compared in lower case, without a final dot."""
    host = host.lower().rstrip(".")
    return bool(host) and any(fnmatchcase(host, pattern.lower().strip()) for pattern in patterns if pattern.strip())


def require_size_within_limit(size: int) -> None:
    if size > MAX_DOCUMENT_BYTES:
        raise DomainError("document_too_large", limit=MAX_DOCUMENT_MB)


@dataclass(eq=False)
class Document:
    """One document of a case: a stored file, or a link to a file kept elsewhere (SharePoint)."""

    case_id: int
    number: int  # 1, 2, … within the case; kept when another is removed, so `fjern vedlegg … 2` stays true
    kind: DocumentKind
    title: str
    added_by_id: int
    added_at: datetime
    url: str | None = None  # a link's address
    file_id: int | None = None  # a stored file's bytes (storage's document_files)
    file_type: FileType | None = None
    size: int | None = None
    sha256: str | None = None
    removed_at: datetime | None = None
    removed_by_id: int | None = None
    id: int | None = None
    # Exempt from public access on its own (offentleglova), under this basis; None: public.
    exemption_basis: LegalBasis | None = None

    @property
    def removed(self) -> bool:
        return self.removed_at is not None

    def exempt(self, basis: LegalBasis) -> None:
        if self.exemption_basis is basis:
            raise DomainError("document_exemption_unchanged", number=self.number, basis=basis.value)
        self.exemption_basis = basis

    def lift_exemption(self) -> None:
        if self.exemption_basis is None:
            raise DomainError("document_not_exempt", number=self.number)
        self.exemption_basis = None

    def remove(self, by_id: int, at: datetime) -> None:
        """Takes the document off its case; the stored bytes stay until retention removes them."""
        if self.removed:
            raise DomainError("document_already_removed", number=self.number)
        self.removed_at = at
        self.removed_by_id = by_id

    def carried_to(self, case_id: int, number: int) -> Document:
        """The same document on the case this one's case was referred to: the body it goes to
        reads what the first one read. The stored bytes are shared, not copied."""
        return Document(
            case_id=case_id,
            number=number,
            kind=self.kind,
            title=self.title,
            added_by_id=self.added_by_id,
            added_at=self.added_at,
            url=self.url,
            file_id=self.file_id,
            file_type=self.file_type,
            size=self.size,
            sha256=self.sha256,
            exemption_basis=self.exemption_basis,  # what was withheld stays withheld where it goes
        )

    def snapshot(self) -> dict[str, object]:
        """What the audit log keeps of it: never the file's content, only what identifies it."""
        return {
            "number": self.number,
            "kind": self.kind.value,
            "title": self.title,
            "url": self.url,
            "file_type": self.file_type.value if self.file_type else None,
            "size": self.size,
            "sha256": self.sha256,
            "removed": self.removed,
            "exemption_basis": self.exemption_basis.value if self.exemption_basis else None,
        }


def may_change_documents(manages_body: bool, submitted_case: bool, case_in_queue: bool) -> bool:
    """The secretariat and the body's leader or secretary; the one who submitted the case while it
    waits in the queue, so a case can be sent in with its papers before it is set up."""
    return manages_body or (submitted_case and case_in_queue)
