"""The innsyn page in a real headless browser: the system's Chromium (Debian's `chromium` package,
installed by .ci/run), driven by Playwright, on the running app with a real database. axe-core (npm,
node_modules/axe-core) checks every page for WCAG 2.1 AA; a phone-sized screenshot is taken and
checked to show a page; the exempt case is not on the page a reader sees either."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat

from governance.rules.clock import FixedClock
from tests.e2e.conftest import BotUnderTest
from tests.e2e.innsyn_helpers import (
    PUBLIC_DECISION,
    UnitOfWorkFactory,
    approve_minutes,
    decide,
    draft_minutes,
    exempt_and_publish,
    turn_on_public_records,
)
from tests.e2e.test_public_access import BASIS, PUBLIC_TITLE, TITLE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium; .ci/run does)"
    ),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm ci)"),
]

async_playwright: Any
try:
    from playwright.async_api import async_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    pytestmark.append(pytest.mark.skip(reason="playwright is not installed (pip install -e '.[test]')"))

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


async def axe_violations(page: Any) -> list[dict[str, Any]]:
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [
        {"id": violation["id"], "nodes": [node["target"] for node in violation["nodes"]]}
        for violation in result["violations"]
    ]


async def test_the_innsyn_page_passes_axe_in_chromium_on_a_phone_and_shows_no_exempt_case(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, clock: FixedClock, tmp_path: Path
) -> None:
    await turn_on_public_records(unit_of_work)
    await exempt_and_publish(bot)
    await decide(bot, clock, "SSU godkjenner avtalen med Kari Nordmann slik den ble lagt fram.")
    await draft_minutes(bot)
    await approve_minutes(bot)

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        try:
            # axe is injected as a script, which the page's own policy (no scripts) rightly forbids.
            page = await browser.new_page(viewport=PHONE, locale="nb-NO", bypass_csp=True)
            await page.goto(f"{bot.url}/innsyn/")
            assert await page.title() == "Innsyn – Helsefellesskapet Test"
            assert await axe_violations(page) == []
            # A reader follows the link to SSU's year, as on a phone.
            await page.get_by_role("link", name="Strategisk samarbeidsutvalg 2026").click()
            await page.wait_for_url(f"{bot.url}/innsyn/SSU/2026")
            assert await axe_violations(page) == []
            headings = await page.locator("h1, h2, h3").all_inner_texts()
            assert headings == [  # in order: h1, then the sections' h2 with their h3
                "Strategisk samarbeidsutvalg 2026",
                "Møter",
                "Møte tirsdag 24. november 2026 kl. 09.00–12.00",
                "Vedtak",
                f"Sak 1/2026 {PUBLIC_TITLE}",
                "Sak 2/2026 Felles rutine for utskrivning",
            ]
            shown = await page.locator("main").inner_text()
            assert f"Sak 1/2026 {PUBLIC_TITLE}" in shown and f"Unntatt offentlighet, {BASIS}." in shown
            assert PUBLIC_DECISION in shown and TITLE not in shown and "Kari Nordmann" not in shown
            shot = tmp_path / "innsyn-ssu-2026.png"
            await page.screenshot(path=str(shot), full_page=True)
            # The skip link is the first thing the keyboard reaches, and it leads to the content.
            await page.keyboard.press("Tab")
            assert await page.evaluate("document.activeElement.textContent") == "Hopp til hovedinnholdet"
            # Nothing is wider than the phone's screen.
            assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        finally:
            await browser.close()

    content = shot.read_bytes()
    assert content.startswith(b"\x89PNG") and len(content) > 10_000
    image = Image.open(io.BytesIO(content)).convert("L")
    assert image.width == PHONE["width"] and image.height >= PHONE["height"] // 2
    # Not blank: a page with a dark header band and text has light and dark pixels.
    assert ImageStat.Stat(image).stddev[0] > 20
    low, high = image.getextrema()
    assert low < 80 and high > 200
