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
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, card_texts, channel_of, load_fixture, visible_text
from tests.support.structure import LEADER_AAD

INVOKE = "invoke_adaptivecard_action_execute.json"
GENERIC_ERROR = TEXTS["internal_error"][0].split(".")[0]  # "Beklager, noe gikk galt"
# Both "not understood" and "not found" end so: the card may be out of date.
EXPIRED = "kan være utdatert"

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
WORDS = sorted({spec.name for spec in COMMANDS} | {"frist", "tiltak 1", "vedtak søk", "hjelp"})
CHAT_INPUTS = [f"{word} {argument}" for word in WORDS for argument in ODD_ARGUMENTS] + [
    f"{spec.alias} {argument}" for spec in COMMANDS for argument in ODD_ARGUMENTS[::4]
]


@pytest.fixture(params=["nb-NO", "en-US"])
def locale(request: pytest.FixtureRequest) -> str:
    return str(request.param)


async def test_odd_chat_input_is_always_answered_clearly(bot: BotUnderTest, structure: None) -> None:
    """A few hundred generated inputs: each is accepted (2xx, as Teams needs) and gets a reply that is not the generic error."""
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
        if not 200 <= response.status < 300 or not replies or GENERIC_ERROR in seen or "went wrong" in seen:
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
    execute("update_measure", {"measureId": 99999999999999999999, "status-99999999999999999999": "fullført"}),
    execute("confirm_members_sync", {"body": "SSU", "changes": [{"personId": 99999999999999999999}]}),
    execute("cancel_members_sync", {"body": ["SSU"], "proposed": "99999999999999999999"}),
    execute("cancel_members_sync", {"body": "SSU", "proposed": 99999999999999999999}),
]
for key in ("decisionId", "minutesId"):
    for verb in ("refresh", "approve", "reject"):
        CRAFTED_VALUES.extend(execute(verb, {key: value, "round": 1, "comment": "ok"}) for value in HUGE)
for verb, key in (("save_attendance", "meetingId"), ("update_measure", "measureId")):
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
