"""Retention with a fake clock (issue 18 part 4), on SQLite and PostgreSQL: `hfbot retention`
deletes what is past its class's period and counts it per class in the audit log; a detached
document that went out with a notice is kept until an arkivuttrekk has carried it, and the audit
says so; a dry run deletes nothing; failed messages, approved minutes and names stay."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter
from sqlalchemy import func, select, text

from bot.cli import main
from governance.access import Actor
from governance.approvals.minutes import minutes_of_meeting
from governance.archive.retention import run_retention
from governance.context import Context
from governance.ports import Unavailable
from governance.rules.clock import FixedClock
from governance.rules.documents import Document, DocumentKind, FileType
from governance.rules.model import (
    AgendaItem,
    ApprovalPolicy,
    AuditEvent,
    Case,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesApproval,
    MinutesStatus,
    Verdict,
)
from governance.rules.oslo_time import OSLO
from governance.rules.reminders import Delivery, DeliveryStatus
from governance.structure.structure_file import import_structure, parse_structure
from governance.views import MinutesView
from scheduler.clock import RelayClock
from scheduler.relay import Relay
from scheduler.retention_job import RetentionJob
from storage import orm
from storage.unit_of_work import SqlUnitOfWork
from tests.support.structure import MEMBER_AAD, test_structure

UoW = Callable[[], SqlUnitOfWork]
T0 = datetime(2027, 1, 11, 9, tzinfo=UTC)  # when everything below happened
CHANNEL = "19:ssu@thread.tacv2"


@dataclass(frozen=True)
class Built:
    sent_to_notice: int  # a document removed after the notice went out: belongs in the archive
    removed_from_queue: int  # removed from a case on no agenda: not a record
    superseded: int  # minutes version 1 of meeting A, drafted again
    approved_then_corrected: int  # minutes version 1 of meeting B, approved
    tien: int


async def _stored_file(uow: SqlUnitOfWork, at: datetime, data: bytes) -> int:
    file_id = await uow.document_files.begin(len(data), hashlib.sha256(data).hexdigest(), at)
    await uow.document_files.add_piece(file_id, 0, data)
    await uow.document_files.finish(file_id, 1)
    return file_id


async def _document(uow: SqlUnitOfWork, case_id: int, person_id: int, added: datetime, removed: datetime) -> int:
    data = f"Notat lagt til {added.isoformat()}".encode()
    document = Document(
        case_id,
        await uow.documents.next_number(case_id),
        DocumentKind.FILE,
        "Notat",
        person_id,
        added,
        file_id=await _stored_file(uow, added, data),
        file_type=FileType.PDF,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    document.removed_at, document.removed_by_id = removed, person_id
    document = await uow.documents.add(document)
    assert document.id is not None
    return document.id


async def _minutes(uow: SqlUnitOfWork, meeting: Meeting, number: int, status: MinutesStatus, at: datetime) -> Minutes:
    assert meeting.id is not None
    # As the bot drafts them: the live view, frozen (the export draws approved minutes from it).
    ctx = Context(uow=uow, clock=FixedClock(at), actor=Actor(None))
    content = TypeAdapter(MinutesView).dump_python(await minutes_of_meeting(ctx, meeting.id), mode="json")
    minutes = Minutes(meeting.id, meeting.body_id, number, content, 1, at, ApprovalPolicy.LEADER, status=status)
    minutes.approved_at = at if status is MinutesStatus.GODKJENT else None
    return await uow.minutes.add(minutes)


async def _build(unit_of_work: UoW) -> Built:
    """Everything at T0: messages, activity ids, refusals, minutes versions, documents, and a
    member who leaves every body."""
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(test_structure()), T0 - timedelta(days=30))
        await uow.commit()
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        dave = await uow.persons.by_email("dave@example.no")
        tien = await uow.persons.by_email("tien@example.no")
        assert body is not None and body.id is not None and dave is not None and dave.id is not None
        assert tien is not None and tien.id is not None
        await uow.deliveries.add_new(
            [
                Delivery("sent", body.id, CHANNEL, "Sendt", T0, T0, status=DeliveryStatus.SENT, sent_at=T0),
                Delivery("failed", body.id, CHANNEL, "Feilet", T0, T0, status=DeliveryStatus.FAILED, last_error="http_403"),
                Delivery("waiting", body.id, CHANNEL, "Venter", T0, T0 + timedelta(days=400)),
            ]
        )  # fmt: skip
        await uow.activities.claim("activity-at-t0", T0)
        for action in ("refused.decide", "privacy.identity_number_refused", "case.registered"):
            await uow.audit.add(AuditEvent(at=T0, action=action, subject="case:1", details={}))
        await uow.conversations.save(
            "a:personal-tien",
            {"user": {"aadObjectId": MEMBER_AAD}},
            conversation_type="personal",
            tenant_id=None,
            service_url="https://smba.example/",
            user_aad_object_id=MEMBER_AAD,
            at=T0,
        )

        on_agenda = await uow.cases.add(Case(body.id, 2027, 1, "Sak på sakslisten", dave.id, T0 - timedelta(days=20)))
        in_queue = await uow.cases.add(Case(body.id, 2027, 2, "Sak i køen", dave.id, T0 - timedelta(days=20)))
        assert on_agenda.id is not None and in_queue.id is not None
        meeting = Meeting(body.id, T0 - timedelta(days=3), None, "Tønsberg", MeetingStatus.AVHOLDT)
        meeting.published_at = T0 - timedelta(days=10)
        meeting.items.append(AgendaItem(position=1, case=on_agenda))
        meeting = await uow.meetings.add(meeting)
        other = await uow.meetings.add(Meeting(body.id, T0 - timedelta(days=40), None, None, MeetingStatus.AVHOLDT))
        await uow.flush()

        sent_to_notice = await _document(uow, on_agenda.id, dave.id, T0 - timedelta(days=12), T0)
        removed_from_queue = await _document(uow, in_queue.id, dave.id, T0 - timedelta(days=12), T0)
        await _stored_file(uow, T0, b"an upload whose turn failed")

        superseded = await _minutes(uow, meeting, 1, MinutesStatus.TIL_GODKJENNING, T0 - timedelta(days=2))
        assert superseded.id is not None
        await uow.flush()
        superseded.approvals.append(MinutesApproval(superseded.id, 1, dave.id, Verdict.AVVIST, T0 - timedelta(days=1)))
        await _minutes(uow, meeting, 2, MinutesStatus.TIL_GODKJENNING, T0)
        approved = await _minutes(uow, other, 1, MinutesStatus.GODKJENT, T0 - timedelta(days=30))
        await _minutes(uow, other, 2, MinutesStatus.TIL_GODKJENNING, T0)
        await uow.commit()
        assert approved.id is not None

    leaves = test_structure()
    for spec in leaves["bodies"]:
        spec["members"] = [m for m in spec.get("members", []) if m["email"] != "tien@example.no"]
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(leaves), T0)
        await uow.commit()
    return Built(sent_to_notice, removed_from_queue, superseded.id, approved.id, tien.id)


async def _scalar(unit_of_work: UoW, statement: Any) -> Any:
    async with unit_of_work() as uow:
        return await uow.session.scalar(statement)


async def _state(unit_of_work: UoW, built: Built) -> dict[str, Any]:
    """What a user or an operator could see is left."""
    documents = orm.documents.c
    async with unit_of_work() as uow:
        session = uow.session
        tien = await uow.persons.by_ids([built.tien])
        return {
            "messages": sorted(await session.scalars(select(orm.deliveries.c.key))),
            "activity ids": await session.scalar(select(func.count()).select_from(orm.processed_activities)),
            "refusals": sorted(
                await session.scalars(
                    select(orm.audit_events.c.action).where(
                        orm.audit_events.c.action.in_(["refused.decide", "privacy.identity_number_refused"])
                    )
                )
            ),
            "minutes": sorted(await session.scalars(select(orm.minutes.c.id))),
            "verdicts": await session.scalar(select(func.count()).select_from(orm.minutes_approvals)),
            "files of": sorted(await session.scalars(select(documents.id).where(documents.file_id.is_not(None)))),
            "stored files": await session.scalar(select(func.count()).select_from(orm.document_files)),
            "tien": (tien[built.tien].name, tien[built.tien].email, tien[built.tien].aad_object_id),
            "tien's chat": await session.scalar(
                select(func.count())
                .select_from(orm.conversation_references)
                .where(orm.conversation_references.c.user_aad_object_id == MEMBER_AAD)
            ),
        }


async def _runs(unit_of_work: UoW) -> list[dict[str, Any]]:
    async with unit_of_work() as uow:
        rows = await uow.session.execute(
            text("SELECT details FROM audit_events WHERE action = 'retention.run' ORDER BY id")
        )
        return [row[0] if isinstance(row[0], dict) else json.loads(row[0]) for row in rows]


def _run_cli(clock_file: Path, at: datetime, *args: str) -> int:
    clock_file.write_text(at.isoformat(), encoding="utf-8")
    return main(["retention", *args])


@pytest.fixture
def cli_clock(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`hfbot retention` on the test database, reading the time from a file (dev mode only)."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("HFBOT_DEV_NO_AUTH", "1")
    clock_file = tmp_path / "clock"
    monkeypatch.setenv("HFBOT_CLOCK_FILE", str(clock_file))
    return clock_file


async def test_what_is_due_goes_what_the_archive_still_needs_stays_and_the_log_counts_both(
    unit_of_work: UoW, cli_clock: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = await _build(unit_of_work)
    start = await _state(unit_of_work, built)
    assert start["files of"] == [built.sent_to_notice, built.removed_from_queue]
    assert start["tien"] == ("Tien Medlem", "tien@example.no", MEMBER_AAD)

    # Two days on: only the upload never attached (1 day) is due.
    assert await asyncio.to_thread(_run_cli, cli_clock, T0 + timedelta(days=2)) == 0
    out = capsys.readouterr().out
    assert "Opplastinger uten vedlegg (uploads never attached)" in out
    after_two_days = await _state(unit_of_work, built)
    assert after_two_days["stored files"] == start["stored files"] - 1
    assert {k: v for k, v in after_two_days.items() if k != "stored files"} == {
        k: v for k, v in start.items() if k != "stored files"
    }

    # 100 days on, a dry run says what would go and deletes nothing, nor logs a run.
    later = T0 + timedelta(days=100)
    assert await asyncio.to_thread(_run_cli, cli_clock, later, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "Prøvekjøring, ingenting er slettet (dry run, nothing deleted)" in out
    assert await _state(unit_of_work, built) == after_two_days
    assert len(await _runs(unit_of_work)) == 1

    # The run itself: sent messages, activity ids, the superseded draft with its verdict, the
    # bytes of the document that was no record. Kept: the failed and the waiting message, the
    # approved version, the document the notice carried (not exported yet), refusals (12 months)
    # and Tien's contact ids (6 months).
    assert await asyncio.to_thread(_run_cli, cli_clock, later) == 0
    out = capsys.readouterr().out
    assert "Beholdt til de er arkivert (kept until exported): Filer til fjernede vedlegg" in out
    state = await _state(unit_of_work, built)
    assert state["messages"] == ["failed", "waiting"]
    assert state["activity ids"] == 0
    assert built.superseded not in state["minutes"] and built.approved_then_corrected in state["minutes"]
    assert len(state["minutes"]) == 3 and state["verdicts"] == 0
    assert state["files of"] == [built.sent_to_notice]
    assert state["refusals"] == ["privacy.identity_number_refused", "refused.decide"]
    assert state["tien"] == start["tien"]
    run = (await _runs(unit_of_work))[-1]
    assert run["deleted"] == {
        "sent_messages": 1,
        "activity_ids": 1,
        "refused_input": 0,
        "superseded_drafts": 1,
        "detached_documents": 1,
        "unattached_uploads": 0,
        "former_members": 0,
    }
    assert run["kept_until_exported"] == {"detached_documents": 1}
    assert run["documents_kept"] == [built.sent_to_notice]

    # Once an arkivuttrekk has carried it, the document's bytes may go; 13 months on the
    # refusals and Tien's contact ids go too, and his name stays.
    assert await asyncio.to_thread(main, ["archive", "export", "--body", "SSU", str(cli_clock.parent / "uttrekk")]) == 0
    capsys.readouterr()
    assert await asyncio.to_thread(_run_cli, cli_clock, T0 + timedelta(days=400)) == 0
    state = await _state(unit_of_work, built)
    assert state["files of"] == [] and state["refusals"] == []
    assert state["tien"] == ("Tien Medlem", f"fratradt-{built.tien}@fratradt.invalid", None)
    assert state["tien's chat"] == 0
    assert (
        await _scalar(
            unit_of_work,
            select(func.count()).select_from(orm.audit_events).where(orm.audit_events.c.action == "case.registered"),
        )
        == 1
    )
    run = (await _runs(unit_of_work))[-1]
    assert run["deleted"]["detached_documents"] == 1 and run["deleted"]["refused_input"] == 2
    assert run["deleted"]["former_members"] == 1 and run["contact_removed"] == [built.tien]
    assert run["kept_until_exported"] == {"detached_documents": 0}
    # A later export still describes the document; its file has gone with retention.
    assert await asyncio.to_thread(main, ["archive", "export", "--body", "SSU", str(cli_clock.parent / "igjen")]) == 0
    assert "0 nye" in capsys.readouterr().out


async def test_the_structure_files_retention_lengthens_or_shortens_a_class(unit_of_work: UoW) -> None:
    built = await _build(unit_of_work)
    longer = test_structure() | {"retention": {"sent_messages_days": 200, "activity_ids_days": 5}}
    longer["bodies"] = [
        spec | {"members": [m for m in spec.get("members", []) if m["email"] != "tien@example.no"]}
        for spec in longer["bodies"]
    ]
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(longer), T0)
        await uow.commit()
    report = await run_retention(unit_of_work, T0 + timedelta(days=100))
    state = await _state(unit_of_work, built)
    assert "sent" in state["messages"]  # 200 days
    assert state["activity ids"] == 0  # 5 days
    assert report.policy.as_file()["sent_messages_days"] == 200


class _NoSends:
    async def send(self, reference: dict[str, Any], delivery: Delivery) -> str:
        raise AssertionError("nothing is due in this test")


async def test_the_relays_clock_runs_retention_each_night_at_the_set_oslo_time(unit_of_work: UoW) -> None:
    built = await _build(unit_of_work)
    clock = FixedClock(T0 + timedelta(days=100))
    job = RetentionJob(unit_of_work, clock)
    relay_clock = RelayClock(Relay(unit_of_work, clock, _NoSends(), owner="test"), 3600, job, (4, 15))
    relay_clock.start()
    try:
        next_run = relay_clock.next_run_at("retention")
    finally:
        await relay_clock.stop()
    assert next_run is not None and next_run - datetime.now(UTC) <= timedelta(days=1)
    assert (next_run.astimezone(OSLO).hour, next_run.astimezone(OSLO).minute) == (4, 15)

    # What the job runs: the retention, audited; a database that is away is logged and retried tomorrow.
    # a sent message, an activity id, a superseded draft, a document's file, the failed upload
    assert await job.run() == 5
    assert job.state.last_error is None and (await _state(unit_of_work, built))["messages"] == ["failed", "waiting"]

    def away() -> SqlUnitOfWork:
        raise Unavailable("the database is away")

    broken = RetentionJob(away, clock)
    assert await broken.run() == 0 and broken.state.last_error == "Unavailable"
