"""Commands declared once: names in both languages, usage, help, argument grammar and handler.

The parser, the help card and the Teams manifest's command lists all read the same registry
(bot/registry.py builds it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from difflib import SequenceMatcher

from bot.card_seal import CardSeal
from bot.downloads import DownloadLinks
from bot.grammar import ParseError, Tokens, strip_mentions
from cards.common import RenderedCard
from cards.texts import Language, say
from governance.context import Context
from governance.documents.documents import StoredFile
from governance.papers.paper import CaseAttribute
from governance.rules.documents import DEFAULT_FILE_HOSTS
from governance.rules.handling import Vote
from governance.rules.model import CaseType, MeasureStatus
from governance.structure.member_sync import Roster


@dataclass(frozen=True)
class Args:
    body: str | None = None
    day: date | None = None
    to_day: date | None = None
    start: time | None = None
    end: time | None = None
    place: str | None = None
    title: str | None = None
    case_type: CaseType | None = None
    number: int | None = None
    year: int | None = None
    topic: str | None = None
    text: str | None = None
    target: str | None = None  # the body a case is referred to
    defer: bool = False  # minutes approved at the next meeting
    measure: str | None = None  # "3.2" or "3.2/2024"
    measure_status: MeasureStatus | None = None
    from_year: int | None = None  # the plan a new year's plan carries over from
    area: int | None = None  # a focus area's number
    owner: str | None = None  # a measure's owner: an email, a name or a body key
    reminder_changes: dict[str, object] | None = None  # `påminnelser SSU frist 21 kvelden nei`
    renew: bool = False  # `kalender SSU ny`: a new calendar link, the old one revoked
    again: bool = False  # `publiser saksliste SSU på nytt`: posted even if unchanged
    held: bool = False  # `nytt møte SSU 12.03.2026 09:00 avholdt`: a meeting held, registered afterwards
    case_attribute: CaseAttribute | None = None  # `endre sak SSU 12/2026 tittel …`: what is corrected
    link: str | None = None  # `vedlegg SSU 12/2026 https://…`: a document kept elsewhere
    document: int | None = None  # `fjern vedlegg SSU 12/2026 2`: a document's number in its case
    names: tuple[str, ...] | None = None  # `protokoll SSU signatarer Kari Nordmann, Ola Hansen`
    vote: Vote | None = None  # `votering SSU 12/2026 5 mot 2 (Kari Nordmann, Ola Hansen)`
    speaker: str | None = None  # `protokolltilførsel SSU 12/2026 Kari Nordmann: …`: who made the statement
    basis: str | None = None  # `unnta SSU 12/2026 offl. § 14`: the legal basis as typed (the use case reads it)


@dataclass(frozen=True)
class Reply:
    text: str | None = None
    cards: list[RenderedCard] = field(default_factory=list)


@dataclass(frozen=True)
class Outlets:
    """What handlers reach beyond the use cases: download links, the roster, Outlook, the card seal."""

    downloads: DownloadLinks | None = None  # None where no web server serves them (the console)
    roster: Roster | None = None  # who is in the conversation, read per Teams turn (medlemmer synk)
    outlook_invitations: bool = False  # Microsoft Graph is set up, so meetings go to Outlook
    card_seal: CardSeal | None = None  # signs card data the bot must trust when it comes back
    file_hosts: tuple[str, ...] = DEFAULT_FILE_HOSTS  # where documents may be fetched and linked from


@dataclass(frozen=True)
class Env:
    """What a handler needs beyond the use-case context."""

    lang: Language
    outlets: Outlets
    registry: Registry
    upload: StoredFile | None = None  # a file sent with the message: downloaded, checked and its bytes stored


Handler = Callable[[Context, Args, Env], Awaitable[Reply]]


@dataclass(frozen=True)
class CommandSpec:
    key: str
    name: str
    alias: str
    arguments: tuple[str, str]
    summary: tuple[str, str]
    parse: Callable[[Tokens], Args]
    handler: Handler
    example: str = ""
    other_names: tuple[str, ...] = ()  # names in neither language's words, such as "?" for help

    def called(self, lang: Language) -> str:
        """What the user writes for this command in their language: «protokoll», 'minutes'."""
        return self.alias if lang == "en" else self.name

    def usage(self, lang: Language) -> str:
        name = self.called(lang)
        arguments = self.arguments[1] if lang == "en" else self.arguments[0]
        return f"{name} {arguments}".strip()

    def describe(self, lang: Language) -> str:
        return self.summary[1] if lang == "en" else self.summary[0]


@dataclass(frozen=True)
class Invocation:
    command: CommandSpec
    args: Args


class CommandParseError(ParseError):
    """A parse error that knows which command it concerns, so the reply can show its usage."""

    def __init__(self, error: ParseError, command: CommandSpec | None) -> None:
        super().__init__(error.code, **error.params)
        self.command = command

    def text(self, lang: Language) -> str:
        """The reply: what was wrong, in the user's language, and the command's usage."""
        params = dict(self.params)
        if "what" in params:  # the missing thing is itself a text code ("what_date")
            params["what"] = say(lang, str(params["what"]))
        suggestions = params.get("suggestions")
        if isinstance(suggestions, tuple):  # command names, quoted as the language quotes
            params["suggestions"] = f" {say(lang, 'or')} ".join(say(lang, "quoted", text=name) for name in suggestions)
        text = say(lang, self.code, **params)
        if self.command is not None:
            text += " " + say(lang, "usage", usage=self.command.usage(lang))
        return text


# How alike a mistyped command name must be to a real one to be suggested (difflib's ratio:
# "sakliste" and "saksliste" 0.94, "medlem" and "medlemmer" 0.8, "hei" and "help" 0.57).
SUGGESTION_CUTOFF = 0.75
MAX_SUGGESTIONS = 3
# Only names about as near as the nearest are offered ("new meting": "new meeting" at 0.95, not
# also "cancel meeting" at 0.75).
SUGGESTION_SPREAD = 0.1
# A message of this many words that names no command is taken for a sentence, not a typo.
SENTENCE_WORDS = 3


def bare(word: str) -> str:
    """A command word without the punctuation people end a message with ("hjelp!", "saker?")."""
    return word.rstrip("!?.") or word[:1]


class Registry:
    def __init__(self, commands: Sequence[CommandSpec]) -> None:
        self.commands = list(commands)
        self._by_words: dict[tuple[str, ...], CommandSpec] = {}
        for command in commands:
            for name in (command.name, command.alias, *command.other_names):
                words = tuple(name.lower().split())
                if words in self._by_words:
                    raise ValueError(f"command name declared twice: {name}")
                self._by_words[words] = command
        self._longest = max(len(words) for words in self._by_words)

    def match(self, words: list[str]) -> tuple[CommandSpec, list[str]] | None:
        """The command whose name is the longest prefix of the words, and the words after it."""
        lowered = [bare(word.lower()) for word in words]
        for length in range(min(self._longest, len(words)), 0, -1):
            command = self._by_words.get(tuple(lowered[:length]))
            if command is not None:
                return command, words[length:]
        return None

    def find(self, topic: str) -> CommandSpec | None:
        found = self.match(topic.split())
        return found[0] if found else None

    def parse(self, text: str, known_bodies: frozenset[str]) -> Invocation:
        command, rest = self.locate(text)
        return self.read_arguments(command, rest, known_bodies)

    def locate(self, text: str) -> tuple[CommandSpec, list[str]]:
        """The command a message names, and the words after its name."""
        words = strip_mentions(text).split()
        if not words:
            raise CommandParseError(ParseError("empty_command"), None)
        found = self.match(words)
        if found is None:
            raise CommandParseError(self.unknown(words), None)
        return found

    def unknown(self, words: list[str]) -> ParseError:
        """What to say to words that name no command: the nearest commands for a typo, a pointer
        to help for a sentence, else that the first word is not a command."""
        typed, suggestions = self.suggest(words)
        if suggestions:
            return ParseError("unknown_command_suggest", command=typed, suggestions=tuple(suggestions))
        if len(words) >= SENTENCE_WORDS or words[-1].endswith("?"):
            return ParseError("not_a_command")
        return ParseError("unknown_command", command=words[0])

    def suggest(self, words: list[str]) -> tuple[str, list[str]]:
        """The command names nearest the first words, best first, and the words they were
        compared with. Names as long as the words compared (a two-word name with two words) are
        compared by likeness; failing those, the names that begin with the first word ("nytt")."""
        lowered = [bare(word.lower()) for word in words]
        scored: list[tuple[float, int, str]] = []
        for names_words in self._by_words:
            length = len(names_words)
            if length > len(lowered):
                continue
            matcher = SequenceMatcher(None, " ".join(lowered[:length]), " ".join(names_words))
            # The bound from the lengths alone first: a very long word is never near a name, and
            # comparing it in full would cost a turn's time.
            if matcher.real_quick_ratio() < SUGGESTION_CUTOFF:
                continue
            ratio = matcher.ratio()
            if ratio >= SUGGESTION_CUTOFF:
                scored.append((ratio, length, " ".join(names_words)))
        if scored:
            scored.sort(key=lambda item: -item[0])
            best, length = scored[0][0], scored[0][1]
            names = [
                name
                for ratio, same_length, name in scored
                if same_length == length and ratio >= best - SUGGESTION_SPREAD
            ]
        else:
            length = 1
            names = [" ".join(name) for name in self._by_words if len(name) > 1 and name[0] == lowered[0]]
        return " ".join(words[:length]), self._one_per_command(names)[:MAX_SUGGESTIONS]

    def _one_per_command(self, names: list[str]) -> list[str]:
        seen: set[str] = set()
        kept: list[str] = []
        for name in names:
            key = self._by_words[tuple(name.split())].key
            if key not in seen:
                seen.add(key)
                kept.append(name)
        return kept

    def read_arguments(self, command: CommandSpec, rest: list[str], known_bodies: frozenset[str]) -> Invocation:
        try:
            return Invocation(command, command.parse(Tokens(rest, known_bodies)))
        except ParseError as error:
            raise CommandParseError(error, command) from error
