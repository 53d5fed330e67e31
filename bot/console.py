"""`hfbot chat`: the same bot and database in a terminal, cards shown as their text twin.

A card's buttons are numbered as the card is shown; writing the number presses the button, as an
`adaptiveCard/action` invoke through the bot's own turn, the path a click in Teams takes. The
card the bot answers with takes the pressed card's place, and so do the updates the bot makes to
a card it posted, so only buttons that still stand in Teams can be pressed.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
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

from bot.card_seal import CardSeal
from bot.console_cards import CardButton, card_buttons
from bot.dispatch import CommandRunner
from bot.guard import Guard
from bot.pipeline import Posting
from bot.proactive import ConnectorSender
from bot.registry import REGISTRY
from bot.teams import GovernanceBot
from cards.channel_posts import ChannelPosts
from cards.texts import Language, say
from governance.ports import UnitOfWorkFactory
from governance.rules.clock import Clock
from scheduler.relay import Relay, RelaySettings
from scheduler.waker import RelayWaker

CONSOLE_CHANNEL = "console"
CONSOLE_CONVERSATION = "console"
CONSOLE_SERVICE_URL = "console://local"
CARD_ACTION_INVOKE = "adaptiveCard/action"


def card_text(card: dict[str, Any]) -> str:
    """A card the console has no text twin for (an invoke's answer): its texts and facts in order.
    The card's fallbackText is only its title, for Teams notifications."""
    lines = _readable_lines(card.get("body"))
    return "\n".join(lines) if lines else str(card.get("fallbackText") or "[card]")


def _readable_lines(element: Any) -> list[str]:
    if isinstance(element, list):
        return [line for item in element for line in _readable_lines(item)]
    if not isinstance(element, dict):
        return []
    if element.get("type") == "TextBlock":
        return [str(element.get("text", ""))]
    if element.get("type") == "FactSet":
        return [f"{fact.get('title', '')}: {fact.get('value', '')}" for fact in element.get("facts", [])]
    if element.get("type") == "Input.ChoiceSet":
        chosen = [
            choice.get("title", "")
            for choice in element.get("choices", [])
            if choice.get("value") == element.get("value")
        ]
        return [f"{element.get('label', '')}: {chosen[0] if chosen else element.get('value', '')}"]
    if element.get("type") == "Input.Text" and element.get("value"):
        # A form's filled-in text (a case paper after saving) reads as what it holds.
        return [f"{element.get('label', '')}: {element['value']}"]
    return [line for key in ("items", "columns") for line in _readable_lines(element.get(key))]


def _cards(activity: Activity) -> list[dict[str, Any]]:
    return [attachment.content for attachment in activity.attachments or [] if isinstance(attachment.content, dict)]


def activity_text(activity: Activity) -> str:
    parts = [activity.text] if activity.text else []
    for attachment in activity.attachments or []:
        if isinstance(attachment.content, dict):
            # The card's fallbackText is only its title; the console shows the whole text twin, or
            # for a card sent from the outbox (whose twin is that title) the card's own texts.
            twin = getattr(attachment, "text_twin", None)
            if not twin or twin == attachment.content.get("fallbackText"):
                twin = card_text(attachment.content)
            parts.append(twin)
    return "\n".join(parts)


class ButtonBoard:
    """The buttons of the cards on screen, numbered in the order they were shown.

    Cards are known by their message id and place in the message; a card that is replaced
    takes its buttons with it and brings the new card's."""

    def __init__(self) -> None:
        self._next = 1
        self._buttons: dict[int, tuple[str, CardButton]] = {}

    def show(self, card_key: str, card: dict[str, Any]) -> list[tuple[int, CardButton]]:
        shown = []
        for button in card_buttons(card):
            self._buttons[self._next] = (card_key, button)
            shown.append((self._next, button))
            self._next += 1
        return shown

    def replace(self, card_key: str, card: dict[str, Any]) -> list[tuple[int, CardButton]]:
        for number in [number for number, (key, _) in self._buttons.items() if key == card_key]:
            del self._buttons[number]
        return self.show(card_key, card)

    def get(self, number: int) -> tuple[str, CardButton] | None:
        return self._buttons.get(number)

    def standing(self) -> list[tuple[int, CardButton]]:
        return [(number, button) for number, (_, button) in sorted(self._buttons.items())]


class ConsoleAdapter(BotAdapter):
    """Delivers the bot's messages to a terminal instead of the Bot Connector."""

    def __init__(self, out: TextIO, lang: Language = "nb") -> None:
        super().__init__()
        self._out = out
        self.lang = lang
        self.board = ButtonBoard()
        self._pressed: str | None = None  # the card whose button the current invoke presses
        self._shared: set[str] = set()  # cards posted to the channel, seen by every member
        self.after_turn: Callable[[], Awaitable[None]] | None = None  # the channel posts a turn made

    @property
    def out(self) -> TextIO:
        return self._out

    def write(self, text: str) -> None:
        self._out.write(text)
        self._out.flush()

    async def send_activities(self, context: TurnContext, activities: list[Activity]) -> list[ResourceResponse]:
        responses = []
        for activity in activities:
            message_id = uuid.uuid4().hex
            if activity.type == ActivityTypes.message:
                # Outside a turn the user began, the bot posts on its own: to the channel.
                posted = context.activity.type not in (ActivityTypes.message, ActivityTypes.invoke)
                prefix = say(self.lang, "console_posted") + "\n" if posted else ""
                self.write(f"\n{prefix}{activity_text(activity)}\n")
                for index, card in enumerate(_cards(activity)):
                    if posted:
                        self._shared.add(f"{message_id}#{index}")
                    self._list(self.board.show(f"{message_id}#{index}", card))
                self.write("\n")
            elif activity.type == ActivityTypes.invoke_response:
                self._answer(activity.value)
            responses.append(ResourceResponse(id=message_id))
        return responses

    def _answer(self, response: Any) -> None:
        """The card an invoke answers with: in Teams it replaces the pressed card for the presser
        alone. A card in the channel stays as it is for the others (the console switches between
        them) until the bot updates it; a card in a personal chat has no other reader."""
        body = getattr(response, "body", None)
        card = body.get("value") if isinstance(body, dict) else getattr(body, "value", None)
        if not isinstance(card, dict):
            return
        self.write(f"\n{card_text(card)}\n")
        pressed = self._pressed
        if pressed is None or pressed in self._shared:
            self._list(self.board.show(uuid.uuid4().hex, card))
        else:
            self._list(self.board.replace(pressed, card))
        self.write("\n")

    async def update_activity(self, context: TurnContext, activity: Activity) -> ResourceResponse:
        # The pressed card itself is not shown again: the invoke's answer shows it as the
        # presser now sees it. Its buttons go either way.
        quiet = self._pressed is not None and self._pressed.startswith(f"{activity.id}#")
        if not quiet:
            self.write(f"\n{say(self.lang, 'console_updated')}\n{activity_text(activity)}\n")
        for index, card in enumerate(_cards(activity)):
            buttons = self.board.replace(f"{activity.id}#{index}", card)
            if not quiet:
                self._list(buttons)
        if not quiet:
            self.write("\n")
        return ResourceResponse(id=activity.id)

    def _list(self, buttons: list[tuple[int, CardButton]]) -> None:
        if buttons:
            lines = [say(self.lang, "console_buttons")] + [f"  [{number}] {button.title}" for number, button in buttons]
            self.write("\n".join(lines) + "\n")

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
        activity = _from_user(ActivityTypes.message, aad_object_id, locale)
        activity.text = text
        await self.run_pipeline(TurnContext(self, activity), bot.on_turn)
        if self.after_turn is not None:
            await self.after_turn()

    async def press(
        self,
        bot: GovernanceBot,
        card_key: str,
        button: CardButton,
        values: dict[str, str],
        aad_object_id: str,
        locale: str,
    ) -> None:
        """Presses a card button as Teams does: an `Action.Execute` invoke to the bot's turn."""
        activity = _from_user(ActivityTypes.invoke, aad_object_id, locale)
        activity.name = CARD_ACTION_INVOKE
        activity.value = {
            "action": {"type": "Action.Execute", "verb": button.verb, "data": button.pressed(values)},
            "trigger": "manual",
        }
        self._pressed = card_key
        try:
            await self.run_pipeline(TurnContext(self, activity), bot.on_turn)
        finally:
            self._pressed = None
        if self.after_turn is not None:
            await self.after_turn()


def _from_user(kind: str, aad_object_id: str, locale: str) -> Activity:
    return Activity(
        type=kind,
        id=uuid.uuid4().hex,
        locale=locale,
        channel_id=CONSOLE_CHANNEL,
        service_url=CONSOLE_SERVICE_URL,
        conversation=ConversationAccount(id=CONSOLE_CONVERSATION, conversation_type="personal"),
        from_property=ChannelAccount(id=f"console:{aad_object_id}", name="console", aad_object_id=aad_object_id),
        recipient=ChannelAccount(id="hfbot", name="hfbot"),
    )


def console_bot(adapter: ConsoleAdapter, unit_of_work: UnitOfWorkFactory, clock: Clock) -> GovernanceBot:
    """The bot with an outbox relay of its own: what a turn posts to the channel is printed right
    after the turn's reply, as Teams would show it a moment later."""
    relay = Relay(
        unit_of_work, clock, ConnectorSender(adapter, ""), owner="console", settings=RelaySettings(pace=timedelta(0))
    )
    waker = RelayWaker(relay)
    adapter.after_turn = waker.idle
    posting = Posting(ChannelPosts(), waker.wake)
    return GovernanceBot(
        runner=CommandRunner(unit_of_work, clock, REGISTRY, posting),
        unit_of_work=unit_of_work,
        guard=Guard(channel_id=CONSOLE_CHANNEL, tenants=None),
        clock=clock,
        posting=posting,
        # Cards live only as long as the console session, so a secret of the session's own seals
        # them (the møteplan confirm needs one); nothing sealed here is trusted anywhere else.
        card_seal=CardSeal(secrets.token_bytes(32)),
    )
