"""Reminders on the real database: stored with the meeting, moved and cancelled with it, and sent
by the relay once each, to those who still have to act, through retries and relays that die."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from aiohttp.test_utils import TestServer
from botbuilder.integration.aiohttp import CloudAdapter
from sqlalchemy import select

from bot.connector import bot_framework_authentication
from bot.proactive import ConnectorSender
from bot.settings import Settings
from governance.approvals import decisions
from governance.archive.retention import run_retention
from governance.meetings import attendance, cases, schedule
from governance.plans import action_plan
from governance.plans.plan_import import import_plan, parse_plan
from governance.rules.clock import FixedClock
from governance.rules.model import MeasureStatus
from governance.rules.reminders import Delivery, DeliveryStatus, Reminder, ReminderStatus
from governance.structure import bodies
from scheduler.clock import RelayClock
from scheduler.relay import Relay, RelaySettings
from scheduler.report import relay_report
from scheduler.sender import RetryLater, SendFailed, Uncertain
from storage.database import create_engine, session_factory
from storage.unit_of_work import SqlUnitOfWork
from tests.conftest import on_postgres
from tests.integration.helpers import run_as
from tests.support.fake_connector import FakeConnector
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD

pytestmark = pytest.mark.usefixtures("structure")

UoW = Callable[[], SqlUnitOfWork]
CHANNEL = "19:ssu@thread.tacv2"
TIEN_CHAT = "a:personal-tien"
JAN_12 = date(2027, 1, 12)  # Tuesday; the clock starts on Monday 23 November 2026


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@dataclass
class FakeSender:
    """Records what it is given; `failures` are raised, one per send, before it starts to succeed."""

    failures: list[SendFailed] = field(default_factory=list)
    sent: list[tuple[str, Delivery]] = field(default_factory=list)

    async def send(self, reference: dict[str, Any], delivery: Delivery) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((reference["conversation"]["id"], delivery))
        return f"activity-{len(self.sent)}"

    def to(self, conversation_id: str) -> list[Delivery]:
        return [delivery for conversation, delivery in self.sent if conversation == conversation_id]


async def save_reference(uow: SqlUnitOfWork, conversation_id: str, kind: str, aad: str | None, at: datetime) -> None:
    await uow.conversations.save(
        conversation_id, {"conversation": {"id": conversation_id}}, conversation_type=kind,
        tenant_id=None, service_url="http://connector", user_aad_object_id=aad, at=at,
    )  # fmt: skip


@pytest.fixture
async def ssu(unit_of_work: UoW, clock: FixedClock) -> None:
    """SSU linked to its channel; Tien has a personal chat with the bot, Lise does not."""
    async with unit_of_work() as uow:
        await save_reference(uow, CHANNEL, "channel", None, clock.now())
        await save_reference(uow, TIEN_CHAT, "personal", MEMBER_AAD, clock.now())
        await uow.commit()
    await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: bodies.link_conversation(ctx, "SSU"), CHANNEL)


async def plan(unit_of_work: UoW, clock: FixedClock, day: date = JAN_12) -> None:
    await run_as(
        unit_of_work,
        clock,
        SECRETARIAT_AAD,
        lambda ctx: schedule.plan_meeting(ctx, "SSU", day, time(9), time(12), None),
    )


async def reminders(unit_of_work: UoW) -> list[Reminder]:
    async with unit_of_work() as uow:
        found = list(await uow.session.scalars(select(Reminder).order_by(Reminder.due_at, Reminder.key)))
        uow.session.expunge_all()  # read as they are now, outside the transaction
        return found


async def deliveries(unit_of_work: UoW) -> list[Delivery]:
    async with unit_of_work() as uow:
        found = list(await uow.session.scalars(select(Delivery).order_by(Delivery.id)))
        uow.session.expunge_all()
        return found


def relay(unit_of_work: UoW, clock: FixedClock, sender: FakeSender, owner: str = "relay-1", **settings: Any) -> Relay:
    return Relay(unit_of_work, clock, sender, owner=owner, settings=RelaySettings(**settings), jitter=lambda: 1.0)


async def test_a_planned_meeting_stores_its_reminders_and_a_move_or_cancellation_replaces_them(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock)

    planned = await reminders(unit_of_work)
    # Deadline Tuesday 29 December; three working days before it is Wednesday 23 December
    # (Christmas Eve is a working day, Christmas Day and Boxing Day are not).
    assert [(r.key.split(":")[2], r.due_at, r.status) for r in planned] == [
        ("case_deadline", utc(2026, 12, 23, 7), ReminderStatus.PLANNED),
        ("agenda", utc(2027, 1, 5, 7), ReminderStatus.PLANNED),
        ("meeting_eve", utc(2027, 1, 11, 7), ReminderStatus.PLANNED),
    ]

    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD,
        lambda ctx: schedule.move_meeting(ctx, "SSU", JAN_12, date(2027, 1, 19), time(9), None),
    )  # fmt: skip
    after_move = {r.key: r.status for r in await reminders(unit_of_work)}
    assert sorted(key for key, status in after_move.items() if status is ReminderStatus.PLANNED) == [
        f"meeting:{planned[0].meeting_id}:agenda:2027-01-12",
        f"meeting:{planned[0].meeting_id}:case_deadline:2026-12-30",
        f"meeting:{planned[0].meeting_id}:meeting_eve:2027-01-18",
    ]
    assert [after_move[r.key] for r in planned] == [ReminderStatus.CANCELLED] * 3

    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: schedule.cancel_meeting(ctx, "SSU", date(2027, 1, 19))
    )
    assert {r.status for r in await reminders(unit_of_work)} == {ReminderStatus.CANCELLED}


async def test_a_meeting_planned_late_gets_only_the_reminders_whose_time_is_still_ahead(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock, date(2026, 11, 26))  # Thursday this week

    assert [r.key.split(":")[2] for r in await reminders(unit_of_work)] == ["meeting_eve"]


async def test_each_reminder_goes_out_once_at_its_time_to_those_who_still_have_to_act(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock)
    sender = FakeSender()
    bot = relay(unit_of_work, clock, sender)

    assert await bot.run_once() == 0  # nothing is due yet
    clock.advance(utc(2026, 12, 23, 7) - clock.now())
    assert await bot.run_once() == 2
    # Tien in his personal chat; Lise, whom the bot cannot write to directly, named in the channel.
    [personal] = sender.to(TIEN_CHAT)
    assert (
        "Fristen for å melde inn saker til møtet i SSU tirsdag 12. januar 2027 kl. 09.00 er tirsdag 29. desember 2026"
        in personal.text
    )
    [channel] = sender.to(CHANNEL)
    # Lise has no Teams user id on record, but her Entra object id makes the mention notify her.
    assert channel.mentions == [{"id": LEADER_AAD, "name": "Lise Leder"}]
    assert await bot.run_once() == 0  # sent once, whatever happens next

    # A week before the meeting the agenda is published (the secretariat had not): the meeting is
    # called and the agenda card posted in the channel.
    clock.advance(utc(2027, 1, 5, 7) - clock.now())
    assert await bot.run_once() == 1
    [_, agenda_post] = sender.to(CHANNEL)
    assert agenda_post.card is not None and agenda_post.card["body"][0]["text"].startswith("Saksliste – ")
    assert {"title": "Status", "value": "Innkalt"} in agenda_post.card["body"][1]["facts"]  # as the meeting now is
    stored = await deliveries(unit_of_work)
    assert all(delivery.status is DeliveryStatus.SENT for delivery in stored)
    assert [delivery.activity_id for delivery in stored] == ["activity-1", "activity-2", "activity-3"]
    async with unit_of_work() as uow:
        [called] = await uow.meetings.starting_between(2, utc(2027, 1, 12, 0), utc(2027, 1, 13, 0))
        assert called.status.value == "innkalt"

    # Tien sends apologies: the eve reminder goes to Lise only, in the channel, with the agenda.
    await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: attendance.report_absence(ctx, "SSU", None))
    clock.advance(timedelta(seconds=1))  # the channel's pace after the agenda
    assert await bot.run_once() == 1  # the secretariat hears of it at once, through the outbox
    assert sender.to(CHANNEL)[-1].text.startswith("Forfall: Tien Medlem")
    clock.advance(utc(2027, 1, 11, 7) - clock.now())
    assert await bot.run_once() == 1
    eve = sender.to(CHANNEL)[-1]
    assert "SSU har møte tirsdag 12. januar 2027 kl. 09.00" in eve.text and eve.card is not None
    assert eve.mentions == [{"id": LEADER_AAD, "name": "Lise Leder"}]
    assert len(sender.to(TIEN_CHAT)) == 1


async def test_a_reminder_due_while_the_bot_was_down_goes_out_when_it_is_back(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock)
    sender = FakeSender()
    clock.advance(utc(2026, 12, 28, 12) - clock.now())  # five days late, the deadline not yet passed

    assert await relay(unit_of_work, clock, sender).run_once() == 2
    assert {delivery.key.split(":")[2] for _, delivery in sender.sent} == {"case_deadline"}


async def test_a_moved_meeting_is_not_reminded_at_its_old_time(unit_of_work: UoW, clock: FixedClock, ssu: None) -> None:
    await plan(unit_of_work, clock)
    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD,
        lambda ctx: schedule.move_meeting(ctx, "SSU", JAN_12, date(2027, 2, 9), time(9), None),
    )  # fmt: skip
    sender = FakeSender()
    clock.advance(utc(2027, 1, 11, 8) - clock.now())

    assert await relay(unit_of_work, clock, sender).run_once() == 0
    assert sender.sent == []


async def test_429_waits_as_long_as_retry_after_says_and_the_message_arrives_once(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock)
    sender = FakeSender(failures=[RetryLater("http_429", retry_after=30), RetryLater("http_429", retry_after=30)])
    bot = relay(unit_of_work, clock, sender)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())

    assert await bot.run_once() == 0  # both messages met a 429
    clock.advance(timedelta(seconds=29))
    assert await bot.run_once() == 0  # Retry-After has not passed
    clock.advance(timedelta(seconds=2))
    assert await bot.run_once() == 2
    assert await bot.run_once() == 0
    assert len(sender.sent) == 2
    assert [(d.attempts, d.last_error) for d in await deliveries(unit_of_work)] == [(2, None), (2, None)]


async def test_after_the_last_attempt_a_message_is_given_up_and_the_secretariat_told(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock)
    sender = FakeSender(failures=[RetryLater("http_503")] * 6)
    bot = relay(unit_of_work, clock, sender, max_attempts=3, pace=timedelta(0))
    clock.advance(utc(2026, 12, 23, 7) - clock.now())

    for _ in range(4):
        await bot.run_once()
        clock.advance(timedelta(minutes=10))

    failed = [d for d in await deliveries(unit_of_work) if d.status is DeliveryStatus.FAILED]
    assert len(failed) == 2 and all(d.attempts == 3 and d.last_error == "http_503" for d in failed)
    notices = sender.to(CHANNEL)
    assert len(notices) == 2 and all("kunne ikke leveres etter flere forsøk" in n.text for n in notices)


async def test_an_uncertain_send_is_not_repeated_and_the_secretariat_is_told(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock, date(2026, 11, 26))  # only the eve reminder: Wednesday 08.00
    sender = FakeSender(failures=[Uncertain("timeout")])
    bot = relay(unit_of_work, clock, sender)
    clock.advance(utc(2026, 11, 25, 7) - clock.now())

    await bot.run_once()
    clock.advance(timedelta(minutes=5))
    await bot.run_once()

    stored = await deliveries(unit_of_work)
    [uncertain] = [d for d in stored if d.status is DeliveryStatus.UNCERTAIN]
    [notice] = [d for d in stored if d.key.endswith(":notice")]
    assert uncertain.last_error == "timeout" and uncertain.attempts == 1
    assert notice.status is DeliveryStatus.SENT and "kan ha gått tapt" in notice.text
    sent_keys = [delivery.key for _, delivery in sender.sent]
    assert uncertain.key not in sent_keys and len(sent_keys) == 2  # the other eve message, and the notice


async def test_a_relay_dying_after_its_claim_loses_nothing_and_one_dying_while_sending_is_reported(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await plan(unit_of_work, clock)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())
    dead = relay(unit_of_work, clock, FakeSender())
    await dead.expand_due()
    # The first relay claims both messages and dies before sending them.
    async with unit_of_work() as uow:
        claimed = await uow.deliveries.claim("relay-dead", clock.now(), clock.now() + timedelta(minutes=2), 10)
        await uow.commit()
    assert len(claimed) == 2
    survivor_sender = FakeSender()
    survivor = relay(unit_of_work, clock, survivor_sender, owner="relay-2")
    assert await survivor.run_once() == 0  # the dead relay's lease still holds
    clock.advance(timedelta(minutes=3))
    assert await survivor.run_once() == 2
    assert len(survivor_sender.sent) == 2

    # Now one dies between marking its messages as being sent and recording the answer.
    await plan(unit_of_work, clock, date(2027, 2, 2))
    clock.advance(utc(2027, 1, 14, 7) - clock.now())  # the new meeting's case deadline reminder
    await survivor.expand_due()
    async with unit_of_work() as uow:
        claimed = await uow.deliveries.claim("relay-dead", clock.now(), clock.now() + timedelta(minutes=2), 10)
        await uow.deliveries.mark_sending([d.id for d in claimed if d.id is not None], "relay-dead")
        await uow.commit()
    clock.advance(timedelta(minutes=3))
    before = len(survivor_sender.sent)
    await survivor.run_once()
    late = [d for d in await deliveries(unit_of_work) if d.id in {c.id for c in claimed}]
    assert {d.status for d in late} == {DeliveryStatus.UNCERTAIN}
    resent = [d for _, d in survivor_sender.sent[before:] if not d.key.endswith(":notice")]
    assert resent == []  # nothing that may have arrived is sent again


async def test_sent_messages_and_handled_activity_ids_go_after_the_retention_but_what_needs_attention_stays(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    start = clock.now()
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        later = start + timedelta(days=60)
        await uow.deliveries.add_new(
            [
                Delivery("sent:1", body.id, CHANNEL, "Sendt", start, start),
                Delivery("sent:2", body.id, TIEN_CHAT, "Sendt", start, start),
                Delivery("failed", body.id, CHANNEL, "Feilet", start, later, status=DeliveryStatus.FAILED, last_error="http_403"),
                Delivery("uncertain", body.id, CHANNEL, "Usikker", start, later, status=DeliveryStatus.UNCERTAIN),
                Delivery("cancelled", body.id, CHANNEL, "Avlyst", start, later, status=DeliveryStatus.CANCELLED),
                Delivery("waiting", body.id, CHANNEL, "Venter", start, later),
            ]
        )  # fmt: skip
        await uow.activities.claim("activity-old", start)
        await uow.commit()
    bot = relay(unit_of_work, clock, FakeSender())
    assert await bot.run_once() == 2

    async def report() -> dict[str, int]:
        async with unit_of_work() as uow:
            counts: dict[str, int] = (await relay_report(uow, clock.now()))["messages"]
            return {status: count for status, count in counts.items() if count}

    # The health report counts what still needs action, not the messages sent or cancelled, which
    # only the retention makes fewer.
    assert await report() == {"failed": 1, "uncertain": 1, "pending": 1}

    clock.advance(timedelta(days=31))
    async with unit_of_work() as uow:
        assert await uow.activities.claim("activity-new", clock.now())
        await uow.commit()
    await run_retention(unit_of_work, clock.now())  # the daily run, with the default 30 days

    assert sorted(d.key for d in await deliveries(unit_of_work)) == ["failed", "uncertain", "waiting"]
    async with unit_of_work() as uow:
        assert await uow.activities.claim("activity-old", clock.now())  # forgotten: it would count as new
        assert not await uow.activities.claim("activity-new", clock.now())  # still remembered
        await uow.rollback()


async def test_approvers_who_have_not_acted_are_reminded_after_two_working_days(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: cases.register_case(ctx, "SSU", "Felles rutine"))

    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD,
        lambda ctx: decisions.record_decision(ctx, "SSU", 1, 2026, "Rutinen vedtas."), CHANNEL,
    )  # fmt: skip
    sender = FakeSender()
    bot = relay(unit_of_work, clock, sender)
    assert await bot.run_once() == 1  # the approval card, posted after the commit
    [card_post] = sender.to(CHANNEL)
    assert card_post.card is not None
    # Recorded Monday 23 November: Tuesday and Wednesday pass, Thursday 08.00 the leader is reminded.
    clock.advance(utc(2026, 11, 26, 6, 59) - clock.now())
    assert await bot.run_once() == 0
    clock.advance(timedelta(minutes=1))
    assert await bot.run_once() == 1
    [_, reminder] = sender.to(CHANNEL)
    assert "Vedtaket i sak 1/2026 «Felles rutine» i SSU venter på din godkjenning" in reminder.text
    assert reminder.mentions == [{"id": LEADER_AAD, "name": "Lise Leder"}]


@pytest.mark.skipif(not on_postgres(), reason="several relays share one database on PostgreSQL only")
async def test_two_relays_on_one_postgres_database_send_every_message_exactly_once(
    unit_of_work: UoW, clock: FixedClock, ssu: None, database_url: str
) -> None:
    for week in range(8):
        await plan(unit_of_work, clock, JAN_12 + timedelta(weeks=week))
    sender = FakeSender()
    second_engine = create_engine(database_url)
    sessions = session_factory(second_engine)
    try:
        relays = [
            relay(unit_of_work, clock, sender, owner="relay-a", batch=3, pace=timedelta(0)),
            relay(
                lambda: SqlUnitOfWork(sessions),
                clock,
                sender,
                owner="relay-b",
                batch=3,
                pace=timedelta(0),
            ),
        ]
        for _ in range(60):
            clock.advance(timedelta(days=1))
            await asyncio.gather(*(r.run_once() for r in relays))
    finally:
        await second_engine.dispose()
    keys = [delivery.key for _, delivery in sender.sent]
    assert len(keys) == len(set(keys))
    stored = await deliveries(unit_of_work)
    assert stored and all(d.status is DeliveryStatus.SENT for d in stored)
    assert sorted(keys) == sorted(d.key for d in stored)
    assert sum(r.state.sent for r in relays) == len(keys)
    assert all(r.state.sent > 0 for r in relays), [r.state.sent for r in relays]  # both did a share


PLAN = {
    "year": 2026,
    "owner": "SSU",
    "areas": [
        {
            "number": 1,
            "title": "Skrøpelige eldre",
            "measures": [
                {"number": "1.1", "title": "Utskrivningsrutine", "status": "pågående", "owner": "tien@example.no", "due": "2026-12-04"},
                {"number": "1.2", "title": "Legemiddelgjennomgang", "status": "pågående", "owner": "LSU", "due": "2026-11-10"},
                {"number": "1.3", "title": "Kartlegging", "status": "pågående", "owner": "lise@example.no", "due": "2026-11-20"},
                {"number": "1.4", "title": "Ferdig tiltak", "status": "fullført", "owner": "lise@example.no", "due": "2026-11-01"},
            ],
        }
    ],
}  # fmt: skip


async def test_owners_hear_of_measures_due_and_of_overdue_ones_on_monday_and_the_channel_gets_the_list(
    unit_of_work: UoW, clock: FixedClock, ssu: None
) -> None:
    async with unit_of_work() as uow:
        await import_plan(uow, parse_plan(PLAN), clock.now())
        await uow.commit()
    sender = FakeSender()
    bot = relay(unit_of_work, clock, sender)

    assert await bot.run_once() == 0  # Monday 09.00: this week's digest moment had passed before the bot ran
    # 1.1 is due on 4 December, more than a week ahead: its reminder is planned nearer the time.
    assert [(r.key.split(":")[2], r.due_at) for r in await reminders(unit_of_work)] == [
        ("overdue_digest", utc(2026, 11, 30, 7))
    ]

    clock.advance(utc(2026, 11, 27, 7) - clock.now())  # a week before 1.1 is due
    assert await bot.run_once() == 1
    [due] = sender.to(TIEN_CHAT)
    assert due.text == (
        "Påminnelse: Tiltak 1.1/2026 «Utskrivningsrutine» har frist fredag 4. desember 2026. "
        "Oppdater status med «tiltak 1.1 <status> [kommentar]»."
    )

    await run_as(
        unit_of_work,
        clock,
        LEADER_AAD,
        lambda ctx: action_plan.update_measure(ctx, "1.3", MeasureStatus.FULLFORT, None),
    )
    clock.advance(utc(2026, 11, 30, 7) - clock.now())  # Monday 08.00
    assert await bot.run_once() == 2
    # Tien leads LSU, which owns the overdue 1.2; Lise finished hers, so she hears nothing.
    digest = sender.to(TIEN_CHAT)[-1]
    assert digest.text.startswith("Påminnelse: Disse tiltakene du er ansvarlig for, har passert fristen.")
    assert "• 1.2/2026 Legemiddelgjennomgang – frist 10.11.2026" in digest.text
    [summary] = sender.to(CHANNEL)
    assert (
        summary.text
        == "Forfalte tiltak i handlingsplanen (1):\n• 1.2/2026 Legemiddelgjennomgang – frist 10.11.2026 – Tien Medlem"
    )
    assert await bot.run_once() == 0
    # The next Monday's digest is already planned, so an outage over it would not lose it.
    assert any(r.key.endswith(":overdue_digest:2026-12-07") for r in await reminders(unit_of_work))


async def test_stopping_the_relay_clock_cancels_a_run_in_progress() -> None:
    started = asyncio.Event()

    class SlowRelay:
        calendar = None

        async def run_messages(self) -> int:
            started.set()
            await asyncio.sleep(3600)  # a send that never comes back
            return 0

    clock = RelayClock(SlowRelay(), 3600)  # type: ignore[arg-type]
    clock.start()
    await asyncio.wait_for(started.wait(), 5)

    await asyncio.wait_for(clock.stop(), 6)  # the server's shutdown does not hang on it


# --- through botbuilder's connector client to a fake Bot Connector ---------------------------------

OTHER_CHAT = "a:personal-other"


@dataclass
class Teams:
    connector: FakeConnector
    sender: ConnectorSender


@pytest.fixture
async def teams(unit_of_work: UoW, clock: FixedClock, ssu: None) -> AsyncIterator[Teams]:
    """A fake Bot Connector stamping what arrives with the test clock, and the stored references
    pointing the channel and two personal chats at it."""
    connector = FakeConnector(clock=clock)
    server = TestServer(connector.app(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("")).rstrip("/")
    async with unit_of_work() as uow:
        for conversation_id, kind, aad in (
            (CHANNEL, "channel", None),
            (TIEN_CHAT, "personal", MEMBER_AAD),
            (OTHER_CHAT, "personal", None),
        ):
            reference = {"conversation": {"id": conversation_id}, "serviceUrl": url, "channelId": "msteams"}
            await uow.conversations.save(
                conversation_id, reference, conversation_type=kind, tenant_id=None,
                service_url=url, user_aad_object_id=aad, at=clock.now(),
            )  # fmt: skip
        await uow.commit()
    authentication = bot_framework_authentication(Settings(_env_file=None, HFBOT_DEV_NO_AUTH=True))  # type: ignore[call-arg]
    yield Teams(connector, ConnectorSender(CloudAdapter(authentication), ""))
    await authentication.close()
    await server.close()


def paced_relay(unit_of_work: UoW, clock: FixedClock, teams: Teams, pace: timedelta) -> Relay:
    async def sleep(seconds: float) -> None:  # time passes on the test's clock, at once
        clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)

    return Relay(
        unit_of_work, clock, teams.sender, owner="relay-1", settings=RelaySettings(pace=pace), jitter=lambda: 1.0,
        sleep=sleep,
    )  # fmt: skip


async def queue(unit_of_work: UoW, clock: FixedClock, *conversations: str) -> None:
    """One due message per conversation named, in that order."""
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        now = clock.now()
        await uow.deliveries.add_new(
            [Delivery(f"test:{n}", body.id, cid, f"Melding {n}", now, now) for n, cid in enumerate(conversations, 1)]
        )
        await uow.commit()


async def test_messages_to_one_chat_go_out_pace_apart_in_one_run_while_other_chats_go_on(
    unit_of_work: UoW, clock: FixedClock, teams: Teams
) -> None:
    await queue(unit_of_work, clock, CHANNEL, CHANNEL, TIEN_CHAT, CHANNEL, CHANNEL, OTHER_CHAT, TIEN_CHAT)
    start = clock.now()

    assert await paced_relay(unit_of_work, clock, teams, timedelta(seconds=2)).run_once() == 7

    def arrivals(conversation_id: str) -> list[tuple[str, float]]:
        return [(a.text, (a.at - start).total_seconds()) for a in teams.connector.to(conversation_id) if a.at]

    # Four to the channel, two seconds apart, in the order they were queued: not one per relay run.
    assert arrivals(CHANNEL) == [("Melding 1", 0.0), ("Melding 2", 2.0), ("Melding 4", 4.0), ("Melding 5", 6.0)]
    assert arrivals(TIEN_CHAT) == [("Melding 3", 0.0), ("Melding 7", 2.0)]
    assert arrivals(OTHER_CHAT) == [("Melding 6", 0.0)]  # not held up by the channel's queue
    assert {d.status for d in await deliveries(unit_of_work)} == {DeliveryStatus.SENT}


async def test_a_member_without_a_teams_id_is_mentioned_in_the_channel_by_entra_object_id(
    unit_of_work: UoW, clock: FixedClock, teams: Teams
) -> None:
    await plan(unit_of_work, clock)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())

    assert await paced_relay(unit_of_work, clock, teams, timedelta(seconds=1)).run_once() == 2

    [post] = teams.connector.to(CHANNEL)
    assert post.text.startswith("<at>Lise Leder</at>: Påminnelse:")
    assert post.body["entities"] == [
        {"type": "mention", "text": "<at>Lise Leder</at>", "mentioned": {"id": LEADER_AAD, "name": "Lise Leder"}}
    ]


async def test_a_relay_run_with_nothing_to_send_logs_nothing_and_one_that_sends_logs_one_line(
    unit_of_work: UoW, clock: FixedClock, ssu: None, caplog: pytest.LogCaptureFixture
) -> None:
    bot = relay(unit_of_work, clock, FakeSender())
    relay_clock = RelayClock(bot, 3600)
    with caplog.at_level(logging.INFO):
        relay_clock.start()
        try:
            async with asyncio.timeout(5):
                while bot.state.last_run_at is None:
                    await asyncio.sleep(0.01)
            await asyncio.sleep(0.05)  # the scheduler logs after the run has returned
        finally:
            await relay_clock.stop()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO] == []

    await plan(unit_of_work, clock)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())
    caplog.clear()
    with caplog.at_level(logging.INFO):
        assert await bot.run_once() == 2
    expanded, summary = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert expanded.startswith("reminder.expanded key=meeting:") and expanded.endswith(
        ":case_deadline:2026-12-23 messages=2"
    )
    assert summary == "relay.run sent=2 retried=0 failed=0 uncertain=0 expanded=1 skipped=0"
