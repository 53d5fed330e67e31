"""Outlook invitations: planning, moving and cancelling meetings make the real msgraph-sdk create,
update and cancel events on a local fake Graph (and fake sign-in) server, from the relay's job
rows; failures never make a second event."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from governance.access import Actor
from governance.context import Context
from governance.meetings import agenda, schedule
from governance.rules.clock import FixedClock
from governance.rules.errors import DomainError
from governance.rules.outlook_events import CalendarSync, CalendarSyncStatus
from governance.rules.reminders import Delivery, DeliveryStatus
from governance.structure.structure_file import import_structure, parse_structure
from scheduler.calendar_relay import CalendarRelay, CalendarRelaySettings
from scheduler.clock import RelayClock
from scheduler.graph_calendar import GraphCalendar
from scheduler.relay import Relay
from scheduler.report import operations_lines
from storage.unit_of_work import SqlUnitOfWork
from tests.integration.helpers import run_as
from tests.support.fake_graph import Answer, FakeGraph, start_fake_graph
from tests.support.structure import SECRETARIAT_AAD, test_structure

UoW = Callable[[], SqlUnitOfWork]
ORGANISER = "dave@example.no"
MEETING_DAY = date(2027, 3, 9)  # a Tuesday


@pytest.fixture
async def fake_graph(tmp_path: Path) -> AsyncIterator[FakeGraph]:
    fake, server = await start_fake_graph(tmp_path)
    yield fake
    await server.close()


@pytest.fixture
async def organised(unit_of_work: UoW, clock: FixedClock) -> None:
    """The test structure with the SSU's meetings in the secretariat's calendar."""
    data = test_structure()
    data["bodies"][1]["organiser"] = ORGANISER.upper()  # emails are matched without case
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data), clock.now())
        await uow.commit()


@pytest.fixture
async def relay(unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph) -> AsyncIterator[CalendarRelay]:
    gateway = GraphCalendar.connect(fake_graph.settings(timeout_s=1.0))
    calendar = CalendarRelay(unit_of_work, clock, gateway, owner="test", jitter=lambda: 0.0)
    yield calendar
    await gateway.close()


async def plan(unit_of_work: UoW, clock: FixedClock, day: date = MEETING_DAY) -> None:
    await run_as(
        unit_of_work,
        clock,
        SECRETARIAT_AAD,
        lambda ctx: schedule.plan_meeting(ctx, "SSU", day, time(9), time(12), "Møterom 1"),
    )


async def sync_row(unit_of_work: UoW) -> CalendarSync:
    """The first SSU meeting's job row, as stored now (a detached copy)."""
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        first = (await uow.meetings.all_for_body(body.id))[0]
        row = await uow.calendar_syncs.for_meeting(first.id or 0)
        assert row is not None
        return dataclasses.replace(row)


@pytest.mark.usefixtures("structure", "organised")
async def test_a_planned_meeting_becomes_an_outlook_event_with_a_teams_link(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    assert fake_graph.requests == []  # planning never calls Graph itself

    assert await relay.run_once() == 1

    [create] = fake_graph.calls("POST", "/events")
    assert create.path == f"/v1.0/users/{ORGANISER}/events"
    assert create.authorization == "Bearer graph-token-1"
    body = create.body or {}
    assert body["subject"] == "Strategisk samarbeidsutvalg (SSU)"
    # 09.00–12.00 in Oslo is 08.00–11.00 UTC in March (winter time).
    assert body["start"] == {"dateTime": "2027-03-09T08:00:00", "timeZone": "UTC"}
    assert body["end"] == {"dateTime": "2027-03-09T11:00:00", "timeZone": "UTC"}
    assert body["location"]["displayName"] == "Møterom 1"
    assert body["isOnlineMeeting"] is True and body["onlineMeetingProvider"] == "teamsForBusiness"
    assert body["transactionId"]
    assert "Saksliste:" in body["body"]["content"] and "Godkjenning av innkalling" in body["body"]["content"]
    attendees = {a["emailAddress"]["address"]: a["type"] for a in body["attendees"]}
    assert attendees == {"lise@example.no": "required", "tien@example.no": "required"}

    row = await sync_row(unit_of_work)
    assert row.status is CalendarSyncStatus.SYNCED
    assert row.event_id == fake_graph.live_events()[0]["id"]
    assert row.join_url.startswith("https://teams.microsoft.com/l/meetup-join/")
    assert await relay.run_once() == 0  # nothing changed, nothing asked
    assert len(fake_graph.requests) == 1


@pytest.mark.usefixtures("structure", "organised")
async def test_moving_updates_the_event_and_cancelling_cancels_it(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    await relay.run_once()
    [event] = fake_graph.live_events()

    await run_as(
        unit_of_work,
        clock,
        SECRETARIAT_AAD,
        lambda ctx: schedule.move_meeting(ctx, "SSU", MEETING_DAY, date(2027, 4, 6), time(10), None),
    )
    await relay.run_once()
    [update] = fake_graph.calls("PATCH")
    assert update.path == f"/v1.0/users/{ORGANISER}/events/{event['id']}"
    # Summer time from 28 March: 10.00 in Oslo is 08.00 UTC; the meeting keeps its three hours.
    assert (update.body or {})["start"] == {"dateTime": "2027-04-06T08:00:00", "timeZone": "UTC"}
    assert (update.body or {})["end"] == {"dateTime": "2027-04-06T11:00:00", "timeZone": "UTC"}

    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: schedule.cancel_meeting(ctx, "SSU", date(2027, 4, 6))
    )
    await relay.run_once()
    [cancel] = fake_graph.calls("POST", "/cancel")
    assert cancel.path == f"/v1.0/users/{ORGANISER}/events/{event['id']}/cancel"
    assert fake_graph.live_events() == []
    assert "er avlyst" in fake_graph.events[event["id"]]["cancelComment"]
    assert len(fake_graph.calls("POST", "/events")) == 1  # still the one event
    row = await sync_row(unit_of_work)
    assert row.status is CalendarSyncStatus.SYNCED and row.event_id is None


@pytest.mark.usefixtures("structure", "organised")
async def test_calling_the_agenda_puts_its_cases_in_the_invitation(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    await relay.run_once()
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None
        meeting = (await uow.meetings.all_for_body(body.id or 0))[0]
        await agenda.mark_called(Context(uow, clock, Actor(SECRETARIAT_AAD)), body, meeting, "digest", None)
        await uow.commit()
    await relay.run_once()
    assert len(fake_graph.calls("PATCH")) == 1


@pytest.mark.parametrize("first", [Answer(status=503), Answer(slow_s=3.0)], ids=["503", "timeout"])
@pytest.mark.usefixtures("structure", "organised")
async def test_a_create_that_failed_or_timed_out_is_repeated_without_a_second_event(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay, first: Answer
) -> None:
    await plan(unit_of_work, clock)
    fake_graph.answers = [first]

    assert await relay.run_once() == 0
    row = await sync_row(unit_of_work)
    assert row.status is CalendarSyncStatus.PENDING and row.event_id is None
    assert row.last_error == ("graph_503" if first.status == 503 else "timeout")

    clock.advance(timedelta(minutes=1))
    assert await relay.run_once() == 1
    creates = fake_graph.calls("POST", "/events")
    assert len(creates) == 2
    assert creates[0].body["transactionId"] == creates[1].body["transactionId"]  # type: ignore[index]
    assert len(fake_graph.events) == 1  # Graph gave back the event it had made
    row = await sync_row(unit_of_work)
    assert row.status is CalendarSyncStatus.SYNCED and row.event_id == next(iter(fake_graph.events))


@pytest.mark.usefixtures("structure", "organised")
async def test_a_429_waits_for_retry_after_and_other_meetings_go_on(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    fake_graph.answers = [Answer(status=429, headers={"Retry-After": "120"})]
    started = datetime.now()
    assert await relay.run_once() == 0
    assert (datetime.now() - started).total_seconds() < 5  # rescheduled, not slept on

    await plan(unit_of_work, clock, MEETING_DAY + timedelta(days=7))  # another meeting meanwhile
    clock.advance(timedelta(seconds=119))
    assert await relay.run_once() == 1  # only the new meeting: the first still waits
    assert len(fake_graph.calls("POST", "/events")) == 2

    clock.advance(timedelta(seconds=2))
    assert await relay.run_once() == 1
    assert len(fake_graph.calls("POST", "/events")) == 3
    assert len(fake_graph.events) == 2


@pytest.mark.usefixtures("structure", "organised")
async def test_a_refusal_marks_the_event_failed_and_tells_the_channel(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await link_ssu(unit_of_work)
    await plan(unit_of_work, clock)
    fake_graph.answers = [Answer(status=403)]

    await relay.run_once()
    await relay.run_once()
    row = await sync_row(unit_of_work)
    assert row.status is CalendarSyncStatus.FAILED and row.last_error == "graph_403"
    assert len(fake_graph.requests) == 1
    async with unit_of_work() as uow:
        [notice] = await uow.deliveries.with_status(list(DeliveryStatus), 10)
        assert notice.conversation_id == "19:ssu@thread.tacv2"
        assert (
            "Outlook-invitasjonen" in notice.text and "kunne ikke lages" in notice.text and "graph_403" in notice.text
        )
        report = await operations_lines(uow, clock.now(), 7)  # what `hfbot reminders` prints
    assert "Outlook events: pending 0, failed 1" in report
    assert any("SSU" in line and "graph_403" in line for line in report)

    # The next change to the meeting tries again.
    await run_as(
        unit_of_work,
        clock,
        SECRETARIAT_AAD,
        lambda ctx: schedule.move_meeting(ctx, "SSU", MEETING_DAY, MEETING_DAY, time(10), None),
    )
    assert await relay.run_once() == 1
    assert len(fake_graph.live_events()) == 1


@pytest.mark.usefixtures("structure")
async def test_a_body_without_organiser_gets_no_events_and_a_new_organiser_gets_them_all(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    assert await relay.run_once() == 0
    assert fake_graph.requests == []

    data = test_structure()
    data["bodies"][1]["organiser"] = ORGANISER
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data), clock.now())
        await uow.commit()
    assert await relay.run_once() == 1
    assert [e["user"] for e in fake_graph.live_events()] == [ORGANISER]

    data["bodies"][1]["organiser"] = "lise@example.no"  # the leader takes over the invitations
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data), clock.now())
        await uow.commit()
    assert await relay.run_once() == 2  # cancelled in Dave's calendar, created in Lise's
    [event] = fake_graph.live_events()
    assert event["user"] == "lise@example.no"
    assert {a["emailAddress"]["address"] for a in event["attendees"]} == {"tien@example.no"}


def test_an_organiser_that_is_not_an_email_is_refused_with_the_place_named() -> None:
    data = test_structure()
    data["bodies"][1]["organiser"] = "Dave Sekretariat"
    with pytest.raises(DomainError) as refused:
        parse_structure(data)
    assert refused.value.code == "structure_invalid" and "bodies[1].organiser" in str(refused.value.params["details"])


@pytest.mark.usefixtures("structure", "organised")
async def test_two_relays_sharing_the_database_make_each_event_once(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph
) -> None:
    for week in range(6):
        await plan(unit_of_work, clock, MEETING_DAY + timedelta(weeks=week))
    relays = [
        CalendarRelay(
            unit_of_work,
            clock,
            GraphCalendar.connect(fake_graph.settings()),
            owner=f"relay-{n}",
            settings=CalendarRelaySettings(batch=2),
        )
        for n in (1, 2)
    ]
    try:
        done = await asyncio.gather(*(relay.run_once() for relay in relays))
    finally:
        for relay in relays:
            await relay.gateway.close()

    assert sum(done) == 6
    assert len(fake_graph.calls("POST", "/events")) == 6  # no meeting was created twice
    assert fake_graph.tokens_issued == 2  # one sign-in per relay, though each called Graph in parallel
    assert sorted(e["start"]["dateTime"][:10] for e in fake_graph.live_events()) == [
        (MEETING_DAY + timedelta(weeks=week)).isoformat() for week in range(6)
    ]


@pytest.mark.usefixtures("structure", "organised")
async def test_a_long_graph_outage_is_waited_out_and_the_channel_told_once(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await link_ssu(unit_of_work)
    await plan(unit_of_work, clock)
    fake_graph.answers = [Answer(status=503) for _ in range(9)]
    for _ in range(9):
        await relay.run_once()
        clock.advance(timedelta(hours=1))  # past any backoff

    row = await sync_row(unit_of_work)
    assert row.status is CalendarSyncStatus.PENDING and row.attempts == 9  # never given up
    async with unit_of_work() as uow:
        [notice] = await uow.deliveries.with_status(list(DeliveryStatus), 10)
        assert "har ennå ikke kunnet lages" in notice.text and "prøver videre" in notice.text

    assert await relay.run_once() == 1  # Graph is back
    assert len(fake_graph.live_events()) == 1
    assert (await sync_row(unit_of_work)).status is CalendarSyncStatus.SYNCED


async def link_ssu(unit_of_work: UoW) -> None:
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None
        body.linked_conversation_id = "19:ssu@thread.tacv2"
        await uow.commit()


@pytest.mark.usefixtures("structure", "organised")
async def test_a_meeting_cancelled_while_its_create_was_in_doubt_leaves_no_event_behind(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    fake_graph.answers = [Answer(slow_s=3.0)]  # Graph makes the event, but the answer comes too late
    await relay.run_once()
    assert len(fake_graph.live_events()) == 1 and (await sync_row(unit_of_work)).event_id is None

    await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: schedule.cancel_meeting(ctx, "SSU", MEETING_DAY))
    clock.advance(timedelta(minutes=1))
    await relay.run_once()

    creates = fake_graph.calls("POST", "/events")
    assert len(creates) == 2 and creates[0].body["transactionId"] == creates[1].body["transactionId"]  # type: ignore[index]
    assert len(fake_graph.calls("POST", "/cancel")) == 1
    assert fake_graph.live_events() == []  # the event Graph made is cancelled, and no other was made
    assert len(fake_graph.events) == 1
    assert (await sync_row(unit_of_work)).status is CalendarSyncStatus.SYNCED


@pytest.mark.usefixtures("structure", "organised")
async def test_a_member_leaving_the_body_leaves_the_invitation(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    await relay.run_once()
    data = test_structure()
    data["bodies"][1]["organiser"] = ORGANISER
    data["bodies"][1]["members"] = [m for m in data["bodies"][1]["members"] if m["email"] != "tien@example.no"]
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data), clock.now())
        await uow.commit()

    assert await relay.run_once() == 1
    [update] = fake_graph.calls("PATCH")
    assert [a["emailAddress"]["address"] for a in (update.body or {})["attendees"]] == ["lise@example.no"]


# --- Graph's Retry-After, and Graph beside the messages (issue 15, item 6) -------------------------


@pytest.mark.usefixtures("structure", "organised")
async def test_a_retry_after_from_graph_holds_when_the_meeting_is_moved_meanwhile(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph, relay: CalendarRelay
) -> None:
    await plan(unit_of_work, clock)
    fake_graph.answers = [Answer(status=503, headers={"Retry-After": "300"})]
    await relay.run_once()
    refused_at = clock.now()
    assert len(fake_graph.calls("POST", "/events")) == 1

    clock.advance(timedelta(seconds=2))
    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD,
        lambda ctx: schedule.move_meeting(ctx, "SSU", MEETING_DAY, MEETING_DAY + timedelta(days=1), time(10), None),
    )  # fmt: skip
    for seconds in (3, 60, 290):  # the move waits, and Graph is left alone until Retry-After has passed
        clock.advance(refused_at + timedelta(seconds=seconds) - clock.now())
        assert await relay.run_once() == 0
    assert len(fake_graph.calls("POST", "/events")) == 1
    assert (await sync_row(unit_of_work)).status is CalendarSyncStatus.PENDING

    clock.advance(refused_at + timedelta(seconds=301) - clock.now())
    assert await relay.run_once() == 1
    creates = fake_graph.calls("POST", "/events")
    assert len(creates) == 2
    # Wednesday 10 March 10.00 in Oslo: the meeting as it was moved, not as it was planned.
    assert (creates[1].body or {})["start"] == {"dateTime": "2027-03-10T09:00:00", "timeZone": "UTC"}
    assert (await sync_row(unit_of_work)).status is CalendarSyncStatus.SYNCED


class ArrivalSender:
    """Notes when each message is handed to Teams, by the event loop's clock."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}

    async def send(self, reference: dict[str, Any], delivery: Delivery) -> str:
        self.arrived[delivery.text] = asyncio.get_running_loop().time()
        return f"activity-{len(self.arrived)}"


async def until(found: Callable[[], bool], seconds: float) -> None:
    async with asyncio.timeout(seconds):
        while not found():
            await asyncio.sleep(0.02)


@pytest.mark.usefixtures("structure", "organised")
async def test_a_hanging_graph_does_not_hold_back_a_reminder_that_falls_due(
    unit_of_work: UoW, clock: FixedClock, fake_graph: FakeGraph
) -> None:
    channel = "19:ssu@thread.tacv2"
    async with unit_of_work() as uow:
        await uow.conversations.save(
            channel, {"conversation": {"id": channel}}, conversation_type="channel", tenant_id=None,
            service_url="http://connector", user_aad_object_id=None, at=clock.now(),
        )  # fmt: skip
        await uow.commit()
    await plan(unit_of_work, clock)
    hang_s = 12.0
    fake_graph.answers = [Answer(slow_s=hang_s + 2)]  # the create hangs until the client gives up
    gateway = GraphCalendar.connect(fake_graph.settings(timeout_s=hang_s))
    sender = ArrivalSender()
    relay = Relay(unit_of_work, clock, sender, owner="relay-1")
    relay.calendar = CalendarRelay(unit_of_work, clock, gateway, owner="relay-1", jitter=lambda: 0.0)
    relay_clock = RelayClock(relay, 0.2)
    relay_clock.start()
    try:
        await until(lambda: bool(fake_graph.calls("POST", "/events")), 30)  # Graph has the call, and holds it
        async with unit_of_work() as uow:
            body = await uow.bodies.by_key("SSU")
            assert body is not None and body.id is not None
            await uow.deliveries.add_new(
                [Delivery("test:due", body.id, channel, "Påminnelse", clock.now(), clock.now())]
            )
            await uow.commit()
        queued = asyncio.get_running_loop().time()
        await until(lambda: "Påminnelse" in sender.arrived, hang_s)

        # Sent at the relay's next ticks, not when Graph gives up (12 s); the margin is for a busy machine.
        assert sender.arrived["Påminnelse"] - queued < 5.0
        assert relay.calendar.state.last_run_at is None  # Graph's call was still hanging
    finally:
        await relay_clock.stop()
        await gateway.close()
