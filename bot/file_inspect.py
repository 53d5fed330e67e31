"""Reading a downloaded file: its type told from its content, and its text searched for identity
numbers.

Run in a child process of its own for each file (`python -m bot.file_inspect <path>`, started by
bot/file_fetch.py): parsing a 25 MB PDF takes memory of about the file's size and CPU that would
otherwise compete with the server's turns for the interpreter, and a file crafted to make a parser
run forever is ended by a timeout instead of holding the server. The child prints one JSON line:
`{"type": "pdf"}`, or `{"refused": <text code>, "params": {...}, "identity_number": <bool>}`.
It never prints the file's text or the number it found.
"""

from __future__ import annotations

import json
import os
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from governance.rules.documents import (
    MAGIC_BYTES,
    MAX_DOCUMENT_MB,
    ZIP_MAGIC,
    FileType,
    ooxml_type,
    type_from_magic,
)
from governance.rules.privacy import contains_identity_number

ACCEPTED_TYPES = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), PNG, JPEG"
# [Content_Types].xml of a real Office file is a few kilobytes; a huge one is no Office file.
MAX_CONTENT_TYPES_BYTES = 1024 * 1024


def inspect(path: Path) -> dict[str, Any]:
    """What the parent is told about the file (see the module's docstring); never raises."""
    try:
        with path.open("rb") as handle:
            head = handle.read(MAGIC_BYTES)
    except OSError:
        return {"refused": "document_download_failed", "params": {}, "identity_number": False}
    file_type = type_from_magic(head) or (_zip_type(path) if head.startswith(ZIP_MAGIC) else None)
    if file_type is None:
        params = {"types": ACCEPTED_TYPES, "limit": MAX_DOCUMENT_MB}
        return {"refused": "document_type_refused", "params": params, "identity_number": False}
    try:
        for text in _texts(path, file_type):
            if contains_identity_number(text):
                return {"refused": "document_identity_number", "params": {}, "identity_number": True}
    except Exception as error:  # a damaged file cannot be read, so it cannot be vouched for
        params = {"type": file_type.value.upper()}
        return {
            "refused": "document_unreadable",
            "params": params,
            "identity_number": False,
            "error": type(error).__name__,
        }
    return {"type": file_type.value}


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

        # Given the open file, not its name: with a name pypdf reads the whole file into memory.
        with path.open("rb") as handle:
            reader = PdfReader(handle)
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


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m bot.file_inspect <path>", file=sys.stderr)
        return 2
    # The lowest CPU priority: on a small machine the server's turns come first, and reading a
    # file that has just arrived can wait some milliseconds.
    os.nice(19)
    print(json.dumps(inspect(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
