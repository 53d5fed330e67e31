"""One incoming chat message, from text to reply, in one transaction.

Independent of the transport: the Teams bot and the console chat both call `CommandRunner`.
The activity id is recorded in the same transaction as the command's effect, so a redelivered
activity has one effect and one reply, and a failed turn leaves no trace that blocks a retry.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from bot.commands import CommandParseError, Env, Outlets, Registry, Reply
from cards.dates import readable
from cards.texts import Language, language, say
from governance.access import Actor
from governance.clock import Clock
from governance.context import Context
from governance.errors import DomainError, NotAllowed
from governance.input_limits import unstorable_character
from governance.privacy import contains_identity_number
from storage.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)

# What a database that is briefly away raises: refused or dropped connections, lock time-outs.
UNAVAILABLE = (OperationalError, InterfaceError, OSError, TimeoutError)
CONFLICT_RETRIES = 2


@dataclass(frozen=True)
class IncomingMessage:
    activity_id: str | None
    text: str
    locale: str | None
    aad_object_id: str | None
    conversation_id: str


class CommandRunner:
    def __init__(self, unit_of_work: Callable[[], SqlUnitOfWork], clock: Clock, registry: Registry) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._registry = registry

    async def handle(self, message: IncomingMessage, outlets: Outlets) -> Reply | None:
        """The reply to send, or None when this activity was handled before."""
        lang = language(message.locale)
        try:
            if contains_identity_number(message.text):
                return await self._refuse(message, lang, "privacy.identity_number_refused", "identity_number_refused")
            # Checked on the whole message, not only on the fields that are stored: a search word
            # or an echoed argument with such a character breaks the query or the reply as well.
            character = unstorable_character(message.text)
            if character is not None:
                return await self._refuse(message, lang, None, "text_unstorable", character=character)
            return await self._run_retrying_conflicts(message, lang, outlets)
        except DomainError as error:
            action = f"refused.{error.action}" if isinstance(error, NotAllowed) else None
            return await self._refuse(message, lang, action, error.code, **error.params)
        except (StaleDataError, IntegrityError):
            log.info("turn.conflict activity=%s", message.activity_id)
            return await self._refuse(message, lang, None, "conflict")
        except UNAVAILABLE as error:
            log.warning("turn.database_unavailable activity=%s error=%s", message.activity_id, type(error).__name__)
            return Reply(say(lang, "unavailable"))

    async def _run_retrying_conflicts(self, message: IncomingMessage, lang: Language, outlets: Outlets) -> Reply | None:
        """Runs the turn again when a concurrent change won the race; the rollback undid ours."""
        for attempt in range(CONFLICT_RETRIES):
            try:
                return await self._run(message, lang, outlets)
            except StaleDataError:
                log.info("turn.retry_after_conflict activity=%s attempt=%d", message.activity_id, attempt + 1)
        return await self._run(message, lang, outlets)

    async def _run(self, message: IncomingMessage, lang: Language, outlets: Outlets) -> Reply | None:
        async with self._unit_of_work() as uow:
            if not await self._claim(uow, message):
                return None
            try:
                command, rest = self._registry.locate(message.text)
                # Body keys matter only to arguments; a bare command ("saksliste") needs no query.
                known_bodies = frozenset(key.upper() for key in await uow.bodies.keys()) if rest else frozenset()
                invocation = self._registry.read_arguments(command, rest, known_bodies)
            except CommandParseError as error:
                await uow.commit()
                return Reply(self._parse_error_text(error, lang))
            context = Context(uow, self._clock, Actor(message.aad_object_id), message.conversation_id)
            env = Env(lang=lang, outlets=outlets, registry=self._registry)
            reply = await invocation.command.handler(context, invocation.args, env)
            await uow.commit()
            log.info("turn.done activity=%s command=%s", message.activity_id, invocation.command.key)
            return reply

    async def _refuse(
        self, message: IncomingMessage, lang: Language, audit_action: str | None, code: str, **params: object
    ) -> Reply | None:
        """Answers a refused command; the claim (and audit) go in a fresh transaction."""
        async with self._unit_of_work() as uow:
            if not await self._claim(uow, message):
                return None
            if audit_action is not None:
                context = Context(uow, self._clock, Actor(message.aad_object_id), message.conversation_id)
                person = await uow.persons.by_aad_object_id(message.aad_object_id) if message.aad_object_id else None
                await context.audit(audit_action, person, f"conversation:{message.conversation_id}", **params)
            await uow.commit()
        log.info("turn.refused activity=%s reason=%s", message.activity_id, code)
        return Reply(say(lang, code, **readable(params, lang)))

    async def _claim(self, uow: SqlUnitOfWork, message: IncomingMessage) -> bool:
        if message.activity_id is None:
            return True
        claimed = await uow.activities.claim(message.activity_id, self._clock.now())
        if not claimed:
            log.info("turn.duplicate activity=%s", message.activity_id)
        return claimed

    def _parse_error_text(self, error: CommandParseError, lang: Language) -> str:
        return error.text(lang)
