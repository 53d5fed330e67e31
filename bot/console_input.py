"""Reading the console user's lines: with line editing and history at a terminal, plainly from
a pipe; and asking for the fields of a card button one by one."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TextIO

from bot.console_cards import CardButton, CardInput
from cards.texts import Language, say

try:  # not on every platform (Windows has none); the console then reads plain lines
    import readline
except ImportError:  # pragma: no cover - depends on the platform
    readline = None  # type: ignore[assignment]

HISTORY_FILE = Path.home() / ".hfbot_history"
HISTORY_LINES = 1000


class LineReader:
    """`input()` through readline when both ends are a terminal, so arrows edit the line and
    bring back earlier ones (kept between sessions in ~/.hfbot_history); otherwise lines as
    they come, which is what scripts and tests pipe in."""

    def __init__(self, lines: TextIO, out: TextIO) -> None:
        self._lines = lines
        self._out = out
        self._interactive = readline is not None and lines.isatty() and out.isatty()
        if self._interactive:
            readline.set_history_length(HISTORY_LINES)
            try:
                readline.read_history_file(HISTORY_FILE)
            except OSError:
                pass  # no history yet

    async def read(self, prompt: str) -> str | None:
        """The next line without its newline; None at the end of input (Ctrl-D)."""
        loop = asyncio.get_running_loop()
        if self._interactive:
            try:
                return await loop.run_in_executor(None, input, prompt)
            except EOFError:
                self._out.write("\n")
                return None
        self._out.write(prompt)
        self._out.flush()
        line = await loop.run_in_executor(None, self._lines.readline)
        return line.rstrip("\r\n") if line else None

    def close(self) -> None:
        if self._interactive:
            try:
                readline.write_history_file(HISTORY_FILE)
            except OSError:
                pass  # a read-only home loses the history, not the session


async def ask_inputs(reader: LineReader, out: TextIO, button: CardButton, lang: Language) -> dict[str, str] | None:
    """The value of each of the button's fields as the user gives it; None when they end input."""
    values: dict[str, str] = {}
    for field in button.inputs:
        value = await _ask(reader, out, field, lang)
        if value is None:
            return None
        values[field.id] = value
    return values


async def _ask(reader: LineReader, out: TextIO, field: CardInput, lang: Language) -> str | None:
    if field.kind == "text":
        hint = ", ".join(part for part in (field.placeholder, _keep_or_empty(field.value, lang)) if part)
        answer = await reader.read(f"{field.label} ({hint}): ")
        return None if answer is None else (answer.strip() or field.value)
    if field.kind == "toggle":
        current = say(lang, "yes") if field.value == field.on_value else say(lang, "no")
        while True:
            hint = f"{say(lang, 'console_yes_no')}, {say(lang, 'console_keep', value=current)}"
            answer = await reader.read(f"{field.label} ({hint}): ")
            if answer is None:
                return None
            word = answer.strip().lower()
            if not word:
                return field.value
            if word[:1] in {"j", "y"}:
                return field.on_value
            if word[:1] == "n":
                return field.off_value
    out.write(f"{field.label}\n")
    for number, (title, value) in enumerate(field.choices, start=1):
        out.write(f"  {number}) {title}{'  *' if value == field.value else ''}\n")
    titles = {title.lower(): value for title, value in field.choices}
    current = next((title for title, value in field.choices if value == field.value), field.value)
    while True:
        hint = say(lang, "console_pick", count=len(field.choices))
        answer = await reader.read(f"  {hint}, {say(lang, 'console_keep', value=current)}: ")
        if answer is None:
            return None
        word = answer.strip()
        if not word:
            return field.value
        if word.isdigit() and 1 <= int(word) <= len(field.choices):
            return field.choices[int(word) - 1][1]
        if word.lower() in titles:
            return titles[word.lower()]
        out.write(say(lang, "console_invalid_choice", count=len(field.choices)) + "\n")


def _keep_or_empty(value: str, lang: Language) -> str:
    return say(lang, "console_keep", value=value) if value else say(lang, "console_empty")
