"""Adaptive Card actions (`Action.Execute` invokes): approve, reject and refresh on the approval
cards of decisions and minutes, saving attendance, and confirming the members' Teams accounts.

Each answers with the card as the acting user should now see it, within the invoke's time limit.
An approval is recorded in the same transaction as the invoke's activity id; a repeated invoke or
a second click finds the approval already there and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from bot.card_seal import CardSeal
from bot.dispatch import UNAVAILABLE
from bot.downloads import FORMATS, DownloadLinks
from cards.approvals import APPROVE_VERB, COMMENT_INPUT, REFRESH_VERB, REJECT_VERB
from cards.attendance import SAVE_ATTENDANCE_VERB, attendance_card, attendance_choices
from cards.common import adaptive_card, text_block
from cards.dates import readable
from cards.decisions import decision_card
from cards.member_sync import (
    CANCEL_SYNC_VERB,
    CONFIRM_SYNC_VERB,
    members_sync_cancelled_card,
    members_sync_done_card,
    members_sync_outcome_card,
    sync_changes,
)
from cards.minutes import minutes_card
from cards.plans import COMMENT_INPUT as MEASURE_COMMENT_INPUT
from cards.plans import STATUS_INPUT, UPDATE_MEASURE_VERB, measure_list_card, measure_update_text
from cards.texts import Language, language, say
from governance import attendance, decisions, member_sync, minutes, plans
from governance.access import Actor, identify
from governance.approval import Outcome
from governance.clock import Clock
from governance.context import Context
from governance.errors import DomainError, NotAllowed
from governance.input_limits import MAX_ROW_ID, unstorable_character
from governance.model import MeasureStatus, Verdict
from governance.ports import ApprovalCards
from governance.views import MinutesView
from storage.unit_of_work import SqlUnitOfWork

log = logging.getLogger(__name__)

CONFLICT_RETRIES = 3
T = TypeVar("T")
_VERDICTS = {APPROVE_VERB: Verdict.GODKJENT, REJECT_VERB: Verdict.AVVIST}


@dataclass(frozen=True)
class CardAction:
    activity_id: str | None
    verb: str
    data: dict[str, Any] = field(default_factory=dict)
    aad_object_id: str | None = None
    conversation_id: str = ""
    locale: str | None = None


@dataclass(frozen=True)
class _Approvable:
    """What approval cards act on: a decision or a version of the minutes."""

    name: str  # in audit subjects: "decision:12"
    act: Callable[[Context, int, int | None, Verdict, str | None], Awaitable[Outcome[Any]]]
    show: Callable[[Context, int], Awaitable[Outcome[Any]]]


_APPROVABLE = {
    "decisionId": _Approvable("decision", decisions.act_on_decision, decisions.show_decision),
    "minutesId": _Approvable("minutes", minutes.act_on_minutes, minutes.show_minutes),
}


class CardActionRunner:
    def __init__(
        self,
        unit_of_work: Callable[[], SqlUnitOfWork],
        clock: Clock,
        downloads: DownloadLinks | None = None,
        card_seal: CardSeal | None = None,
    ) -> None:
        self._unit_of_work = unit_of_work
        self._clock = clock
        self._downloads = downloads
        self._card_seal = card_seal

    async def handle(self, action: CardAction, cards: ApprovalCards) -> dict[str, Any]:
        """The card to answer the invoke with."""
        lang = language(action.locale)
        if _holds_unstorable_text(action.data):
            return _message_card(say(lang, "unknown_card_action"))
        if action.verb == SAVE_ATTENDANCE_VERB:
            return await self._save_attendance(action, lang)
        if action.verb == UPDATE_MEASURE_VERB:
            return await self._update_measure(action, lang)
        if action.verb in (CONFIRM_SYNC_VERB, CANCEL_SYNC_VERB):
            return await self._members_sync(action, lang)
        key = next((key for key in _APPROVABLE if key in action.data), None)
        subject_id = _int(action.data.get(key)) if key else None
        if key is None or subject_id is None or (action.verb not in _VERDICTS and action.verb != REFRESH_VERB):
            return _message_card(say(lang, "unknown_card_action"))
        kind = _APPROVABLE[key]
        try:
            if action.verb == REFRESH_VERB:
                return self._card(await self._read(action, kind, subject_id), lang)
            return await self._act(action, kind, subject_id, lang, cards)
        except DomainError as error:
            return await self._refusal(action, kind, subject_id, lang, error)
        except UNAVAILABLE as error:
            log.warning(
                "card_action.database_unavailable activity=%s error=%s", action.activity_id, type(error).__name__
            )
            return _message_card(say(lang, "unavailable"))

    async def _save_attendance(self, action: CardAction, lang: Language) -> dict[str, Any]:
        meeting_id = _int(action.data.get("meetingId"))
        if meeting_id is None:
            return _message_card(say(lang, "unknown_card_action"))
        choices = attendance_choices(action.data)
        try:
            sheet = await self._retrying(action, lambda ctx: attendance.record_attendance(ctx, meeting_id, choices))
            if sheet is None:  # redelivered: show what is stored
                async with self._unit_of_work() as uow:
                    sheet = await attendance.meeting_attendance(self._context(uow, action), meeting_id)
        except DomainError as error:
            return _message_card(await self._refused(action, error, f"attendance:{meeting_id}", lang))
        except UNAVAILABLE:
            return _message_card(say(lang, "unavailable"))
        return attendance_card(sheet, lang, notice=say(lang, "attendance_saved")).card

    async def _update_measure(self, action: CardAction, lang: Language) -> dict[str, Any]:
        """A status (and comment) from a measure's form; answers with the owner's measures."""
        measure_id = _int(action.data.get("measureId"))
        status_value = action.data.get(f"{STATUS_INPUT}-{measure_id}")
        comment = action.data.get(f"{MEASURE_COMMENT_INPUT}-{measure_id}")
        status = next((status for status in MeasureStatus if status.value == status_value), None)
        if measure_id is None or status is None:
            return _message_card(say(lang, "unknown_card_action"))
        try:
            result = await self._retrying(
                action,
                lambda ctx: plans.update_measure_by_id(
                    ctx, measure_id, status, comment if isinstance(comment, str) else None
                ),
            )
            notice = measure_update_text(result[0], result[1], lang) if result else None
            async with self._unit_of_work() as uow:
                listing = await plans.my_measures(self._context(uow, action))
        except DomainError as error:
            return _message_card(await self._refused(action, error, f"measure:{measure_id}", lang))
        except UNAVAILABLE:
            return _message_card(say(lang, "unavailable"))
        return measure_list_card(listing, lang, notice=notice).card

    async def _members_sync(self, action: CardAction, lang: Language) -> dict[str, Any]:
        """Confirm or Cancel on the card of `medlemmer synk`; the clicker's rights are checked
        again by their object id, and each change against what is stored now."""
        body_key = action.data.get("body")
        changes = sync_changes(action.data) if action.verb == CONFIRM_SYNC_VERB else []
        if action.verb == CONFIRM_SYNC_VERB and not (self._card_seal and self._card_seal.holds(action.data)):
            changes = None  # not the bot's own card: its ids cannot be trusted
        if not isinstance(body_key, str) or changes is None:
            return _message_card(say(lang, "unknown_card_action"))
        confirmed = changes
        proposed = _int(action.data.get("proposed")) or 0
        try:
            if action.verb == CANCEL_SYNC_VERB:
                cancelled = await self._retrying(
                    action, lambda ctx: member_sync.cancel_member_sync(ctx, body_key, proposed)
                )
                card = members_sync_cancelled_card(cancelled, lang) if cancelled else members_sync_done_card(lang)
                return card.card
            outcome = await self._retrying(
                action, lambda ctx: member_sync.confirm_member_sync(ctx, body_key, confirmed)
            )
        except DomainError as error:
            return _message_card(await self._refused(action, error, f"members_sync:{body_key}", lang))
        except UNAVAILABLE:
            return _message_card(say(lang, "unavailable"))
        if outcome is None:  # this invoke was handled before: its changes are stored
            return members_sync_done_card(lang).card
        return members_sync_outcome_card(outcome, lang).card

    async def _retrying(self, action: CardAction, use_case: Callable[[Context], Awaitable[T]]) -> T | None:
        """Runs the use case with the invoke's claim; a lost race for a row runs it again."""
        for attempt in range(CONFLICT_RETRIES + 1):
            try:
                return await self._in_transaction(action, use_case)
            except (StaleDataError, IntegrityError):
                if attempt == CONFLICT_RETRIES:
                    raise DomainError("conflict") from None
                log.info("card_action.retry_after_conflict activity=%s attempt=%d", action.activity_id, attempt + 1)
        return None

    async def _refused(self, action: CardAction, error: DomainError, subject: str, lang: Language) -> str:
        """The refusal in the user's words; a missing right is audited as well."""
        log.info("card_action.refused activity=%s reason=%s", action.activity_id, error.code)
        if isinstance(error, NotAllowed):
            async with self._unit_of_work() as uow:
                context = self._context(uow, action)
                person = await identify(uow, context.actor)
                await context.audit(f"refused.{error.action}", person, subject, body=error.params.get("body"))
                await uow.commit()
        return say(lang, error.code, **readable(error.params, lang))

    async def _act(
        self, action: CardAction, kind: _Approvable, subject_id: int, lang: Language, cards: ApprovalCards
    ) -> dict[str, Any]:
        verdict = _VERDICTS[action.verb]
        comment = action.data.get(COMMENT_INPUT)
        round_seen = _int(action.data.get("round"))
        # Another approver's click may win the race for the row's version; ours then rolls back
        # and runs again on the new state, so both count.
        outcome = await self._retrying(
            action,
            lambda ctx: kind.act(ctx, subject_id, round_seen, verdict, comment if isinstance(comment, str) else None),
        )
        if outcome is None:  # this invoke was handled before: show the state as it stands
            outcome = await self._read(action, kind, subject_id)
        if outcome.shared_card is not None:
            reference, activity_id = outcome.shared_card
            try:
                await cards.update(reference, activity_id, outcome.subject)
            except Exception as error:  # the channel's copy refreshes on its own; the verdict stands
                log.warning("%s.card_update_failed id=%s error=%s", kind.name, subject_id, type(error).__name__)
        return self._card(outcome, lang)

    def _card(self, outcome: Outcome[Any], lang: Language, notice: str | None = None) -> dict[str, Any]:
        """The card as the acting user should now see it."""
        viewer = _viewer(outcome)
        subject = outcome.subject
        if isinstance(subject, MinutesView):
            links = self._downloads
            downloads = {fmt: links.minutes(subject.meeting_id, fmt, lang) for fmt in FORMATS} if links else None
            return minutes_card(subject, lang, downloads, viewer_id=viewer, notice=notice).card
        return decision_card(subject, lang, viewer_id=viewer, notice=notice).card

    async def _in_transaction(self, action: CardAction, use_case: Callable[[Context], Awaitable[T]]) -> T | None:
        async with self._unit_of_work() as uow:
            if action.activity_id is not None and not await uow.activities.claim(action.activity_id, self._clock.now()):
                log.info("card_action.duplicate activity=%s", action.activity_id)
                return None
            outcome = await use_case(self._context(uow, action))
            await uow.commit()
        log.info("card_action.done activity=%s verb=%s", action.activity_id, action.verb)
        return outcome

    async def _read(self, action: CardAction, kind: _Approvable, subject_id: int) -> Outcome[Any]:
        async with self._unit_of_work() as uow:
            return await kind.show(self._context(uow, action), subject_id)

    async def _refusal(
        self, action: CardAction, kind: _Approvable, subject_id: int, lang: Language, error: DomainError
    ) -> dict[str, Any]:
        notice = await self._refused(action, error, f"{kind.name}:{subject_id}", lang)
        try:
            outcome = await self._read(action, kind, subject_id)
        except DomainError:
            return _message_card(notice)
        return self._card(outcome, lang, notice)

    def _context(self, uow: SqlUnitOfWork, action: CardAction) -> Context:
        return Context(uow, self._clock, Actor(action.aad_object_id), action.conversation_id)


def _viewer(outcome: Outcome[Any]) -> int:
    # Someone the decision does not await (or an unknown user) sees the card without buttons.
    return outcome.viewer_id if outcome.viewer_id is not None else 0


def _int(value: object) -> int | None:
    """A row id or round number from a card's data; None for anything no card of ours sends."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())  # str.isdigit() alone would take "²" and "٣"
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 < value <= MAX_ROW_ID else None


def _holds_unstorable_text(data: dict[str, Any]) -> bool:
    """Whether a key, id or choice anywhere in a card's data holds a character no text may hold.

    Our cards never send one, and in a query it fails in the driver. Typed comments are left to
    the domain, which tells the user which character it refused.
    """
    typed = (COMMENT_INPUT, MEASURE_COMMENT_INPUT)
    pending: list[object] = [*data.keys(), *(value for key, value in data.items() if not key.startswith(typed))]
    while pending:
        value = pending.pop()
        if isinstance(value, str) and unstorable_character(value) is not None:
            return True
        if isinstance(value, dict):
            pending.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            pending.extend(value)
    return False


def _message_card(text: str) -> dict[str, Any]:
    return adaptive_card([text_block(text)], text)
