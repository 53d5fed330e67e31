"""Change notices keep their outbox keys when a turn runs again: a move rolled back by a conflict
and run anew stores the same keys, so the outbox keeps one of each (issue 16, part 4)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

import pytest
from sqlalchemy import text

from cards.channel_posts import ChannelPosts
from governance.access import Actor
from governance.context import Context
from governance.meetings import agenda, schedule
from governance.rules.clock import FixedClock
from storage.unit_of_work import SqlUnitOfWork
from tests.integration.helpers import run_as
from tests.support.structure import MEMBER_AAD, SECRETARIAT_AAD

pytestmark = pytest.mark.usefixtures("structure")

UoW = Callable[[], SqlUnitOfWork]
CHANNEL = "19:ssu-channel@thread.tacv2"
CHAT = "a:member-personal-chat"
JAN_12, JAN_19 = date(2027, 1, 12), date(2027, 1, 19)


async def called_ssu_meeting(unit_of_work: UoW, clock: FixedClock) -> None:
    async with unit_of_work() as uow:
        for conversation, kind, aad in ((CHANNEL, "channel", None), (CHAT, "personal", MEMBER_AAD)):
            await uow.conversations.save(
                conversation,
                {"conversation": {"id": conversation}},
                conversation_type=kind,
                tenant_id=None,
                service_url="https://smba.example.invalid/",
                user_aad_object_id=aad,
                at=clock.now(),
            )
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None
        ssu.linked_conversation_id = CHANNEL
        await uow.commit()
    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: schedule.plan_meeting(ctx, "SSU", JAN_12, time(9), None, None)
    )
    await run_as(unit_of_work, clock, SECRETARIAT_AAD, lambda ctx: agenda.publish_agenda(ctx, "SSU", JAN_12))


async def move_keys(unit_of_work: UoW, clock: FixedClock, *, commit: bool) -> list[str]:
    async with unit_of_work() as uow:
        ctx = Context(uow, clock, Actor(SECRETARIAT_AAD), None, ChannelPosts())
        await schedule.move_meeting(ctx, "SSU", JAN_12, JAN_19, time(10), None)
        await uow.flush()
        rows = await uow.session.execute(text("SELECT key FROM deliveries WHERE key LIKE '%:moved:%' ORDER BY key"))
        keys = [row.key for row in rows]
        await (uow.commit() if commit else uow.rollback())
    return keys


async def test_a_move_run_again_after_a_rollback_stores_the_same_notices_once(
    unit_of_work: UoW, clock: FixedClock
) -> None:
    await called_ssu_meeting(unit_of_work, clock)

    first = await move_keys(unit_of_work, clock, commit=False)  # as a turn that lost a race
    second = await move_keys(unit_of_work, clock, commit=True)

    assert first == second
    assert len(second) == 2  # the channel and the member's chat; the leader has none
    async with unit_of_work() as uow:
        rows = (
            await uow.session.execute(text("SELECT conversation_id, text FROM deliveries WHERE key LIKE '%:moved:%'"))
        ).all()
    assert sorted(row.conversation_id for row in rows) == sorted([CHANNEL, CHAT])
    assert {row.text for row in rows} == {
        "Endring: møtet i SSU er flyttet fra tirsdag 12. januar 2027 kl. 09.00 til tirsdag 19. januar 2027 kl. 10.00."
    }
