"""`hfbot audit export` and `hfbot access-review`: the audit log and the access review for the IT
department, read straight from the database by the operator who runs the command.

The export streams: it reads the log a page at a time, each page in a short transaction of its
own, and writes each line as it goes, so a year's log never sits in memory whole. The log holds
no message text, tokens or query parameters, and neither does the export.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import TextIO

from cards.access_review import access_csv, access_text
from governance.ports import UnitOfWorkFactory
from governance.rules.oslo_time import oslo_day_bounds
from governance.structure.access_review import review_of
from governance.views import AuditLine

EXPORT_PAGE = 500  # events per read: a page's transaction stays short
EXPORT_COLUMNS = ("at", "actor_person_id", "actor_name", "action", "subject", "body", "details")
_NORWEGIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


class BadDate(ValueError):
    """A --since or --until that is no date; the message says what to write instead."""


def parse_day(option: str, value: str) -> date:
    """A day as Norwegians write it (31.12.2026) or as ISO (2026-12-31)."""
    found = _NORWEGIAN_DATE.fullmatch(value.strip())
    try:
        if found:
            return date(int(found[3]), int(found[2]), int(found[1]))
        return date.fromisoformat(value.strip())
    except ValueError:
        raise BadDate(f"{option}: {value!r} is not a date (write it as 31.12.2026 or 2026-12-31)") from None


def export_window(since: date, until: date | None) -> tuple[datetime, datetime | None]:
    """From the start of `since` to the end of `until` (inclusive), both Oslo days, in UTC."""
    start = oslo_day_bounds(since)[0]
    return start, oslo_day_bounds(until)[1] if until is not None else None


def _row(line: AuditLine) -> dict[str, object]:
    body = line.details.get("body")
    subject = line.subject or ""
    if not isinstance(body, str) and subject.startswith("body:") and not subject.removeprefix("body:").isdigit():
        body = subject.removeprefix("body:")  # the structure import names a body by its key
    return {
        "at": line.at.isoformat(),
        "actor_person_id": line.actor_id,
        "actor_name": line.actor,
        "action": line.action,
        "subject": line.subject,
        "body": body if isinstance(body, str) else None,
        "details": json.dumps(line.details, ensure_ascii=False, sort_keys=True, default=str),
    }


async def export_audit(
    unit_of_work: UnitOfWorkFactory, out: TextIO, since: datetime, until: datetime | None, file_format: str
) -> int:
    """Writes the log between `since` and `until` oldest first; returns how many events."""
    write: Callable[[dict[str, object]], None]
    if file_format == "csv":
        writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        write = writer.writerow
    else:

        def write(row: dict[str, object]) -> None:
            # In JSON Lines the details are an object, not a string holding one.
            out.write(json.dumps({**row, "details": json.loads(str(row["details"]))}, ensure_ascii=False) + "\n")

    after: int | None = None
    written = 0
    while True:
        async with unit_of_work() as uow:
            page = await uow.read_models.audit_events(since, until, after, EXPORT_PAGE)
        for line in page:
            write(_row(line))
        written += len(page)
        if len(page) < EXPORT_PAGE:
            return written
        after = page[-1].id


async def access_review_report(unit_of_work: UnitOfWorkFactory, now: datetime, file_format: str) -> str:
    """Every body's access review, as text (bokmål, as the chat shows it) or CSV."""
    async with unit_of_work() as uow:
        review = await review_of(uow, await uow.bodies.all(), now)
    return access_csv(review) if file_format == "csv" else access_text(review, "nb")
