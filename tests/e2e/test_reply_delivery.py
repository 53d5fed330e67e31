"""The turn's own reply over real HTTP, through botbuilder's connector client, to a connector that
fails the way Teams does (DESIGN.md section 5): retried within the turn's budget, never followed
by an error when it may already be in the chat, and split into messages Teams accepts."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import pytest
from sqlalchemy import text

from bot.composition import SERVICES
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, UnitOfWorkFactory, visible_text
from tests.support.fake_connector import ACCEPTED_THEN_500, HANG, SentActivity

LIMIT = 80 * 1024  # DESIGN.md section 5: a message must stay under ~80 KB
# Teams gives up on a turn after 10-15 s; the reply must be done (or given up) well before.
TURN_SECONDS = 10.0
HELP_LINE = "nytt møte [organ] <dato>"


async def timed(bot: BotUnderTest, fixture: str, command: str, **options: str) -> tuple[list[SentActivity], float]:
    """Posts a message; the replies the connector kept for it, and how long the turn took."""
    activity = bot.activity(fixture, command, locale="nb-NO", **options)
    start = time.monotonic()
    response = await bot.post(activity)
    elapsed = time.monotonic() - start
    assert 200 <= response.status < 300, response.status
    return bot.replies_to(activity["id"]), elapsed


def no_error_was_sent(bot: BotUnderTest) -> bool:
    return not any(
        "Beklager" in visible_text(sent) or "Ingenting er endret" in sent.text for sent in bot.connector.sent
    )


@pytest.mark.parametrize(
    ("status", "headers"),
    [(429, {"Retry-After": "2"}), (412, {}), (502, {}), (503, {}), (504, {})],
)
async def test_a_reply_the_connector_turns_away_for_now_is_delivered_once_after_the_wait(
    bot: BotUnderTest, status: int, headers: dict[str, str]
) -> None:
    bot.connector.answers = [(status, headers)]

    replies, elapsed = await timed(bot, PERSONAL, "hjelp")

    [reply] = replies
    assert HELP_LINE in visible_text(reply)
    assert len(bot.connector.refused) == 1 and bot.connector.received == 2  # refused once, then taken
    if "Retry-After" in headers:
        assert elapsed >= 1.9  # the connector's Retry-After was honoured, not cut short
    assert elapsed < TURN_SECONDS


async def test_a_retry_after_beyond_the_turn_is_not_waited_for_and_no_error_follows(bot: BotUnderTest) -> None:
    bot.connector.answers = [(429, {"Retry-After": "60"})]

    replies, elapsed = await timed(bot, PERSONAL, "hjelp")

    assert replies == [] and bot.connector.received == 1
    assert elapsed < TURN_SECONDS


async def test_a_reply_accepted_then_answered_500_is_seen_once_and_no_error_follows(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    bot.connector.faults = [ACCEPTED_THEN_500]

    with caplog.at_level(logging.INFO):
        replies, _ = await timed(bot, PERSONAL, "hjelp")

    [reply] = replies
    assert HELP_LINE in visible_text(reply)
    assert bot.connector.received == 1  # not resent, and no error message after it
    assert no_error_was_sent(bot)
    logged = [record.getMessage() for record in caplog.records if record.getMessage().startswith("reply.")]
    assert logged == ["reply.uncertain code=http_500"]  # a code, never the reply's text


async def test_a_hanging_connector_ends_the_turn_within_the_budget_without_an_error_message(
    bot: BotUnderTest, caplog: pytest.LogCaptureFixture
) -> None:
    bot.connector.faults = [HANG]

    with caplog.at_level(logging.INFO):
        replies, elapsed = await timed(bot, PERSONAL, "hjelp")

    assert elapsed < TURN_SECONDS
    assert replies == [] and bot.connector.received == 1
    assert "reply.uncertain code=timeout" in [record.getMessage() for record in caplog.records]


async def test_while_a_reply_hangs_no_database_connection_is_held_and_other_users_are_answered(
    bot: BotUnderTest, structure: None
) -> None:
    bot.connector.faults = [HANG]
    first = asyncio.create_task(bot.post(bot.activity(PERSONAL, "hjelp", locale="nb-NO")))
    for _ in range(200):  # the first turn's reply reaches the connector and hangs there
        if bot.connector.received:
            break
        await asyncio.sleep(0.05)
    assert bot.connector.received == 1

    assert bot.app is not None
    assert bot.app[SERVICES].engine.sync_engine.pool.checkedout() == 0
    other = await bot.exchange(CHANNEL, "saker SSU", locale="nb-NO")

    assert "Saker" in visible_text(other)
    assert not first.done()  # answered while the first turn still waits on the connector
    await first


# --- size ------------------------------------------------------------------------------------------

TITLE = (
    "Samhandling om utskrivning av skrøpelige eldre fra sykehus til kommunene i Kárášjohka og Tromsø, "
    "med felles rutiner for legemidler, hjelpemidler og oppfølging de første dagene hjemme – "
)


def long_title(number: int) -> str:
    return (f"Tema {number}: " + TITLE * 5)[:500]


async def in_channel(bot: BotUnderTest, command: str) -> str:
    return visible_text(await bot.exchange(CHANNEL, command, locale="nb-NO"))


async def hundred_long_cases_on_the_agenda(bot: BotUnderTest, unit_of_work: UnitOfWorkFactory) -> None:
    """SSU with a meeting whose agenda holds cases 1/2026 to 100/2026, each titled in 500
    characters (longer than a chat command may write, as the column allows)."""
    assert "koblet til SSU" in await in_channel(bot, "koble SSU")
    assert "planlagt" in await in_channel(bot, "nytt møte 12.01.2027 09:00-12:00 Møterom 1")
    assert "registrert" in await in_channel(bot, "ny sak Første sak")
    assert "satt opp" in await in_channel(bot, "sett opp 1/2026")
    columns = "body_id, year, case_type, status, responsible_id, submitted_by_id, submitted_at, version"
    async with unit_of_work() as uow:
        session = uow.session
        for number in range(2, 101):
            await session.execute(
                text(
                    f"INSERT INTO cases (number, title, {columns}) "
                    f"SELECT :number, :title, {columns} FROM cases WHERE number = 1"
                ),
                {"number": number, "title": long_title(number)},
            )
            await session.execute(
                text(
                    "INSERT INTO agenda_items (meeting_id, position, case_id) "
                    "SELECT meeting_id, :position, (SELECT id FROM cases WHERE number = :number) "
                    "FROM agenda_items WHERE case_id = (SELECT id FROM cases WHERE number = 1)"
                ),
                {"number": number, "position": 100 + number},
            )
        await session.execute(text("UPDATE cases SET title = :title WHERE number = 1"), {"title": long_title(1)})
        await session.execute(text("UPDATE case_counters SET last_number = 100"))
        await uow.commit()


def under_the_limit(sent: SentActivity) -> bool:
    """The message as it arrived, counted on the wire and in UTF-16 alike."""
    return (
        len(json.dumps(sent.body).encode()) < LIMIT
        and len(json.dumps(sent.body, ensure_ascii=False).encode("utf-16-le")) < LIMIT
    )


async def test_an_agenda_of_100_cases_with_500_character_titles_arrives_whole_in_messages_under_the_limit(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await hundred_long_cases_on_the_agenda(bot, unit_of_work)

    replies, _ = await timed(bot, CHANNEL, "saksliste")

    assert len(replies) >= 2
    assert all(under_the_limit(reply) for reply in replies)
    seen = "\n".join(visible_text(reply) for reply in replies)
    assert all(f"Sak {number}/2026 Tema {number}:" in seen for number in range(2, 101))
    assert bot.connector.refused == []


async def test_the_case_list_of_100_cases_with_500_character_titles_stays_under_the_limit(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await hundred_long_cases_on_the_agenda(bot, unit_of_work)

    replies, _ = await timed(bot, CHANNEL, "saker SSU")

    assert replies and all(under_the_limit(reply) for reply in replies)
    assert "Tema 30:" in "\n".join(visible_text(reply) for reply in replies)
    assert bot.connector.refused == []


async def test_a_reply_refused_as_too_large_is_split_and_resent_and_all_of_it_arrives(
    bot: BotUnderTest, structure: None
) -> None:
    assert "koblet til SSU" in await in_channel(bot, "koble SSU")
    [whole], _ = await timed(bot, CHANNEL, "ny sak Felles rutine for utskrivning av skrøpelige eldre")
    with_text = len(json.dumps(whole.body).encode())
    card_alone = len(json.dumps({key: value for key, value in whole.body.items() if key != "text"}).encode())
    # A connector that takes the card alone but not the text with it.
    bot.connector.max_body_bytes = (with_text + card_alone) // 2

    replies, _ = await timed(bot, CHANNEL, "ny sak Felles rutine for innleggelse av skrøpelige eldre")

    assert len(bot.connector.refused) == 1
    text_message, card_message = replies
    assert "Sak 2/2026 «Felles rutine for innleggelse av skrøpelige eldre» er registrert" in text_message.text
    assert not text_message.cards
    assert "Felles rutine for innleggelse av skrøpelige eldre" in visible_text(card_message)


async def test_a_card_too_large_even_alone_is_replaced_by_a_sentence_saying_so(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await hundred_long_cases_on_the_agenda(bot, unit_of_work)
    bot.connector.max_body_bytes = 10_000  # smaller than any part of this agenda

    replies, _ = await timed(bot, CHANNEL, "saksliste")

    [notice] = replies  # said once, though every part of the agenda was refused
    assert "Svaret er for stort til at Teams tar imot det" in notice.text
    assert no_error_was_sent(bot)
