"""Shared by the innsyn tests: a community with its innsyn page turned on, a meeting of SSU whose
agenda is published, an exempt case with a public title and an exempt document beside a public
case, final decisions on both, and (optionally) the minutes approved; and a crawler that follows
every link of the page the way a reader (or a search engine) would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CHANNEL, BotUnderTest, visible_text
from tests.e2e.test_decisions import approval_cards, click, execute_action, invoke
from tests.e2e.test_minutes import minutes_posts
from tests.e2e.test_public_access import BASIS, PUBLIC_TITLE, two_cases_on_an_agenda
from tests.support.structure import LEADER_AAD, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]

PUBLIC_DECISION = "SSU vedtar rutinen for utskrivning slik den ble lagt fram."
SECRET_CASE = "Hemmelig sak som ikke er publisert"


async def turn_on_public_records(unit_of_work: UnitOfWorkFactory, on: bool = True) -> None:
    """The structure file imported again with `public_records:` as given."""
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure({**test_structure(), "public_records": on}))
        await uow.commit()


async def exempt_and_publish(bot: BotUnderTest) -> None:
    """Case 1/2026 exempt with a public title, its document exempt too, the agenda published; and
    a later meeting on 8 December with a case on an agenda that is never published."""
    await two_cases_on_an_agenda(bot)
    assert "unntatt" in visible_text(await bot.exchange(CHANNEL, f"unnta SSU 1/2026 {BASIS}", locale="nb-NO"))
    await bot.exchange(CHANNEL, f"offentlig tittel SSU 1/2026: {PUBLIC_TITLE}", locale="nb-NO")
    exempt_document = visible_text(await bot.exchange(CHANNEL, "unnta vedlegg SSU 1/2026 1 13-1", locale="nb-NO"))
    assert exempt_document.startswith("Vedlegg 1 i sak 1/2026 er unntatt offentlighet")
    published = visible_text(await bot.exchange(CHANNEL, "publiser saksliste", locale="nb-NO"))
    assert "legges ut i kanalen til SSU nå" in published
    await bot.exchange(CHANNEL, f"ny sak SSU {SECRET_CASE}", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte SSU 08.12.2026 09:00-12:00 Drammen sykehus", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 3/2026 08.12.2026", locale="nb-NO")


async def decide(bot: BotUnderTest, clock: FixedClock, decision_text: str) -> None:
    """The meeting of 24 November is held: both cases decided, each decision approved (final)."""
    clock.advance(timedelta(days=1, hours=4))
    await bot.exchange(CHANNEL, f"vedtak SSU 1/2026: {decision_text}", locale="nb-NO")
    await click(bot, invoke(bot, execute_action(approval_cards(bot)[-1].cards[0], "approve"), LEADER_AAD))
    await bot.exchange(CHANNEL, f"vedtak SSU 2/2026: {PUBLIC_DECISION}", locale="nb-NO")
    await click(bot, invoke(bot, execute_action(approval_cards(bot)[-1].cards[0], "approve"), LEADER_AAD))


async def draft_minutes(bot: BotUnderTest) -> None:
    reply = await bot.exchange(CHANNEL, "protokoll", locale="nb-NO")
    assert "legges ut til godkjenning" in reply.text


async def approve_minutes(bot: BotUnderTest) -> None:
    approved = await click(bot, invoke(bot, execute_action(minutes_posts(bot)[-1].cards[0], "approve"), LEADER_AAD))
    assert "Godkjent protokoll" in str(approved)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.links.append(value)


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.links


async def crawl(bot: BotUnderTest, start: str = "/innsyn/") -> dict[str, tuple[str, bytes]]:
    """Every page and file reachable from `start` on this server: path → (content type, bytes).
    Each must answer 200; a link to another site would be reported by its path too."""
    found: dict[str, tuple[str, bytes]] = {}
    queue = [start]
    while queue:
        path = queue.pop()
        if path in found:
            continue
        async with bot.session.get(f"{bot.url}{path}", allow_redirects=False) as response:
            assert response.status == 200, (path, response.status)
            content_type = response.content_type
            body = await response.read()
        found[path] = (content_type, body)
        if content_type == "text/html":
            for link in links_in(body.decode()):
                parts = urlsplit(urljoin(path, link))
                if parts.scheme or parts.netloc:
                    raise AssertionError(f"the innsyn page links away: {link}")
                if not parts.path or parts.path == path:  # "#innhold", the skip link
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


async def status_of(bot: BotUnderTest, path: str) -> int:
    async with bot.session.get(f"{bot.url}{path}", allow_redirects=False) as response:
        await response.read()
        return response.status
