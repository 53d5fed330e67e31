"""Every reply says what actually happened: where a card or notice went, and why nothing could be
done (issue 13.15)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.composition import SERVICES
from governance.rules.clock import FixedClock
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, card_texts, channel_of, conversation_of
from tests.support.fake_connector import FakeConnector, start_fake_connector
from tests.support.structure import MEMBER_AAD, SECRETARIAT_AAD


@pytest.fixture
async def second_connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    """Another Bot Connector endpoint, for a personal chat that works while the channel's fails."""
    fake, server = await start_fake_connector()
    yield fake, str(server.make_url("/"))
    await server.close()


@pytest.mark.parametrize(
    ("locale", "command", "expected"),
    [
        (
            "nb-NO",
            "protokoll SSU",
            "SSU har ikke holdt noe møte ennå, og har ingen planlagte. Planlegg et med «nytt møte».",
        ),
        ("en-US", "minutes SSU", "SSU has not held a meeting yet, and has none planned. Plan one with 'new meeting'."),
        (
            "nb-NO",
            "fremmøte SSU",
            "SSU har ikke holdt noe møte ennå, og har ingen planlagte. Planlegg et med «nytt møte».",
        ),
    ],
)
async def test_minutes_or_attendance_before_any_meeting_say_none_was_held(
    bot: BotUnderTest, structure: None, locale: str, command: str, expected: str
) -> None:
    reply = await bot.exchange(PERSONAL, command, aad_object_id=SECRETARIAT_AAD, locale=locale)

    assert reply.text == expected


async def test_a_decision_for_an_unlinked_body_says_its_card_was_posted_here(
    bot: BotUnderTest, structure: None
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak LSU Lokal rutine", aad_object_id=MEMBER_AAD, locale="nb-NO")
    posted_before = len(bot.connector.sent)

    # From the SSU channel, about LSU, which has no channel of its own.
    reply = await bot.exchange(CHANNEL, "vedtak LSU 1/2026: LSU tar rutinen i bruk.", locale="nb-NO")

    assert reply.text == (
        "Vedtak i sak 1/2026 er registrert som sirkulasjonssak (mellom møter) og sendt til godkjenning (leder) "
        "her, fordi LSU ikke er koblet til noen kanal (koble den med «koble LSU» i kanalen til LSU)."
    )
    [card] = [sent for sent in bot.connector.sent[posted_before:] if sent.cards and sent is not reply]
    assert card.conversation_id in (conversation_of(CHANNEL), channel_of(CHANNEL))
    assert card_texts(card.cards[0])[0].startswith("Vedtak til godkjenning – Sak 1/2026")

    # Once LSU is linked elsewhere, the card goes there and the reply names LSU's channel.
    await bot.exchange(PERSONAL, "koble LSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    again = await bot.exchange(CHANNEL, "vedtak LSU 1/2026: LSU tar rutinen i bruk fra 2027.", locale="en-US")
    assert again.text.endswith("sent for approval (the chair) in LSU's channel.")


async def test_an_absence_notice_the_channel_cannot_take_yet_reaches_it_later(
    bot: BotUnderTest, structure: None, second_connector: tuple[FakeConnector, str], clock: FixedClock
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 10.12.2026 09:00-12:00", locale="nb-NO")
    personal_connector, personal_url = second_connector
    bot.connector.status = 503  # the channel's connector fails; the member writes from a working chat
    activity = bot.activity(PERSONAL, "forfall SSU", locale="nb-NO", aad_object_id=MEMBER_AAD, service_url=personal_url)

    await bot.post(activity)

    [reply] = bot.replies_to(activity["id"], personal_connector)
    assert reply.text.endswith("Sekretariatet får beskjed i kanalen til SSU nå.")
    assert not [sent for sent in bot.connector.sent if sent.text.startswith("Forfall:")]
    # The notice waits in the outbox and goes to the channel once it answers again.
    bot.connector.status = 200
    clock.advance(timedelta(minutes=15))
    await bot.app[SERVICES].relay.run_once()
    [notice] = [sent for sent in bot.connector.sent if sent.text.startswith("Forfall:")]
    assert notice.conversation_id == conversation_of(CHANNEL) or notice.conversation_id == channel_of(CHANNEL)
