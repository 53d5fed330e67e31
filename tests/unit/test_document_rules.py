"""The pure rules on documents: which hosts, which types (from the content), who may change them."""

from __future__ import annotations

import pytest

from governance.rules.documents import (
    DEFAULT_FILE_HOSTS,
    FileType,
    host_allowed,
    may_change_documents,
    ooxml_type,
    type_from_magic,
)


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("vestreviken.sharepoint.com", True),
        ("vestreviken-my.sharepoint.com", True),  # where a file sent in a personal chat lives
        ("VESTREVIKEN.SharePoint.com.", True),
        ("sharepoint.com", False),  # `*.` covers subdomains, not the bare domain
        ("sharepoint.com.evil.example", False),
        ("evilsharepoint.com", False),
        ("onedrive.live.com", True),
        ("x.onedrive.live.com", False),
        ("", False),
    ],
)
def test_hosts_are_matched_by_subdomain_pattern_or_exactly(host: str, allowed: bool) -> None:
    assert host_allowed(host, DEFAULT_FILE_HOSTS) is allowed


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n%", FileType.PDF),
        (b"\x89PNG\r\n\x1a\n", FileType.PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JF", FileType.JPEG),
        (b"MZ\x90\x00\x03\x00\x00\x00", None),  # a Windows program, whatever its name says
        (b"PK\x03\x04\x14\x00\x06\x00", None),  # a zip: told by its content types, not its start
        (b"", None),
    ],
)
def test_the_type_is_read_from_the_first_bytes(head: bytes, expected: FileType | None) -> None:
    assert type_from_magic(head) is expected


def content_types(*main_parts: str) -> str:
    overrides = "".join(f'<Override PartName="/p{i}.xml" ContentType="{part}"/>' for i, part in enumerate(main_parts))
    return f'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{overrides}</Types>'


def test_office_files_are_told_by_their_main_part_and_macro_files_are_not_taken() -> None:
    office = "application/vnd.openxmlformats-officedocument"
    assert ooxml_type(content_types(f"{office}.wordprocessingml.document.main+xml")) is FileType.DOCX
    assert ooxml_type(content_types(f"{office}.spreadsheetml.sheet.main+xml")) is FileType.XLSX
    assert ooxml_type(content_types(f"{office}.presentationml.presentation.main+xml")) is FileType.PPTX
    assert ooxml_type(content_types("application/vnd.ms-word.document.macroEnabled.main+xml")) is None
    assert ooxml_type(content_types()) is None
    both = content_types(f"{office}.wordprocessingml.document.main+xml", f"{office}.spreadsheetml.sheet.main+xml")
    assert ooxml_type(both) is None


@pytest.mark.parametrize(
    ("manages", "submitted", "queued", "allowed"),
    [
        (True, False, False, True),  # the secretariat, the leader or the secretary, always
        (False, True, True, True),  # the submitter while the case waits in the queue
        (False, True, False, False),  # … not once it is set up
        (False, False, True, False),  # another member only reads
    ],
)
def test_who_may_change_a_cases_documents(manages: bool, submitted: bool, queued: bool, allowed: bool) -> None:
    assert may_change_documents(manages, submitted, queued) is allowed
