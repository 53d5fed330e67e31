"""One incoming chat message, from text to reply, in one transaction.

Independent of the transport: the Teams bot and the console chat both call `CommandRunner`.
The activity id is recorded in the same transaction as the command's effect, so a redelivered
activity has one effect and one reply, and a failed turn leaves no trace that blocks a retry
(`bot/pipeline.py`, shared with the card actions).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.commands import CommandParseError, Env, Outlets, Registry, Reply
from bot.file_fetch import FetchRefused, FileFetcher, IncomingFile
from bot.pipeline import (
    IDENTITY_NUMBER_REFUSED,
    UNAVAILABLE,
    Posting,
    Refusal,
    Turn,
    TurnPipeline,
    text_refusal,
    unavailable_text,
)
from cards.texts import language
from governance.context import Context
from governance.documents import documents
from governance.documents.documents import StoredFile
from governance.ports import UnitOfWorkFactory
from governance.rules.clock import Clock
from governance.rules.errors import DomainError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IncomingMessage:
    activity_id: str | None
    text: str
    locale: str | None
    aad_object_id: str | None
    conversation_id: str
    files: tuple[IncomingFile, ...] = ()  # files sent with the message (a personal chat in Teams)


# The command that stores a file sent with it; only its messages make the bot fetch one.
ATTACH = "attach"


class CommandRunner:
    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        clock: Clock,
        registry: Registry,
        posting: Posting | None = None,
        fetcher: FileFetcher | None = None,
    ) -> None:
        self._pipeline = TurnPipeline(unit_of_work, clock, posting)
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._registry = registry
        self._fetcher = fetcher  # None where no file can arrive (the console)

    async def handle(self, message: IncomingMessage, outlets: Outlets) -> Reply | None:
        """The reply to send, or None when this activity was handled before."""
        turn = Turn(message.activity_id, message.aad_object_id, message.conversation_id, language(message.locale))
        try:
            # Checked on the whole message, not only on the fields that are stored: a search word
            # or an echoed argument with such a character breaks the query or the reply as well.
            refusal = text_refusal([message.text, *(file.name for file in message.files)])
            if refusal is not None:
                return await self._refuse(turn, refusal)
            upload = await self._upload(message)
        except FetchRefused as refused:
            return await self._refuse(turn, file_refusal(refused))
        except DomainError as error:
            return await self._refuse(turn, Refusal.of(error))
        except UNAVAILABLE as error:
            log.warning("turn.database_unavailable activity=%s error=%s", message.activity_id, type(error).__name__)
            return Reply(unavailable_text(turn.lang))
        try:
            return await self._pipeline.run(
                turn, lambda context: self._command(context, message, turn, outlets, upload)
            )
        except DomainError as error:
            return await self._refuse(turn, Refusal.of(error))
        except UNAVAILABLE as error:
            log.warning("turn.database_unavailable activity=%s error=%s", message.activity_id, type(error).__name__)
            return Reply(unavailable_text(turn.lang))
        finally:
            if upload is not None:
                await self._forget_unattached(upload)

    async def _upload(self, message: IncomingMessage) -> StoredFile | None:
        """The file sent with a `vedlegg` message: downloaded and checked with no transaction open
        (no database connection waits on the network), then its bytes stored piece by piece; the
        turn's own transaction only attaches it to the case."""
        if not message.files or self._fetcher is None:
            return None
        try:
            command, _ = self._registry.locate(message.text)
        except CommandParseError:
            return None
        if command.key != ATTACH:
            return None  # a file beside another command is not taken
        spooled = await self._fetcher.fetch(message.files[0])
        try:
            return await documents.store_file(
                self._unit_of_work, spooled, spooled.file_type, spooled.name, self._clock.now()
            )
        finally:
            spooled.discard()  # the local copy is not kept

    async def _forget_unattached(self, upload: StoredFile) -> None:
        """Stored bytes the turn did not attach (refused, failed, a redelivered activity) go again."""
        try:
            await documents.discard_unattached(self._unit_of_work, upload.file_id)
        except UNAVAILABLE as error:
            log.warning("document.discard_failed error=%s", type(error).__name__)  # retention removes it later

    async def _command(
        self, context: Context, message: IncomingMessage, turn: Turn, outlets: Outlets, upload: StoredFile | None
    ) -> Reply:
        try:
            command, rest = self._registry.locate(message.text)
            # Body keys matter only to arguments; a bare command ("saksliste") needs no query.
            known_bodies = frozenset(key.upper() for key in await context.uow.bodies.keys()) if rest else frozenset()
            invocation = self._registry.read_arguments(command, rest, known_bodies)
        except CommandParseError as error:
            return Reply(error.text(turn.lang))  # committed with the claim: the same answer once
        env = Env(lang=turn.lang, outlets=outlets, registry=self._registry, upload=upload)
        reply = await invocation.command.handler(context, invocation.args, env)
        log.info("turn.done activity=%s command=%s", message.activity_id, invocation.command.key)
        return reply

    async def _refuse(self, turn: Turn, refusal: Refusal) -> Reply | None:
        """Answers a refused message once: the claim (and audit) go in a fresh transaction."""
        text = await self._pipeline.refuse(
            turn, refusal, f"conversation:{turn.conversation_id}", refusal.params, claim=True
        )
        return Reply(text) if text is not None else None


def file_refusal(refused: FetchRefused) -> Refusal:
    """A refused file in the user's words; one holding an identity number is audited as a chat
    message holding one is (without the number, and here without the file's name)."""
    action = IDENTITY_NUMBER_REFUSED.audit_action if refused.identity_number else None
    return Refusal(refused.code, refused.params, action)
