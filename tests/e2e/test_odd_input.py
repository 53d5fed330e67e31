"""Input that must never reach a traceback (issue 13, items 17 and 25-27).

Odd chat inputs and malformed card invokes, posted over real HTTP as Teams posts them, each get
status 200 and a clear answer: never the generic "noe gikk galt", never an HTTP 5xx. Run on
PostgreSQL too (TEST_DATABASE_URL), where overflowing integers, NUL characters and over-long
strings fail in other places than on SQLite.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest

from bot.registry import COMMANDS
from cards.texts import TEXTS
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    card_texts,
    channel_of,
    load_fixture,
    query,
    visible_text,
)
from tests.e2e.test_decisions import INVOKE, approval_cards, click, execute_action, invoke, prepare_case
from tests.support.structure import LEADER_AAD

# "Beklager, noe gikk galt" and "Sorry, something went wrong"
GENERIC_ERRORS = [text.split(".")[0] for text in TEXTS["internal_error"]]
# Both "not understood" and "not found" end so: the card may be out of date.
EXPIRED = "kan være utdatert"


async def reply_to(bot: BotUnderTest, text: str, locale: str = "nb-NO") -> str:
    return visible_text(await bot.exchange(CHANNEL, text, locale=locale))


async def stored_titles(unit_of_work: UnitOfWorkFactory) -> list[str]:
    return [row.title for row in await query(unit_of_work, "SELECT title FROM cases ORDER BY id")]


# --- limits on free text (item 17) and text no database stores (item 26) -------------------------


async def test_a_case_title_over_the_limit_is_refused_naming_the_field_and_the_limit(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    title = ("Samarbeid om utskrivning " * 216)[:5399] + "."

    nb = await reply_to(bot, f"ny sak SSU {title}")
    en = await reply_to(bot, f"new case SSU {title}", locale="en-US")

    assert nb == "Sakstittelen kan ha høyst 200 tegn, men har 5400. Kort den ned og prøv igjen."
    assert en == "The case title can have at most 200 characters, but has 5400. Shorten it and try again."
    assert await stored_titles(unit_of_work) == []


async def test_a_title_at_the_limit_is_stored_whole_on_both_databases(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    title = "Æ" + "ø" * 198 + "å"  # 200 characters, 400 bytes in UTF-8

    reply = await reply_to(bot, f"ny sak SSU {title}")

    assert "Sak 1/2026" in reply
    assert await stored_titles(unit_of_work) == [title]


async def test_a_meeting_place_over_the_limit_is_refused(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    reply = await reply_to(bot, "nytt møte SSU 12.01.2027 09:00-12:00 " + "Rådhuset " * 40)

    assert reply.startswith("Møtestedet kan ha høyst 200 tegn, men har 359.")
    assert await query(unit_of_work, "SELECT id FROM meetings") == []


@pytest.mark.parametrize(
    ("text", "character"),
    [("ny sak SSU a\u0000b", "U+0000"), ("vedtak søk \ud800", "U+D800"), ("ny sak SSU Varsel\x1b[31m", "U+001B")],
)
async def test_text_with_a_character_no_database_stores_is_refused_and_nothing_stored(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, text: str, character: str
) -> None:
    reply = await reply_to(bot, text)

    assert reply == (
        f"Teksten inneholder et tegn som ikke kan lagres ({character}, et kontrolltegn eller en ødelagt "
        "emoji). Fjern det og prøv igjen."
    )
    assert await stored_titles(unit_of_work) == []


async def test_emoji_and_right_to_left_marks_are_ordinary_text(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    title = "Tolketjeneste \u200fعربي\u200f 👩‍⚕️🇳🇴"

    reply = await reply_to(bot, f"ny sak SSU {title}")

    assert "Sak 1/2026" in reply
    assert await stored_titles(unit_of_work) == [title]


async def test_a_rejection_comment_over_the_limit_or_with_a_nul_is_refused_on_the_card(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await prepare_case(bot)
    await bot.exchange(CHANNEL, "vedtak SSU 1/2026: SSU slutter seg til rutinen.", locale="nb-NO")
    reject = execute_action(approval_cards(bot)[0].cards[0], "reject")

    too_long = await click(bot, invoke(bot, reject, LEADER_AAD, comment="Nei. " * 300))
    with_nul = await click(bot, invoke(bot, reject, LEADER_AAD, comment="Nei\u0000", locale="en-US"))

    assert "Kommentaren kan ha høyst 1000 tegn, men har 1499. Kort den ned og prøv igjen." in card_texts(too_long)
    assert any("(U+0000, a control character" in text for text in card_texts(with_nul))
    [row] = await query(unit_of_work, "SELECT status, rejection_comment FROM decisions")
    assert (row.status, row.rejection_comment) == ("til godkjenning", None)


async def test_a_grant_of_authority_too_long_to_store_is_refused_when_the_decision_is_recorded(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    """The grant is stored only when the decision becomes final; refusing it then would leave an
    approved decision whose approval failed, so its length is checked when it is written."""
    await prepare_case(bot)
    matter = "vedta lokal rutine for legevakt " + "og tilgrensende tjenester " * 16  # 447 characters

    reply = await reply_to(bot, f"vedtak SSU 1/2026: LSU gis myndighet til å {matter}.")

    assert reply == ("Saken det gis myndighet til kan ha høyst 400 tegn, men har 447. Kort den ned og prøv igjen.")
    assert await query(unit_of_work, "SELECT id FROM decisions") == []


# --- dates and numbers beyond the calendar (item 25) --------------------------------------------

OUT_OF_RANGE = "er utenfor det jeg kan håndtere"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "nytt møte 31.12.9999 23:59",
            "Datoen «31.12.9999» er utenfor det jeg kan håndtere: året må være mellom 2000 og 2100.",
        ),
        ("saksliste 31.12.9999", "Datoen «31.12.9999» " + OUT_OF_RANGE),
        ("forfall 31.12.9999", "Datoen «31.12.9999» " + OUT_OF_RANGE),
        ("avlys møte 0001-01-01", "Datoen «0001-01-01» " + OUT_OF_RANGE),
        ("flytt møte 12.01.2027 til 31.12.9999 10:00", "Datoen «31.12.9999» " + OUT_OF_RANGE),
        ("protokoll 01.01.0001", "Datoen «01.01.0001» " + OUT_OF_RANGE),
        ("fremmøte 9999-12-31", "Datoen «9999-12-31» " + OUT_OF_RANGE),
        ("sett opp 1/2026 31.12.9999", "Datoen «31.12.9999» " + OUT_OF_RANGE),
        ("nytt tiltak 1: Overholde epikrisetid frist 31.12.9999", "Datoen «31.12.9999» " + OUT_OF_RANGE),
        ("handlingsplan 9999", "Året 9999 er utenfor det jeg kan håndtere: det må være mellom 2000 og 2100."),
        ("ny handlingsplan 2027 fra 9999", "Året 9999 " + OUT_OF_RANGE),
        ("vedtaksregister SSU 9999", "Året 9999 " + OUT_OF_RANGE),
        ("sak 1/99999999999", "Ugyldig saksnummer «1/99999999999»"),
        ("sak 99999/9999", "Fant ingen sak 99999/9999 i SSU."),
    ],
)
async def test_every_date_and_number_gets_a_clear_answer(
    bot: BotUnderTest, structure: None, text: str, expected: str
) -> None:
    await reply_to(bot, "koble SSU")

    assert expected in await reply_to(bot, text)


# Arguments that broke the bot or could: dates far outside the calendar, integers beyond every
# column type, characters no database stores, right-to-left marks, emoji, huge and SQL-ish text.
ODD_ARGUMENTS = [
    "31.12.9999 23:59",
    "SSU 31.12.9999 23:59-23:59 Sted",
    "9999-12-31",
    "01.01.0001 00:00",
    "SSU 0001-01-01",
    "99999/9999",
    "1/99999999999",
    "99999999999999999999",
    "SSU 9223372036854775807/2026",
    "-1",
    "\ud800",
    "SSU a\u0000b",
    "SSU \u202eRTL\u200f \u061c mark",
    "SSU 🎉🙂👍🏽 emoji",
    "SSU " + "x" * 10_000,
    "SSU 1/2026: " + "y" * 10_000,
    "'; DROP TABLE cases; --",
    "SSU %_\\ LIKE '%'",
    "\x07\x1b[31m\x7f\u0085",
]
# Every command, and the options and sub-commands that take an argument of their own.
EXTRA_WORDS = {"nytt tiltak 1: Overholde epikrisetid frist", "nytt tiltak 1: Tittel ansvarlig", "tiltak 1", "hjelp"}
WORDS = sorted({spec.name for spec in COMMANDS} | EXTRA_WORDS)
# Each word with every other argument, alternating, so that neighbouring words together meet them
# all: some 500 inputs, which keeps the test near ten seconds per database.
CHAT_INPUTS = [
    f"{word} {argument}"
    for index, word in enumerate(WORDS)
    for number, argument in enumerate(ODD_ARGUMENTS)
    if (index + number) % 2 == 0
] + [f"{spec.alias} {argument}" for spec in COMMANDS for argument in ODD_ARGUMENTS[::6]]


@pytest.fixture(params=["nb-NO", "en-US"])
def locale(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_odd_chat_input_is_always_answered_clearly(bot: BotUnderTest, structure: None) -> None:
    """Some 500 generated inputs (command words with odd arguments): each is accepted
    (2xx, as Teams needs) and gets a reply that is not the generic error."""
    await bot.exchange(CHANNEL, "koble SSU", locale="nb-NO")
    await bot.exchange(CHANNEL, "nytt møte 12.01.2027 09:00-12:00", locale="nb-NO")
    await bot.exchange(CHANNEL, "ny sak Felles journalløsning", locale="nb-NO")
    failures = []
    for index, text in enumerate(CHAT_INPUTS):
        fixture = PERSONAL if index % 3 == 0 else CHANNEL
        activity = bot.activity(fixture, text, locale="en-US" if index % 2 else "nb-NO", aad_object_id=LEADER_AAD)
        response = await bot.post(activity)
        replies = bot.replies_to(activity["id"])
        seen = "\n".join(visible_text(reply) for reply in replies)
        if not 200 <= response.status < 300 or not replies or any(error in seen for error in GENERIC_ERRORS):
            failures.append((text[:60], response.status, seen[:120]))
    assert failures == [], "\n".join(map(repr, failures))


def crafted_invoke(bot: BotUnderTest, value: Any, locale: str) -> dict[str, Any]:
    """The captured invoke with `value` as its `value` (what Teams would send a card's data in)."""
    payload = copy.deepcopy(load_fixture(INVOKE))
    payload["value"] = value
    payload["id"] = uuid.uuid4().hex
    payload["serviceUrl"] = bot.connector_url
    payload["from"]["aadObjectId"] = LEADER_AAD
    payload["locale"] = locale
    channel = channel_of(CHANNEL)
    payload["conversation"]["id"] = f"{channel};messageid=1"
    payload["channelData"]["channel"]["id"] = channel
    return payload


def execute(verb: Any, data: Any = None) -> dict[str, Any]:
    action: dict[str, Any] = {"type": "Action.Execute", "verb": verb}
    if data is not None:
        action["data"] = data
    return {"action": action, "trigger": "manual"}


HUGE = [
    "99999999999999999999",
    99999999999999999999,
    2**63 - 1,
    2**31,
    -1,
    0,
    1.5,
    "1e3",
    " 7 ",
    "٣",  # an Arabic-Indic digit: str.isdigit() says yes
    "²",
    True,
    None,
    [],
    {"id": 1},
    "\ud800",
    "a\u0000b",
]
CRAFTED_VALUES: list[Any] = [
    None,
    "a string",
    [],
    {},
    {"action": None},
    {"action": "refresh"},
    {"action": {}},
    {"action": {"verb": "refresh"}},
    {"action": {"verb": None, "data": {"decisionId": 1}}},
    {"action": {"verb": ["refresh"], "data": {"decisionId": 1}}},
    {"action": {"verb": {"x": 1}, "data": {"decisionId": 1}}},
    {"action": {"verb": "refresh", "data": "decisionId=1"}},
    {"action": {"verb": "refresh", "data": [1, 2]}},
    execute("no-such-verb", {"decisionId": 1}),
    execute("refresh", {"decisionId": {"nested": [{"garbage": True}]}}),
    execute("refresh", {"decisionId": 1, "minutesId": "x"}),
    execute("approve", {}),
    execute("reject", {"minutesId": 1, "comment": ["not", "text"]}),
    execute("approve", {"decisionId": 1, "round": "99999999999999999999"}),
    execute("save_attendance", {"meetingId": 1, "attendance_99999999999999999999": "til_stede"}),
    execute("save_attendance", {}),
    execute("update_measure", {"measureId": 1}),
    execute("save_handling", {}),
    execute("save_handling", {"caseId": 1, "outcome": "kanskje"}),
    execute("save_handling", {"caseId": 1, "outcome": "votering", "votesFor": "-1", "votesAgainst": "2"}),
    execute("save_handling", {"caseId": 1, "outcome": "votering", "votesFor": 99999999999999999999}),
    execute("save_handling", {"caseId": 1, "againstIds": "1,x,99999999999999999999"}),
    execute("save_handling", {"caseId": 1, "statement": ["not", "text"], "statementBy": {"id": 1}}),
    execute("update_measure", {"measureId": 99999999999999999999, "status-99999999999999999999": "fullført"}),
    execute("confirm_members_sync", {"body": "SSU", "changes": [{"personId": 99999999999999999999}]}),
    execute("cancel_members_sync", {"body": ["SSU"], "proposed": "99999999999999999999"}),
    execute("cancel_members_sync", {"body": "SSU", "proposed": 99999999999999999999}),
]
for key in ("decisionId", "minutesId"):
    for verb in ("refresh", "approve", "reject"):
        CRAFTED_VALUES.extend(execute(verb, {key: value, "round": 1, "comment": "ok"}) for value in HUGE)
for verb, key in (("save_attendance", "meetingId"), ("update_measure", "measureId"), ("save_handling", "caseId")):
    CRAFTED_VALUES.extend(execute(verb, {key: value, f"status-{value}": "fullført"}) for value in HUGE)


async def test_every_malformed_card_action_is_answered_as_an_unknown_card(
    bot: BotUnderTest, structure: None, locale: str
) -> None:
    """Crafted invokes (unknown verbs, missing or mistyped data, huge and negative ids, nested
    garbage) get status 200 and a card saying the action was not understood or the thing not found."""
    failures = []
    for value in CRAFTED_VALUES:
        payload = crafted_invoke(bot, value, locale)
        async with bot.session.post(f"{bot.url}/api/messages", json=payload) as response:
            status = response.status
            body = await response.json() if response.content_type == "application/json" else None
        card = body.get("value") if isinstance(body, dict) else None
        if status != 200 or not isinstance(card, dict) or body.get("statusCode") != 200:
            failures.append((repr(value)[:120], status, repr(body)[:120]))
    assert failures == [], "\n".join(map(repr, failures))


@pytest.mark.parametrize(
    "data",
    [
        {"decisionId": "99999999999999999999"},
        {"decisionId": 2**63 - 1},
        {"minutesId": -1},
        {"decisionId": "٣"},
    ],
)
async def test_a_card_for_an_impossible_id_is_an_unknown_card(bot: BotUnderTest, structure: None, data: Any) -> None:
    payload = crafted_invoke(bot, execute("refresh", data), "nb-NO")
    async with bot.session.post(f"{bot.url}/api/messages", json=payload) as response:
        assert response.status == 200
        body = await response.json()
    assert body["statusCode"] == 200
    assert EXPIRED in " ".join(card_texts(body["value"]))


async def test_a_card_action_that_fails_unexpectedly_is_answered_with_a_card(
    bot: BotUnderTest, structure: None
) -> None:
    """A user id no database column takes (a NUL; PostgreSQL refuses it while the bot notes who
    clicked) fails the turn outside the card's own handling: still status 200 and a card."""
    payload = crafted_invoke(bot, execute("refresh", {"decisionId": 1}), "nb-NO")
    payload["from"]["aadObjectId"] = "a\u0000b"
    async with bot.session.post(f"{bot.url}/api/messages", json=payload) as response:
        assert response.status == 200, await response.text()
        body = await response.json()
    assert body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    texts = " ".join(card_texts(body["value"]))
    # The generic error where the database refused the id; elsewhere the card is simply not found.
    assert any(generic in texts for generic in GENERIC_ERRORS) or EXPIRED in texts, texts
