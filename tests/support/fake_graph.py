"""A local stand-in for Microsoft Graph and its sign-in endpoint, over HTTPS with a test CA.

Only the network edge is faked: the bot talks to it with the real msgraph-sdk and azure-identity.
It keeps events per user like Outlook does, honours `transactionId` like Graph (a second create
with the same id returns the first event), and can be told how to answer the next requests:
an error status with headers, or a reply that comes only after the client has given up.
"""

from __future__ import annotations

import asyncio
import itertools
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trustme
from aiohttp import web
from aiohttp.test_utils import TestServer

from scheduler.calendar_gateway import GraphSettings

TENANT = "11111111-2222-4333-8444-555555555555"
CLIENT_ID = "66666666-7777-4888-9999-000000000000"
CLIENT_SECRET = "fake-graph-secret"


@dataclass
class GraphRequest:
    method: str
    path: str
    body: dict[str, Any] | None
    authorization: str | None


@dataclass
class Answer:
    """How to answer one request instead of doing it: a status with headers, or `slow_s` to do
    the work but answer only after that long (the client times out first)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    slow_s: float = 0.0


@dataclass
class FakeGraph:
    ca_file: Path
    base_url: str = ""
    authority_host: str = ""
    requests: list[GraphRequest] = field(default_factory=list)
    events: dict[str, dict[str, Any]] = field(default_factory=dict)  # event id -> event (with "user")
    answers: list[Answer] = field(default_factory=list)  # for the next Graph requests, one each
    tokens_issued: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def settings(self, timeout_s: float = 2.0) -> GraphSettings:
        return GraphSettings(
            TENANT, CLIENT_ID, CLIENT_SECRET, self.base_url, self.authority_host, str(self.ca_file), timeout_s
        )

    def env(self, timeout_s: float = 2.0) -> dict[str, Any]:
        """The bot's GRAPH_* settings for this server."""
        return {
            "GRAPH_TENANT_ID": TENANT,
            "GRAPH_CLIENT_ID": CLIENT_ID,
            "GRAPH_CLIENT_SECRET": CLIENT_SECRET,
            "GRAPH_BASE_URL": self.base_url,
            "GRAPH_AUTHORITY_HOST": self.authority_host,
            "GRAPH_CA_BUNDLE": str(self.ca_file),
            "HFBOT_GRAPH_TIMEOUT": timeout_s,
        }

    def calls(self, method: str, suffix: str = "") -> list[GraphRequest]:
        return [r for r in self.requests if r.method == method and r.path.endswith(suffix)]

    def live_events(self) -> list[dict[str, Any]]:
        return [event for event in self.events.values() if not event.get("isCancelled")]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_post("/v1.0/users/{user}/events", self._create)
        app.router.add_patch("/v1.0/users/{user}/events/{event_id}", self._update)
        app.router.add_post("/v1.0/users/{user}/events/{event_id}/cancel", self._cancel)
        return app

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        if request.match_info["tenant"] != TENANT or form.get("client_secret") != CLIENT_SECRET:
            return web.json_response({"error": "invalid_client"}, status=401)
        self.tokens_issued += 1
        return web.json_response(
            {"access_token": f"graph-token-{self.tokens_issued}", "expires_in": 3600, "token_type": "Bearer"}
        )

    async def _record(self, request: web.Request) -> tuple[GraphRequest, Answer | None, web.Response | None]:
        body = await request.json() if request.can_read_body else None
        seen = GraphRequest(request.method, request.path, body, request.headers.get("Authorization"))
        self.requests.append(seen)
        if not (seen.authorization or "").startswith("Bearer graph-token-"):
            return seen, None, _error(401, "InvalidAuthenticationToken")
        answer = self.answers.pop(0) if self.answers else None
        if answer is not None and answer.status >= 400:
            return seen, answer, _error(answer.status, "ServiceUnavailable", answer.headers)
        return seen, answer, None

    async def _create(self, request: web.Request) -> web.Response:
        seen, answer, refusal = await self._record(request)
        if refusal is not None:
            return refusal
        assert seen.body is not None
        user = request.match_info["user"].lower()
        transaction = seen.body.get("transactionId")
        event = next(
            (
                e
                for e in self.events.values()
                if transaction and e["transactionId"] == transaction and e["user"] == user
            ),
            None,
        )
        if event is None:
            event_id = f"AAMkAD-{next(self._ids)}"
            event = {**seen.body, "id": event_id, "user": user}
            if seen.body.get("isOnlineMeeting"):
                event["onlineMeeting"] = {"joinUrl": f"https://teams.microsoft.com/l/meetup-join/{event_id}"}
            self.events[event_id] = event
        return await _reply(event, 201, answer)

    async def _update(self, request: web.Request) -> web.Response:
        seen, answer, refusal = await self._record(request)
        if refusal is not None:
            return refusal
        event = self.events.get(request.match_info["event_id"])
        if event is None or event.get("isCancelled"):
            return _error(404, "ErrorItemNotFound")
        assert seen.body is not None
        event.update(seen.body)
        return await _reply(event, 200, answer)

    async def _cancel(self, request: web.Request) -> web.Response:
        seen, answer, refusal = await self._record(request)
        if refusal is not None:
            return refusal
        event = self.events.get(request.match_info["event_id"])
        if event is None or event.get("isCancelled"):
            return _error(404, "ErrorItemNotFound")
        event["isCancelled"] = True
        # Action parameters are case-insensitive in Graph; msgraph-sdk sends "Comment".
        event["cancelComment"] = next((v for k, v in (seen.body or {}).items() if k.lower() == "comment"), None)
        if answer is not None and answer.slow_s:
            await asyncio.sleep(answer.slow_s)
        return web.Response(status=202)


async def _reply(event: dict[str, Any], status: int, answer: Answer | None) -> web.Response:
    if answer is not None and answer.slow_s:
        await asyncio.sleep(answer.slow_s)  # the work is done; the answer comes too late
    return web.json_response({key: value for key, value in event.items() if key != "user"}, status=status)


def _error(status: int, code: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": {"code": code, "message": "fake Graph"}}, status=status, headers=headers)


async def start_fake_graph(directory: Path) -> tuple[FakeGraph, TestServer]:
    """Serves Graph (/v1.0) and sign-in (/{tenant}/oauth2/v2.0/token) on one HTTPS port."""
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    certificate.configure_cert(context)
    ca_file = directory / "fake-graph-ca.pem"
    authority.cert_pem.write_to_path(str(ca_file))
    fake = FakeGraph(ca_file)
    server = TestServer(fake.app(), host="127.0.0.1")
    await server.start_server(ssl=context)
    fake.base_url = f"https://127.0.0.1:{server.port}/v1.0"
    fake.authority_host = f"127.0.0.1:{server.port}"
    return fake, server
