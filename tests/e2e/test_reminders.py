"""Reminders end to end: the real app's relay sends through botbuilder's connector client to the
fake Bot Connector, which answers as Teams does, 429 with Retry-After included."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.composition import SERVICES
from governance.rules.clock import FixedClock
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    channel_of,
    conversation_of,
    query,
    visible_text,
)
from tests.support.structure import LEADER_AAD, MEMBER_AAD


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def prepare(bot: BotUnderTest) -> None:
    """SSU linked to the channel, a meeting on Tuesday 12 January 2027, and Tien known in his
    personal chat with the bot."""
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte 12.01.2027 09:00-12:00 Møterom 1", locale="nb-NO")
    await bot.exchange(PERSONAL, "hjelp", aad_object_id=MEMBER_AAD, locale="nb-NO")


async def run_relay(bot: BotUnderTest) -> int:
    return await bot.app[SERVICES].relay.run_once()


async def test_the_deadline_reminder_reaches_members_in_their_chat_or_named_in_the_channel(
    bot: BotUnderTest, structure: None, clock: FixedClock
) -> None:
    await prepare(bot)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())

    assert await run_relay(bot) == 2

    [personal] = [sent for sent in bot.connector.to(conversation_of(PERSONAL)) if "Fristen" in sent.text]
    assert personal.text.startswith("Påminnelse: Fristen for å melde inn saker til møtet i SSU tirsdag 12. januar 2027")
    assert personal.reply_to_id is None  # a new message, not a reply
    [channel] = [sent for sent in bot.connector.to(channel_of(CHANNEL)) if "Fristen" in sent.text]
    # Lise has not written to the bot yet: she is @mentioned in the channel by her Entra object id.
    assert channel.text.startswith("<at>Lise Leder</at>: Påminnelse: Fristen")
    assert channel.body["entities"] == [
        {"type": "mention", "text": "<at>Lise Leder</at>", "mentioned": {"id": LEADER_AAD, "name": "Lise Leder"}}
    ]
    assert await run_relay(bot) == 0


async def test_a_429_with_retry_after_is_waited_out_and_the_message_arrives_once(
    bot: BotUnderTest, structure: None, clock: FixedClock, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare(bot)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())
    bot.connector.answers = [(429, {"Retry-After": "20"}), (429, {"Retry-After": "20"})]

    assert await run_relay(bot) == 0
    assert len(bot.connector.refused) == 2
    clock.advance(timedelta(seconds=15))
    assert await run_relay(bot) == 0  # Retry-After has not passed: nothing is tried
    assert len(bot.connector.refused) == 2
    clock.advance(timedelta(seconds=10))
    assert await run_relay(bot) == 2

    reminders = [sent for sent in bot.connector.sent if "Fristen" in sent.text]
    assert len(reminders) == 2
    rows = await query(unit_of_work, "SELECT status, attempts, activity_id FROM deliveries ORDER BY id")
    assert [(row.status, row.attempts) for row in rows] == [("sent", 2), ("sent", 2)]
    assert all(row.activity_id.startswith("sent-") for row in rows)


async def test_a_500_is_not_resent_and_the_secretariat_hears_of_it(
    bot: BotUnderTest, structure: None, clock: FixedClock, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare(bot)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())
    bot.connector.answers = [(500, {})]

    await run_relay(bot)
    clock.advance(timedelta(minutes=1))
    await run_relay(bot)

    rows = await query(unit_of_work, "SELECT key, status, last_error FROM deliveries ORDER BY id")
    statuses = sorted((row.status, row.last_error) for row in rows)
    assert statuses == [("sent", None), ("sent", None), ("uncertain", "http_500")]
    notices = [sent for sent in bot.connector.to(channel_of(CHANNEL)) if "kan ha gått tapt" in sent.text]
    assert len(notices) == 1


async def read_health(bot: BotUnderTest) -> tuple[int, dict[str, Any]]:
    """`/healthz` as a monitor reads it. The check gives the database 1.5 s; late in a long test run
    this process's own pauses can overrun that once, which is the degraded answer tested in
    test_database_away.py, not the report tested here: so a 503 is asked again, twice at most."""
    for _ in range(3):
        async with bot.session.get(f"{bot.url}/healthz") as response:
            status, body = response.status, await response.json()
        if status != 503:
            break
    return status, body


async def test_the_health_endpoint_reports_the_relay_and_the_outbox(
    bot: BotUnderTest, structure: None, clock: FixedClock
) -> None:
    await prepare(bot)
    clock.advance(utc(2026, 12, 23, 7) - clock.now())
    bot.connector.answers = [(503, {})]
    await run_relay(bot)

    status, health = await read_health(bot)

    assert status == 200
    relay = health["relay"]
    assert relay["enabled"] is False and relay["last_error"] is None
    assert relay["last_run_at"] == "2026-12-23T07:00:00+00:00"
    # What still needs action: the message the 503 held back. The one sent is done with and, like
    # every message sent before it, not counted.
    assert relay["messages"] == {"pending": 1, "claimed": 0, "sending": 0, "failed": 0, "uncertain": 0}
    assert relay["oldest_due_waiting_s"] == 0.0  # its next attempt is not due yet

    clock.advance(timedelta(days=2))
    later = (await read_health(bot))[1]["relay"]
    # With no relay running for two days, the waiting message shows how far behind it is.
    assert later["messages"]["pending"] == 1 and later["oldest_due_waiting_s"] > 86400


async def test_the_secretariat_sees_and_changes_the_reminders_and_upcoming_ones_follow(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare(bot)

    shown = visible_text(await bot.exchange(CHANNEL, "påminnelser", locale="nb-NO"))
    assert "Påminnelser – SSU" in shown
    assert "Frist for saker: 14 dager før møtet" in shown
    assert "Påminnelse dagen før møtet: ja" in shown
    assert "onsdag 23. desember 2026 kl. 08.00 – Frist for saker (møtet tirsdag 12. januar 2027 kl. 09.00)" in shown
    assert "mandag 11. januar 2027 kl. 08.00 – Dagen før møtet" in shown

    refused = await bot.exchange(PERSONAL, "påminnelser SSU kvelden nei", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "Du har ikke rettigheter til dette i SSU" in visible_text(refused)
    assert len(await audit_trail(unit_of_work, "refused.set_reminders")) == 1

    changed = visible_text(await bot.exchange(CHANNEL, "påminnelser frist 21 kvelden nei", locale="nb-NO"))
    assert "Påminnelsene for SSU er endret" in changed
    assert "Frist for saker: 21 dager før møtet" in changed and "Påminnelse dagen før møtet: nei" in changed
    # The deadline is now Tuesday 22 December; members hear of it on Thursday 17 December.
    assert "torsdag 17. desember 2026 kl. 08.00 – Frist for saker" in changed
    assert "Dagen før møtet" not in changed.split("Neste påminnelser")[1]
    [event] = await audit_trail(unit_of_work, "reminders.changed")
    assert event.details["after"]["meeting_eve"] is False and event.details["before"]["case_deadline_days"] == 14

    english = visible_text(await bot.exchange(CHANNEL, "reminders SSU agenda 90", locale="en-US"))
    assert "The number of days must be between 1 and 60 (not 90)." in english


async def test_a_policy_that_would_send_the_agenda_before_the_case_deadline_is_refused_with_the_reason(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare(bot)
    reminders_before = await query(unit_of_work, "SELECT key, status, due_at FROM reminders ORDER BY key")

    refused = visible_text(await bot.exchange(CHANNEL, "påminnelser saksliste 20 frist 5", locale="nb-NO"))
    same_day = visible_text(await bot.exchange(CHANNEL, "reminders agenda 14", locale="en-US"))

    assert refused == (
        "Sakslisten må gå ut etter fristen for å melde inn saker, så «saksliste» må være færre dager før møtet "
        "enn «frist» (nå saksliste 20 og frist 5). Ingenting er endret."
    )
    assert same_day == (
        "The agenda must go out after the deadline for submitting cases, so 'agenda' must be fewer days before "
        "the meeting than 'deadline' (now agenda 14 and deadline 14). Nothing was changed."
    )
    shown = visible_text(await bot.exchange(CHANNEL, "påminnelser", locale="nb-NO"))
    assert "Frist for saker: 14 dager før møtet" in shown
    assert await query(unit_of_work, "SELECT key, status, due_at FROM reminders ORDER BY key") == reminders_before
    assert await audit_trail(unit_of_work, "reminders.changed") == []
    # Both changed together, consistently, is accepted.
    assert "Påminnelsene for SSU er endret" in visible_text(
        await bot.exchange(CHANNEL, "påminnelser saksliste 20 frist 25", locale="nb-NO")
    )
