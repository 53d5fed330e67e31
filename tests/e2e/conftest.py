"""End-to-end fixtures: the real aiohttp app on a loopback port, a fake Bot Connector, and the
captured Teams payloads from ../shared/fixtures/teams with text and serviceUrl rewritten."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.app import create_app
from bot.settings import Settings
from governance.clock import FixedClock
from tests.support.fake_connector import FakeConnector, start_fake_connector
from tests.support.structure import TENANT

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures" / "teams"


def load_fixture(name: str) -> dict[str, Any]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass
class BotUnderTest:
    url: str
    connector: FakeConnector
    connector_url: str
    session: aiohttp.ClientSession

    def activity(
        self,
        fixture: str,
        text: str,
        *,
        activity_id: str | None = None,
        locale: str | None = None,
        aad_object_id: str | None = None,
        tenant: str | None = None,
    ) -> dict[str, Any]:
        """A captured payload with our text, a fresh id and serviceUrl pointing at the fake connector."""
        activity = copy.deepcopy(load_fixture(fixture))
        mention = next((e["text"] for e in activity.get("entities", []) if e.get("type") == "mention"), None)
        activity["text"] = f"{mention} {text}" if mention else text
        activity["id"] = activity_id or uuid.uuid4().hex
        activity["serviceUrl"] = self.connector_url
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
        async with self.session.post(f"{self.url}/api/messages", json=activity, headers=headers or {}) as response:
            await response.read()
            return response

    async def say(self, fixture: str, text: str, **options: Any) -> str:
        """Posts a message and returns the text of the bot's single reply to it (cards as JSON)."""
        activity = self.activity(fixture, text, **options)
        before = len(self.connector.sent)
        response = await self.post(activity)
        assert response.status in (200, 201), response.status
        replies = [sent for sent in self.connector.sent[before:] if sent.reply_to_id == activity["id"]]
        assert len(replies) == 1, f"expected one reply, got {len(replies)}"
        body = replies[0].body
        return (body.get("text") or "") + "".join(json.dumps(card, ensure_ascii=False) for card in replies[0].cards)


def e2e_settings(database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "HFBOT_DEV_NO_AUTH": True,
        "HFBOT_ALLOWED_TENANTS": TENANT,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
async def connector() -> AsyncIterator[tuple[FakeConnector, str]]:
    fake, server = await start_fake_connector()
    yield fake, str(server.make_url("/"))
    await server.close()


@pytest.fixture
async def bot(database_url: str, clock: FixedClock, connector: tuple[FakeConnector, str]) -> AsyncIterator[BotUnderTest]:
    fake, connector_url = connector
    server = TestServer(create_app(e2e_settings(database_url), clock), host="127.0.0.1")
    await server.start_server()
    async with aiohttp.ClientSession() as session:
        yield BotUnderTest(str(server.make_url("")).rstrip("/"), fake, connector_url, session)
    await server.close()
