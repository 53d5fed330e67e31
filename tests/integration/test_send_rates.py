"""The relay's shared send limits on the real database, through botbuilder's connector client to a
fake Bot Connector: a tenant gets at most its rate in a second, and other tenants are not held up."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest
from aiohttp.test_utils import TestServer
from botbuilder.integration.aiohttp import CloudAdapter

from bot.connector import bot_framework_authentication
from bot.proactive import ConnectorSender
from bot.settings import Settings
from governance.rules.clock import FixedClock
from governance.rules.reminders import Delivery, DeliveryStatus
from scheduler.relay import Relay, RelaySettings
from storage.unit_of_work import SqlUnitOfWork
from tests.support.fake_connector import FakeConnector

pytestmark = pytest.mark.usefixtures("structure")

UoW = Callable[[], SqlUnitOfWork]
BUSY_TENANT = [f"a:busy-{n}" for n in range(7)]  # seven chats in one tenant
QUIET_TENANT = ["a:quiet-1", "a:quiet-2"]  # and two in another


@pytest.fixture
async def connector(unit_of_work: UoW, clock: FixedClock) -> AsyncIterator[tuple[FakeConnector, ConnectorSender]]:
    fake = FakeConnector(clock=clock)  # stamps each message with the test's clock
    server = TestServer(fake.app(), host="127.0.0.1")
    await server.start_server()
    url = str(server.make_url("")).rstrip("/")
    async with unit_of_work() as uow:
        for tenant, conversations in (("tenant-busy", BUSY_TENANT), ("tenant-quiet", QUIET_TENANT)):
            for conversation_id in conversations:
                reference = {"conversation": {"id": conversation_id}, "serviceUrl": url, "channelId": "msteams"}
                await uow.conversations.save(
                    conversation_id, reference, conversation_type="personal", tenant_id=tenant,
                    service_url=url, user_aad_object_id=None, at=clock.now(),
                )  # fmt: skip
        await uow.commit()
    authentication = bot_framework_authentication(Settings.model_validate({"HFBOT_DEV_NO_AUTH": True}))
    yield fake, ConnectorSender(CloudAdapter(authentication), "")
    await authentication.close()
    await server.close()


async def test_a_tenant_gets_at_most_its_rate_in_a_second_and_another_tenant_goes_on(
    unit_of_work: UoW, clock: FixedClock, connector: tuple[FakeConnector, ConnectorSender]
) -> None:
    fake, sender = connector
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        now = clock.now()
        await uow.deliveries.add_new(
            [
                Delivery(f"test:{cid}", body.id, cid, f"Melding til {cid}", now, now)
                for cid in BUSY_TENANT + QUIET_TENANT
            ]
        )
        await uow.commit()

    async def sleep(seconds: float) -> None:  # time passes on the test's clock, at once
        clock.advance(timedelta(seconds=seconds))
        await asyncio.sleep(0)

    relay = Relay(
        unit_of_work, clock, sender, owner="relay-1", settings=RelaySettings(tenant_rate=3), jitter=lambda: 1.0,
        sleep=sleep,
    )  # fmt: skip
    assert await relay.run_once() == 9  # all in one run: the held-back ones are waited for

    start = now.replace(microsecond=0)

    def per_second(conversations: list[str]) -> dict[int, int]:
        seconds = Counter(
            int((a.at - start).total_seconds()) for a in fake.sent if a.conversation_id in conversations and a.at
        )
        return dict(seconds)

    assert per_second(BUSY_TENANT) == {0: 3, 1: 3, 2: 1}
    assert per_second(QUIET_TENANT) == {0: 2}  # not held up by the busy tenant
    async with unit_of_work() as uow:
        assert {d.status for d in await uow.deliveries.with_status(list(DeliveryStatus), 100)} == {DeliveryStatus.SENT}
