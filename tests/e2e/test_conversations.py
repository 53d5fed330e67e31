"""Conversations over real HTTP: a channel @mention, a personal chat and a group chat, in both
languages; unknown commands; redelivered activities; the database briefly away."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from bot.composition import SERVICES
from governance.rules.clock import FixedClock
from tests.conftest import on_postgres
from tests.e2e.conftest import (
    CHANNEL,
    GROUP_CHAT,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    channel_of,
    conversation_of,
    e2e_settings,
    load_fixture,
    query,
    running_bot,
    visible_text,
)
from tests.e2e.test_plans import plan  # noqa: F401  # the fixture: the 2026 plan of SSU
from tests.support.fake_connector import FakeConnector
from tests.support.structure import LEADER_AAD, MEMBER_AAD, SECRETARIAT_AAD, TENANT

BOT_ADDED_TO_TEAM = "conversation_update_bot_added_to_team.json"


async def case_titles(unit_of_work: UnitOfWorkFactory) -> list[str]:
    return [row.title for row in await query(unit_of_work, "SELECT title FROM cases ORDER BY number")]


# --- where replies go ----------------------------------------------------------------------


async def test_a_channel_mention_is_stripped_and_the_reply_goes_to_the_channel_thread(
    bot: BotUnderTest, structure: None
) -> None:
    activity = bot.activity(CHANNEL, "organer", locale="nb-NO")
    assert activity["text"].startswith("<at>"), "the captured payload carries the @mention in its text"

    response = await bot.post(activity)

    assert response.status in (200, 201)
    [reply] = bot.replies_to(activity["id"])
    # botbuilder answers in the thread the message came from, with the id exactly as Teams sent it.
    assert reply.conversation_id == conversation_of(CHANNEL)
    assert ";messageid=" in reply.conversation_id
    text = visible_text(reply)
    assert "Organer" in text
    assert "Strategisk samarbeidsutvalg" in text
    assert "Jeg kjenner ikke kommandoen" not in text


async def test_a_mention_followed_directly_by_the_command_is_understood(bot: BotUnderTest, structure: None) -> None:
    # As in the capture: "<at>My Combined</at>show members", no space after the mention.
    activity = bot.activity(CHANNEL, "members SSU", locale="en-US")
    activity["text"] = activity["text"].replace("</at> ", "</at>")

    await bot.post(activity)

    [reply] = bot.replies_to(activity["id"])
    text = visible_text(reply)
    assert "Lise Leder" in text and "Tien Medlem" in text


@pytest.mark.parametrize(
    ("locale", "command", "expected", "not_expected"),
    [
        ("en-US", "help", "new meeting [body] <date>", "nytt møte [organ] <dato>"),
        ("nb-NO", "hjelp", "nytt møte [organ] <dato>", "new meeting [body] <date>"),
        # Replies follow the locale, not the language the command was written in.
        ("nb-NO", "help", "nytt møte [organ] <dato>", "new meeting [body] <date>"),
        ("en-GB", "hjelp", "new meeting [body] <date>", "nytt møte [organ] <dato>"),
    ],
)
async def test_a_personal_chat_gets_help_in_the_users_language(
    bot: BotUnderTest, locale: str, command: str, expected: str, not_expected: str
) -> None:
    reply = await bot.exchange(PERSONAL, command, locale=locale)

    assert reply.conversation_id == conversation_of(PERSONAL)
    text = visible_text(reply)
    assert expected in text
    assert not_expected not in text


async def test_a_personal_chat_registers_a_case_and_answers_in_english_or_bokmal(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    english = visible_text(await bot.exchange(PERSONAL, "new case SSU Shared discharge routine", locale="en-US"))
    norwegian = visible_text(await bot.exchange(PERSONAL, "ny sak SSU Felles rutine for utskrivning", locale="nb-NO"))

    assert "Case 1/2026 'Shared discharge routine' is registered in SSU" in english
    assert "Sak 2/2026 «Felles rutine for utskrivning» er registrert i SSU" in norwegian
    assert await case_titles(unit_of_work) == ["Shared discharge routine", "Felles rutine for utskrivning"]


@pytest.mark.parametrize(
    ("locale", "command", "expected"),
    [
        ("en-US", "new case SSU Joint training plan", "Case 1/2026 'Joint training plan' is registered in SSU"),
        ("nb-NO", "ny sak SSU Felles opplæringsplan", "Sak 1/2026 «Felles opplæringsplan» er registrert i SSU"),
        # The captured group chat carries no locale: bokmål, the product's first language.
        (None, "ny sak SSU Felles opplæringsplan", "Sak 1/2026 «Felles opplæringsplan» er registrert i SSU"),
    ],
)
async def test_a_group_chat_gets_its_reply_in_the_users_language(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, locale: str | None, command: str, expected: str
) -> None:
    activity = bot.activity(GROUP_CHAT, command, locale=locale)
    assert activity["from"]["aadObjectId"] == SECRETARIAT_AAD

    response = await bot.post(activity)

    assert response.status in (200, 201)
    [reply] = bot.replies_to(activity["id"])
    assert reply.conversation_id == conversation_of(GROUP_CHAT)
    assert expected in visible_text(reply)
    assert len(await case_titles(unit_of_work)) == 1


# --- what was wrong, never a stack trace --------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "command", "expected"),
    [
        ("nb-NO", "frobniser SSU", ["kjenner ikke kommandoen «frobniser»", "Skriv «hjelp»"]),
        ("en-US", "frobnicate SSU", ["don't know the command 'frobnicate'", "Write 'help'"]),
        ("nb-NO", "nytt møte SSU", ["Det mangler dato", "Bruk: nytt møte [organ] <dato>"]),
        ("nb-NO", "nytt møte SSU 31.02.2027 09:00", ["Ugyldig dato «31.02.2027»", "Bruk: nytt møte"]),
        ("en-US", "case SSU 99/2026", ["No case 99/2026 in SSU"]),
        ("nb-NO", "saker XYZ", ["Ukjent organ «XYZ»", "Kjente organer:", "SSU"]),
        # Outside a linked channel the body has to be named.
        ("nb-NO", "saksliste", ["Oppgi organet", "koble <organ>"]),
    ],
)
async def test_a_mistake_gets_a_precise_answer_and_no_stack_trace(
    bot: BotUnderTest, structure: None, locale: str, command: str, expected: list[str]
) -> None:
    activity = bot.activity(PERSONAL, command, locale=locale)

    response = await bot.post(activity)

    assert 200 <= response.status < 300
    [reply] = bot.replies_to(activity["id"])
    text = visible_text(reply)
    for part in expected:
        assert part in text
    for leak in ("Traceback", "Error", "Exception", 'File "'):
        assert leak not in text


# --- at-least-once delivery -------------------------------------------------------------------


async def test_a_redelivered_activity_has_one_effect_and_one_reply(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning", locale="nb-NO")

    first = await bot.post(activity)
    second = await bot.post(activity)

    assert 200 <= first.status < 300 and 200 <= second.status < 300
    assert len(bot.replies_to(activity["id"])) == 1
    assert await case_titles(unit_of_work) == ["Felles journalløsning"]


async def test_two_concurrent_deliveries_of_one_activity_have_one_effect_and_one_reply(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    activity = bot.activity(CHANNEL, "ny sak SSU Felles journalløsning", locale="nb-NO")

    responses = await asyncio.gather(bot.post(activity), bot.post(activity))

    assert all(200 <= response.status < 300 for response in responses)
    replies = bot.replies_to(activity["id"])
    assert len(replies) == 1
    assert "Sak 1/2026" in visible_text(replies[0])
    assert await case_titles(unit_of_work) == ["Felles journalløsning"]
    assert len(await query(unit_of_work, "SELECT activity_id FROM processed_activities")) == 1


async def test_the_same_text_in_a_new_activity_is_a_new_command(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(PERSONAL, "ny sak SSU Felles journalløsning", locale="nb-NO")
    reply = await bot.exchange(PERSONAL, "ny sak SSU Felles journalløsning", locale="nb-NO")

    assert "Sak 2/2026" in visible_text(reply)
    assert len(await case_titles(unit_of_work)) == 2


# --- meeting times that need a word -----------------------------------------------------------


async def secretariat_says(bot: BotUnderTest, command: str, locale: str = "nb-NO") -> str:
    return visible_text(await bot.exchange(PERSONAL, command, aad_object_id=SECRETARIAT_AAD, locale=locale))


async def meeting_starts(unit_of_work: UnitOfWorkFactory) -> list[str]:
    """Each stored meeting's start as the database gives it back (UTC), by start."""
    return [
        str(row.starts_at) for row in await query(unit_of_work, "SELECT starts_at FROM meetings ORDER BY starts_at")
    ]


@pytest.mark.parametrize(
    ("locale", "command", "note"),
    [
        (
            "nb-NO",
            "nytt møte SSU 17.05.2027 09:00",
            "Merk: 17. mai 2027 er andre pinsedag og grunnlovsdag, en offentlig fridag.",
        ),
        ("nb-NO", "nytt møte SSU 25.12.2026 09:00", "Merk: 25. desember 2026 er første juledag, en offentlig fridag."),
        ("en-GB", "new meeting SSU 25.12.2026 09:00", "Note: 25 December 2026 is Christmas Day, a public holiday."),
        ("nb-NO", "nytt møte SSU 16.01.2027 10:00", "Merk: møtet er på en lørdag."),
        ("en-GB", "new meeting SSU 17.01.2027 10:00", "Note: the meeting is on a Sunday."),
    ],
)
async def test_a_meeting_on_a_public_holiday_or_weekend_is_planned_with_a_note_naming_the_day(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, locale: str, command: str, note: str
) -> None:
    reply = await secretariat_says(bot, command, locale)

    assert note in reply
    assert len(await meeting_starts(unit_of_work)) == 1


async def test_a_meeting_on_a_working_day_gets_no_note(bot: BotUnderTest, structure: None) -> None:
    reply = await secretariat_says(bot, "nytt møte SSU 12.01.2027 09:00")

    assert "Møte i SSU planlagt tirsdag 12. januar 2027 kl. 09.00" in reply
    assert "Merk:" not in reply


async def test_a_meeting_moved_to_a_public_holiday_gets_the_note_too(bot: BotUnderTest, structure: None) -> None:
    await secretariat_says(bot, "nytt møte SSU 12.01.2027 09:00")

    reply = await secretariat_says(bot, "flytt møte SSU 12.01.2027 til 01.01.2027 09:00")

    assert "er flyttet fra tirsdag 12. januar 2027 kl. 09.00 til fredag 1. januar 2027 kl. 09.00" in reply
    assert "Merk: 1. januar 2027 er første nyttårsdag, en offentlig fridag." in reply


# Years beyond 2100 are refused by the date parser itself (tests/e2e/test_odd_input.py).
@pytest.mark.parametrize(
    "command", ["nytt møte SSU 01.01.2099 09:00", "nytt møte SSU 31.12.2100 23:59", "nytt møte SSU 24.11.2031 09:00"]
)
async def test_a_meeting_more_than_five_years_ahead_is_refused(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, command: str
) -> None:
    reply = await secretariat_says(bot, command)

    assert reply == "Møter kan planlegges høyst fem år fram i tid, det vil si senest søndag 23. november 2031."
    assert await meeting_starts(unit_of_work) == []


async def test_a_meeting_five_years_ahead_is_planned_and_one_moved_beyond_is_refused(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    assert "Møte i SSU planlagt" in await secretariat_says(bot, "nytt møte SSU 21.11.2031 09:00")

    reply = await secretariat_says(bot, "move meeting SSU 21.11.2031 to 01.01.2050 09:00", "en-GB")

    assert (
        reply == "Meetings can be planned at most five years ahead, that is by Sunday 23 November 2031 at the latest."
    )
    [start] = await meeting_starts(unit_of_work)
    assert start.startswith("2031-11-21 08:00")


async def test_a_move_to_the_same_time_changes_nothing_and_says_so(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await secretariat_says(bot, "nytt møte SSU 10.02.2027 10:00-12:00")
    stored = "SELECT starts_at, ends_at, calendar_sequence, version FROM meetings"
    reminders = "SELECT key, status, due_at FROM reminders ORDER BY key"
    before = (await query(unit_of_work, stored), await query(unit_of_work, reminders))
    posts_before = len(bot.connector.to(channel_of(CHANNEL)))

    reply = await secretariat_says(bot, "flytt møte SSU 10.02.2027 til 10.02.2027 10:00")
    english = await secretariat_says(bot, "move meeting SSU 10.02.2027 to 10.02.2027 10:00-12:00", "en-GB")

    assert reply == "Møtet er allerede onsdag 10. februar 2027 kl. 10.00, så ingenting er endret."
    assert english == "The meeting is already on Wednesday 10 February 2027 at 10:00, so nothing was changed."
    assert (await query(unit_of_work, stored), await query(unit_of_work, reminders)) == before
    assert await audit_trail(unit_of_work, "meeting.moved") == []
    assert len(bot.connector.to(channel_of(CHANNEL))) == posts_before
    # A new end alone is a change.
    changed = await secretariat_says(bot, "flytt møte SSU 10.02.2027 til 10.02.2027 10:00-13:00")
    assert "er flyttet fra onsdag 10. februar 2027 kl. 10.00 til onsdag 10. februar 2027 kl. 10.00–13.00" in changed


async def test_an_absence_reported_twice_is_posted_to_the_channel_once(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await secretariat_says(bot, "nytt møte SSU 10.12.2026 09:00-12:00")

    first = visible_text(await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    second = visible_text(await bot.exchange(PERSONAL, "forfall SSU", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    english = visible_text(await bot.exchange(PERSONAL, "absence SSU", aad_object_id=MEMBER_AAD, locale="en-GB"))

    assert "Sekretariatet får beskjed i kanalen til SSU nå." in first
    assert second == (
        "Forfallet ditt til møtet i SSU torsdag 10. desember 2026 kl. 09.00 er allerede registrert. "
        "Ingenting nytt er sendt til kanalen."
    )
    assert english == (
        "Your absence from the SSU meeting on Thursday 10 December 2026 at 09:00 is already recorded. "
        "Nothing new was posted to the channel."
    )
    notices = [post for post in bot.connector.to(channel_of(CHANNEL)) if post.text.startswith("Forfall:")]
    assert len(notices) == 1
    assert len(await audit_trail(unit_of_work, "attendance.absence_reported")) == 1


async def test_a_time_skipped_when_the_clocks_go_forward_is_refused_with_the_reason(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    reply = await secretariat_says(bot, "nytt møte SSU 26.03.2028 02:30-03:30")
    english = await secretariat_says(bot, "new meeting SSU 26.03.2028 01:00-02:15", "en-GB")

    assert reply == (
        "Klokka 02.30 finnes ikke søndag 26. mars 2028: den natten stilles klokka fram fra 02.00 til 03.00 "
        "(sommertid). Velg et annet tidspunkt."
    )
    assert english == (
        "02:15 does not exist on Sunday 26 March 2028: that night the clocks go forward from 02:00 to 03:00 "
        "(summer time). Choose another time."
    )
    assert await meeting_starts(unit_of_work) == []


async def test_a_time_that_occurs_twice_when_the_clocks_go_back_is_the_first_and_the_reply_says_so(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    reply = await secretariat_says(bot, "nytt møte SSU 29.10.2028 02:30")

    assert "Møte i SSU planlagt søndag 29. oktober 2028 kl. 02.30" in reply
    assert (
        "Merk: natt til søndag 29. oktober 2028 stilles klokka tilbake fra 03.00 til 02.00, så klokkeslettene "
        "mellom 02.00 og 03.00 kommer to ganger. Møtet er lagt til den første gangen, på sommertid."
    ) in reply
    [start] = await meeting_starts(unit_of_work)
    assert start.startswith("2028-10-29 00:30")  # 02.30 summer time (UTC+2), not 02.30 winter time (01.30 UTC)


# --- the database briefly away ----------------------------------------------------------------


class TcpProxy:
    """A loopback TCP relay to PostgreSQL that can drop every connection and refuse new ones."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()

    async def _relay(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(*self._target)
        except OSError:
            client_writer.transport.abort()
            return
        self._writers.update({client_writer, server_writer})
        await asyncio.gather(self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            self._writers.discard(writer)
            writer.transport.abort()


@dataclass
class Outage:
    """Takes the bot's database away and brings it back."""

    begin: Callable[[], Awaitable[None]]
    end: Callable[[], Awaitable[None]]


@pytest.fixture
async def bot_with_outage(
    database_url: str, clock: FixedClock, connector: tuple[FakeConnector, str], tmp_path: Path
) -> AsyncIterator[tuple[BotUnderTest, Outage]]:
    fake, connector_url = connector
    if on_postgres():
        # The bot reaches PostgreSQL through a relay; stopping it is the server going away.
        url = make_url(database_url)
        proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
        await proxy.start()
        bot_url = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
        async with running_bot(e2e_settings(bot_url), clock, fake, connector_url) as running:
            yield running, Outage(begin=proxy.stop, end=proxy.start)
        await proxy.stop()
        return
    # SQLite: the open connections are dropped and the file's folder disappears for a moment,
    # so connecting fails as it does when a network volume is away.
    away = tmp_path.with_name(tmp_path.name + "-away")
    async with running_bot(e2e_settings(database_url), clock, fake, connector_url) as running:
        assert running.app is not None
        engine = running.app[SERVICES].engine

        async def begin() -> None:
            await engine.dispose()
            os.rename(tmp_path, away)

        async def end() -> None:
            os.rename(away, tmp_path)

        yield running, Outage(begin=begin, end=end)
        if away.exists():
            os.rename(away, tmp_path)


async def test_while_the_database_is_away_the_user_is_told_and_a_retry_later_works(
    bot_with_outage: tuple[BotUnderTest, Outage], structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    bot, outage = bot_with_outage
    await bot.exchange(PERSONAL, "hjelp", locale="nb-NO")  # the conversation is known from here on
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning", locale="nb-NO")

    await outage.begin()
    try:
        response = await bot.post(activity)
        async with bot.session.get(f"{bot.url}/healthz") as health:
            health_status = health.status
    finally:
        await outage.end()

    assert 200 <= response.status < 300
    [reply] = bot.replies_to(activity["id"])
    assert "får ikke kontakt med databasen" in visible_text(reply)
    assert health_status == 503
    # Teams redelivers the same activity: nothing of the failed turn stands in its way.
    again = await bot.post(activity)
    assert 200 <= again.status < 300
    replies = bot.replies_to(activity["id"])
    assert len(replies) == 2
    assert "Sak 1/2026 «Felles journalløsning» er registrert i SSU" in visible_text(replies[1])
    assert await case_titles(unit_of_work) == ["Felles journalløsning"]


async def test_the_first_message_of_a_conversation_while_the_database_is_away_is_answered(
    bot_with_outage: tuple[BotUnderTest, Outage], structure: None
) -> None:
    # After a restart every conversation is new to the process, so this is the common case.
    bot, outage = bot_with_outage
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning", locale="nb-NO", aad_object_id=MEMBER_AAD)

    await outage.begin()
    try:
        response = await bot.post(activity)
    finally:
        await outage.end()

    assert response.status != 500
    assert 200 <= response.status < 300
    [reply] = bot.replies_to(activity["id"])
    assert "får ikke kontakt med databasen" in visible_text(reply)


# --- hardening of the chat interface (issue 13) -------------------------------------------------


def mentioning(bot: BotUnderTest, text: str, name: str, others: dict[str, str] | None = None) -> dict[str, object]:
    """A channel message that @mentions the bot as `name` (and `others`, name -> Teams id), with
    the mention entities Teams sends."""
    activity = bot.activity(CHANNEL, "", locale="nb-NO")
    bot_entity = next(entity for entity in activity["entities"] if entity.get("type") == "mention")
    bot_entity["text"] = f"<at>{name}</at>"
    bot_entity["mentioned"]["name"] = name
    for other, teams_id in (others or {}).items():
        activity["entities"].append(
            {"type": "mention", "text": f"<at>{other}</at>", "mentioned": {"id": teams_id, "name": other}}
        )
    activity["text"] = text
    return activity


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Helsefellesskap", "Helsefellesskapets årsplan"),
        ("Samhandling", "Samhandling om legevakt"),
    ],
)
async def test_the_bots_name_inside_the_command_is_kept(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, name: str, title: str
) -> None:
    # Issue 13.29: only the mention itself is removed, not every occurrence of the bot's name.
    activity = mentioning(bot, f"<at>{name}</at> ny sak SSU {title}", name)

    await bot.post(activity)

    [reply] = bot.replies_to(str(activity["id"]))
    assert f"Sak 1/2026 «{title}» er registrert i SSU" in visible_text(reply)
    assert await case_titles(unit_of_work) == [title]


async def test_a_mention_of_someone_else_keeps_their_name(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    activity = mentioning(
        bot,
        "<at>Helsefellesskap</at> ny sak SSU Innspill fra <at>Kari Nordmann</at>",
        "Helsefellesskap",
        {"Kari Nordmann": "29:kari"},
    )

    await bot.post(activity)

    [reply] = bot.replies_to(str(activity["id"]))
    assert "«Innspill fra Kari Nordmann»" in visible_text(reply)
    assert await case_titles(unit_of_work) == ["Innspill fra Kari Nordmann"]


@pytest.mark.usefixtures("plan")
async def test_keywords_inside_a_measures_title_belong_to_the_title(bot: BotUnderTest) -> None:
    # Issue 13.7: "frist" and "ansvarlig" are options only where complete, at the end.
    with_due = await bot.exchange(
        PERSONAL, "nytt tiltak 1: Overholde frist for epikrise", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"
    )
    with_owner = await bot.exchange(
        PERSONAL,
        "nytt tiltak 1: Tydelig ansvarlig for oppfølging ansvarlig tien@example.no frist 31.12.2026",
        aad_object_id=SECRETARIAT_AAD,
        locale="nb-NO",
    )

    assert with_due.text == "Tiltak 1.11/2026 «Overholde frist for epikrise» er lagt til."
    assert with_owner.text == (
        "Tiltak 1.12/2026 «Tydelig ansvarlig for oppfølging» er lagt til. Ansvarlig: tien@example.no. Frist: 31.12.2026."
    )


@pytest.mark.parametrize("command", ["ny sak SSU orienteringssak", "ny sak vedtakssak"])
async def test_a_case_type_alone_is_a_missing_title(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, command: str
) -> None:
    # Issue 13.8: not a Vedtakssak called "orienteringssak".
    text = visible_text(await bot.exchange(PERSONAL, command, aad_object_id=SECRETARIAT_AAD, locale="nb-NO"))

    assert "Det mangler tittel" in text and "Bruk: ny sak [organ] [type] <tittel>" in text
    assert await case_titles(unit_of_work) == []


@pytest.mark.parametrize(
    ("locale", "command", "expected", "not_expected"),
    [
        # A near miss gets the nearest commands.
        ("nb-NO", "sakliste SSU", "Jeg kjenner ikke kommandoen «sakliste». Mente du «saksliste»?", None),
        ("nb-NO", "nytt mote SSU 12.03.2027 09:00", "Mente du «nytt møte»?", None),
        (
            "en-US",
            "new meting SSU 12.03.2027 09:00",
            "I don't know the command 'new meting'. Did you mean 'new meeting'?",
            None,
        ),
        ("nb-NO", "ny", "Mente du «ny sak» eller «ny handlingsplan»?", None),
        # A sentence gets a short pointer to help, not "I don't know the command «Kan»".
        (
            "nb-NO",
            "Kan du vise meg sakslisten for neste møte?",
            "Jeg forstår kommandoer, ikke vanlige setninger. Skriv «hjelp»",
            "«Kan»",
        ),
        ("en-US", "Could you show me the agenda?", "I understand commands, not sentences. Write 'help'", "'Could'"),
        ("nb-NO", "hjelp meg med å finne saken", "Jeg forstår kommandoer, ikke vanlige setninger.", "«meg"),
    ],
)
async def test_an_unknown_command_gets_suggestions_or_a_pointer_to_help(
    bot: BotUnderTest, structure: None, locale: str, command: str, expected: str, not_expected: str | None
) -> None:
    text = visible_text(await bot.exchange(PERSONAL, command, locale=locale))

    assert expected in text
    if not_expected is not None:
        assert not_expected not in text


@pytest.mark.parametrize("command", ["?", "hjelp!", "hjelp?"])
async def test_a_question_mark_or_an_exclaimed_help_gets_the_help(bot: BotUnderTest, command: str) -> None:
    text = visible_text(await bot.exchange(PERSONAL, command, locale="nb-NO"))

    assert "nytt møte [organ] <dato>" in text


async def test_a_person_in_one_body_need_not_name_it_in_a_personal_chat(bot: BotUnderTest, structure: None) -> None:
    # Issue 13.16: Lise sits in SSU alone; Tien sits in SSU and LSU and must still name one.
    await bot.exchange(PERSONAL, "nytt møte SSU 10.12.2026 09:00-12:00", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    only_one = visible_text(await bot.exchange(PERSONAL, "saksliste", aad_object_id=LEADER_AAD, locale="nb-NO"))
    meetings = visible_text(await bot.exchange(PERSONAL, "møter", aad_object_id=LEADER_AAD, locale="nb-NO"))
    two = visible_text(await bot.exchange(PERSONAL, "saksliste", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    secretariat = visible_text(await bot.exchange(PERSONAL, "saksliste", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"))

    assert "Saksliste" in only_one and "SSU" in only_one and "10. desember 2026" in only_one
    assert "Oppgi organet" not in only_one
    assert "10. desember 2026" in meetings
    assert "Oppgi organet" in two
    assert "Oppgi organet" in secretariat


@pytest.mark.parametrize(("locale", "expected"), [(None, "koble <organ>"), ("en-US", "link <body>")])
async def test_the_welcome_in_a_team_tells_the_secretariat_to_link_the_channel(
    bot: BotUnderTest, locale: str | None, expected: str
) -> None:
    activity = load_fixture(BOT_ADDED_TO_TEAM)
    activity["id"] = uuid.uuid4().hex
    activity["serviceUrl"] = bot.connector_url
    activity["conversation"]["tenantId"] = TENANT
    activity["channelData"]["tenant"]["id"] = TENANT
    activity["locale"] = locale

    response = await bot.post(activity)

    assert 200 <= response.status < 300
    [welcome] = bot.connector.sent
    assert welcome.conversation_id == activity["conversation"]["id"]
    assert expected in welcome.text


@pytest.mark.parametrize(
    "command",
    [
        "hjelp " + "x" * 100_000,
        "frobniser" + "x" * 100_000,
        "saker " + "SSU" * 30_000,
        "saker SSU " + "SSU " * 25_000,
        "vedtak søk " + "x" * 100_000,
    ],
)
async def test_a_reply_quotes_only_an_excerpt_of_a_long_message(
    bot: BotUnderTest, structure: None, command: str
) -> None:
    # Issue 13.28: `hjelp` and 100,000 characters gave a 100 KB reply.
    reply = await bot.exchange(PERSONAL, command, locale="nb-NO")

    shown = visible_text(reply)
    assert len(shown) < 500
    assert "x" * 41 not in shown and "SSU" * 14 not in shown
