"""Adaptive Card actions (`Action.Execute` invokes): approve, reject and refresh on the approval
cards of decisions and minutes, saving attendance, and confirming the members' Teams accounts.

Each answers with the card as the acting user should now see it, within the invoke's time limit.
An approval is recorded in the same transaction as the invoke's activity id; a repeated invoke or
a second click finds the approval already there and changes nothing.

Every verb is declared in `CARD_VERBS` with the schema its data must meet; data no card of ours
sends is answered as an unknown card. Claim, transaction, conflict retries and the refusal audit
are `bot/pipeline.py`'s, shared with the text commands.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time
from typing import Any, Generic, TypeVar

from bot.card_seal import CardSeal
from bot.downloads import FORMATS, DownloadLinks, linked_documents, notice_downloads
from bot.pipeline import UNAVAILABLE, Posting, Refusal, Turn, TurnPipeline, text_refusal, unavailable_text
from cards.agenda import NOTICE_VERB
from cards.approvals import APPROVE_VERB, COMMENT_INPUT, REFRESH_VERB, REJECT_VERB
from cards.attendance import SAVE_ATTENDANCE_VERB, attendance_card, attendance_choices, attendance_notes
from cards.common import adaptive_card, text_block
from cards.decisions import decision_card
from cards.handling import (
    ADOPTED_INPUT,
    AGAINST_INPUT,
    AGAINST_NAMES_INPUT,
    ALTERNATIVE_BY_INPUT,
    ALTERNATIVE_INPUT,
    BLANK_INPUT,
    FOR_INPUT,
    MAX_VOTES,
    NO_VOTE,
    OUTCOME_INPUT,
    SAVE_HANDLING_VERB,
    STATEMENT_BY_INPUT,
    STATEMENT_INPUT,
    handling_card,
)
from cards.meeting_plan import (
    CONFIRM_MEETING_PLAN_VERB,
    MAX_PLANNED,
    PLAN_KEY,
    confirmed_meetings,
    meeting_plan_outcome_card,
)
from cards.member_sync import (
    CANCEL_SYNC_VERB,
    CONFIRM_SYNC_VERB,
    members_sync_cancelled_card,
    members_sync_done_card,
    members_sync_outcome_card,
    sync_changes,
)
from cards.minutes import minutes_card
from cards.notice import notice_card
from cards.papers import (
    ASSESSMENT_INPUT,
    BACKGROUND_INPUT,
    OFFICER_INPUT,
    PAPER_INPUTS,
    PROPOSAL_INPUT,
    SAVE_PAPER_VERB,
    TITLE_INPUT,
    TYPE_INPUT,
    paper_card,
)
from cards.plans import COMMENT_INPUT as MEASURE_COMMENT_INPUT
from cards.plans import STATUS_INPUT, UPDATE_MEASURE_VERB, measure_list_card, measure_update_text
from cards.texts import Language, language, say
from governance.approvals import decisions, handling, minutes
from governance.context import Context
from governance.meetings import attendance, meeting_plan
from governance.papers import notice, paper
from governance.plans import action_plan
from governance.ports import UnitOfWorkFactory
from governance.rules.approval import Outcome
from governance.rules.clock import Clock
from governance.rules.errors import DomainError
from governance.rules.handling import Vote, VoteKind
from governance.rules.input_limits import MAX_ROW_ID, unstorable_character
from governance.rules.model import AttendanceStatus, CaseType, MeasureStatus, Verdict
from governance.structure import member_sync
from governance.structure.member_sync import IdChange
from governance.views import BodyRef, CaseView, MeetingPlanOutcome, MinutesView

log = logging.getLogger(__name__)

Card = dict[str, Any]
D = TypeVar("D")
_VERDICTS = {APPROVE_VERB: Verdict.GODKJENT, REJECT_VERB: Verdict.AVVIST}


@dataclass(frozen=True)
class CardAction:
    activity_id: str | None
    verb: str
    data: dict[str, Any] = field(default_factory=dict)
    aad_object_id: str | None = None
    conversation_id: str = ""
    locale: str | None = None


# --- what each verb's data must hold (None: no card of ours sends it, answered as unknown) ---


@dataclass(frozen=True)
class _Approvable:
    """What approval cards act on: a decision or a version of the minutes."""

    name: str  # in audit subjects: "decision:12"
    act: Callable[[Context, int, int | None, Verdict, str | None], Awaitable[Outcome[Any]]]
    show: Callable[[Context, int], Awaitable[Outcome[Any]]]


# The approval verbs are shared by decisions and minutes (cards already posted in channels send
# them), so the subject's kind is part of the data: the id key of the one it names.
_APPROVABLE = {
    "decisionId": _Approvable("decision", decisions.act_on_decision, decisions.show_decision),
    "minutesId": _Approvable("minutes", minutes.act_on_minutes, minutes.show_minutes),
}


@dataclass(frozen=True)
class ApprovalData:
    kind: _Approvable
    subject_id: int
    round_seen: int | None
    comment: str | None


@dataclass(frozen=True)
class AttendanceData:
    meeting_id: int
    choices: dict[int, AttendanceStatus | None]
    notes: dict[int, str]


@dataclass(frozen=True)
class MeasureUpdateData:
    measure_id: int
    status: MeasureStatus
    comment: str | None


@dataclass(frozen=True)
class NoticeData:
    meeting_id: int


@dataclass(frozen=True)
class MemberSyncData:
    body_key: str
    proposed: int
    changes: list[IdChange]  # empty when cancelling
    data: Mapping[str, Any]  # the whole data, for the seal


def _approval_data(data: Mapping[str, Any]) -> ApprovalData | None:
    key = next((key for key in _APPROVABLE if key in data), None)
    subject_id = _int(data.get(key)) if key else None
    if key is None or subject_id is None:
        return None
    comment = data.get(COMMENT_INPUT)
    typed = comment if isinstance(comment, str) else None
    return ApprovalData(_APPROVABLE[key], subject_id, _int(data.get("round")), typed)


def _attendance_data(data: Mapping[str, Any]) -> AttendanceData | None:
    meeting_id = _int(data.get("meetingId"))
    if meeting_id is None:
        return None
    return AttendanceData(meeting_id, attendance_choices(dict(data)), attendance_notes(dict(data)))


def _measure_update_data(data: Mapping[str, Any]) -> MeasureUpdateData | None:
    measure_id = _int(data.get("measureId"))
    status_value = data.get(f"{STATUS_INPUT}-{measure_id}")
    comment = data.get(f"{MEASURE_COMMENT_INPUT}-{measure_id}")
    status = next((status for status in MeasureStatus if status.value == status_value), None)
    if measure_id is None or status is None:
        return None
    return MeasureUpdateData(measure_id, status, comment if isinstance(comment, str) else None)


def _notice_data(data: Mapping[str, Any]) -> NoticeData | None:
    meeting_id = _int(data.get("meetingId"))
    return NoticeData(meeting_id) if meeting_id is not None else None


@dataclass(frozen=True)
class MeetingPlanData:
    body_key: str
    year: int
    meetings: list[tuple[date, time]]
    length_minutes: int | None
    sealed: Mapping[str, Any]  # the card's own data under its seal; the inputs lie beside it


def _meeting_plan_data(data: Mapping[str, Any]) -> MeetingPlanData | None:
    plan = data.get(PLAN_KEY)
    if not isinstance(plan, Mapping) or not isinstance(plan.get("body"), str):
        return None
    year, count, minutes = (_whole(plan.get(key)) for key in ("year", "count", "minutes"))
    if year is None or count is None or minutes is None:
        return None
    if not (0 < count <= MAX_PLANNED and 0 <= minutes < 24 * 60):
        return None
    meetings = confirmed_meetings(data, count)
    if meetings is None:
        return None
    return MeetingPlanData(str(plan["body"]), year, meetings, minutes or None, plan)


def _whole(value: object) -> int | None:
    """A number the bot itself wrote into a card's data (not a row id: 0 is one)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class PaperData:
    case_id: int
    version: int  # the version the card was drawn from
    fingerprint: str  # of the paper the card was drawn from
    edit: paper.PaperEdit


def _paper_data(data: Mapping[str, Any]) -> PaperData | None:
    """The paper card's fields. Its ids need no seal: the writer's right is checked again on save,
    and the version is only what the writer saw, so a forged one overwrites nothing they could not
    have written by opening the card afresh."""
    case_id = _int(data.get("caseId"))
    version = _int(data.get("version"))
    fingerprint = data.get("paper")
    case_type = next((kind for kind in CaseType if kind.value == data.get(TYPE_INPUT)), None)
    texts = {key: data.get(key, "") for key in PAPER_INPUTS if key != TYPE_INPUT}
    if case_id is None or version is None or case_type is None or not isinstance(fingerprint, str):
        return None
    if not all(isinstance(value, str) for value in texts.values()):
        return None
    edit = paper.PaperEdit(
        title=texts[TITLE_INPUT],
        case_type=case_type,
        officer=texts[OFFICER_INPUT],
        background=texts[BACKGROUND_INPUT],
        assessment=texts[ASSESSMENT_INPUT],
        proposal=texts[PROPOSAL_INPUT],
    )
    return PaperData(case_id, version, fingerprint, edit)


@dataclass(frozen=True)
class HandlingData:
    case_id: int
    entry: handling.HandlingEntry


def _handling_data(data: Mapping[str, Any]) -> HandlingData | None:
    """The handling card's fields: a choice no card of ours offers is an unknown card; a count or
    a person left empty is None (the rules say what is missing)."""
    case_id = _int(data.get("caseId"))
    outcome = data.get(OUTCOME_INPUT, NO_VOTE)
    kind = next((kind for kind in VoteKind if kind.value == outcome), None)
    texts = [data.get(key, "") for key in (ALTERNATIVE_INPUT, STATEMENT_INPUT)]
    if case_id is None or (kind is None and outcome != NO_VOTE) or not all(isinstance(t, str) for t in texts):
        return None
    people = [_optional_id(data.get(key)) for key in (ALTERNATIVE_BY_INPUT, STATEMENT_BY_INPUT)]
    counts = [_count(data.get(key)) for key in (FOR_INPUT, AGAINST_INPUT, BLANK_INPUT)]
    against = data.get(AGAINST_NAMES_INPUT, "")
    against_ids = [_int(part) for part in against.split(",") if part.strip()] if isinstance(against, str) else None
    adopted = data.get(ADOPTED_INPUT, "alternative")
    # `is False`, not `in`: a count of 0 equals False.
    if any(value is False for value in (*people, *counts)) or against_ids is None or None in against_ids:
        return None
    if adopted not in ("alternative", "paper"):
        return None
    votes_for, votes_against, blank = (count if isinstance(count, int) else None for count in counts)
    vote = (
        Vote(kind, votes_for=votes_for, votes_against=votes_against, votes_blank=blank or 0)
        if kind is not None
        else None
    )
    alternative_by, statement_by = (person if isinstance(person, int) else None for person in people)
    entry = handling.HandlingEntry(
        vote=vote,
        against_ids=tuple(person_id for person_id in against_ids if person_id is not None),
        alternative=str(texts[0]),
        alternative_by=alternative_by,
        adopt_alternative=adopted == "alternative",
        statement_by=statement_by,
        statement=str(texts[1]),
    )
    return HandlingData(case_id, entry)


def _optional_id(value: object) -> int | None | bool:
    """A person picked on the card: None when none was, False when the value is no id at all."""
    if value is None or value == "":
        return None
    person_id = _int(value)
    return False if person_id is None else person_id


def _count(value: object) -> int | None | bool:
    """A number of votes from an Input.Number (Teams sends it as text or a number): None when
    left empty, False when it is no whole number in range."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_VOTES:
        return False
    return value


def _sync_confirm_data(data: Mapping[str, Any]) -> MemberSyncData | None:
    body_key = data.get("body")
    changes = sync_changes(dict(data))
    if not isinstance(body_key, str) or changes is None:
        return None
    return MemberSyncData(body_key, _int(data.get("proposed")) or 0, changes, data)


def _sync_cancel_data(data: Mapping[str, Any]) -> MemberSyncData | None:
    body_key = data.get("body")
    if not isinstance(body_key, str):
        return None
    return MemberSyncData(body_key, _int(data.get("proposed")) or 0, [], data)


# --- the registry: verb -> data schema, handler, audit subject ---------------------------------


@dataclass(frozen=True)
class CardVerb(Generic[D]):
    read: Callable[[Mapping[str, Any]], D | None]  # the data schema
    handle: Callable[[CardActionRunner, Turn, CardAction, D], Awaitable[Card]]
    subject: Callable[[D], str]  # what a refusal's audit record names
    # How a refusal looks: by default its text alone; approval cards show the card with it.
    refused: Callable[[CardActionRunner, Turn, D, str], Awaitable[Card]] | None = None


class CardActionRunner:
    def __init__(
        self,
        unit_of_work: UnitOfWorkFactory,
        clock: Clock,
        posting: Posting | None = None,
        downloads: DownloadLinks | None = None,
        card_seal: CardSeal | None = None,
    ) -> None:
        self._pipeline = TurnPipeline(unit_of_work, clock, posting)
        self._downloads = downloads
        self._card_seal = card_seal

    async def handle(self, action: CardAction) -> Card:
        """The card to answer the invoke with; whatever happens, a card (never an HTTP error)."""
        turn = Turn(action.activity_id, action.aad_object_id, action.conversation_id, language(action.locale))
        verb = CARD_VERBS.get(action.verb)
        data = verb.read(action.data) if verb is not None and not _holds_unstorable_text(action.data) else None
        if verb is None or data is None:
            return _message_card(say(turn.lang, "unknown_card_action"))
        try:
            # Every text the card carries passes the chat's guard before the handler stores,
            # echoes or posts any of it (and before a query carries it to the driver).
            typed = text_refusal(_strings(action.data))
            if typed is not None:
                return await self._refused(turn, verb, data, typed, {})
            try:
                return await verb.handle(self, turn, action, data)
            except DomainError as error:
                return await self._refused(turn, verb, data, Refusal.of(error), {"body": error.params.get("body")})
        except UNAVAILABLE as error:
            log.warning(
                "card_action.database_unavailable activity=%s error=%s", action.activity_id, type(error).__name__
            )
            return _message_card(unavailable_text(turn.lang))
        except Exception:
            # An invoke must get a card: Teams shows an HTTP error as a broken card. The details
            # go to the log under a reference the user can quote.
            reference = uuid.uuid4().hex[:8]
            log.exception("card_action.failed ref=%s activity=%s verb=%s", reference, action.activity_id, action.verb)
            return _message_card(say(turn.lang, "internal_error", ref=reference))

    async def _refused(
        self, turn: Turn, verb: CardVerb[D], data: D, refusal: Refusal, details: Mapping[str, object]
    ) -> Card:
        # A card's answer is redrawn, not sent: the refused invoke is not claimed, so a repeat is
        # refused again with the same words.
        notice = await self._pipeline.refuse(turn, refusal, verb.subject(data), details, claim=False)
        text = notice or refusal.text(turn.lang)
        return await verb.refused(self, turn, data, text) if verb.refused else _message_card(text)

    # --- handlers -------------------------------------------------------------------------------

    async def _act(self, turn: Turn, action: CardAction, data: ApprovalData) -> Card:
        verdict = _VERDICTS[action.verb]
        # Another approver's click may win the race for the row's version; ours then rolls back
        # and runs again on the new state, so both count.
        outcome = await self._pipeline.run(
            turn, lambda ctx: data.kind.act(ctx, data.subject_id, data.round_seen, verdict, data.comment)
        )
        if outcome is None:  # this invoke was handled before: show the state as it stands
            outcome = await self._read(turn, data)
        # The answer replaces the card pressed with the text as it now stands; without a word the
        # user would take the new text for the one they approved.
        notice = say(turn.lang, "approval_card_earlier_round") if outcome.earlier_round else None
        return self._card(outcome, turn.lang, notice)

    async def _refresh(self, turn: Turn, action: CardAction, data: ApprovalData) -> Card:
        return self._card(await self._read(turn, data), turn.lang)

    async def _approval_refused(self, turn: Turn, data: ApprovalData, notice: str) -> Card:
        try:
            outcome = await self._read(turn, data)
        except DomainError:
            return _message_card(notice)
        return self._card(outcome, turn.lang, notice)

    async def _save_attendance(self, turn: Turn, action: CardAction, data: AttendanceData) -> Card:
        sheet = await self._pipeline.run(
            turn, lambda ctx: attendance.record_attendance(ctx, data.meeting_id, data.choices, data.notes)
        )
        if sheet is None:  # redelivered: show what is stored
            sheet = await self._pipeline.read(turn, lambda ctx: attendance.meeting_attendance(ctx, data.meeting_id))
        return attendance_card(sheet, turn.lang, notice=say(turn.lang, "attendance_saved")).card

    async def _save_handling(self, turn: Turn, action: CardAction, data: HandlingData) -> Card:
        view = await self._pipeline.run(turn, lambda ctx: handling.save_handling(ctx, data.case_id, data.entry))
        if view is None:  # redelivered: show what is stored
            view = await self._pipeline.read(turn, lambda ctx: handling.handling_of_case(ctx, data.case_id))
        notice = say(turn.lang, "handling_saved", case=view.case_reference)
        return handling_card(view, turn.lang, notice=notice).card

    async def _update_measure(self, turn: Turn, action: CardAction, data: MeasureUpdateData) -> Card:
        """A status (and comment) from a measure's form; answers with the owner's measures."""
        result = await self._pipeline.run(
            turn, lambda ctx: action_plan.update_measure_by_id(ctx, data.measure_id, data.status, data.comment)
        )
        notice = measure_update_text(result[0], result[1], turn.lang) if result else None
        listing = await self._pipeline.read(turn, action_plan.my_measures)
        return measure_list_card(listing, turn.lang, notice=notice).card

    async def _notice(self, turn: Turn, action: CardAction, data: NoticeData) -> Card:
        """The notice button on an agenda card: fresh download links, for this reader only."""
        view = await self._pipeline.read(turn, lambda ctx: notice.show_notice_of_meeting(ctx, data.meeting_id))
        links = self._downloads
        downloads = notice_downloads(links, view, turn.lang)
        documents = {ref: linked_documents(views, links, turn.lang) for ref, views in view.documents.items()}
        return notice_card(view, turn.lang, downloads, documents).card

    async def _confirm_sync(self, turn: Turn, action: CardAction, data: MemberSyncData) -> Card:
        """Confirm on the card of `medlemmer synk`; the clicker's rights are checked again by their
        object id, and each change against what is stored now."""
        if not (self._card_seal and self._card_seal.holds(dict(data.data))):
            return _message_card(say(turn.lang, "unknown_card_action"))  # not the bot's own card
        outcome = await self._pipeline.run(
            turn, lambda ctx: member_sync.confirm_member_sync(ctx, data.body_key, data.changes)
        )
        if outcome is None:  # this invoke was handled before: its changes are stored
            return members_sync_done_card(turn.lang).card
        return members_sync_outcome_card(outcome, turn.lang).card

    async def _confirm_meeting_plan(self, turn: Turn, action: CardAction, data: MeetingPlanData) -> Card:
        """Confirm on the card of `møteplan`: the sealed part says which body, year and length the
        bot proposed; the dates and times are the secretariat's, checked as `nytt møte` checks them."""
        if not (self._card_seal and self._card_seal.holds(dict(data.sealed))):
            return _message_card(say(turn.lang, "unknown_card_action"))  # not the bot's own card
        outcome = await self._pipeline.run(
            turn,
            lambda ctx: meeting_plan.confirm_meeting_plan(
                ctx, data.body_key, data.year, data.meetings, data.length_minutes
            ),
        )
        if outcome is None:  # this invoke was handled before: its meetings are stored
            outcome = MeetingPlanOutcome(
                body=BodyRef(data.body_key, data.body_key), year=data.year, planned=(), already=len(data.meetings)
            )
        return meeting_plan_outcome_card(outcome, turn.lang).card

    async def _cancel_sync(self, turn: Turn, action: CardAction, data: MemberSyncData) -> Card:
        cancelled = await self._pipeline.run(
            turn, lambda ctx: member_sync.cancel_member_sync(ctx, data.body_key, data.proposed)
        )
        card = members_sync_cancelled_card(cancelled, turn.lang) if cancelled else members_sync_done_card(turn.lang)
        return card.card

    async def _save_paper(self, turn: Turn, action: CardAction, data: PaperData) -> Card:
        """Saves the paper card; a paper changed since the card was drawn is shown as it now
        stands, with the writer told that their changes were not saved."""
        saved = await self._pipeline.run(
            turn, lambda ctx: paper.save_paper(ctx, data.case_id, data.version, data.fingerprint, data.edit)
        )
        if saved is None:  # redelivered: what the first delivery saved is what stands
            view = await self._pipeline.read(turn, lambda ctx: paper.paper_for_card(ctx, data.case_id))
            return paper_card(view, turn.lang).card
        view = saved.view
        if saved.stale:
            notice = say(turn.lang, "paper_stale", case=view.reference)
            return paper_card(view, turn.lang, notice=notice, unsaved=_unsaved(view, data.edit)).card
        elif saved.changed:
            fields = ", ".join(dict.fromkeys(say(turn.lang, _PAPER_FIELD_NAMES[name]) for name in saved.changed))
            notice = say(turn.lang, "paper_saved", case=view.reference, fields=fields.lower())
        else:
            notice = say(turn.lang, "paper_unchanged", case=view.reference)
        return paper_card(view, turn.lang, notice=notice).card

    async def _paper_refused(self, turn: Turn, data: PaperData, notice: str) -> Card:
        """A refused save (too long, an identity number, no right) keeps what the writer typed on
        the card, with the reason above it, so nothing they wrote is lost to a refusal. Text
        holding an identity number is not echoed: those fields come back as stored."""
        try:
            view = await self._pipeline.read(turn, lambda ctx: paper.paper_for_card(ctx, data.case_id))
        except DomainError:
            return _message_card(notice)
        edit = data.edit

        def typed(value: str | None, stored: str | None) -> str | None:
            return value if value is None or text_refusal([value]) is None else stored

        shown = replace(
            view,
            version=data.version,
            paper_fingerprint=data.fingerprint,
            title=typed(edit.title, view.title) or view.title,
            case_type=edit.case_type,
            case_officer=typed(edit.officer, view.case_officer),
            background=typed(edit.background, view.background),
            assessment=typed(edit.assessment, view.assessment),
            proposal=typed(edit.proposal, view.proposal),
        )
        return paper_card(shown, turn.lang, notice=notice).card

    # --- helpers --------------------------------------------------------------------------------

    async def _read(self, turn: Turn, data: ApprovalData) -> Outcome[Any]:
        return await self._pipeline.read(turn, lambda ctx: data.kind.show(ctx, data.subject_id))

    def _card(self, outcome: Outcome[Any], lang: Language, notice: str | None = None) -> Card:
        """The card as the acting user should now see it."""
        viewer = _viewer(outcome)
        subject = outcome.subject
        if isinstance(subject, MinutesView):
            links = self._downloads
            downloads = {fmt: links.minutes(subject.meeting_id, fmt, lang) for fmt in FORMATS} if links else None
            return minutes_card(subject, lang, downloads, viewer_id=viewer, notice=notice).card
        return decision_card(subject, lang, viewer_id=viewer, notice=notice).card


def _approval_subject(data: ApprovalData) -> str:
    return f"{data.kind.name}:{data.subject_id}"


_APPROVAL_ACTION = CardVerb(
    _approval_data, CardActionRunner._act, _approval_subject, CardActionRunner._approval_refused
)


# How a save names the fields it changed (the officer is one field, stored as a person or a name).
_PAPER_FIELD_NAMES = {
    "title": "paper_field_title",
    "case_type": "type",
    "background": "background",
    "assessment": "assessment",
    "proposal": "proposal",
    "case_officer_id": "case_officer",
    "case_officer_name": "case_officer",
}


def _unsaved(view: CaseView, edit: paper.PaperEdit) -> list[tuple[str, str]]:
    """The texts a writer typed that differ from what now stands, for them to copy from."""
    typed = (
        ("paper_field_title", edit.title, view.title),
        ("case_officer", edit.officer, view.case_officer),
        ("background", edit.background, view.background),
        ("assessment", edit.assessment, view.assessment),
        ("proposal", edit.proposal, view.proposal),
    )
    return [(key, mine.strip()) for key, mine, stored in typed if mine and mine.strip() != (stored or "")]


def _sync_subject(data: MemberSyncData) -> str:
    return f"members_sync:{data.body_key}"


# Every card button the bot answers, declared once like the text commands in bot/registry.py.
CARD_VERBS: dict[str, CardVerb[Any]] = {
    APPROVE_VERB: _APPROVAL_ACTION,
    REJECT_VERB: _APPROVAL_ACTION,
    REFRESH_VERB: CardVerb(
        _approval_data, CardActionRunner._refresh, _approval_subject, CardActionRunner._approval_refused
    ),
    SAVE_ATTENDANCE_VERB: CardVerb(
        _attendance_data, CardActionRunner._save_attendance, lambda data: f"attendance:{data.meeting_id}"
    ),
    UPDATE_MEASURE_VERB: CardVerb(
        _measure_update_data, CardActionRunner._update_measure, lambda data: f"measure:{data.measure_id}"
    ),
    NOTICE_VERB: CardVerb(_notice_data, CardActionRunner._notice, lambda data: f"notice:{data.meeting_id}"),
    CONFIRM_SYNC_VERB: CardVerb(_sync_confirm_data, CardActionRunner._confirm_sync, _sync_subject),
    CANCEL_SYNC_VERB: CardVerb(_sync_cancel_data, CardActionRunner._cancel_sync, _sync_subject),
    CONFIRM_MEETING_PLAN_VERB: CardVerb(
        _meeting_plan_data, CardActionRunner._confirm_meeting_plan, lambda data: f"meeting_plan:{data.body_key}"
    ),
    SAVE_HANDLING_VERB: CardVerb(_handling_data, CardActionRunner._save_handling, lambda data: f"case:{data.case_id}"),
    SAVE_PAPER_VERB: CardVerb(
        _paper_data, CardActionRunner._save_paper, lambda data: f"case:{data.case_id}", CardActionRunner._paper_refused
    ),
}


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
    typed = (COMMENT_INPUT, MEASURE_COMMENT_INPUT, *(key for key in PAPER_INPUTS if key != TYPE_INPUT))
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


def _strings(data: Mapping[str, Any]) -> list[str]:
    """Every string in a card's data, keys and nested values alike.

    All of them, not only the inputs known today as typed: an input added to a card later is then
    guarded without anyone remembering to list it. Ids, verbs and choices never hold an identity
    number or an unstorable character (the latter is refused as an unknown card before this).
    """
    found: list[str] = []
    pending: list[object] = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, Mapping):
            pending.extend([*value.keys(), *value.values()])
        elif isinstance(value, list):
            pending.extend(value)
    return found


def _message_card(text: str) -> dict[str, Any]:
    return adaptive_card([text_block(text)], text)
