"""The use cases on a real database: numbering, agendas, cancelling, publishing, permissions."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm.exc import StaleDataError

from cards.channel_posts import ChannelPosts
from governance.access import Actor
from governance.context import Context
from governance.meetings import agenda, cases, schedule
from governance.ports import Conflict
from governance.rules.clock import FixedClock
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.model import AuditEvent, CaseStatus, Meeting, MeetingStatus, StandardItem
from governance.rules.reminders import Delivery
from governance.structure import bodies
from governance.views import AgendaView
from storage.orm import bodies as bodies_table
from storage.orm import metadata
from storage.unit_of_work import SqlUnitOfWork
from tests.conftest import on_postgres
from tests.integration.helpers import run_as
from tests.support.structure import LEADER_AAD, MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD

pytestmark = pytest.mark.usefixtures("structure")

UoW = Callable[[], SqlUnitOfWork]
JAN_12 = date(2027, 1, 12)
FEB_9 = date(2027, 2, 9)


async def plan(unit_of_work: UoW, clock: FixedClock, day: date, body: str = "SSU") -> None:
    await run_as(
        unit_of_work,
        clock,
        SECRETARIAT_AAD,
        lambda ctx: schedule.plan_meeting(ctx, body, day, time(9), time(12), "Møterom 1"),
    )


async def register(unit_of_work: UoW, clock: FixedClock, title: str, who: str = MEMBER_AAD, body: str = "SSU") -> str:
    view = await run_as(unit_of_work, clock, who, lambda ctx: cases.register_case(ctx, body, title))
    return view.reference


async def set_up_case(unit_of_work: UoW, clock: FixedClock, number: int, day: date | None = None) -> Meeting | None:
    _, previous = await run_as(
        unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: cases.schedule_case(ctx, "SSU", number, 2026, day)
    )
    return previous


def case_references(view: AgendaView) -> list[str]:
    return [item.case_reference for item in view.items if item.case_reference is not None]


async def agenda_of(unit_of_work: UoW, clock: FixedClock, day: date | None = None) -> AgendaView:
    return await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: agenda.show_agenda(ctx, "SSU", day))


async def test_case_numbers_run_per_body_and_year(unit_of_work: UoW, clock: FixedClock) -> None:
    assert [await register(unit_of_work, clock, f"Sak {n}") for n in range(3)] == ["1/2026", "2/2026", "3/2026"]
    assert await register(unit_of_work, clock, "Lokal sak", body="LSU") == "1/2026"
    clock.advance(date(2027, 1, 1) - date(2026, 11, 23))
    assert await register(unit_of_work, clock, "Nytt år") == "1/2027"


async def test_a_rolled_back_registration_leaves_no_gap(unit_of_work: UoW, clock: FixedClock) -> None:
    await register(unit_of_work, clock, "Første")
    async with unit_of_work() as uow:
        await cases.register_case(Context(uow, clock, Actor(MEMBER_AAD)), "SSU", "Angret")
        await uow.rollback()
    assert await register(unit_of_work, clock, "Andre") == "2/2026"


@pytest.mark.skipif(not on_postgres(), reason="concurrent sessions need PostgreSQL (CI runs the suite on it)")
async def test_concurrent_registrations_get_unique_gapless_numbers_on_postgres(
    unit_of_work: UoW, clock: FixedClock
) -> None:
    references = await asyncio.gather(*(register(unit_of_work, clock, f"Samtidig {n}") for n in range(20)))
    numbers = sorted(int(reference.split("/")[0]) for reference in references)
    assert numbers == list(range(1, 21))


async def test_concurrent_registrations_on_sqlite_queue_instead_of_failing(
    unit_of_work: UoW, clock: FixedClock
) -> None:
    references = await asyncio.gather(*(register(unit_of_work, clock, f"Samtidig {n}") for n in range(8)))
    assert sorted(int(reference.split("/")[0]) for reference in references) == list(range(1, 9))


async def test_level_two_meetings_have_the_standing_items_and_level_three_do_not(
    unit_of_work: UoW, clock: FixedClock
) -> None:
    await plan(unit_of_work, clock, JAN_12)
    await plan(unit_of_work, clock, JAN_12, body="LSU")
    ssu_agenda = await agenda_of(unit_of_work, clock)
    assert [item.standard_item for item in ssu_agenda.items] == [
        StandardItem.APPROVE_NOTICE,
        StandardItem.APPROVE_MINUTES,
        StandardItem.PLAN_STATUS,
        StandardItem.ANY_OTHER_BUSINESS,
    ]
    assert ssu_agenda.items[-2].plan_year == 2027 and ssu_agenda.items[-2].plan is None  # no plan for 2027 yet
    lsu_agenda = await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: agenda.show_agenda(ctx, "LSU", None))
    # A level-3 body has no standing items, but its meetings too end with Eventuelt.
    assert [item.standard_item for item in lsu_agenda.items] == [StandardItem.ANY_OTHER_BUSINESS]


async def database_contents(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every mapped table, in a stable order, to compare before and after a read."""
    async with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in await connection.execute(select(table))), key=repr)
            for table in metadata.sorted_tables
        }


async def test_showing_an_agenda_writes_nothing(engine: AsyncEngine, unit_of_work: UoW, clock: FixedClock) -> None:
    """Reads do not write: the agenda card's .ics link uses the secret the body was created with."""
    await plan(unit_of_work, clock, JAN_12)
    await plan(unit_of_work, clock, FEB_9)
    await register(unit_of_work, clock, "Sak på sakslisten")
    await set_up_case(unit_of_work, clock, 1)
    before = await database_contents(engine)
    assert None not in await calendar_tokens(engine)  # every body got its secret on creation
    shown = [await agenda_of(unit_of_work, clock), await agenda_of(unit_of_work, clock, FEB_9)]
    assert all(view.calendar is not None for view in shown)
    assert await database_contents(engine) == before

    # A body stored without a secret (before migration 0010 gave every body one) is not given one
    # by a read either: its agenda shows no .ics link until `kalender` makes the secret.
    async with engine.begin() as connection:
        await connection.execute(update(bodies_table).values(calendar_token=None))
    before = await database_contents(engine)
    shown = [await agenda_of(unit_of_work, clock), await agenda_of(unit_of_work, clock, FEB_9)]
    assert [view.calendar for view in shown] == [None, None]
    assert await database_contents(engine) == before


async def calendar_tokens(engine: AsyncEngine) -> list[str | None]:
    async with engine.connect() as connection:
        return list((await connection.execute(select(bodies_table.c.calendar_token))).scalars())


async def test_scheduling_puts_cases_between_the_opening_items_and_the_plan_status_in_order(
    unit_of_work: UoW, clock: FixedClock
) -> None:
    await plan(unit_of_work, clock, JAN_12)
    for title in ("A", "B", "C"):
        await register(unit_of_work, clock, title)
    await set_up_case(unit_of_work, clock, 2)
    await set_up_case(unit_of_work, clock, 1)
    view = await agenda_of(unit_of_work, clock)
    assert [(item.position, item.case_reference) for item in view.items] == [
        (1, None),
        (2, None),
        (3, "2/2026"),
        (4, "1/2026"),
        (5, None),
        (6, None),
    ]
    assert [item.standard_item for item in view.items[-2:]] == [
        StandardItem.PLAN_STATUS,
        StandardItem.ANY_OTHER_BUSINESS,
    ]
    listing = await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: cases.list_cases(ctx, "SSU"))
    assert [case.reference for case in listing.queued] == ["3/2026"]
    assert [case.reference for case in listing.scheduled] == ["1/2026", "2/2026"]


async def test_a_case_sits_on_at_most_one_upcoming_agenda(unit_of_work: UoW, clock: FixedClock) -> None:
    await plan(unit_of_work, clock, JAN_12)
    await plan(unit_of_work, clock, FEB_9)
    await register(unit_of_work, clock, "Flyttes")
    await set_up_case(unit_of_work, clock, 1, JAN_12)
    previous = await set_up_case(unit_of_work, clock, 1, FEB_9)
    assert previous is not None
    assert all(item.case_reference is None for item in (await agenda_of(unit_of_work, clock, JAN_12)).items)
    assert case_references(await agenda_of(unit_of_work, clock, FEB_9)) == ["1/2026"]
    with pytest.raises(DomainError) as again:
        await set_up_case(unit_of_work, clock, 1, FEB_9)
    assert again.value.code == "case_already_on_this_agenda"


async def test_cancelling_a_meeting_returns_its_cases_to_the_queue(unit_of_work: UoW, clock: FixedClock) -> None:
    await plan(unit_of_work, clock, JAN_12)
    await register(unit_of_work, clock, "A")
    await register(unit_of_work, clock, "B")
    await set_up_case(unit_of_work, clock, 1)
    await set_up_case(unit_of_work, clock, 2)
    _, returned = await run_as(
        unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: schedule.cancel_meeting(ctx, "SSU", JAN_12)
    )
    assert returned == ["1/2026", "2/2026"]
    listing = await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: cases.list_cases(ctx, "SSU"))
    assert [(case.reference, case.status) for case in listing.queued] == [
        ("1/2026", CaseStatus.INNMELDT),
        ("2/2026", CaseStatus.INNMELDT),
    ]
    upcoming = await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: schedule.list_meetings(ctx, "SSU"))
    assert upcoming.meetings == []
    await plan(unit_of_work, clock, FEB_9)
    await set_up_case(unit_of_work, clock, 1)  # back in the queue means it can be set up again
    assert case_references(await agenda_of(unit_of_work, clock)) == ["1/2026"]


async def test_moving_a_meeting_keeps_its_length_and_refuses_the_past(unit_of_work: UoW, clock: FixedClock) -> None:
    await plan(unit_of_work, clock, JAN_12)
    view, _ = await run_as(
        unit_of_work,
        clock,
        SECRETARIAT_AAD,
        lambda ctx: schedule.move_meeting(ctx, "SSU", JAN_12, FEB_9, time(10), None),
    )
    assert (view.ends_at - view.starts_at).total_seconds() == 3 * 3600
    with pytest.raises(DomainError) as past:
        await run_as(
            unit_of_work,
            clock,
            SECRETARIAT_AAD,
            lambda ctx: schedule.move_meeting(ctx, "SSU", FEB_9, date(2026, 11, 1), time(10), None),
        )
    assert past.value.code == "meeting_in_past"


async def test_postpone_and_withdraw(unit_of_work: UoW, clock: FixedClock) -> None:
    await plan(unit_of_work, clock, JAN_12)
    await register(unit_of_work, clock, "Utsettes")
    await register(unit_of_work, clock, "Trekkes", who=MEMBER_AAD)
    await set_up_case(unit_of_work, clock, 1)
    postponed = await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: cases.postpone_case(ctx, "SSU", 1, 2026))
    assert postponed.status is CaseStatus.UTSATT
    assert all(item.case_reference is None for item in (await agenda_of(unit_of_work, clock)).items)
    withdrawn = await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: cases.withdraw_case(ctx, "SSU", 2, 2026))
    assert withdrawn.status is CaseStatus.TRUKKET
    with pytest.raises(DomainError) as closed:
        await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: cases.schedule_case(ctx, "SSU", 2, 2026, None))
    assert closed.value.code == "case_not_in_queue"


async def test_unknown_cases_and_bodies_are_named_in_the_error(unit_of_work: UoW, clock: FixedClock) -> None:
    with pytest.raises(DomainError) as unknown_case:
        await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: cases.show_case(ctx, "SSU", 99, 2026))
    assert unknown_case.value.params == {"case": "99/2026", "body": "SSU"}
    with pytest.raises(DomainError) as unknown_body:
        await run_as(unit_of_work, clock, MEMBER_AAD, lambda ctx: cases.list_cases(ctx, "XYZ"))
    assert unknown_body.value.code == "unknown_body" and "SSU" in str(unknown_body.value.params["known"])


@pytest.mark.parametrize(
    ("who", "allowed"),
    [(SECRETARIAT_AAD, True), (LEADER_AAD, True), (MEMBER_AAD, False), (OUTSIDER_AAD, False), (None, False)],
)
async def test_only_the_secretariat_or_the_leader_plans_meetings(
    unit_of_work: UoW, clock: FixedClock, who: str | None, allowed: bool
) -> None:
    async def plan_as(ctx: Context) -> Any:
        return await schedule.plan_meeting(ctx, "SSU", JAN_12, time(9), None, None)

    if allowed:
        await run_as(unit_of_work, clock, who, plan_as)
    else:
        with pytest.raises(NotAllowed):
            await run_as(unit_of_work, clock, who, plan_as)


async def test_anyone_in_the_body_may_register_but_not_outsiders(unit_of_work: UoW, clock: FixedClock) -> None:
    assert await register(unit_of_work, clock, "Fra medlem", who=MEMBER_AAD) == "1/2026"
    with pytest.raises(NotAllowed):
        await register(unit_of_work, clock, "Fra utenforstående", who=OUTSIDER_AAD)


async def link_channel(unit_of_work: UoW, clock: FixedClock, conversation_id: str = "19:channel@thread.tacv2") -> None:
    async with unit_of_work() as uow:
        await uow.conversations.save(
            conversation_id,
            {"conversation": {"id": conversation_id}},
            conversation_type="channel",
            tenant_id=None,
            service_url="http://connector",
            user_aad_object_id=None,
            at=clock.now(),
        )
        await uow.commit()
    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: bodies.link_conversation(ctx, "SSU"), conversation_id
    )


async def publish(unit_of_work: UoW, clock: FixedClock) -> agenda.Publication:
    return await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: agenda.publish_agenda(ctx, "SSU", None))


async def outbox(unit_of_work: UoW) -> list[Delivery]:
    """What is stored for the relay to post, oldest first."""
    async with unit_of_work() as uow:
        found = list(await uow.session.scalars(select(Delivery).order_by(Delivery.id)))
        uow.session.expunge_all()
        return found


async def test_publishing_posts_once_marks_called_and_reposts_only_after_a_change(
    unit_of_work: UoW, clock: FixedClock
) -> None:
    await link_channel(unit_of_work, clock)
    await plan(unit_of_work, clock, JAN_12)
    await register(unit_of_work, clock, "A")
    await register(unit_of_work, clock, "B")
    await set_up_case(unit_of_work, clock, 1)
    first = await publish(unit_of_work, clock)
    assert first.posted and not first.changed
    [post] = await outbox(unit_of_work)
    assert post.conversation_id == "19:channel@thread.tacv2" and post.card is not None
    assert (await agenda_of(unit_of_work, clock)).status is MeetingStatus.INNKALT
    again = await publish(unit_of_work, clock)
    assert not again.posted and len(await outbox(unit_of_work)) == 1
    await set_up_case(unit_of_work, clock, 2)
    changed = await publish(unit_of_work, clock)
    assert changed.posted and changed.changed
    assert case_references(changed.agenda) == ["1/2026", "2/2026"]
    latest = (await outbox(unit_of_work))[-1]
    assert latest.key != post.key and "1/2026" in json.dumps(latest.card) and "2/2026" in json.dumps(latest.card)
    async with unit_of_work() as uow:
        actions = list(
            await uow.session.scalars(select(AuditEvent.action).where(AuditEvent.action == "agenda.published"))
        )
    assert len(actions) == 2


async def test_a_publication_that_is_not_committed_leaves_no_post(unit_of_work: UoW, clock: FixedClock) -> None:
    # The post is stored with the change, so nothing can reach the channel for a rolled-back one.
    await link_channel(unit_of_work, clock)
    await plan(unit_of_work, clock, JAN_12)
    async with unit_of_work() as uow:
        ctx = Context(uow, clock, Actor(SECRETARIAT_AAD), None, ChannelPosts())
        publication = await agenda.publish_agenda(ctx, "SSU", None)
        assert publication.posted and ctx.posted == 1
        await uow.rollback()
    assert await outbox(unit_of_work) == []
    assert (await agenda_of(unit_of_work, clock)).status is MeetingStatus.PLANLAGT


async def test_publishing_needs_a_linked_channel(unit_of_work: UoW, clock: FixedClock) -> None:
    await plan(unit_of_work, clock, JAN_12)
    with pytest.raises(DomainError) as unlinked:
        await publish(unit_of_work, clock)
    assert unlinked.value.code == "body_not_linked"


async def test_concurrent_changes_to_one_agenda_never_share_a_position(unit_of_work: UoW, clock: FixedClock) -> None:
    await plan(unit_of_work, clock, JAN_12)
    for title in ("A", "B", "C", "D"):
        await register(unit_of_work, clock, title)
    outcomes = await asyncio.gather(
        *(set_up_case(unit_of_work, clock, number) for number in (1, 2, 3, 4)), return_exceptions=True
    )
    conflicts = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    # Storage words a lost race as the port's Conflict, caused by the version check's StaleDataError.
    assert all(
        isinstance(conflict, Conflict) and isinstance(conflict.__cause__, StaleDataError) for conflict in conflicts
    ), conflicts
    view = await agenda_of(unit_of_work, clock)
    assert [item.position for item in view.items] == list(range(1, len(view.items) + 1))
    assert len([item for item in view.items if item.case_reference]) == 4 - len(conflicts)
