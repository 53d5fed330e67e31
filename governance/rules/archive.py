"""The archive export's pure rules (Noark 5 arkivuttrekk): what kinds of record go out, which
removed documents still belong, and the systemID each gets. A systemID is derived, not stored first: uuid5 of a fixed namespace and the
record's kind and database id, so every export of the same record names it the same."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# Fixed for good: changing it would give every record a new systemID in the next export.
ARCHIVE_NAMESPACE = uuid.UUID("6f1f4d2e-3b7a-5c1e-9a51-6866626f7418")


class RecordKind(StrEnum):
    """What a record in the export is; the value is part of the systemID's name."""

    ARCHIVE = "arkiv"
    SERIES = "arkivdel"
    MEETING = "moete"
    NOTICE = "innkalling"
    CASE_PAPER = "saksframlegg"
    DOCUMENT = "vedlegg"
    MINUTES = "protokoll"
    DECISION = "vedtak"


def system_id(kind: RecordKind | str, record_id: int | str, part: str = "") -> str:
    """The record's systemID; `part` tells apart the dokumentbeskrivelse and dokumentobjekt of one
    record, which Noark 5 gives ids of their own."""
    name = f"hfbot:{kind}:{record_id}" + (f":{part}" if part else "")
    return str(uuid.uuid5(ARCHIVE_NAMESPACE, name))


def went_out_with_notice(added_at: datetime, removed_at: datetime | None, published_at: datetime | None) -> bool:
    """Whether a document since removed from its case was part of what the meeting's published
    agenda sent out (there on its case when the agenda was published, removed after): the members
    had it, so it belongs in the archive with the meeting. A current document is not this rule's
    business; one removed before the agenda went out was never part of the meeting."""
    if published_at is None or removed_at is None:
        return False
    return added_at <= published_at < removed_at


@dataclass(frozen=True)
class ExportMark:
    """One record as an export carried it; retention reads the latest mark of a record."""

    record_kind: str
    record_id: int
    system_id: str
    exported_at: datetime
    sha256: str | None = None
    id: int | None = None
