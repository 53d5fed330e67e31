"""The relay as separate `hfbot relay` processes against the real database and a fake Bot
Connector: killed (SIGKILL) between claiming and sending and between sending and recording, and
two of them sharing a PostgreSQL database through a simulated year."""

from __future__ import annotations

import asyncio
import math
import re
import signal
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy import select

from governance.meetings import schedule
from governance.plans.plan_import import import_plan, parse_plan
from governance.rules.clock import FixedClock, SystemClock
from governance.rules.reminders import Delivery, DeliveryStatus, Reminder, ReminderStatus
from governance.structure import bodies
from storage.unit_of_work import SqlUnitOfWork
from tests.conftest import on_postgres
from tests.integration.helpers import run_as
from tests.support.fake_connector import FakeConnector
from tests.support.relay_process import relay_process
from tests.support.structure import MEMBER_AAD, SECRETARIAT_AAD

pytestmark = pytest.mark.usefixtures("structure")

UoW = Callable[[], SqlUnitOfWork]
CHANNEL = "19:ssu-processes@thread.tacv2"
TIEN_CHAT = "a:tien-processes"


@pytest.fixture
async def connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    fake = FakeConnector()
    server = TestServer(fake.app(), host="127.0.0.1")
    await server.start_server()
    yield fake, str(server.make_url("")).rstrip("/")
    await server.close()


async def store_references(unit_of_work: UoW, connector_url: str, at: datetime) -> None:
    async with unit_of_work() as uow:
        for conversation_id, kind, aad in ((CHANNEL, "channel", None), (TIEN_CHAT, "personal", MEMBER_AAD)):
            reference = {"conversation": {"id": conversation_id}, "serviceUrl": connector_url, "channelId": "msteams"}
            await uow.conversations.save(
                conversation_id, reference, conversation_type=kind, tenant_id=None,
                service_url=connector_url, user_aad_object_id=aad, at=at,
            )  # fmt: skip
        await uow.commit()


async def due_messages(unit_of_work: UoW, count: int) -> None:
    """`count` messages for the channel, due now (as a reminder's expansion stores them)."""
    now = datetime.now(UTC) - timedelta(seconds=1)
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        await uow.deliveries.add_new(
            [Delivery(f"test:{n}", body.id, CHANNEL, f"Påminnelse {n}", now, now) for n in range(count)]
        )
        await uow.commit()


async def statuses(unit_of_work: UoW) -> dict[str, DeliveryStatus]:
    async with unit_of_work() as uow:
        return {d.key: d.status for d in await uow.session.scalars(select(Delivery).order_by(Delivery.id))}


async def test_a_relay_killed_after_claiming_loses_nothing(
    unit_of_work: UoW, database_url: str, connector: tuple[FakeConnector, str], tmp_path: Path
) -> None:
    fake, url = connector
    await store_references(unit_of_work, url, datetime.now(UTC))
    await due_messages(unit_of_work, 3)

    killed = await relay_process(database_url, tmp_path / "killed.log", "--once", HFBOT_RELAY_FAILPOINT="claimed")
    assert await killed.wait() == -signal.SIGKILL
    assert set((await statuses(unit_of_work)).values()) == {DeliveryStatus.CLAIMED}
    assert fake.sent == []

    await asyncio.sleep(1.2)  # the dead relay's lease runs out
    survivor = await relay_process(database_url, tmp_path / "survivor.log", "--once")
    assert await survivor.wait() == 0

    assert sorted(sent.text for sent in fake.sent) == ["Påminnelse 0", "Påminnelse 1", "Påminnelse 2"]
    assert set((await statuses(unit_of_work)).values()) == {DeliveryStatus.SENT}


async def test_a_relay_killed_after_sending_sends_nothing_twice_and_the_secretariat_is_told(
    unit_of_work: UoW, database_url: str, connector: tuple[FakeConnector, str], tmp_path: Path, clock: FixedClock
) -> None:
    fake, url = connector
    await store_references(unit_of_work, url, datetime.now(UTC))
    await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: bodies.link_conversation(ctx, "SSU"), CHANNEL)
    await due_messages(unit_of_work, 3)

    killed = await relay_process(database_url, tmp_path / "killed.log", "--once", HFBOT_RELAY_FAILPOINT="sent")
    assert await killed.wait() == -signal.SIGKILL
    assert len(fake.sent) == 3  # the connector took all three; the relay died before recording it
    assert set((await statuses(unit_of_work)).values()) == {DeliveryStatus.SENDING}

    await asyncio.sleep(1.2)
    survivor = await relay_process(database_url, tmp_path / "survivor.log", "--once")
    assert await survivor.wait() == 0

    found = await statuses(unit_of_work)
    assert [found[f"test:{n}"] for n in range(3)] == [DeliveryStatus.UNCERTAIN] * 3
    originals = [sent.text for sent in fake.sent if sent.text.startswith("Påminnelse")]
    assert sorted(originals) == ["Påminnelse 0", "Påminnelse 1", "Påminnelse 2"]  # each once
    notices = [sent for sent in fake.sent if "kan ha gått tapt" in sent.text]
    assert len(notices) == 3


# --- two processes through a year ----------------------------------------------------------------

MEETING_DAYS = [date(2027, 1, 19), date(2027, 3, 2), date(2027, 4, 13), date(2027, 5, 25),
                date(2027, 6, 15), date(2027, 9, 7), date(2027, 10, 19), date(2027, 11, 30)]  # fmt: skip
START = datetime(2027, 1, 1, 7, 30, tzinfo=UTC)


def year_plan() -> dict[str, Any]:
    owners = ["tien@example.no", "lise@example.no", "LSU", "Kommunene"]
    return {
        "year": 2027,
        "owner": "SSU",
        "areas": [
            {
                "number": area,
                "title": f"Satsningsområde {area}",
                "measures": [
                    {
                        "number": f"{area}.{m}",
                        "title": f"Tiltak {area}.{m}",
                        "status": "pågående",
                        "owner": owners[(area + m) % len(owners)],
                        "due": (date(2027, 1, 20) + timedelta(days=8 * ((area - 1) * 8 + m - 1))).isoformat(),
                    }
                    for m in range(1, 9)
                ],
            }
            for area in range(1, 6)
        ],
    }


async def settled(unit_of_work: UoW, now: datetime) -> bool:
    """Nothing due is left: every reminder due has been handled, every message due has gone out."""
    async with unit_of_work() as uow:
        open_reminder = await uow.session.scalar(
            select(Reminder.id).where(Reminder.status == ReminderStatus.PLANNED, Reminder.due_at <= now).limit(1)
        )
        busy = await uow.session.scalar(
            select(Delivery.id)
            .where(
                (Delivery.status.in_([DeliveryStatus.CLAIMED, DeliveryStatus.SENDING]))
                | ((Delivery.status == DeliveryStatus.PENDING) & (Delivery.next_attempt_at <= now))
            )
            .limit(1)
        )
    return open_reminder is None and busy is None


def set_clock(clock_file: Path, now: datetime) -> None:
    """Moves the relays' shared clock in one step: written beside it and renamed over it, so a relay
    never reads a half-written (empty) file."""
    ahead = clock_file.with_suffix(".next")
    ahead.write_text(now.isoformat())
    ahead.replace(clock_file)


@pytest.mark.skipif(not on_postgres(), reason="several relay processes share one database on PostgreSQL only")
async def test_two_relay_processes_send_every_reminder_of_a_year_exactly_once(
    unit_of_work: UoW, database_url: str, connector: tuple[FakeConnector, str], tmp_path: Path
) -> None:
    fake, url = connector
    clock = FixedClock(datetime(2026, 12, 28, 9, 0, tzinfo=UTC))
    clock_file = tmp_path / "now.txt"
    set_clock(clock_file, clock.now())
    await store_references(unit_of_work, url, clock.now())
    await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: bodies.link_conversation(ctx, "SSU"), CHANNEL)
    for day in MEETING_DAYS:
        await run_as(
            unit_of_work,
            clock,
            SECRETARIAT_AAD,
            lambda ctx, day=day: schedule.plan_meeting(ctx, "SSU", day, time(9), None, None),
        )
    async with unit_of_work() as uow:
        await import_plan(uow, parse_plan(year_plan()), clock.now())
        await uow.commit()

    logs = [tmp_path / "relay-a.log", tmp_path / "relay-b.log"]
    # The year's messages are counted at its end, so none may be pruned before.
    env = {"HFBOT_CLOCK_FILE": str(clock_file), "HFBOT_RELAY_INTERVAL": "0.05", "HFBOT_RETENTION_AT": ""}
    processes = [await relay_process(database_url, log, **env) for log in logs]
    try:
        now = START
        while now.year == 2027:
            set_clock(clock_file, now)
            await asyncio.sleep(0.12)  # both relays make at least one pass at the new time
            # The first day also waits for both processes to start (slow on a busy machine).
            for _ in range(1200 if now == START else 200):
                if await settled(unit_of_work, now):
                    break
                await asyncio.sleep(0.05)
            else:
                pytest.fail(f"not settled at {now}")
            now += timedelta(days=1)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
            await process.wait()

    async with unit_of_work() as uow:
        reminders = list(await uow.session.scalars(select(Reminder)))
        sent = list(await uow.session.scalars(select(Delivery).where(Delivery.status == DeliveryStatus.SENT)))
        other = list(await uow.session.scalars(select(Delivery).where(Delivery.status != DeliveryStatus.SENT)))
        uow.session.expunge_all()  # read as they stand, after the transaction
    kinds = {
        kind: sum(1 for r in reminders if r.kind.value == kind)
        for kind in ("case_deadline", "agenda", "meeting_eve", "measure_due")
    }
    assert kinds == {"case_deadline": 8, "agenda": 8, "meeting_eve": 8, "measure_due": 40}
    assert all(r.status is not ReminderStatus.PLANNED for r in reminders if r.due_at < now)  # none missed
    assert other == []
    assert len(fake.sent) == len(sent)  # the connector got each message once: no message twice
    assert len({d.activity_id for d in sent}) == len(sent)
    # Both took a share, as each one's run summaries say.
    assert [re.search(r"relay\.run sent=[1-9]", log.read_text()) is not None for log in logs] == [True, True]


# --- two processes, one pace and one tenant budget (issue 15, item 5) ------------------------------

PACE_S = 0.25
TENANT_RATE = 8
RATED_CHATS = [f"a:rated-{n}" for n in range(5)]


@pytest.mark.skipif(not on_postgres(), reason="several relay processes share one database on PostgreSQL only")
async def test_two_relay_processes_keep_each_conversations_pace_and_the_tenants_rate_together(
    unit_of_work: UoW, database_url: str, tmp_path: Path
) -> None:
    fake = FakeConnector(clock=SystemClock())  # stamps arrivals with the real time, as the relays see it
    server = TestServer(fake.app(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("")).rstrip("/")
    now = datetime.now(UTC)
    async with unit_of_work() as uow:
        for conversation_id in RATED_CHATS:
            reference = {"conversation": {"id": conversation_id}, "serviceUrl": url, "channelId": "msteams"}
            await uow.conversations.save(
                conversation_id, reference, conversation_type="personal", tenant_id="tenant-a",
                service_url=url, user_aad_object_id=None, at=now,
            )  # fmt: skip
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        await uow.deliveries.add_new(
            [Delivery(f"test:{n}", body.id, RATED_CHATS[n % 5], f"Melding {n}", now, now) for n in range(200)]
        )
        await uow.commit()

    logs = [tmp_path / "relay-a.log", tmp_path / "relay-b.log"]
    env = {
        "HFBOT_RELAY_INTERVAL": "0.05",
        "HFBOT_RELAY_PACE": str(PACE_S),
        "HFBOT_RELAY_TENANT_RATE": str(TENANT_RATE),
        "HFBOT_RELAY_LEASE": "30",
    }
    processes = [await relay_process(database_url, log, **env) for log in logs]
    try:
        async with asyncio.timeout(180):  # about 25 s of sending, and two slow process starts
            while set((await statuses(unit_of_work)).values()) != {DeliveryStatus.SENT}:
                await asyncio.sleep(0.2)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
            await process.wait()
        await server.close()

    assert sorted(int(sent.text.split()[1]) for sent in fake.sent) == list(range(200))  # each once
    for conversation_id in RATED_CHATS:
        arrivals = [sent.at for sent in fake.to(conversation_id) if sent.at is not None]
        gaps = [(later - earlier).total_seconds() for earlier, later in zip(arrivals, arrivals[1:], strict=False)]
        assert len(arrivals) == 40 and min(gaps) >= PACE_S, conversation_id
    # The tenant gets at most TENANT_RATE in each second window, so 200 messages need 25 windows:
    # the last is claimed at least 23 s after the first, less the first one's way to the connector
    # (a second allowed for a busy machine). The pace alone would let them all go in 10 s.
    stamps = sorted(sent.at for sent in fake.sent if sent.at is not None)
    assert (stamps[-1] - stamps[0]).total_seconds() > math.ceil(200 / TENANT_RATE) - 3
    # Both relays took a share, as each one's run summaries say.
    assert [re.search(r"relay\.run sent=[1-9]", log.read_text()) is not None for log in logs] == [True, True]
