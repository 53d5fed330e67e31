"""Fetching a file a user sent the bot, and checking it, before any transaction opens.

Teams hands a file sent in a personal chat to the bot as a short-lived download link to the
sender's OneDrive. The file is read from there in chunks into a temporary file (so memory stays
bounded whatever its size) and hashed on a worker thread; its type is told from its content and
its text read for identity numbers in a child process (bot/file_inspect.py). Only a file that
passes is stored (governance/documents/documents.py `store_file`), and the turn attaches it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar
from urllib.parse import urljoin, urlsplit

import aiohttp

from governance.rules.documents import (
    MAX_DOCUMENT_BYTES,
    MAX_DOCUMENT_MB,
    FileType,
    host_allowed,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

# The attachment Teams adds to a message in a personal chat when the user sends a file.
FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
READ_CHUNK = 64 * 1024  # what one read from the network takes
WRITE_BATCH = 1024 * 1024  # what is gathered before one write (and hash update) off the loop
MAX_REDIRECTS = 5
DOWNLOAD_TIMEOUT_S = 120.0
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# One worker thread for every file's blocking disk work (writes and hashing, reading back): uploads at
# the same time queue for it, so their memory does not add up, and its buffers stay in one malloc
# arena instead of one per thread of the default pool.
FILE_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hfbot-files")


async def off_loop(function: Callable[..., T], *args: Any) -> T:
    """`function(*args)` on the file worker, so the event loop serves other turns meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(FILE_WORKER, function, *args)


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
        handle = await off_loop(_open_for_reading, self.path)
        try:
            while True:
                piece = await off_loop(handle.read, piece_size)
                if not piece:
                    return
                yield piece
        finally:
            await off_loop(handle.close)

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
            file_type = await inspect_in_child(path)
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
    handle = await off_loop(_open_for_writing, path)
    try:
        async for chunk in chunks:
            size += len(chunk)
            if size > MAX_DOCUMENT_BYTES:
                raise too_large()
            batch += chunk
            if len(batch) >= WRITE_BATCH:
                await off_loop(_write, handle, hasher, bytes(batch))
                batch.clear()
        if batch:
            await off_loop(_write, handle, hasher, bytes(batch))
    finally:
        await off_loop(handle.close)
    return size, hasher.hexdigest()


def _open_for_reading(path: Path) -> BinaryIO:
    return path.open("rb")  # closed by the caller, on the file worker too


def _open_for_writing(path: Path) -> BinaryIO:
    return path.open("wb")


def _write(handle: BinaryIO, hasher: hashlib._Hash, data: bytes) -> None:
    handle.write(data)
    hasher.update(data)


# Long enough for a 25 MB file of text on a busy machine; a parser still at work after this is
# taken to be stuck on a crafted file.
INSPECT_TIMEOUT_S = 60.0
PACKAGE_ROOT = Path(__file__).resolve().parents[1]


async def inspect_in_child(path: Path, timeout_s: float = INSPECT_TIMEOUT_S) -> FileType:
    """The file's type, after a child process read it (bot/file_inspect.py), or `FetchRefused`."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")])}
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.file_inspect",
        str(path),
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=environment,
    )
    try:
        output, errors = await asyncio.wait_for(child.communicate(), timeout_s)
    except TimeoutError:
        child.kill()
        await child.wait()
        log.info("document.inspect_timeout seconds=%g", timeout_s)
        raise FetchRefused("document_read_too_long") from None
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
    try:
        verdict = json.loads(output.decode("utf-8").strip().splitlines()[-1])
    except (ValueError, IndexError):
        log.warning("document.inspect_failed status=%s stderr_bytes=%d", child.returncode, len(errors))
        raise FetchRefused("document_download_failed") from None
    if "type" in verdict:
        return FileType(verdict["type"])
    if "error" in verdict:
        log.info("document.unreadable error=%s", verdict["error"])
    raise FetchRefused(
        str(verdict["refused"]), dict(verdict.get("params") or {}), identity_number=bool(verdict.get("identity_number"))
    )
