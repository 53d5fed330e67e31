"""The innsyn page (issue 18) over real HTTP: off by default (every path 404), turned on in the
structure file it lists SSU's published meeting with the public notice, the approved minutes and the
final decisions; an exempt case with an exempt document appears in no page and no PDF reachable by
crawling every link, nor under any innsyn path by its own or its document's id; an unpublished
agenda and draft minutes are not reachable."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from governance.rules.clock import FixedClock
from tests.e2e.conftest import CHANNEL, BotUnderTest, query
from tests.e2e.innsyn_helpers import (
    PUBLIC_DECISION,
    SECRET_CASE,
    UnitOfWorkFactory,
    approve_minutes,
    crawl,
    decide,
    draft_minutes,
    exempt_and_publish,
    status_of,
    turn_on_public_records,
)
from tests.e2e.test_public_access import BASIS, PROPOSAL, PUBLIC_TITLE, TITLE

DECISION = "SSU godkjenner avtalen med Kari Nordmann slik den ble lagt fram."
WITHHELD = (TITLE, "Kari Nordmann", "Nordmann", PROPOSAL, DECISION, "Avtaleutkast", "Avtale.docx", SECRET_CASE)
MEETING = "/innsyn/SSU/2026/2026-11-24"
UNPUBLISHED = "/innsyn/SSU/2026/2026-12-08"


def pdf_text(content: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages))


def patterns(value: object) -> list[str]:
    """Every innsyn path with `value` in each place a path takes something."""
    return [
        f"/innsyn/{value}",
        f"/innsyn/SSU/{value}",
        f"/innsyn/{value}/2026",
        f"/innsyn/SSU/2026/{value}",
        f"/innsyn/SSU/2026/{value}/innkalling.pdf",
        f"/innsyn/SSU/2026/{value}/protokoll.pdf",
        f"/innsyn/{value}/2026/2026-11-24/innkalling.pdf",
        f"/innsyn/{value}/2026/2026-11-24/protokoll.pdf",
        f"/innsyn/SSU/{value}/2026-11-24/innkalling.pdf",
    ]


async def test_the_innsyn_page_is_not_there_until_the_structure_file_turns_it_on(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await exempt_and_publish(bot)
    await decide(bot, clock, DECISION)
    await draft_minutes(bot)
    await approve_minutes(bot)
    off = ["/innsyn/", "/innsyn", "/innsyn/SSU/2026", f"{MEETING}/innkalling.pdf", f"{MEETING}/protokoll.pdf"]
    for path in off:
        assert await status_of(bot, path) == 404, path
    async with bot.session.get(f"{bot.url}/innsyn/") as response:
        assert response.headers["Cache-Control"] == "no-store"  # turned on later, it shows at once
        assert "Fant ikke siden" in await response.text()

    await turn_on_public_records(unit_of_work)
    for path in off[2:]:
        assert await status_of(bot, path) == 200, path
    await turn_on_public_records(unit_of_work, on=False)  # and off again
    for path in off:
        assert await status_of(bot, path) == 404, path


async def test_an_exempt_case_and_its_document_are_in_no_public_page_pdf_or_innsyn_url(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock
) -> None:
    await turn_on_public_records(unit_of_work)
    await exempt_and_publish(bot)

    # Published, the notice is there; the agenda of 8 December, never published, is not.
    async with bot.session.get(f"{bot.url}/innsyn/") as response:
        assert response.status == 200 and response.headers["Cache-Control"].startswith("public")
        index = await response.text()
    assert '<html lang="nb">' in index and "<title>Innsyn – Helsefellesskapet Test</title>" in index
    assert 'href="/innsyn/SSU/2026"' in index and "Strategisk samarbeidsutvalg" in index
    year = (await crawl(bot, "/innsyn/SSU/2026"))["/innsyn/SSU/2026"][1].decode()
    assert f'href="{MEETING}/innkalling.pdf"' in year and "protokoll.pdf" not in year
    assert "2026-12-08" not in year and await status_of(bot, f"{UNPUBLISHED}/innkalling.pdf") == 404

    # Held and decided: the draft minutes are not public until approved.
    await decide(bot, clock, DECISION)
    await draft_minutes(bot)
    assert await status_of(bot, f"{MEETING}/protokoll.pdf") == 404
    await approve_minutes(bot)

    pages = await crawl(bot)
    assert set(pages) == {"/innsyn/", "/innsyn/SSU/2026", f"{MEETING}/innkalling.pdf", f"{MEETING}/protokoll.pdf"}
    texts = {
        path: pdf_text(body) if content_type == "application/pdf" else body.decode()
        for path, (content_type, body) in pages.items()
    }
    for path, text in texts.items():
        for withheld in WITHHELD:
            assert withheld not in text, (path, withheld)
    year = texts["/innsyn/SSU/2026"]
    # The exempt case by number, public title and legal basis; the public one whole.
    assert f"Sak 1/2026 {PUBLIC_TITLE}" in year and f"Unntatt offentlighet, {BASIS}." in year
    assert "Sak 2/2026 Felles rutine for utskrivning" in year and PUBLIC_DECISION in year
    notice = texts[f"{MEETING}/innkalling.pdf"]
    assert "Offentlig versjon." in notice and f"Sak 1/2026 {PUBLIC_TITLE} (unntatt offentlighet, {BASIS})" in notice
    assert "Sak 2/2026 Felles rutine for utskrivning" in notice
    minutes = texts[f"{MEETING}/protokoll.pdf"]
    assert "Offentlig versjon." in minutes and PUBLIC_DECISION in minutes
    assert "Saken er unntatt offentlighet." in minutes

    # The exempt case's and document's ids, and every other id, fit no innsyn path.
    [case_id] = [row.id for row in await query(unit_of_work, "SELECT id FROM cases WHERE number = 1")]
    document_ids = [row.id for row in await query(unit_of_work, "SELECT id FROM documents")]
    meeting_ids = [row.id for row in await query(unit_of_work, "SELECT id FROM meetings")]
    for value in {case_id, *document_ids, *meeting_ids, "1-2026", "1%2F2026", "2026-12-08", "2026-13-45"}:
        for path in patterns(value):
            assert await status_of(bot, path) == 404, path
    # A meeting's day in another year than the path's, and a body of another community or none.
    assert await status_of(bot, "/innsyn/SSU/2025/2026-11-24/protokoll.pdf") == 404
    assert await status_of(bot, "/innsyn/XYZ/2026") == 404
    assert await status_of(bot, "/innsyn/LSU/2026") == 404  # no public papers that year


async def test_an_agenda_changed_after_publishing_is_public_again_only_when_published_again(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await turn_on_public_records(unit_of_work)
    await exempt_and_publish(bot)
    assert await status_of(bot, f"{MEETING}/innkalling.pdf") == 200
    late = "Sak satt opp etter publisering"
    await bot.exchange(CHANNEL, f"ny sak SSU {late}", locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp SSU 4/2026 24.11.2026", locale="nb-NO")

    assert await status_of(bot, f"{MEETING}/innkalling.pdf") == 404
    pages = await crawl(bot)
    assert f"{MEETING}/innkalling.pdf" not in pages
    year = pages["/innsyn/SSU/2026"][1].decode()
    assert "Innkallingen er endret etter at den ble publisert" in year and late not in year

    await bot.exchange(CHANNEL, "publiser saksliste", locale="nb-NO")
    async with bot.session.get(f"{bot.url}{MEETING}/innkalling.pdf") as response:
        assert response.status == 200 and response.content_type == "application/pdf"
        notice = pdf_text(await response.read())
    assert f"Sak 4/2026 {late}" in notice and TITLE not in notice
