"""Fetching a file a user sent the bot, and checking it, before any transaction opens.

Teams hands a file sent in a personal chat to the bot as a short-lived download link to the
sender's OneDrive. The file is read from there in chunks into a temporary file (so memory stays
bounded whatever its size), hashed, its type told from its content and its text read for identity
numbers, all off the event loop; only a file that passes is stored, by the turn's transaction.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import tempfile
import zipfile
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import aiohttp

from governance.rules.documents import (
    MAGIC_BYTES,
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENT_MB,
    ZIP_MAGIC,
    FileType,
    host_allowed,
    ooxml_type,
    type_from_magic,
)
from governance.rules.privacy import contains_identity_number

log = logging.getLogger(__name__)

# The attachment Teams adds to a message in a personal chat when the user sends a file.
FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
READ_CHUNK = 64 * 1024  # what one read from the network takes
WRITE_BATCH = 1024 * 1024  # what is gathered before one write (and hash update) off the loop
MAX_REDIRECTS = 5
DOWNLOAD_TIMEOUT_S = 120.0
# [Content_Types].xml of a real Office file is a few kilobytes; a huge one is no Office file.
MAX_CONTENT_TYPES_BYTES = 1024 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPTED_TYPES = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG"


@dataclass(frozen=True)
class IncomingFile:
    """A file attached to a message: its name as the user sees it and where to fetch it."""

    name: str
    download_url: str


class FetchRefused(Exception):
    """Why a file is not taken: a text code of cards/texts.py and its parameters."""

    def __init__(self, code: str, params: dict[str, object] | None = None, *, identity_number: bool = False) -> None:
        super().__init__(code)
        self.code = code
        self.params = params or {}
        self.identity_number = identity_number  # refused as personal data: audited like such a chat message


@dataclass
class SpooledFile:
    """A checked file on local disk, read back in pieces by the storage (the `StagedFile` port)."""

    path: Path
    size: int
    sha256: str
    file_type: FileType
    name: str

    async def pieces(self, piece_size: int) -> AsyncIterator[bytes]:
        handle = await asyncio.to_thread(self.path.open, "rb")
        try:
            while True:
                piece = await asyncio.to_thread(handle.read, piece_size)
                if not piece:
                    return
                yield piece
        finally:
            await asyncio.to_thread(handle.close)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def too_large() -> FetchRefused:
    return FetchRefused("document_too_large", {"limit": MAX_DOCUMENT_MB})


class FileFetcher:
    def __init__(self, hosts: tuple[str, ...], allow_http: bool, timeout_s: float = DOWNLOAD_TIMEOUT_S) -> None:
        self._hosts = hosts
        self._allow_http = allow_http  # local development only: the tests' file server speaks http
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)

    def check_address(self, url: str) -> None:
        """Only https (http in local development) and only the listed hosts, at every hop."""
        parts = urlsplit(url)
        schemes = ("https", "http") if self._allow_http else ("https",)
        if parts.scheme.lower() not in schemes or not parts.hostname:
            raise FetchRefused("document_download_refused", {"hosts": ", ".join(self._hosts)})
        if not host_allowed(parts.hostname, self._hosts):
            raise FetchRefused("document_host_refused", {"host": parts.hostname, "hosts": ", ".join(self._hosts)})

    async def fetch(self, incoming: IncomingFile) -> SpooledFile:
        """The file downloaded and checked, or `FetchRefused` saying why not; nothing is left on
        disk when it is refused."""
        descriptor, name = tempfile.mkstemp(prefix="hfbot-upload-")
        os.close(descriptor)
        path = Path(name)
        try:
            size, digest = await self._download(incoming.download_url, path)
            file_type = await asyncio.to_thread(inspect_file, path)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        log.info("document.fetched size=%d type=%s", size, file_type.value)  # never the name or the link
        return SpooledFile(path, size, digest, file_type, incoming.name)

    async def _download(self, url: str, path: Path) -> tuple[int, str]:
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            for _ in range(MAX_REDIRECTS + 1):
                self.check_address(url)
                try:
                    async with session.get(url, allow_redirects=False) as response:
                        if response.status in REDIRECTS and "Location" in response.headers:
                            # Followed by hand, so every hop passes the same host check.
                            url = urljoin(url, response.headers["Location"])
                            continue
                        if response.status != 200:
                            log.info("document.fetch_failed status=%d", response.status)
                            raise FetchRefused("document_download_failed")
                        if response.content_length is not None and response.content_length > MAX_DOCUMENT_BYTES:
                            raise too_large()
                        return await _spool(response.content.iter_chunked(READ_CHUNK), path)
                except (aiohttp.ClientError, TimeoutError) as error:
                    log.info("document.fetch_failed error=%s", type(error).__name__)
                    raise FetchRefused("document_download_failed") from None
        raise FetchRefused("document_download_failed")


async def _spool(chunks: AsyncIterator[bytes], path: Path) -> tuple[int, str]:
    """Writes the body to `path` as it arrives, stopping as soon as it passes the limit (whatever
    Content-Length said); the writes and the hashing run off the event loop, a megabyte at a time."""
    hasher = hashlib.sha256()
    size = 0
    batch = bytearray()
    handle: BinaryIO = await asyncio.to_thread(path.open, "wb")
    try:
        async for chunk in chunks:
            size += len(chunk)
            if size > MAX_DOCUMENT_BYTES:
                raise too_large()
            batch += chunk
            if len(batch) >= WRITE_BATCH:
                await asyncio.to_thread(_write, handle, hasher, bytes(batch))
                batch.clear()
        if batch:
            await asyncio.to_thread(_write, handle, hasher, bytes(batch))
    finally:
        await asyncio.to_thread(handle.close)
    return size, hasher.hexdigest()


def _write(handle: BinaryIO, hasher: hashlib._Hash, data: bytes) -> None:
    handle.write(data)
    hasher.update(data)


def inspect_file(path: Path) -> FileType:
    """The file's type from its content, after its text was searched for identity numbers.
    Blocking: called in a worker thread."""
    with path.open("rb") as handle:
        head = handle.read(MAGIC_BYTES)
    file_type = type_from_magic(head) or (_zip_type(path) if head.startswith(ZIP_MAGIC) else None)
    if file_type is None:
        raise FetchRefused("document_type_refused", {"types": ACCEPTED_TYPES, "limit": MAX_DOCUMENT_MB})
    try:
        for text in _texts(path, file_type):
            if contains_identity_number(text):
                raise FetchRefused("document_identity_number", identity_number=True)
    except FetchRefused:
        raise
    except Exception as error:  # a damaged file cannot be read, so it cannot be vouched for
        log.info("document.unreadable type=%s error=%s", file_type.value, type(error).__name__)
        raise FetchRefused("document_unreadable", {"type": file_type.value.upper()}) from None
    return file_type


def _zip_type(path: Path) -> FileType | None:
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            return ooxml_type(package.read(info).decode("utf-8", errors="replace"))
    except (zipfile.BadZipFile, KeyError, OSError):
        return None


def _texts(path: Path, file_type: FileType) -> Iterator[str]:
    """The file's text in pieces (a page, a paragraph, a row), so a long file is never one string.
    Images and presentations carry no text read here."""
    if file_type is FileType.PDF:
        from pypdf import PdfReader

        reader = PdfReader(path)
        for page in reader.pages:
            yield page.extract_text() or ""
        info = reader.metadata
        if info is not None:
            yield " ".join(str(value) for value in info.values())
    elif file_type is FileType.DOCX:
        import docx

        document = docx.Document(str(path))
        for paragraph in document.paragraphs:
            yield paragraph.text
        for table in document.tables:
            for row in table.rows:
                yield " ".join(cell.text for cell in row.cells)
        for section in document.sections:
            for part in (section.header, section.footer):
                for paragraph in part.paragraphs:
                    yield paragraph.text
    elif file_type is FileType.XLSX:
        from openpyxl import load_workbook

        # Given the open file, not its name: openpyxl judges a name by its ending, and ours has none.
        with path.open("rb") as handle:
            workbook = load_workbook(handle, read_only=True, data_only=True)
            try:
                for sheet in workbook.worksheets:
                    for row in sheet.iter_rows(values_only=True):
                        yield " ".join(str(value) for value in row if value is not None)
            finally:
                workbook.close()
