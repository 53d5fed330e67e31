"""`hfbot chat`: the same bot and database in a terminal, cards shown as their text twin."""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, TextIO

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
    ResourceResponse,
)

from bot.dispatch import CommandRunner
from bot.guard import Guard
from bot.registry import REGISTRY
from bot.teams import ChannelAgendaPoster, ChannelApprovalCards, ChannelNotices, GovernanceBot
from governance.clock import Clock
from storage.unit_of_work import SqlUnitOfWork

CONSOLE_CHANNEL = "console"
CONSOLE_CONVERSATION = "console"
CONSOLE_SERVICE_URL = "console://local"


def activity_text(activity: Activity) -> str:
    parts = [activity.text] if activity.text else []
    for attachment in activity.attachments or []:
        content = attachment.content if isinstance(attachment.content, dict) else {}
        # The card's fallbackText is only its title; the console shows the whole text twin.
        parts.append(str(getattr(attachment, "text_twin", None) or content.get("fallbackText") or "[card]"))
    return "\n".join(parts)


class ConsoleAdapter(BotAdapter):
    """Delivers the bot's messages to a terminal instead of the Bot Connector."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self._out = out

    async def send_activities(self, context: TurnContext, activities: list[Activity]) -> list[ResourceResponse]:
        responses = []
        for activity in activities:
            if activity.type == ActivityTypes.message:
                prefix = "" if context.activity.type == ActivityTypes.message else "[posted to the channel]\n"
                self._out.write(f"\n{prefix}{activity_text(activity)}\n\n")
                self._out.flush()
            responses.append(ResourceResponse(id=uuid.uuid4().hex))
        return responses

    async def update_activity(self, context: TurnContext, activity: Activity) -> ResourceResponse:
        raise NotImplementedError("the console cannot update messages")

    async def delete_activity(self, context: TurnContext, reference: ConversationReference) -> None:
        raise NotImplementedError("the console cannot delete messages")

    async def continue_conversation(
        self,
        reference: ConversationReference,
        callback: Callable[[TurnContext], Awaitable[Any]],
        bot_id: str | None = None,
        claims_identity: Any = None,
        audience: str | None = None,
    ) -> None:
        activity = TurnContext.apply_conversation_reference(Activity(type=ActivityTypes.event), reference, True)
        await self.run_pipeline(TurnContext(self, activity), callback)

    async def say(self, bot: GovernanceBot, text: str, aad_object_id: str, locale: str) -> None:
        activity = Activity(
            type=ActivityTypes.message,
            id=uuid.uuid4().hex,
            text=text,
            locale=locale,
            channel_id=CONSOLE_CHANNEL,
            service_url=CONSOLE_SERVICE_URL,
            conversation=ConversationAccount(id=CONSOLE_CONVERSATION, conversation_type="personal"),
            from_property=ChannelAccount(id=f"console:{aad_object_id}", name="console", aad_object_id=aad_object_id),
            recipient=ChannelAccount(id="hfbot", name="hfbot"),
        )
        await self.run_pipeline(TurnContext(self, activity), bot.on_turn)


def console_bot(adapter: ConsoleAdapter, unit_of_work: Callable[[], SqlUnitOfWork], clock: Clock) -> GovernanceBot:
    return GovernanceBot(
        runner=CommandRunner(unit_of_work, clock, REGISTRY),
        unit_of_work=unit_of_work,
        guard=Guard(channel_id=CONSOLE_CHANNEL, tenants=None),
        clock=clock,
        poster=ChannelAgendaPoster(adapter, ""),
        approval_cards=ChannelApprovalCards(adapter, ""),
        notices=ChannelNotices(adapter, ""),
    )


async def chat_loop(
    adapter: ConsoleAdapter, bot: GovernanceBot, aad_object_id: str, locale: str, lines: TextIO = sys.stdin
) -> None:
    loop = asyncio.get_running_loop()
    while True:
        adapter._out.write("> ")
        adapter._out.flush()
        line = await loop.run_in_executor(None, lines.readline)
        if not line:
            break
        text = line.strip()
        if text.lower() in {"exit", "quit", "avslutt"}:
            break
        if text:
            await adapter.say(bot, text, aad_object_id, locale)
