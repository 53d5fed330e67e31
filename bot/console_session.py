"""The console's loop: lines go to the bot as messages, a number presses a card's button, and a
few console-only commands (`/hjelp`, `/knapper`, `/som`) act on the console itself."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.console import ConsoleAdapter
from bot.console_identity import ConsoleUser, NotFound
from bot.console_input import LineReader, ask_inputs
from bot.teams import GovernanceBot
from cards.texts import Language, say

ENDINGS = frozenset({"exit", "quit", "avslutt"})
FindUser = Callable[[str | None], Awaitable[ConsoleUser | NotFound]]


def user_line(user: ConsoleUser, lang: Language, code: str) -> str:
    """Who the console writes as, and how a person without an object id got their identity."""
    line = say(lang, code, name=user.name, email=user.email)
    if user.given_local_id:
        line += "\n" + say(lang, "console_local_identity", name=user.name, id=user.aad_object_id)
    return line


def people_text(found: NotFound, email: str | None, lang: Language) -> str:
    if not found.people:
        return say(lang, "console_no_people")
    people = "\n".join(f"  {person}" for person in found.people)
    if email:
        return say(lang, "console_unknown_person", email=email, people=people)
    return say(lang, "console_choose_person", people=people)


class ConsoleSession:
    def __init__(
        self,
        adapter: ConsoleAdapter,
        bot: GovernanceBot,
        user: ConsoleUser,
        locale: str,
        reader: LineReader,
        find_user: FindUser,
    ) -> None:
        self._adapter = adapter
        self._bot = bot
        self._user = user
        self._locale = locale
        self._lang: Language = adapter.lang
        self._reader = reader
        self._find_user = find_user

    async def run(self) -> None:
        try:
            while True:
                line = await self._reader.read("> ")
                if line is None:
                    break
                text = line.strip()
                if text.lower() in ENDINGS:
                    break
                if text:
                    await self.handle(text)
        finally:
            self._reader.close()

    async def handle(self, text: str) -> None:
        if text.isdigit():
            await self._press(int(text))
        elif text.startswith("/"):
            await self._command(text)
        else:
            await self._adapter.say(self._bot, text, self._user.aad_object_id, self._locale)

    async def _command(self, text: str) -> None:
        name, _, argument = text[1:].partition(" ")
        name = name.lower()
        if name in {"hjelp", "help", "?"}:
            self._adapter.write(say(self._lang, "console_help") + "\n")
        elif name in {"knapper", "buttons"}:
            self._list_buttons()
        elif name in {"som", "as"}:
            await self._switch(argument.strip() or None)
        else:
            self._adapter.write(say(self._lang, "console_unknown_command", command=text[:40]) + "\n")

    def _list_buttons(self) -> None:
        standing = self._adapter.board.standing()
        if not standing:
            self._adapter.write(say(self._lang, "console_no_buttons") + "\n")
            return
        lines = [say(self._lang, "console_buttons")] + [f"  [{number}] {button.title}" for number, button in standing]
        self._adapter.write("\n".join(lines) + "\n")

    async def _switch(self, email: str | None) -> None:
        found = await self._find_user(email)
        if isinstance(found, NotFound):  # or no address given: whom one can act as
            self._adapter.write(people_text(found, email, self._lang) + "\n")
            return
        self._user = found
        self._adapter.write(user_line(found, self._lang, "console_switched") + "\n")

    async def _press(self, number: int) -> None:
        shown = self._adapter.board.get(number)
        if shown is None:
            self._adapter.write(say(self._lang, "console_unknown_button", number=number) + "\n")
            return
        card_key, button = shown
        self._adapter.write(say(self._lang, "console_pressing", title=button.title) + "\n")
        values = await ask_inputs(self._reader, self._adapter.out, button, self._lang)
        if values is None:
            self._adapter.write(say(self._lang, "console_press_cancelled") + "\n")
            return
        await self._adapter.press(self._bot, card_key, button, values, self._user.aad_object_id, self._locale)
