"""A local stand-in for the Bot Connector: records what the bot sends and answers like Teams, and
injects the faults Teams is known for (DESIGN.md section 5): an error status with Retry-After, a
message accepted and then answered with 500, a hang, and 413 for a message over the size limit.

Only the network edge is faked; the bot talks to it with botbuilder's own connector client.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

from governance.rules.clock import Clock

ACCEPTED_THEN_500 = "accepted_then_500"
HANG = "hang"
ACCEPTED_THEN_HANG = "accepted_then_hang"


@dataclass
class SentActivity:
    conversation_id: str
    reply_to_id: str | None
    body: dict[str, Any]
    at: datetime | None = None  # when it arrived, by the `clock` the connector was given

    @property
    def text(self) -> str:
        return str(self.body.get("text") or "")

    @property
    def summary(self) -> str:
        return str(self.body.get("summary") or "")

    @property
    def cards(self) -> list[dict[str, Any]]:
        return [
            attachment["content"]
            for attachment in self.body.get("attachments") or []
            if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]


@dataclass
class FakeConnector:
    sent: list[SentActivity] = field(default_factory=list)
    updated: list[SentActivity] = field(default_factory=list)  # PUTs: reply_to_id holds the replaced id
    status: int = 200  # what to answer; tests set e.g. 503 to make posting fail
    # Answers for the next POSTs, one each, before `status` applies again: (status, headers).
    answers: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    refused: list[SentActivity] = field(default_factory=list)  # POSTs answered with an error
    # The conversation roster (TeamsChannelAccount dicts) GET .../pagedmembers answers with, in
    # pages of `roster_page`; `roster_status` >= 400 or a `roster_delay` makes Teams fail or stall.
    roster: list[dict[str, Any]] = field(default_factory=list)
    roster_page: int = 500
    roster_status: int = 200
    roster_delay: float = 0.0
    roster_requests: list[str] = field(default_factory=list)  # the conversation (or team) ids asked
    # Faults for the next roster reads, one page each: HANG stalls the read until `hang_seconds`
    # pass or the test calls `release_hangs`, so a test decides when Teams answers.
    roster_faults: list[str] = field(default_factory=list)
    clock: Clock | None = None  # stamps each message with the test's clock, to check pacing
    # Faults for the next POSTs, one each and before `answers`: ACCEPTED_THEN_500 keeps the message
    # (it is in the channel) and answers 500; HANG waits `hang_seconds` before answering normally;
    # ACCEPTED_THEN_HANG keeps the message at once and then waits before answering. A sender that
    # goes away during a hang (killed) leaves after HANG nothing in the channel (the test server
    # cancels the handler), after ACCEPTED_THEN_HANG its message.
    faults: list[str] = field(default_factory=list)
    # The same, for the next new messages only (posts to a conversation, not replies to a user).
    post_faults: list[str] = field(default_factory=list)
    hang_seconds: float = 120.0
    # A POST whose body is larger than this is refused with 413, as Teams refuses a message
    # over its size limit; None: no limit.
    max_body_bytes: int | None = None
    received: int = 0  # POSTs that reached the connector, answered or not
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    _released: asyncio.Event = field(default_factory=asyncio.Event)
    _roster_asked: asyncio.Event = field(default_factory=asyncio.Event)

    def release_hangs(self) -> None:
        """Ends every hang now (a test that is done with it should not wait out the minutes)."""
        self._released.set()

    async def _hang(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._released.wait(), self.hang_seconds)

    async def roster_asked(self) -> None:
        """Returns once a roster read has reached the connector (it may be hanging there now)."""
        await self._roster_asked.wait()

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation_id}/activities", self._post)
        app.router.add_post("/v3/conversations/{conversation_id}/activities/{reply_to_id}", self._post)
        app.router.add_put("/v3/conversations/{conversation_id}/activities/{activity_id}", self._put)
        # TeamsInfo asks here both for a conversation's members and, by team id, for a team's.
        app.router.add_get("/v3/conversations/{conversation_id}/pagedmembers", self._paged_members)
        return app

    async def _put(self, request: web.Request) -> web.Response:
        if self.status >= 400:
            return web.json_response({"error": {"code": "ServiceError", "message": "fake failure"}}, status=self.status)
        body = await request.json()
        activity_id = request.match_info["activity_id"]
        self.updated.append(SentActivity(request.match_info["conversation_id"], activity_id, body))
        return web.json_response({"id": activity_id})

    async def _paged_members(self, request: web.Request) -> web.Response:
        self.roster_requests.append(request.match_info["conversation_id"])
        self._roster_asked.set()
        if (self.roster_faults.pop(0) if self.roster_faults else None) == HANG:
            await self._hang()
        if self.roster_delay:
            await asyncio.sleep(self.roster_delay)
        if self.roster_status >= 400:
            return web.json_response(
                {"error": {"code": "ServiceError", "message": "fake failure"}}, status=self.roster_status
            )
        start = int(request.query.get("continuationToken") or 0)
        end = start + min(self.roster_page, int(request.query.get("pageSize") or self.roster_page))
        page: dict[str, Any] = {"members": self.roster[start:end]}
        if end < len(self.roster):  # Teams leaves the token out on the last page
            page["continuationToken"] = str(end)
        return web.json_response(page)

    async def _post(self, request: web.Request) -> web.Response:
        self.received += 1
        raw = await request.read()
        is_post = request.match_info.get("reply_to_id") is None
        if is_post and self.post_faults:
            fault: str | None = self.post_faults.pop(0)
        else:
            fault = self.faults.pop(0) if self.faults else None
        if fault == ACCEPTED_THEN_HANG:
            activity_id = await self._keep(request, json.loads(raw))
            await self._hang()
            return web.json_response({"id": activity_id})
        if fault == HANG:
            await self._hang()
        if self.max_body_bytes is not None and len(raw) > self.max_body_bytes:
            self.refused.append(
                SentActivity(request.match_info["conversation_id"], request.match_info.get("reply_to_id"), {})
            )
            return web.json_response(
                {"error": {"code": "MessageSizeTooBig", "message": "Message size too big"}}, status=413
            )
        if fault == ACCEPTED_THEN_500:
            await self._keep(request, json.loads(raw))
            return web.json_response({"error": {"code": "ServiceError", "message": "fake failure"}}, status=500)
        status, headers = self.answers.pop(0) if self.answers else (self.status, {})
        if status >= 400:
            body = json.loads(raw)
            self.refused.append(
                SentActivity(request.match_info["conversation_id"], request.match_info.get("reply_to_id"), body)
            )
            return web.json_response(
                {"error": {"code": "ServiceError", "message": "fake failure"}}, status=status, headers=headers
            )
        return web.json_response({"id": await self._keep(request, json.loads(raw))})

    async def _keep(self, request: web.Request, body: dict[str, Any]) -> str:
        """The message is in the conversation: recorded, with the id Teams would give it."""
        async with self._arrived:
            self.sent.append(
                SentActivity(
                    conversation_id=request.match_info["conversation_id"],
                    reply_to_id=request.match_info.get("reply_to_id"),
                    body=body,
                    at=self.clock.now() if self.clock else None,
                )
            )
            self._arrived.notify_all()
        return f"sent-{next(self._ids)}"

    def to(self, conversation_id: str) -> list[SentActivity]:
        return [activity for activity in self.sent if activity.conversation_id == conversation_id]

    def unsummarised(self) -> list[SentActivity]:
        """Card messages posted or updated without what a Teams notification previews: a
        one-line summary, and cards whose fallbackText is a short line, not the card again."""
        return [
            activity
            for activity in self.sent + self.updated
            if activity.cards
            and (
                not _one_short_line(activity.summary)
                or not all(_one_short_line(str(card.get("fallbackText") or "")) for card in activity.cards)
            )
        ]


# What the tests take as "short": a title, as cards/common.MAX_SUMMARY_CHARS allows.
_SHORT_LINE = 150


def _one_short_line(text: str) -> bool:
    return bool(text.strip()) and "\n" not in text and len(text) <= _SHORT_LINE


async def start_fake_connector() -> tuple[FakeConnector, TestServer]:
    connector = FakeConnector()
    server = TestServer(connector.app(), host="127.0.0.1")
    await server.start_server()
    return connector, server
