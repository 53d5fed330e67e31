"""Calendar feeds end to end: `kalender` gives the link, the feed is read back with the icalendar
library, moves and cancellations show as new sequence numbers, and a renewed link revokes the old.
Every card of one meeting offers that meeting's own .ics, which a cancellation turns into a CANCEL."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from icalendar import Calendar

from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    channel_of,
    query,
    visible_text,
)
from tests.support.fake_connector import SentActivity
from tests.support.structure import MEMBER_AAD, OUTSIDER_AAD


async def link(bot: BotUnderTest, text: str = "kalender", aad: str = MEMBER_AAD) -> str:
    reply = visible_text(await bot.exchange(PERSONAL, f"{text}", aad_object_id=aad, locale="nb-NO"))
    found = re.search(r"(http://\S+/calendar/\S+)", reply)
    assert found, reply
    return found.group(1)


async def fetch(bot: BotUnderTest, url: str) -> tuple[int, str, bytes]:
    path = url.split("127.0.0.1", 1)[1].split("/", 1)[1]
    async with bot.session.get(f"{bot.url}/{path}") as response:
        return response.status, response.content_type, await response.read()


def events(content: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(content)
    return [
        {
            "uid": str(event["UID"]),
            "start": event.decoded("DTSTART"),
            "summary": str(event["SUMMARY"]),
            "sequence": int(event["SEQUENCE"]),
            "status": str(event["STATUS"]),
            "description": str(event.get("DESCRIPTION", "")),
        }
        for event in calendar.walk("VEVENT")
    ]


async def test_members_subscribe_to_the_bodys_feed_and_see_moves_and_cancellations(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte 12.01.2027 09:00-12:00 Møterom 1", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte 09.02.2027 09:00-12:00", locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine for utskrivning", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp 1/2026", locale="nb-NO")

    url = await link(bot, "kalender SSU")
    status, content_type, content = await fetch(bot, url)

    assert status == 200 and content_type == "text/calendar"
    assert Calendar.from_ical(content)["METHOD"] == "PUBLISH"
    first, second = events(content)
    assert first["start"] == datetime(2027, 1, 12, 8, 0, tzinfo=UTC)
    assert first["summary"] == "Strategisk samarbeidsutvalg (SSU)" and first["sequence"] == 0
    assert "3. Sak 1/2026 Felles rutine for utskrivning" in str(first["description"])
    assert first["uid"] != second["uid"]

    await bot.exchange(CHANNEL, "flytt møte 12.01.2027 til 19.01.2027 10:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "avlys møte 09.02.2027", locale="nb-NO")
    moved, cancelled = events((await fetch(bot, url))[2])
    assert moved["uid"] == first["uid"] and moved["sequence"] == 1  # the same event, changed
    assert moved["start"] == datetime(2027, 1, 19, 9, 0, tzinfo=UTC)
    assert cancelled["uid"] == second["uid"] and cancelled["status"] == "CANCELLED" and cancelled["sequence"] == 1

    meeting_id = re.search(r"meeting-(\d+)-", str(second["uid"])).group(1)  # type: ignore[union-attr]
    single = url.replace("/calendar/SSU.ics", f"/calendar/SSU/{meeting_id}.ics")
    status, _, content = await fetch(bot, single)
    assert status == 200 and Calendar.from_ical(content)["METHOD"] == "CANCEL"
    assert str(events(content)[0]["summary"]).startswith("AVLYST: ")


def ics_buttons(sent: SentActivity) -> list[str]:
    """The url of every "Legg i kalender (.ics)" button on the message's cards, in order."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.OpenUrl" and node.get("title") == "Legg i kalender (.ics)":
                found.append(str(node["url"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(sent.cards)
    return found


async def test_each_meeting_card_offers_that_meeting_as_ics_and_a_cancellation_withdraws_it(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    [planned_url] = ics_buttons(
        await bot.exchange(CHANNEL, "nytt møte 12.01.2027 09:00-12:00 Møterom 1", locale="nb-NO")
    )
    await bot.exchange(CHANNEL, "nytt møte 09.02.2027 09:00-12:00", locale="nb-NO")
    await bot.exchange(PERSONAL, "ny sak SSU Felles rutine for utskrivning", aad_object_id=MEMBER_AAD, locale="nb-NO")
    await bot.exchange(CHANNEL, "sett opp 1/2026", locale="nb-NO")
    [january_id, february_id] = [
        row.id for row in await query(unit_of_work, "SELECT id FROM meetings ORDER BY starts_at")
    ]

    # A member asks for the agenda: the card's button holds the meeting's link.
    agenda = await bot.exchange(PERSONAL, "saksliste SSU", aad_object_id=MEMBER_AAD, locale="nb-NO")
    [url] = ics_buttons(agenda)
    assert url == planned_url and f"/calendar/SSU/{january_id}.ics?token=" in url
    status, content_type, content = await fetch(bot, url)
    assert status == 200 and content_type == "text/calendar"
    calendar = Calendar.from_ical(content)
    assert calendar["METHOD"] == "PUBLISH"
    [event] = events(content)
    assert event["uid"] == f"meeting-{january_id}-ssu@hfbot.helsefellesskap"
    assert event["start"] == datetime(2027, 1, 12, 8, 0, tzinfo=UTC)
    assert event["summary"] == "Strategisk samarbeidsutvalg (SSU)" and event["status"] == "CONFIRMED"

    # The meeting list has a button per meeting; the body's one secret is the one `kalender` gives.
    listed = ics_buttons(await bot.exchange(PERSONAL, "møter SSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert listed == [url, url.replace(f"/SSU/{january_id}.ics", f"/SSU/{february_id}.ics")]
    assert url.split("token=")[1] == (await link(bot, "kalender SSU")).split("token=")[1]

    # The agenda the bot posts to the channel carries it too.
    await bot.exchange(CHANNEL, "publiser saksliste", locale="nb-NO")
    [post] = bot.connector.to(channel_of(CHANNEL))
    assert ics_buttons(post) == [url]

    # Cancelled: the same link now tells the calendar to remove the event.
    await bot.exchange(CHANNEL, "avlys møte 12.01.2027", locale="nb-NO")
    status, _, content = await fetch(bot, url)
    assert status == 200 and Calendar.from_ical(content)["METHOD"] == "CANCEL"
    [cancelled] = events(content)
    assert cancelled["uid"] == event["uid"] and cancelled["status"] == "CANCELLED" and cancelled["sequence"] == 1

    # Moving the other meeting answers with its card and link, which gives the new time.
    moved = await bot.exchange(CHANNEL, "flytt møte 09.02.2027 til 16.02.2027 10:00", locale="nb-NO")
    [moved_url] = ics_buttons(moved)
    assert moved_url == listed[1]
    [event] = events((await fetch(bot, moved_url))[2])
    assert event["start"] == datetime(2027, 2, 16, 9, 0, tzinfo=UTC) and event["sequence"] == 1


async def test_a_wrong_or_renewed_link_finds_nothing_and_only_members_get_one(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    old = await link(bot, "kalender SSU")
    assert (await fetch(bot, old))[0] == 200
    assert (await fetch(bot, old.split("token=")[0] + "token=gjettet"))[0] == 404
    assert (await fetch(bot, old.replace("/SSU.ics", "/PM.ics")))[0] == 404  # another body's secret differs

    renewed = visible_text(await bot.exchange(CHANNEL, "kalender ny", locale="nb-NO"))
    assert "Den gamle lenken virker ikke lenger" in renewed
    new = re.search(r"(http://\S+/calendar/\S+)", renewed).group(1)  # type: ignore[union-attr]
    assert (await fetch(bot, old))[0] == 404
    assert (await fetch(bot, new))[0] == 200
    assert len(await audit_trail(unit_of_work, "calendar.renewed")) == 1

    refused = await bot.exchange(PERSONAL, "kalender SSU ny", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert "Du har ikke rettigheter til dette i SSU" in visible_text(refused)
    outsider = await bot.exchange(PERSONAL, "kalender SSU", aad_object_id=OUTSIDER_AAD, locale="nb-NO")
    assert "ikke registrert som medlem av SSU" in visible_text(outsider)
