"""The orphan-card sequence of issue 15 with a real process killed: `hfbot relay` is posting a
decision's approval card when it dies (SIGKILL) with the connector still holding the post; the
secretariat then records a second wording. Whatever became of the first card, its buttons must not
make the second wording final, and the approvers must be told why nothing happened.

The relays are processes of their own on the test's database; the presses go through the real
HTTP endpoint and card-action path of the bot, as Teams sends them."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from governance.approvals.decisions import record_decision
from governance.rules.clock import FixedClock
from governance.rules.reminders import Delivery, DeliveryStatus
from tests.e2e.conftest import CHANNEL, BotUnderTest, UnitOfWorkFactory, card_texts, channel_of, conversation_of, query
from tests.e2e.test_decisions import approval_cards, click, decision_row, execute_action, invoke, prepare_case
from tests.integration.helpers import run_as
from tests.support.fake_connector import ACCEPTED_THEN_HANG, HANG
from tests.support.relay_process import relay_process
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD

FIRST = "SSU godkjenner avtalen."
SECOND = "SSU godkjenner avtalen med endringene."
UNCERTAIN_NOTICE = "kan allerede være der"


def set_clock(clock_file: Path, clock: FixedClock) -> None:
    """The relays read the test's clock from this file (HFBOT_CLOCK_FILE), written whole at once."""
    ahead = clock_file.with_suffix(".next")
    ahead.write_text(clock.now().isoformat())
    ahead.replace(clock_file)


async def deliveries(unit_of_work: UnitOfWorkFactory) -> dict[str, Delivery]:
    """The outbox's messages by key, as they stand."""
    async with unit_of_work() as uow:
        found = {d.key: d for d in await uow.session.scalars(select(Delivery).order_by(Delivery.id))}
        uow.session.expunge_all()
    return found


async def approvals_given(unit_of_work: UnitOfWorkFactory) -> list[Any]:
    return await query(unit_of_work, "SELECT round, person_id FROM decision_approvals ORDER BY id")


def decide(text: str) -> Callable[[Any], Any]:
    return lambda ctx: record_decision(ctx, "SSU", 1, 2026, text)


@pytest.mark.parametrize("first_post", ["arrived", "lost"])
async def test_a_relay_killed_while_posting_the_card_leaves_no_button_that_finalises_another_wording(
    bot: BotUnderTest,
    structure: None,
    unit_of_work: UnitOfWorkFactory,
    database_url: str,
    clock: FixedClock,
    ssu_policy: Callable[[str], Any],
    tmp_path: Path,
    first_post: str,
) -> None:
    await prepare_case(bot)  # SSU linked to the channel through the bot, case 1/2026 in its queue
    await ssu_policy("leader_and_one_member")
    clock_file = tmp_path / "now.txt"
    set_clock(clock_file, clock)
    env = {"HFBOT_CLOCK_FILE": str(clock_file)}  # the relays keep the test's time
    await run_as(unit_of_work, clock, SECRETARIAT_AAD, decide(FIRST), conversation_of(CHANNEL))
    # Teams keeps the post and holds the answer, or holds the post itself; the relay dies meanwhile.
    bot.connector.post_faults.append(ACCEPTED_THEN_HANG if first_post == "arrived" else HANG)
    try:
        await the_sequence(bot, unit_of_work, database_url, clock, clock_file, tmp_path, env, first_post)
    finally:
        bot.connector.release_hangs()  # a post still held is let go, not waited out at the end


async def the_sequence(
    bot: BotUnderTest,
    unit_of_work: UnitOfWorkFactory,
    database_url: str,
    clock: FixedClock,
    clock_file: Path,
    tmp_path: Path,
    env: dict[str, str],
    first_post: str,
) -> None:
    # The relay process takes the card to the connector, which holds the post; the process dies.
    first_row = await kill_while_posting(bot, unit_of_work, database_url, tmp_path / "killed.log", env)
    if first_post == "arrived":
        [first] = approval_cards(bot)  # in the channel, though the relay never learnt it arrived
        first_card = first.cards[0]
    else:
        assert approval_cards(bot) == []  # not in the channel; its card is the one the outbox holds
        assert first_row.card is not None
        first_card = first_row.card
    assert FIRST in card_texts(first_card)

    await run_as(unit_of_work, clock, SECRETARIAT_AAD, decide(SECOND), conversation_of(CHANNEL))
    # The dead relay's lease runs out; a relay runs again and settles what it left.
    clock.advance(timedelta(seconds=2))
    set_clock(clock_file, clock)
    survivor = await relay_process(database_url, tmp_path / "survivor.log", "--once", **env)
    assert await survivor.wait() == 0

    # What the channel shows: the second wording's card, the first card only if Teams kept it, and
    # one notice that a message may or may not have arrived (it is not sent again).
    shown = [card_texts(sent.cards[0]) for sent in approval_cards(bot)]
    expected = [FIRST, SECOND] if first_post == "arrived" else [SECOND]
    assert [next(text for text in (FIRST, SECOND) if text in texts) for texts in shown] == expected
    [notice] = [sent for sent in bot.connector.to(channel_of(CHANNEL)) if UNCERTAIN_NOTICE in sent.text]
    assert notice.reply_to_id is None
    stored = await deliveries(unit_of_work)
    assert stored["decision:1:card:1"].status is DeliveryStatus.UNCERTAIN
    assert stored["decision:1:card:2"].status is DeliveryStatus.SENT

    # The leader and a member press Godkjenn on the first card: the rule would be met, but the
    # card shows a wording that is no longer the decision's, so nothing is recorded.
    said = {
        (LEADER_AAD, "nb-NO"): ("Vedtak til godkjenning – Sak 1/2026", "tidligere utgave av teksten"),
        (MEMBER_AAD, "en-US"): ("Decision awaiting approval – Case 1/2026", "earlier version of the text"),
    }
    for (approver, locale), (heading, why) in said.items():
        answer = await click(bot, invoke(bot, execute_action(first_card, "approve"), approver, locale=locale))
        texts = card_texts(answer)
        assert texts[0] == heading and any(why in text for text in texts), texts
        assert SECOND in texts and FIRST not in texts  # the card now shows what stands
    row = await decision_row(unit_of_work)
    assert (row.status, row.round) == ("til godkjenning", 2)
    assert await approvals_given(unit_of_work) == []

    # Pressing on the current card counts, and the second wording becomes final.
    [*_, current] = approval_cards(bot)
    for approver in (LEADER_AAD, MEMBER_AAD):
        await click(bot, invoke(bot, execute_action(current.cards[0], "approve"), approver))
    row = await decision_row(unit_of_work)
    assert (row.status, row.round) == ("vedtatt", 2)
    [decided] = await query(unit_of_work, "SELECT text FROM decisions")
    assert decided.text == SECOND
    # The channel's copy of the second card is replaced by the final one, in place.
    [replaced] = bot.connector.updated
    assert card_texts(replaced.cards[0])[0] == "Vedtatt – Sak 1/2026" and SECOND in card_texts(replaced.cards[0])


async def kill_while_posting(
    bot: BotUnderTest, unit_of_work: UnitOfWorkFactory, database_url: str, log: Path, env: dict[str, str]
) -> Delivery:
    """Starts `hfbot relay --once`, waits until its post reaches the connector (which holds it),
    and kills the process; returns the card's outbox row as the dead relay left it."""
    before = bot.connector.received  # the bot's replies so far
    killed = await relay_process(database_url, log, "--once", **env)
    try:
        async with asyncio.timeout(120):  # a process start on a busy machine, not a bound on the bot
            while bot.connector.received == before:
                await asyncio.sleep(0.05)
        row = (await deliveries(unit_of_work))["decision:1:card:1"]
        assert row.status is DeliveryStatus.SENDING  # handed to the connector, no answer yet
        killed.send_signal(signal.SIGKILL)
        assert await killed.wait() == -signal.SIGKILL
    finally:
        if killed.returncode is None:
            killed.kill()
            await killed.wait()
    return row
