"""Who may do what, what is never stored, who is not served at all, and authentication.

Roles and privacy run on the development server (authentication off, as `hfbot chat` and the
other e2e tests); the authentication tests run the app with a Microsoft App ID, against a local
identity provider (tests/support/identity.py) that stands in for Microsoft's.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import jwt
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import select

from bot.settings import Settings
from governance.rules.clock import FixedClock
from storage.orm import metadata
from tests.e2e.conftest import (
    CHANNEL,
    PERSONAL,
    BotUnderTest,
    UnitOfWorkFactory,
    audit_trail,
    channel_of,
    query,
    running_bot,
    visible_text,
)
from tests.support.fake_connector import FakeConnector
from tests.support.identity import (
    BOT_FRAMEWORK_SCOPE,
    LocalIdentityProvider,
    new_signing_key,
)
from tests.support.structure import (
    FOREIGN_TENANT,
    LEADER_AAD,
    MEMBER_AAD,
    OUTSIDER_AAD,
    TENANT,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
APP_ID = "3f0c9a52-7d1e-4b8a-9c61-2e5d8f4a7b90"
APP_PASSWORD = "not-a-real-client-secret"
NOT_ALLOWED = "Du har ikke rettigheter til dette i SSU"


async def count(unit_of_work: UnitOfWorkFactory, table: str) -> int:
    [row] = await query(unit_of_work, f"SELECT count(*) AS n FROM {table}")
    return int(row.n)


async def everything_stored(unit_of_work: UnitOfWorkFactory) -> str:
    """Every row of every table, as text: for checking something is stored nowhere."""
    async with unit_of_work() as uow:
        dumps = [repr((await uow.session.execute(select(table))).all()) for table in metadata.sorted_tables]
    return "\n".join(dumps)


async def as_member(bot: BotUnderTest, command: str, aad_object_id: str = MEMBER_AAD) -> str:
    return visible_text(await bot.exchange(PERSONAL, command, locale="nb-NO", aad_object_id=aad_object_id))


async def as_secretariat_in_channel(bot: BotUnderTest, command: str) -> str:
    return visible_text(await bot.exchange(CHANNEL, command, locale="nb-NO"))


# --- roles --------------------------------------------------------------------------------------


async def test_a_member_cannot_plan_a_meeting(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    reply = await as_member(bot, "nytt møte SSU 12.01.2027 09:00-12:00 Møterom 1")

    assert NOT_ALLOWED in reply
    assert "sekretariatet eller organets leder" in reply
    assert await count(unit_of_work, "meetings") == 0
    [refusal] = await audit_trail(unit_of_work, "refused.plan_meeting")
    assert refusal.actor_aad_object_id == MEMBER_AAD


async def test_a_member_cannot_link_a_conversation(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    reply = await as_member(bot, "koble SSU")

    assert NOT_ALLOWED in reply
    assert [
        row.linked_conversation_id for row in await query(unit_of_work, "SELECT linked_conversation_id FROM bodies")
    ] == [None] * 3
    [refusal] = await audit_trail(unit_of_work, "refused.link")
    assert refusal.actor_aad_object_id == MEMBER_AAD


async def test_a_member_cannot_publish_the_agenda(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    await as_secretariat_in_channel(bot, "koble SSU")
    await as_secretariat_in_channel(bot, "nytt møte 12.01.2027 09:00-12:00")
    await as_secretariat_in_channel(bot, "ny sak Felles journalløsning")
    await as_secretariat_in_channel(bot, "sett opp 1/2026")

    reply = await as_member(bot, "publiser saksliste SSU")

    assert NOT_ALLOWED in reply
    assert bot.connector.to(channel_of(CHANNEL)) == []
    assert [row.status for row in await query(unit_of_work, "SELECT status FROM meetings")] == ["planlagt"]
    assert await audit_trail(unit_of_work, "agenda.published") == []
    [refusal] = await audit_trail(unit_of_work, "refused.publish_agenda")
    assert refusal.actor_aad_object_id == MEMBER_AAD


async def test_a_member_can_register_a_case_and_the_leader_can_plan_a_meeting(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    registered = await as_member(bot, "ny sak SSU Felles journalløsning")
    planned = await as_member(bot, "nytt møte SSU 12.01.2027 09:00-12:00", aad_object_id=LEADER_AAD)

    assert "Sak 1/2026 «Felles journalløsning» er registrert i SSU" in registered
    assert "Møte i SSU planlagt tirsdag 12. januar 2027" in planned
    assert [row.title for row in await query(unit_of_work, "SELECT title FROM cases")] == ["Felles journalløsning"]
    assert await count(unit_of_work, "meetings") == 1
    assert [event.action for event in await audit_trail(unit_of_work) if event.action.startswith("refused.")] == []


async def test_someone_outside_the_body_cannot_register_a_case(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    reply = await as_member(bot, "ny sak SSU Felles journalløsning", aad_object_id=OUTSIDER_AAD)

    assert "Du er ikke registrert som medlem av SSU" in reply
    assert await count(unit_of_work, "cases") == 0
    [refusal] = await audit_trail(unit_of_work, "refused.register_case")
    assert refusal.actor_aad_object_id == OUTSIDER_AAD


# --- no patient data ------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["02013299997", "020132 99997"])
async def test_a_case_with_an_identity_number_is_refused_and_the_number_stored_nowhere(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, written: str
) -> None:
    reply = await as_member(bot, f"ny sak SSU Pasient {written} skrives ut")

    assert "fødselsnummer" in reply
    assert "ikke lagret" in reply
    assert written not in reply
    assert await count(unit_of_work, "cases") == 0
    [refusal] = await audit_trail(unit_of_work, "privacy.identity_number_refused")
    assert refusal.actor_aad_object_id == MEMBER_AAD
    stored = await everything_stored(unit_of_work)
    for fragment in ("02013299997", "020132", "99997", "Pasient"):
        assert fragment not in stored


async def test_an_english_user_is_told_in_english_why_nothing_was_stored(bot: BotUnderTest, structure: None) -> None:
    reply = await bot.exchange(PERSONAL, "new case SSU Patient 02013299997 discharged", locale="en-US")

    assert "identity number" in visible_text(reply)
    assert "not stored" in visible_text(reply)


# --- tenants and channels that are not served --------------------------------------------------------


async def assert_nothing_happened(
    bot: BotUnderTest, unit_of_work: UnitOfWorkFactory, audited: str | None = None
) -> None:
    """Nothing sent or stored; the only audit event (besides the structure import's) is `audited`."""
    assert bot.connector.sent == []
    assert await count(unit_of_work, "conversation_references") == 0
    assert await count(unit_of_work, "processed_activities") == 0
    assert await count(unit_of_work, "cases") == 0
    events = [event for event in await audit_trail(unit_of_work) if not event.action.startswith("structure.")]
    assert [event.action for event in events] == ([audited] if audited else [])


@pytest.mark.parametrize("fixture", [PERSONAL, CHANNEL])
async def test_a_foreign_tenant_is_refused_and_nothing_is_stored(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, fixture: str
) -> None:
    activity = bot.activity(fixture, "ny sak SSU Felles journalløsning", tenant=FOREIGN_TENANT)

    response = await bot.post(activity)

    assert response.status == 403
    await assert_nothing_happened(bot, unit_of_work, audited="refused.tenant")


async def test_a_message_without_a_tenant_is_refused(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory
) -> None:
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning")
    activity["conversation"].pop("tenantId")
    activity["channelData"].pop("tenant")

    response = await bot.post(activity)

    assert response.status == 403
    await assert_nothing_happened(bot, unit_of_work, audited="refused.tenant")


@pytest.mark.parametrize("channel_id", ["webchat", "directline", "slack", "emulator"])
async def test_a_channel_other_than_teams_is_refused_and_nothing_is_stored(
    bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, channel_id: str
) -> None:
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning")
    activity["channelId"] = channel_id

    response = await bot.post(activity)

    assert response.status == 403
    await assert_nothing_happened(bot, unit_of_work)


# --- authentication on -------------------------------------------------------------------------------


def authenticated_settings(
    database_url: str, provider: LocalIdentityProvider | None = None, password: str = APP_PASSWORD
) -> Settings:
    values: dict[str, Any] = {
        "DATABASE_URL": database_url,
        "MicrosoftAppId": APP_ID,
        "MicrosoftAppPassword": password,
        "HFBOT_ALLOWED_TENANTS": TENANT,
        "HFBOT_DEV_NO_AUTH": False,
        "HFBOT_RELAY_INTERVAL": 0,  # these tests are about requests; the relay stays off
    }
    if provider is not None:
        values |= {
            "HFBOT_OPENID_METADATA_URL": provider.metadata_url,
            "HFBOT_TOKEN_ISSUER": provider.issuer,
            "HFBOT_LOGIN_URL": provider.login_url,
        }
    return Settings(_env_file=None, **values)


@pytest.fixture(scope="module")
def identity_provider(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalIdentityProvider]:
    provider = LocalIdentityProvider(tmp_path_factory.mktemp("identity"), APP_ID, APP_PASSWORD)
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
async def recording_connector() -> AsyncIterator[tuple[FakeConnector, str, list[str | None]]]:
    """The fake Bot Connector, also noting the Authorization header of every call the bot makes."""
    fake = FakeConnector()
    authorizations: list[str | None] = []

    @web.middleware
    async def note_authorization(request: web.Request, handler: Any) -> web.StreamResponse:
        authorizations.append(request.headers.get("Authorization"))
        return await handler(request)

    app = fake.app()
    app.middlewares.append(note_authorization)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield fake, str(server.make_url("/")), authorizations
    await server.close()


@pytest.fixture
async def public_cloud_bot(
    database_url: str, clock: FixedClock, connector: tuple[FakeConnector, str]
) -> AsyncIterator[BotUnderTest]:
    """Authentication as in production against Microsoft's public cloud (never reached here)."""
    fake, connector_url = connector
    async with running_bot(authenticated_settings(database_url), clock, fake, connector_url) as running:
        yield running


@pytest.fixture
async def authenticated_bot(
    database_url: str,
    clock: FixedClock,
    recording_connector: tuple[FakeConnector, str, list[str | None]],
    identity_provider: LocalIdentityProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[BotUnderTest]:
    fake, connector_url, _ = recording_connector
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(identity_provider.ca_file))
    async with running_bot(
        authenticated_settings(database_url, identity_provider), clock, fake, connector_url
    ) as running:
        yield running


def unsigned_token(claims: dict[str, Any]) -> str:
    return jwt.encode(claims, key="", algorithm="none")


def stranger_token(issuer: str, service_url: str) -> str:
    now = datetime.now(UTC)
    claims = {
        "iss": issuer,
        "aud": APP_ID,
        "serviceurl": service_url,
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(hours=1)).timestamp()),
    }
    return new_signing_key("stranger").sign(claims)


async def assert_refused_unauthenticated(
    bot: BotUnderTest, unit_of_work: UnitOfWorkFactory, headers: dict[str, str]
) -> None:
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning")

    response = await bot.post(activity, headers=headers)

    assert response.status == 401
    assert bot.connector.sent == []
    assert await count(unit_of_work, "conversation_references") == 0
    assert await count(unit_of_work, "processed_activities") == 0
    assert await count(unit_of_work, "cases") == 0


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Bearer",
        "Bearer not-a-token",
        "Bearer a.b.c",
        "Basic dXNlcjpwYXNzd29yZA==",
        "Bearer " + unsigned_token({"aud": APP_ID}),  # no issuer at all
        "Bearer " + unsigned_token({"iss": "https://api.botframework.com", "aud": APP_ID}),  # alg none
        "Bearer " + stranger_token("https://attacker.example/", "http://127.0.0.1/"),
    ],
    ids=[
        "none",
        "empty",
        "bearer-without-token",
        "not-a-jwt",
        "garbage-jwt",
        "basic",
        "no-issuer",
        "alg-none",
        "foreign-issuer",
    ],
)
async def test_without_a_valid_token_the_bot_answers_401_and_does_nothing(
    public_cloud_bot: BotUnderTest, structure: None, unit_of_work: UnitOfWorkFactory, authorization: str | None
) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    await assert_refused_unauthenticated(public_cloud_bot, unit_of_work, headers)


def bad_token(provider: LocalIdentityProvider, kind: str, service_url: str) -> str:
    if kind == "unknown-key":
        return stranger_token(provider.issuer, service_url)
    if kind == "forged-signature":  # a published key id, signed by another key
        return new_signing_key(provider.channel_key.kid).sign(
            jwt.decode(provider.channel_token(service_url), options={"verify_signature": False})
        )
    if kind == "key-not-endorsed-for-teams":
        return provider.channel_token(service_url, key=provider.webchat_only_key)
    if kind == "other-bot":
        return provider.channel_token(service_url, audience="0b8f2c7e-1111-4222-8333-944455556666")
    if kind == "other-issuer":
        return provider.channel_token(service_url, issuer="https://api.botframework.com")
    if kind == "expired":
        return provider.channel_token(service_url, issued_at=datetime.now(UTC) - timedelta(hours=2))
    if kind == "other-service-url":  # replies would go where the token does not vouch for
        return provider.channel_token("https://smba.trafficmanager.net/emea/")
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "kind",
    [
        "unknown-key",
        "forged-signature",
        "key-not-endorsed-for-teams",
        "other-bot",
        "other-issuer",
        "expired",
        "other-service-url",
    ],
)
async def test_a_token_the_bot_must_not_accept_gets_401(
    authenticated_bot: BotUnderTest,
    identity_provider: LocalIdentityProvider,
    structure: None,
    unit_of_work: UnitOfWorkFactory,
    kind: str,
) -> None:
    token = bad_token(identity_provider, kind, authenticated_bot.connector_url)
    await assert_refused_unauthenticated(authenticated_bot, unit_of_work, {"Authorization": f"Bearer {token}"})


async def test_an_authenticated_message_is_handled_and_answered_with_the_bots_own_token(
    authenticated_bot: BotUnderTest,
    identity_provider: LocalIdentityProvider,
    recording_connector: tuple[FakeConnector, str, list[str | None]],
    structure: None,
    unit_of_work: UnitOfWorkFactory,
) -> None:
    bot = authenticated_bot
    _, _, authorizations = recording_connector
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning", locale="nb-NO")
    token = identity_provider.channel_token(bot.connector_url)
    asked_before = len(identity_provider.token_requests)

    response = await bot.post(activity, headers={"Authorization": f"Bearer {token}"})

    assert 200 <= response.status < 300
    assert [row.title for row in await query(unit_of_work, "SELECT title FROM cases")] == ["Felles journalløsning"]
    [reply] = bot.replies_to(activity["id"])
    assert "Sak 1/2026 «Felles journalløsning» er registrert i SSU" in visible_text(reply)
    # The reply carried a token the bot got for itself (client credentials), not the channel's.
    [request] = identity_provider.token_requests[asked_before:]
    assert (request.grant_type, request.client_id, request.scope, request.secret_matched) == (
        "client_credentials",
        APP_ID,
        BOT_FRAMEWORK_SCOPE,
        True,
    )
    assert authorizations[-1] in {f"Bearer {issued}" for issued in identity_provider.issued_tokens}
    assert authorizations[-1] != f"Bearer {token}"


async def test_when_the_bot_cannot_get_its_own_token_the_failure_is_not_blamed_on_the_caller(
    database_url: str,
    clock: FixedClock,
    recording_connector: tuple[FakeConnector, str, list[str | None]],
    identity_provider: LocalIdentityProvider,
    monkeypatch: pytest.MonkeyPatch,
    structure: None,
) -> None:
    # A wrong MicrosoftAppPassword: the caller's token is fine, the bot's own login fails.
    fake, connector_url, _ = recording_connector
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(identity_provider.ca_file))
    settings = authenticated_settings(database_url, identity_provider, password="an-outdated-secret")
    async with running_bot(settings, clock, fake, connector_url) as bot:
        activity = bot.activity(PERSONAL, "hjelp", locale="nb-NO")
        token = identity_provider.channel_token(bot.connector_url)

        response = await bot.post(activity, headers={"Authorization": f"Bearer {token}"})

    assert identity_provider.token_requests[-1].secret_matched is False
    assert fake.sent == []
    # 401 would tell the Bot Connector its own token was refused; the fault is on this side.
    assert response.status != 401
    assert 500 <= response.status < 600


async def test_an_authenticated_message_from_a_foreign_tenant_is_still_refused(
    authenticated_bot: BotUnderTest,
    identity_provider: LocalIdentityProvider,
    structure: None,
    unit_of_work: UnitOfWorkFactory,
) -> None:
    # The token proves the message came through the Bot Connector for this app, not from which tenant.
    bot = authenticated_bot
    activity = bot.activity(PERSONAL, "ny sak SSU Felles journalløsning", tenant=FOREIGN_TENANT)
    token = identity_provider.channel_token(bot.connector_url)

    response = await bot.post(activity, headers={"Authorization": f"Bearer {token}"})

    assert response.status == 403
    assert bot.connector.sent == []
    assert await count(unit_of_work, "conversation_references") == 0
    assert await count(unit_of_work, "processed_activities") == 0


async def test_with_authentication_on_the_agenda_is_posted_to_the_channel(
    authenticated_bot: BotUnderTest,
    identity_provider: LocalIdentityProvider,
    recording_connector: tuple[FakeConnector, str, list[str | None]],
    structure: None,
) -> None:
    bot = authenticated_bot
    _, _, authorizations = recording_connector

    async def in_channel(command: str) -> str:
        activity = bot.activity(CHANNEL, command, locale="nb-NO")
        token = identity_provider.channel_token(bot.connector_url)
        response = await bot.post(activity, headers={"Authorization": f"Bearer {token}"})
        assert 200 <= response.status < 300
        [reply] = bot.replies_to(activity["id"])
        return visible_text(reply)

    for command in ["koble SSU", "nytt møte 12.01.2027 09:00-12:00", "ny sak Felles journalløsning", "sett opp 1/2026"]:
        await in_channel(command)
    published = await in_channel("publiser saksliste")

    assert "legges ut i kanalen til SSU nå" in published
    [post] = bot.connector.to(channel_of(CHANNEL))
    assert "Sak 1/2026 Felles journalløsning" in visible_text(post)
    assert all(header is not None and header.startswith("Bearer ") for header in authorizations)


# --- the real CLI ----------------------------------------------------------------------------------


def cli_environment(**values: str) -> dict[str, str]:
    """This process's environment without any bot configuration, plus the given values."""
    ours = {"DATABASE_URL", "PORT", "TEST_DATABASE_URL"}
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("HFBOT_", "Microsoft", "GRAPH_")) and name not in ours
    }
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))
    return environment | values


def run_cli(tmp_path: Path, **values: str) -> subprocess.CompletedProcess[str]:
    # In an empty folder, so no .env file is read.
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "serve"],
        cwd=tmp_path,
        env=cli_environment(**values),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_refuses_to_start_without_an_app_id(tmp_path: Path) -> None:
    result = run_cli(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}", PORT=str(free_port()))

    assert result.returncode == 2
    assert "MicrosoftAppId" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "bot.db").exists()


def test_serve_refuses_development_mode_on_a_public_address(tmp_path: Path) -> None:
    result = run_cli(
        tmp_path,
        HFBOT_DEV_NO_AUTH="1",
        HFBOT_HOST="0.0.0.0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        PORT=str(free_port()),
    )

    assert result.returncode == 2
    assert "HFBOT_DEV_NO_AUTH" in result.stderr
    assert "127.0.0.1" in result.stderr
    assert "Traceback" not in result.stderr


async def test_serve_in_development_mode_starts_migrates_answers_and_warns(tmp_path: Path) -> None:
    port = free_port()
    database = tmp_path / "fresh" / "bot.db"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "serve",
        cwd=tmp_path,
        env=cli_environment(HFBOT_DEV_NO_AUTH="1", PORT=str(port), DATABASE_URL=f"sqlite:///{database}"),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        status = await wait_for_health(f"http://127.0.0.1:{port}/healthz", process)
    finally:
        if process.returncode is None:
            process.terminate()
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=15)

    assert status == 200
    warning = stderr.decode()
    assert "HFBOT_DEV_NO_AUTH=1" in warning
    assert "authentication is OFF" in warning
    with sqlite3.connect(database) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"cases", "meetings", "conversation_references", "processed_activities"} <= tables


async def wait_for_health(url: str, process: asyncio.subprocess.Process, timeout: float = 30.0) -> int:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with aiohttp.ClientSession() as session:
        while loop.time() < deadline:
            assert process.returncode is None, f"hfbot serve exited with {process.returncode}"
            try:
                async with session.get(url) as response:
                    return response.status
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
    raise AssertionError("hfbot serve did not answer in time")


def test_the_local_identity_provider_is_not_trusted_without_its_ca(identity_provider: LocalIdentityProvider) -> None:
    # Guards the set-up above: the authenticated tests pass because of the CA they trust, not
    # because certificate checks are off somewhere.
    import requests

    with pytest.raises(requests.exceptions.SSLError):
        requests.get(identity_provider.metadata_url, timeout=5, verify=True)
    assert (
        requests.get(identity_provider.metadata_url, timeout=5, verify=str(identity_provider.ca_file)).json()["issuer"]
        == identity_provider.issuer
    )


async def test_a_body_that_is_not_json_answers_400_and_a_wrong_content_type_415(bot: BotUnderTest) -> None:
    async with bot.session.post(
        f"{bot.url}/api/messages", data=b"{not json", headers={"Content-Type": "application/json"}
    ) as response:
        assert response.status == 400
    async with bot.session.post(
        f"{bot.url}/api/messages", data=b"hjelp", headers={"Content-Type": "text/plain"}
    ) as response:
        assert response.status == 415
    assert bot.connector.sent == []
