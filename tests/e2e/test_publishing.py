"""The secretariat's working day over real HTTP: link a channel, plan a meeting, register and
schedule cases, show and publish the agenda to the channel, and publish it again when it changes."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.composition import SERVICES
from governance.rules.clock import FixedClock
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    card_texts,
    channel_of,
    query,
    visible_text,
)
from tests.support.fake_connector import (
    ACCEPTED_THEN_500,
    HANG,
    FakeConnector,
    SentActivity,
    start_fake_connector,
)
from tests.support.structure import SECRETARIAT_AAD

MEETING_WHEN = "tirsdag 12. januar 2027 kl. 09.00–12.00"
TITLES = [
    "Felles rutine for utskrivning av skrøpelige eldre",
    "Status for handlingsplanen 2026",
    "Digital hjemmeoppfølging i kommunene",
]
STANDARD_ITEMS = ["Godkjenning av innkalling og saksliste", "Godkjenning av protokoll fra forrige møte"]


async def in_channel(bot: BotUnderTest, command: str) -> str:
    """The secretariat writes in the channel (with the @mention, bokmål); the reply's text."""
    return visible_text(await bot.exchange(CHANNEL, command, locale="nb-NO"))


def channel_posts(bot: BotUnderTest) -> list[SentActivity]:
    """Messages the bot started in the channel itself: at the top level (a reply thread has
    `;messageid=` in its conversation id) and not answering anything a user wrote."""
    posts = bot.connector.to(channel_of(CHANNEL))
    assert not any(post.reply_to_id in bot.posted_ids for post in posts)
    return posts


async def meeting_statuses(unit_of_work: UnitOfWorkFactory) -> list[str]:
    return [row.status for row in await query(unit_of_work, "SELECT status FROM meetings ORDER BY starts_at")]


def agenda_lines(post: SentActivity) -> list[str]:
    """The numbered agenda items on a posted card, in the order members read them."""
    [card] = post.cards
    return [line for line in card_texts(card) if line[:1].isdigit() and ". " in line[:4]]


@pytest.fixture
async def planned(bot: BotUnderTest, structure: None) -> BotUnderTest:
    """SSU linked to the channel, a meeting planned there, three cases registered."""
    assert "koblet til SSU" in await in_channel(bot, "koble SSU")
    planned_reply = await in_channel(bot, "nytt møte 12.01.2027 09:00-12:00 Møterom 1")
    assert f"Møte i SSU planlagt {MEETING_WHEN}, Møterom 1" in planned_reply
    for number, title in enumerate(TITLES, start=1):
        assert f"Sak {number}/2026 «{title}» er registrert i SSU" in await in_channel(bot, f"ny sak {title}")
    return bot


async def test_the_scripted_conversation_publishes_the_agenda_once_and_again_when_changed(
    planned: BotUnderTest, unit_of_work: UnitOfWorkFactory
) -> None:
    bot = planned
    assert "Sak 1/2026 er satt opp på møtet tirsdag 12. januar 2027" in await in_channel(bot, "sett opp 1/2026")
    assert "Sak 2/2026 er satt opp" in await in_channel(bot, "sett opp 2/26")

    # The agenda as the channel sees it before it is published.
    shown = await bot.exchange(CHANNEL, "saksliste", locale="nb-NO")
    shown_text = visible_text(shown)
    assert MEETING_WHEN in shown_text
    assert "Møterom 1" in shown_text
    for expected in [*STANDARD_ITEMS, f"Sak 1/2026 {TITLES[0]}", f"Sak 2/2026 {TITLES[1]}"]:
        assert expected in shown_text
    assert TITLES[2] not in shown_text
    assert channel_posts(bot) == []

    # Publishing posts the agenda card as a new message in the channel.
    published = await in_channel(bot, "publiser saksliste")
    assert f"Sakslisten for {MEETING_WHEN} legges ut i kanalen til SSU nå" in published
    [post] = channel_posts(bot)
    assert post.conversation_id == channel_of(CHANNEL)
    assert ";messageid=" not in post.conversation_id
    lines = agenda_lines(post)
    assert [line.split(". ", 1)[1] for line in lines] == [
        *STANDARD_ITEMS,
        f"Sak 1/2026 {TITLES[0]}",
        f"Sak 2/2026 {TITLES[1]}",
        "Status handlingsplan 2027",
        "Eventuelt",
    ]
    heading = card_texts(post.cards[0])[0]
    assert heading.startswith("Saksliste – Strategisk samarbeidsutvalg (SSU)")
    assert f"Møte: {MEETING_WHEN}" in card_texts(post.cards[0])
    assert "Status: Innkalt" in card_texts(post.cards[0])
    assert await meeting_statuses(unit_of_work) == ["innkalt"]
    [event] = await audit_trail(unit_of_work, "agenda.published")
    assert event.actor_aad_object_id == SECRETARIAT_AAD

    # Unchanged: nothing new in the channel.
    unchanged = await in_channel(bot, "publiser saksliste")
    assert "uendret" in unchanged
    assert len(channel_posts(bot)) == 1
    assert len(await audit_trail(unit_of_work, "agenda.published")) == 1

    # A third case on the agenda: members are told at once (the meeting is called), and the
    # changed agenda is posted, marked as changed.
    assert "Sak 3/2026 er satt opp" in await in_channel(bot, "sett opp 3/2026")
    republished = await in_channel(bot, "publiser saksliste")
    assert f"Endret saksliste for {MEETING_WHEN} legges ut i kanalen til SSU nå" in republished
    first, notice, second = channel_posts(bot)
    assert notice.text == (
        f"Endring i sakslisten til møtet i SSU tirsdag 12. januar 2027 kl. 09.00: sak 3/2026 {TITLES[2]} er satt opp."
    )
    assert card_texts(second.cards[0])[0].startswith("Endret saksliste – Strategisk samarbeidsutvalg (SSU)")
    assert f"Sak 3/2026 {TITLES[2]}" in visible_text(second)
    assert f"Sak 3/2026 {TITLES[2]}" not in visible_text(first)
    assert len(await audit_trail(unit_of_work, "agenda.published")) == 2
    assert await meeting_statuses(unit_of_work) == ["innkalt"]


async def test_the_published_agenda_is_sent_as_a_new_message_not_as_a_reply(planned: BotUnderTest) -> None:
    bot = planned
    await in_channel(bot, "sett opp 1/2026")

    await in_channel(bot, "publiser saksliste")

    [post] = channel_posts(bot)
    # A new top-level post is the Bot Connector's "send to conversation"
    # (POST /v3/conversations/{id}/activities); the reply endpoint
    # (POST .../activities/{replyToId}) names an activity to answer, and there is none.
    assert post.reply_to_id is None, f"posted as a reply to activity {post.reply_to_id!r}"
    assert post.body.get("replyToId") is None


async def test_the_agenda_is_posted_in_bokmal_whoever_publishes_and_in_whatever_language(
    planned: BotUnderTest,
) -> None:
    bot = planned
    await in_channel(bot, "sett opp 1/2026")

    reply = await bot.exchange(PERSONAL, "publish agenda SSU", locale="en-US", aad_object_id=SECRETARIAT_AAD)

    assert "The agenda for Tuesday 12 January 2027 at 09:00–12:00 is being posted in SSU's channel now" in visible_text(
        reply
    )
    [post] = channel_posts(bot)
    assert MEETING_WHEN in visible_text(post)
    assert STANDARD_ITEMS[0] in visible_text(post)


async def test_publishing_before_the_body_is_linked_says_how_to_link_it(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(PERSONAL, "nytt møte SSU 12.01.2027 09:00-12:00", locale="nb-NO", aad_object_id=SECRETARIAT_AAD)

    reply = await bot.exchange(PERSONAL, "publiser saksliste SSU", locale="nb-NO", aad_object_id=SECRETARIAT_AAD)

    assert "SSU er ikke koblet til noen kanal" in visible_text(reply)
    assert "koble SSU" in visible_text(reply)
    assert await meeting_statuses(unit_of_work) == ["planlagt"]


@pytest.fixture
async def second_connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    """Another Bot Connector endpoint (Teams has one per region), here for a personal chat."""
    fake, server = await start_fake_connector()
    yield fake, str(server.make_url("/"))
    await server.close()


async def test_when_the_channel_cannot_be_reached_the_agenda_waits_in_the_outbox_and_goes_out_once(
    planned: BotUnderTest,
    unit_of_work: UnitOfWorkFactory,
    second_connector: tuple[FakeConnector, str],
    clock: FixedClock,
) -> None:
    bot = planned
    await in_channel(bot, "sett opp 1/2026")
    personal_connector, personal_url = second_connector
    # The channel's connector fails; the secretariat publishes from a personal chat that works.
    bot.connector.status = 503
    activity = bot.activity(
        PERSONAL, "publiser saksliste SSU", locale="nb-NO", aad_object_id=SECRETARIAT_AAD, service_url=personal_url
    )

    response = await bot.post(activity)

    assert 200 <= response.status < 300
    [reply] = bot.replies_to(activity["id"], personal_connector)
    assert "Sakslisten for" in visible_text(reply) and "legges ut i kanalen til SSU nå" in visible_text(reply)
    assert channel_posts(bot) == []
    # The publication stands, and its post waits in the outbox for the channel to answer.
    assert await meeting_statuses(unit_of_work) == ["innkalt"]
    [waiting] = await query(unit_of_work, "SELECT status, last_error FROM deliveries")
    assert (waiting.status, waiting.last_error) == ("pending", "http_503")

    # Asked again meanwhile, nothing more is queued: the agenda is the one already on its way.
    again = bot.activity(
        PERSONAL, "publiser saksliste SSU", locale="nb-NO", aad_object_id=SECRETARIAT_AAD, service_url=personal_url
    )
    await bot.post(again)
    [reply] = bot.replies_to(again["id"], personal_connector)
    assert "er uendret siden den ble publisert" in visible_text(reply)

    # The connector is back: the relay's next run posts the agenda, once.
    bot.connector.status = 200
    clock.advance(timedelta(minutes=15))
    await bot.app[SERVICES].relay.run_once()
    [post] = channel_posts(bot)
    assert card_texts(post.cards[0])[0].startswith("Saksliste – ")
    assert len(await audit_trail(unit_of_work, "agenda.published")) == 1


async def test_an_agenda_the_connector_took_before_failing_is_not_posted_twice(
    planned: BotUnderTest, unit_of_work: UnitOfWorkFactory
) -> None:
    bot = planned
    await in_channel(bot, "sett opp 1/2026")
    bot.connector.post_faults.append(ACCEPTED_THEN_500)  # Teams keeps the post, then answers 500

    published = await in_channel(bot, "publiser saksliste")

    assert "legges ut i kanalen til SSU nå" in published
    [agenda_post, notice] = channel_posts(bot)
    assert card_texts(agenda_post.cards[0])[0].startswith("Saksliste – ")
    # The secretariat is told the agenda may already be there, and it is not sent again.
    assert "kan allerede være der" in notice.text
    [stored] = await query(unit_of_work, "SELECT status FROM deliveries WHERE text = ''")
    assert stored.status == "uncertain"
    assert "er uendret siden den ble publisert" in await in_channel(bot, "publiser saksliste")
    await bot.app[SERVICES].relay.run_once()
    assert len([post for post in channel_posts(bot) if post.cards]) == 1

    # The secretariat checked: it is not there after all, so they ask for it once more.
    again = await in_channel(bot, "publiser saksliste på nytt")
    assert "legges ut i kanalen til SSU nå" in again
    [_, reposted] = [post for post in channel_posts(bot) if post.cards]
    assert reposted.cards == agenda_post.cards
    assert [event.details.get("again") for event in await audit_trail(unit_of_work, "agenda.published")] == [
        False,
        True,
    ]


async def test_a_channel_whose_connector_hangs_holds_up_nobody_elses_turn(
    planned: BotUnderTest, unit_of_work: UnitOfWorkFactory
) -> None:
    bot = planned
    await in_channel(bot, "sett opp 1/2026")
    bot.connector.post_faults.append(HANG)  # the agenda's post hangs for two minutes
    bot.connector.hang_seconds = 120.0
    try:
        publishing = bot.activity(CHANNEL, "publiser saksliste", locale="nb-NO")
        # Posted without waiting for the outbox: the post is what hangs, not the turn.
        async with bot.session.post(f"{bot.url}/api/messages", json=publishing) as response:
            assert 200 <= response.status < 300
        [reply] = bot.replies_to(publishing["id"])
        assert "legges ut i kanalen til SSU nå" in visible_text(reply)
        for _ in range(5):
            asking = bot.activity(PERSONAL, "saker SSU", locale="nb-NO", aad_object_id=SECRETARIAT_AAD)
            started = time.monotonic()
            async with bot.session.post(f"{bot.url}/api/messages", json=asking) as response:
                assert 200 <= response.status < 300
            # Generous against a loaded machine; a turn waiting on the hung post would take minutes.
            assert time.monotonic() - started < 3.0
            [answer] = bot.replies_to(asking["id"])
            assert "1/2026" in visible_text(answer)
        assert await meeting_statuses(unit_of_work) == ["innkalt"]
    finally:
        bot.connector.release_hangs()
