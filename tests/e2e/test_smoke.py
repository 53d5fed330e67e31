from __future__ import annotations

from tests.e2e.conftest import BotUnderTest


async def test_help_in_a_personal_chat_answers_in_english_for_an_english_locale(bot: BotUnderTest) -> None:
    reply = await bot.say("personal_message.json", "help", locale="en-US")
    assert "new meeting [body] <date>" in reply
