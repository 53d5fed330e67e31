"""The Teams activity handler: guards, stores conversation references, runs commands, replies."""

from __future__ import annotations

import logging
import uuid
from contextvars import ContextVar
from dataclasses import replace
from typing import Any

from botbuilder.core import ActivityHandler, CardFactory, InvokeResponse, MessageFactory, TurnContext
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    AdaptiveCardInvokeResponse,
    ChannelAccount,
)

from bot.card_actions import CardAction, CardActionRunner
from bot.card_seal import CardSeal
from bot.commands import Outlets, Reply
from bot.dispatch import CommandRunner, IncomingMessage
from bot.downloads import DownloadLinks
from bot.file_fetch import FILE_DOWNLOAD_INFO, IncomingFile
from bot.grammar import strip_mentions
from bot.guard import Guard
from bot.outgoing import card_messages
from bot.pipeline import UNAVAILABLE, Posting
from bot.reply import ReplySender
from bot.roster import TeamsRoster
from cards.common import adaptive_card, text_block
from cards.texts import language, say
from governance.ports import UnitOfWorkFactory
from governance.rules.clock import Clock
from governance.rules.documents import DEFAULT_FILE_HOSTS

log = logging.getLogger(__name__)

# Set by the HTTP route; the bot marks it once authentication let the turn through, so the route
# can tell an authentication failure (401) from a failure inside the turn.
turn_started: ContextVar[list[bool] | None] = ContextVar("turn_started", default=None)


def conversation_key(activity: Activity) -> str:
    """The conversation id without Teams' `;messageid=` suffix, so posts go to the channel itself."""
    return (activity.conversation.id or "").split(";messageid=")[0]


def bot_mentions(activity: Activity) -> list[str]:
    """The exact markup (`<at>Name</at>`) of each mention of this bot, as the activity's mention
    entities mark it. botbuilder's `remove_recipient_mention` removes the bot's *name* wherever
    it occurs, also inside the command ("Helsefellesskapets årsplan"), so it is not used."""
    bot_id = activity.recipient.id if activity.recipient else None
    found: list[str] = []
    for entity in activity.entities or []:
        if (entity.type or "").lower() != "mention":
            continue
        properties = entity.additional_properties or {}
        mentioned = properties.get("mentioned") or {}
        text = properties.get("text")
        if bot_id and isinstance(mentioned, dict) and mentioned.get("id") == bot_id and isinstance(text, str):
            found.append(text)
    return found


def tenant_of(activity: Activity) -> str | None:
    channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    tenant = channel_data.get("tenant") or {}
    return tenant.get("id") or getattr(activity.conversation, "tenant_id", None)


def incoming_files(activity: Activity) -> tuple[IncomingFile, ...]:
    """The files sent with a message: in a personal chat Teams uploads each to the sender's
    OneDrive and adds a file-download-info attachment with a short-lived link to it (the other
    attachments, such as the HTML copy of the text, are not files)."""
    files: list[IncomingFile] = []
    for attachment in activity.attachments or []:
        content = attachment.content if isinstance(attachment.content, dict) else {}
        url = content.get("downloadUrl")
        if attachment.content_type == FILE_DOWNLOAD_INFO and isinstance(url, str) and url:
            files.append(IncomingFile(name=attachment.name or "", download_url=url))
    return tuple(files)


def reply_activities(reply: Reply) -> list[Activity]:
    """The reply as messages, each under Teams' size limit (bot/outgoing.py)."""
    return card_messages(reply.cards, reply.text)


class GovernanceBot(ActivityHandler):
    def __init__(
        self,
        runner: CommandRunner,
        unit_of_work: UnitOfWorkFactory,
        guard: Guard,
        clock: Clock,
        posting: Posting | None = None,
        downloads: DownloadLinks | None = None,
        outlook_invitations: bool = False,
        card_seal: CardSeal | None = None,
        file_hosts: tuple[str, ...] = DEFAULT_FILE_HOSTS,
    ) -> None:
        self._runner = runner
        self._card_actions = CardActionRunner(unit_of_work, clock, posting, downloads, card_seal)
        self._unit_of_work = unit_of_work
        self._guard = guard
        self._clock = clock
        self._outlets = Outlets(
            downloads, outlook_invitations=outlook_invitations, card_seal=card_seal, file_hosts=file_hosts
        )
        self._known_conversations: set[str] = set()
        self._known_users: set[tuple[str, str]] = set()
        self._replies = ReplySender()

    async def on_turn(self, turn_context: TurnContext) -> None:
        started = turn_started.get()
        if started is not None:
            started.append(True)
        activity = turn_context.activity
        await self._guard.check(activity.channel_id, tenant_of(activity))
        try:
            await self._remember_conversation(activity)
            await self._remember_user(activity)
            await super().on_turn(turn_context)
        except UNAVAILABLE as error:
            log.warning("turn.database_unavailable activity=%s error=%s", activity.id, type(error).__name__)
            await self._answer_failed_turn(turn_context, say(language(activity.locale), "unavailable"))
        except Exception:
            # Never a stack trace to the user: log it under a reference they can quote.
            reference = uuid.uuid4().hex[:8]
            log.exception("turn.failed ref=%s activity=%s type=%s", reference, activity.id, activity.type)
            await self._answer_failed_turn(
                turn_context, say(language(activity.locale), "internal_error", ref=reference)
            )

    async def _answer_failed_turn(self, turn_context: TurnContext, text: str) -> None:
        """A message gets the text as its reply; a card action gets it as its card, with status 200
        (without an invoke response botbuilder answers the click with an HTTP error)."""
        activity = turn_context.activity
        if activity.type == ActivityTypes.message:
            await self._replies.send(turn_context, [MessageFactory.text(text)])
        elif _is_card_action(activity) and not turn_context.turn_state.get(TurnContext._INVOKE_RESPONSE_KEY):
            answer = _card_invoke_response(adaptive_card([text_block(text)], text))
            await turn_context.send_activity(Activity(type=ActivityTypes.invoke_response, value=answer))

    async def _remember_user(self, activity: Activity) -> None:
        """Notes a person's Teams user id, once per process, so cards can name them for refresh."""
        sender = activity.from_property
        if sender is None or not sender.aad_object_id or not sender.id:
            return
        key = (sender.aad_object_id, sender.id)
        if key in self._known_users:
            return
        async with self._unit_of_work() as uow:
            await uow.persons.remember_teams_user_id(sender.aad_object_id, sender.id)
            await uow.commit()
        self._known_users.add(key)

    async def _remember_conversation(self, activity: Activity) -> None:
        """Stores where to write back to, once per conversation and process."""
        key = conversation_key(activity)
        if not key or key in self._known_conversations or not activity.service_url:
            return
        reference = TurnContext.get_conversation_reference(activity)
        reference.conversation.id = key
        reference.activity_id = None
        async with self._unit_of_work() as uow:
            await uow.conversations.save(
                key,
                reference.serialize(),
                conversation_type=getattr(activity.conversation, "conversation_type", None),
                tenant_id=tenant_of(activity),
                service_url=activity.service_url,
                user_aad_object_id=activity.from_property.aad_object_id if activity.from_property else None,
                at=self._clock.now(),
            )
            await uow.commit()
        self._known_conversations.add(key)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        if not activity.text:
            return  # card submissions and reactions carry no command in this version
        message = IncomingMessage(
            activity_id=activity.id,
            text=strip_mentions(activity.text, bot_mentions(activity)),
            locale=activity.locale,
            aad_object_id=activity.from_property.aad_object_id if activity.from_property else None,
            conversation_id=conversation_key(activity),
            files=incoming_files(activity),
        )
        # The roster reader belongs to this turn: it reads the turn's own conversation.
        # Only Teams has rosters; the console's chat says so instead of failing at the connector.
        roster = TeamsRoster(turn_context) if activity.channel_id == "msteams" else None
        outlets = replace(self._outlets, roster=roster)
        reply = await self._runner.handle(message, outlets)
        if reply is not None:
            # Sent after the pipeline committed: no database connection waits on the connector.
            await self._replies.send(turn_context, reply_activities(reply))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse | None:
        activity = turn_context.activity
        if not _is_card_action(activity):
            return await super().on_invoke_activity(turn_context)
        value: dict[str, Any] = activity.value if isinstance(activity.value, dict) else {}
        action: dict[str, Any] = value["action"] if isinstance(value.get("action"), dict) else {}
        data: dict[str, Any] = action["data"] if isinstance(action.get("data"), dict) else {}
        card = await self._card_actions.handle(
            CardAction(
                activity_id=activity.id,
                verb=str(action.get("verb") or ""),
                data=data,
                aad_object_id=activity.from_property.aad_object_id if activity.from_property else None,
                conversation_id=conversation_key(activity),
                locale=activity.locale,
            )
        )
        return _card_invoke_response(card)

    async def on_members_added_activity(self, members_added: list[ChannelAccount], turn_context: TurnContext) -> None:
        bot_id = turn_context.activity.recipient.id if turn_context.activity.recipient else None
        if any(member.id == bot_id for member in members_added):
            # In a team the secretariat's first step is to link the channel to its body.
            in_team = getattr(turn_context.activity.conversation, "conversation_type", None) == "channel"
            welcome = say(language(turn_context.activity.locale), "welcome_team" if in_team else "welcome")
            await self._replies.send(turn_context, [MessageFactory.text(welcome)])


def _is_card_action(activity: Activity) -> bool:
    return activity.type == ActivityTypes.invoke and activity.name == "adaptiveCard/action"


def _card_invoke_response(card: dict[str, Any]) -> InvokeResponse:
    # Returned as a model, not serialized here: CloudAdapter serializes the body itself, and
    # botbuilder 4.17.1's own path serializes it twice and answers 500 (DESIGN.md section 5).
    body = AdaptiveCardInvokeResponse(status_code=200, type=CardFactory.content_types.adaptive_card, value=card)
    return InvokeResponse(status=200, body=body)
