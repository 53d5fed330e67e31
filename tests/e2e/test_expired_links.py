"""An expired download link names the command that makes a new one (issue 13.18)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from governance.plans.plan_import import import_plan, parse_plan
from governance.rules.clock import FixedClock
from tests.e2e.conftest import PERSONAL, BotUnderTest, UnitOfWorkFactory


@pytest.fixture
async def plan(unit_of_work: UnitOfWorkFactory, structure: None, clock: FixedClock) -> None:
    async with unit_of_work() as uow:
        await import_plan(uow, parse_plan({"year": 2026, "owner": "SSU", "areas": []}), clock.now())
        await uow.commit()


@pytest.mark.parametrize(
    ("locale", "command", "expected"),
    [
        ("nb-NO", "handlingsplan", "Lenken er utløpt eller ugyldig. Skriv «handlingsplan» til boten for en ny."),
        ("en-US", "plan", "The link has expired or is not valid. Write 'plan' to the bot for a new one."),
    ],
)
async def test_an_expired_plan_link_says_to_ask_for_the_plan_again(
    bot: BotUnderTest, plan: None, clock: FixedClock, locale: str, command: str, expected: str
) -> None:
    [card] = (await bot.exchange(PERSONAL, command, locale=locale)).cards
    url = next(action["url"] for action in card["actions"] if action["type"] == "Action.OpenUrl")
    parts = urlsplit(url)
    clock.advance(timedelta(hours=2))

    async with bot.session.get(f"{bot.url}{parts.path}?{parts.query}") as response:
        assert response.status == 403
        assert await response.text() == expected
