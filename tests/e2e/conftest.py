"""End-to-end fixtures: the real aiohttp app on a loopback port, a fake Bot Connector, and the
captured Teams payloads in tests/fixtures/teams with text and serviceUrl rewritten."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import Row, text

from bot.app import create_app
from bot.composition import SERVICES
from bot.settings import Settings
from governance.rules.clock import FixedClock
from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork
from tests.conftest import begin_from_migrated_copy
from tests.support.fake_connector import (
    FakeConnector,
    SentActivity,
    start_fake_connector,
)
from tests.support.structure import TENANT, test_structure

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "teams"

CHANNEL = "channel_message_with_mention.json"
PERSONAL = "personal_message.json"
# A conversationUpdate capture; `activity()` turns its envelope into a message of that group chat.
GROUP_CHAT = "conversation_update_member_added_groupchat.json"


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def conversation_of(fixture: str) -> str:
    """The conversation id as Teams sends it (for a channel: the thread, with `;messageid=`)."""
    return str(load_fixture(fixture)["conversation"]["id"])


def channel_of(fixture: str) -> str:
    """The conversation id of the channel itself, where posts that are not replies go."""
    return conversation_of(fixture).split(";messageid=")[0]


def card_texts(element: Any) -> list[str]:
    """Every text a reader sees on an Adaptive Card (text blocks and fact values), in order."""
    found: list[str] = []
    if isinstance(element, dict):
        if element.get("type") == "TextBlock":
            found.append(str(element.get("text", "")))
        if element.get("type") == "FactSet":
            found.extend(f"{fact['title']}: {fact['value']}" for fact in element.get("facts", []))
        for key in ("body", "items", "columns", "rows", "cells", "actions"):  # rows, cells: a Table
            found.extend(card_texts(element.get(key)))
    elif isinstance(element, list):
        for item in element:
            found.extend(card_texts(item))
    return found


def table_rows(card: dict[str, Any]) -> list[list[str]]:
    """The cells of the first Table on a card, row by row, as a reader sees them (header first)."""
    [table, *_] = [element for element in card.get("body", []) if element.get("type") == "Table"]
    return [[" ".join(card_texts(cell)) for cell in row["cells"]] for row in table["rows"]]


def visible_text(sent: SentActivity) -> str:
    """What a Teams user reads in one message: its text and the texts of its cards."""
    return "\n".join([sent.text, *(line for card in sent.cards for line in card_texts(card))])


@dataclass
class BotUnderTest:
    url: str
    connector: FakeConnector
    connector_url: str
    session: aiohttp.ClientSession
    app: web.Application | None = None
    posted_ids: list[str] = field(default_factory=list)  # ids of every activity posted to the bot

    def activity(
        self,
        fixture: str,
        text: str,
        *,
        activity_id: str | None = None,
        locale: str | None = None,
        aad_object_id: str | None = None,
        tenant: str | None = None,
        service_url: str | None = None,
    ) -> dict[str, Any]:
        """A captured payload as a message with our text, a fresh id and serviceUrl pointing at the fake connector."""
        activity = copy.deepcopy(load_fixture(fixture))
        activity["type"] = "message"
        for key in ("membersAdded", "membersRemoved"):
            activity.pop(key, None)
        mention = next((e["text"] for e in activity.get("entities", []) if e.get("type") == "mention"), None)
        activity["text"] = f"{mention} {text}" if mention else text
        activity["id"] = activity_id or uuid.uuid4().hex
        activity["serviceUrl"] = service_url or self.connector_url
        activity.pop("attachments", None)  # the captured HTML copy of the original text
        if locale is not None:
            activity["locale"] = locale
        if aad_object_id is not None:
            activity["from"]["aadObjectId"] = aad_object_id
        if tenant is not None:
            activity["conversation"]["tenantId"] = tenant
            activity.setdefault("channelData", {}).setdefault("tenant", {})["id"] = tenant
        return activity

    async def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> aiohttp.ClientResponse:
        self.posted_ids.append(str(activity.get("id")))
        async with self.session.post(f"{self.url}/api/messages", json=activity, headers=headers or {}) as response:
            await response.read()
        await self.posts_sent()
        return response

    async def posts_sent(self) -> None:
        """Waits until what the turn posted through the outbox has gone out (the relay is woken
        when the turn commits, and sends a moment after the reply)."""
        if self.app is not None and SERVICES in self.app:
            await self.app[SERVICES].waker.idle()

    def replies_to(self, activity_id: str, connector: FakeConnector | None = None) -> list[SentActivity]:
        return [sent for sent in (connector or self.connector).sent if sent.reply_to_id == activity_id]

    async def exchange(self, fixture: str, text: str, **options: Any) -> SentActivity:
        """Posts a message, checks the HTTP answer is 2xx, and returns the bot's single reply."""
        activity = self.activity(fixture, text, **options)
        response = await self.post(activity)
        assert 200 <= response.status < 300, response.status
        replies = self.replies_to(activity["id"])
        assert len(replies) == 1, f"expected one reply, got {len(replies)}"
        return replies[0]

    async def say(self, fixture: str, text: str, **options: Any) -> str:
        """Posts a message and returns the text of the bot's single reply to it (cards as JSON)."""
        reply = await self.exchange(fixture, text, **options)
        return reply.text + "".join(json.dumps(card, ensure_ascii=False) for card in reply.cards)


def e2e_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "HFBOT_DEV_NO_AUTH": True,
        "HFBOT_ALLOWED_TENANTS": TENANT,
        "HFBOT_RELAY_INTERVAL": 0,  # tests run the relay themselves, on the test clock
        # The test clock stands still, so a paced second message to a channel would never fall
        # due; pacing is tested in the relay's own tests (tests/integration), on a clock that moves.
        "HFBOT_RELAY_PACE": 0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@asynccontextmanager
async def running_bot(
    settings: Settings, clock: FixedClock, fake: FakeConnector, connector_url: str
) -> AsyncIterator[BotUnderTest]:
    """The real application on a loopback port, as `hfbot serve` runs it."""
    app = create_app(settings, clock)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as session:
            yield BotUnderTest(str(server.make_url("")).rstrip("/"), fake, connector_url, session, app)
    finally:
        await server.close()


async def query(unit_of_work: UnitOfWorkFactory, sql: str, **params: Any) -> list[Row[Any]]:
    """Rows of a read-only SQL query, to check what the bot stored."""
    async with unit_of_work() as uow:
        return list((await uow.session.execute(text(sql), params)).all())


@dataclass(frozen=True)
class AuditRow:
    action: str
    actor_aad_object_id: str | None
    subject: str | None
    details: dict[str, Any]


async def audit_trail(unit_of_work: UnitOfWorkFactory, action: str | None = None) -> list[AuditRow]:
    """The stored audit events (all, or those of one action), oldest first."""
    rows = await query(
        unit_of_work, "SELECT action, actor_aad_object_id, subject, details FROM audit_events ORDER BY id"
    )
    trail = [
        AuditRow(
            row.action,
            row.actor_aad_object_id,
            row.subject,
            row.details if isinstance(row.details, dict) else json.loads(row.details),
        )
        for row in rows
    ]
    return [event for event in trail if action is None or event.action == action]


@pytest.fixture
async def connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    fake, server = await start_fake_connector()
    yield fake, str(server.make_url("/"))
    await server.close()
    # Every card message of every end-to-end test previews in notifications by a short summary.
    assert [(sent.summary, [card.get("fallbackText") for card in sent.cards]) for sent in fake.unsummarised()] == []


@pytest.fixture
async def bot(
    database_url: str, clock: FixedClock, connector: tuple[FakeConnector, str], request: pytest.FixtureRequest
) -> AsyncIterator[BotUnderTest]:
    begin_from_migrated_copy(database_url, request)
    fake, connector_url = connector
    async with running_bot(e2e_settings(database_url), clock, fake, connector_url) as running:
        yield running


@pytest.fixture
async def ssu_policy(unit_of_work: UnitOfWorkFactory) -> Callable[[str], Any]:
    async def set_policy(policy: str) -> None:
        data = test_structure()
        data["bodies"][1]["approval"] = policy
        async with unit_of_work() as uow:
            await import_structure(uow, parse_structure(data))
            await uow.commit()

    return set_policy


@dataclass
class FileServer:
    """Stands in for the OneDrive that Teams' download links point to."""

    base: str
    files: dict[str, bytes] = field(default_factory=dict)
    served: list[str] = field(default_factory=list)

    def url(self, name: str, route: str = "files") -> str:
        return f"{self.base}/{route}/{name}"


@pytest.fixture
async def file_server() -> AsyncIterator[FileServer]:
    server_state = FileServer(base="")

    async def whole(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        server_state.served.append(name)
        return web.Response(body=server_state.files[name], content_type="application/octet-stream")

    async def chunked(request: web.Request) -> web.StreamResponse:
        # No Content-Length: the bot must count what arrives and stop at the limit itself.
        name = request.match_info["name"]
        server_state.served.append(name)
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        data = server_state.files[name]
        try:
            for start in range(0, len(data), 1024 * 1024):  # a megabyte at a time
                await response.write(data[start : start + 1024 * 1024])
        except (ConnectionResetError, RuntimeError):
            pass  # the bot stopped reading, as it should
        return response

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["to"])

    app = web.Application()
    app.router.add_get("/files/{name}", whole)
    app.router.add_get("/chunked/{name}", chunked)
    app.router.add_get("/redirect", redirect)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    server_state.base = str(server.make_url("")).rstrip("/")
    yield server_state
    await server.close()


@pytest.fixture
async def file_bot(
    database_url: str, clock: FixedClock, connector: tuple[FakeConnector, str]
) -> AsyncIterator[BotUnderTest]:
    # The local file server is on 127.0.0.1 over http: accepted in dev mode for a listed host only.
    fake, connector_url = connector
    settings = e2e_settings(database_url, HFBOT_FILE_HOSTS="127.0.0.1,*.sharepoint.com,onedrive.live.com")
    async with running_bot(settings, clock, fake, connector_url) as running:
        yield running
