"""Minutes (protokoll) of a meeting: drafted from what the bot already holds (attendance, the
agenda, the decisions recorded at the meeting, declarations of disqualification), stored as a
version, approved by card as the body's policy says, and then locked.

Each version keeps the content it was drafted with. Drafting again before approval replaces that
content and starts a new round; after approval, a change (or a correction note) makes the next
version, and the approved one stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from pydantic import TypeAdapter

from governance.access import require_manager
from governance.approvals import approval_round
from governance.approvals.approval_round import Approvable, post_card, replace_card
from governance.approvals.handling import handling_view
from governance.context import Context
from governance.meetings.attendance import meeting_for_record, quorum_statement, sheet_for
from governance.meetings.schedule import body_ref
from governance.plans.plan_status import plan_summary
from governance.reminders.reminder_planning import plan_approval_reminder
from governance.rules.approval import (
    Approvers,
    Outcome,
    approver_states,
    can_ever_be_met,
    minutes_approvers_of,
    present_voters,
)
from governance.rules.errors import DomainError
from governance.rules.input_limits import TextField, checked_text
from governance.rules.minutes_integrity import ensure_all_final
from governance.rules.model import (
    AgendaItem,
    AttendanceStatus,
    Body,
    Disqualification,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesApprovers,
    MinutesStatus,
    Person,
    Role,
    StandardItem,
    Verdict,
)
from governance.rules.oslo_time import oslo_date, oslo_year
from governance.views import AttendanceLine, MinutesApprovalView, MinutesItem, MinutesView, not_decided_cases

_CONTENT = TypeAdapter(MinutesView)


class Drafted(StrEnum):
    """What `protokoll` did."""

    POSTED = "posted"  # the first version, sent for approval
    NEW_ROUND = "new_round"  # the unapproved version's content changed; approval starts over
    NEW_VERSION = "new_version"  # the approved version was corrected by a new one
    DEFERRED = "deferred"  # approval moved to the next meeting
    UNCHANGED = "unchanged"  # still awaiting approval as it was
    APPROVED = "approved"  # approved and nothing has changed since


@dataclass(frozen=True)
class DraftResult:
    minutes: MinutesView
    drafted: Drafted
    viewer_id: int  # who drafted them
    card_here: bool  # the shared card was just posted or updated in the conversation asked from
    # No attendance was recorded, so the minutes list every member as present and every voting
    # member is asked to approve; the reply says so, and `fremmøte` then a new draft narrows it.
    attendance_missing: bool = False


async def draft_minutes(
    ctx: Context,
    body_key: str | None,
    day: date | None,
    *,
    correction: str | None = None,
    defer: bool = False,
    signatories: Sequence[str] | None = None,
) -> DraftResult:
    """Drafts the minutes of the latest meeting that has begun (or of the meeting on the given day)
    and asks for their approval; `defer` moves the approval to the body's next meeting, as the
    body's `minutes_approval: next_meeting` always does. `signatories` names the two members
    present who sign, for a body whose minutes are approved so."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "draft_minutes")
    body, person = admitted.body, admitted.person
    assert body.id is not None and person.id is not None
    correction = checked_text(TextField.MINUTES_CORRECTION, correction)
    meeting = await meeting_for_record(ctx, body, day)
    assert meeting.id is not None
    if meeting.status is MeetingStatus.AVLYST:
        raise DomainError("minutes_of_cancelled_meeting", date=oslo_date(meeting.starts_at))
    if meeting.starts_at > ctx.now():
        raise DomainError("minutes_before_meeting", date=oslo_date(meeting.starts_at))
    asked_to_defer = defer
    defer = defer or body.minutes_approval is MinutesApprovers.NEXT_MEETING
    live = await _live_minutes(ctx, body, meeting)
    emails = {person.id: person.email for _, person in await ctx.uow.memberships.for_body(body.id)}
    chosen = _signatories(body, live, emails, signatories)
    content = _CONTENT.dump_python(live, mode="json")
    latest = await ctx.uow.minutes.latest(meeting.id)
    now = ctx.now()
    drafted: Drafted
    corrected = correction not in (None, latest.correction if latest else None)
    if latest is None or (latest.status is MinutesStatus.GODKJENT and (changed(latest.content, content) or corrected)):
        minutes = await ctx.uow.minutes.add(
            Minutes(
                meeting_id=meeting.id,
                body_id=body.id,
                number=latest.number + 1 if latest else 1,
                content=content,
                recorded_by_id=person.id,
                recorded_at=now,
                policy=body.approval,
                correction=correction,
                revision=1,
            )
        )
        drafted = Drafted.POSTED if latest is None else Drafted.NEW_VERSION
    elif latest.status is MinutesStatus.GODKJENT:
        if asked_to_defer or chosen is not None:
            raise DomainError("minutes_already_approved", date=oslo_date(meeting.starts_at))
        approved = await _view(ctx, latest, await _approvers(ctx, body, latest))
        return DraftResult(approved, Drafted.APPROVED, person.id, card_here=False)
    elif (
        changed(latest.content, content)
        or latest.status is MinutesStatus.UTKAST
        or corrected
        or chosen not in (None, latest.signatory_ids)
    ):
        minutes = latest
        minutes.redraft(content, body.approval, correction, person.id, now)
        drafted = Drafted.NEW_ROUND
    else:
        minutes, drafted = latest, Drafted.UNCHANGED
    signed_before = latest.signatory_ids if latest is not None and latest is minutes else None
    if chosen is not None:
        minutes.signatory_ids = chosen
    elif drafted is Drafted.NEW_VERSION and latest is not None:
        minutes.signatory_ids = latest.signatory_ids  # a corrected version is signed by the same two
    if body.minutes_approval is MinutesApprovers.SIGNATORIES and not minutes.signatory_ids and not defer:
        raise DomainError("minutes_need_signatories", body=body.key)
    approvers = await _approvers(ctx, body, minutes)
    if not can_ever_be_met(approvers):
        raise DomainError("no_approvers", body=body.key, policy=body.approval)
    fresh = drafted in (Drafted.POSTED, Drafted.NEW_VERSION, Drafted.NEW_ROUND)
    if fresh:
        await _audit_draft(ctx, person, body, minutes, drafted, signed_before)
    if defer and minutes.status is not MinutesStatus.NESTE_MOTE:
        await _move_to_next_meeting(ctx, minutes, meeting)
        drafted = Drafted.DEFERRED
        await _audit_draft(ctx, person, body, minutes, drafted, minutes.signatory_ids)
    if defer and minutes.status is MinutesStatus.NESTE_MOTE:
        approvers = await _approvers(ctx, body, minutes)  # the next meeting approves as a decision
    view = await _view(ctx, minutes, approvers)
    if fresh:
        minutes.card_conversation_id = await post_card(ctx, "minutes", body, minutes, view)
        await plan_approval_reminder(ctx.uow, body.id, f"minutes:{minutes.id}", minutes.round, now)
    elif drafted is Drafted.DEFERRED:
        await replace_card(ctx, "minutes", minutes, view)
    card_here = drafted is not Drafted.UNCHANGED and minutes.card_conversation_id == ctx.conversation_id
    missing = body.minutes_approval is MinutesApprovers.PRESENT and not await ctx.uow.attendances.for_meeting(
        meeting.id
    )
    return DraftResult(view, drafted, person.id, card_here, attendance_missing=missing)


def changed(stored: object, drafted: object) -> bool:
    """Whether a fresh draft says something the stored version does not. A field the stored version
    lacks was added to the minutes since it was drafted (the quorum statement, say): that is no
    change to the meeting's record, so approved minutes do not become a new version, nor minutes
    awaiting approval a new round, only because the bot now writes more."""
    if isinstance(stored, dict) and isinstance(drafted, dict):
        return not stored.keys() <= drafted.keys() or any(changed(value, drafted[key]) for key, value in stored.items())
    if isinstance(stored, list) and isinstance(drafted, list):
        return len(stored) != len(drafted) or any(map(changed, stored, drafted))
    return stored != drafted


def _signatories(
    body: Body, live: MinutesView, emails: Mapping[int | None, str], names: Sequence[str] | None
) -> list[int] | None:
    """The person ids of the two members named to sign: each a voting member present (or a vara
    standing in), matched by name or email as elsewhere, and not the same person twice."""
    if names is None:
        return None
    if body.minutes_approval is not MinutesApprovers.SIGNATORIES:
        raise DomainError("signatories_not_used", body=body.key, rule=body.minutes_approval.value)
    wanted = [name.strip() for name in names if name.strip()]
    present = set(present_voters(_attendance_facts(live.attendance)))
    eligible = [line for line in live.attendance if line.person_id in present]
    known = ", ".join(line.name for line in eligible) or "–"
    if len(wanted) != 2:
        raise DomainError("signatories_need_two", count=len(wanted), known=known)
    chosen: list[int] = []
    for name in wanted:
        key = name.casefold()
        line = next(
            (
                line
                for line in live.attendance
                if key in (line.name.casefold(), emails.get(line.person_id, "").casefold())
            ),
            None,
        )
        if line is None:
            raise DomainError("signatory_unknown", name=name, body=body.key, known=known)
        if line.person_id not in present:
            raise DomainError("signatory_not_present", name=line.name, known=known)
        if line.person_id in chosen:
            raise DomainError("signatories_need_two", count=1, known=known)
        chosen.append(line.person_id)
    return chosen


def _attendance_facts(lines: Iterable[AttendanceLine]) -> list[tuple[int, Role, AttendanceStatus | None, bool]]:
    return [(line.person_id, line.role, line.status, line.substitute_for is not None) for line in lines]


async def _audit_draft(
    ctx: Context, person: Person, body: Body, minutes: Minutes, drafted: Drafted, signed_before: list[int] | None
) -> None:
    await ctx.uow.flush()  # a new version gets its id
    await ctx.audit(
        f"minutes.{drafted.value}",
        person,
        f"minutes:{minutes.id}",
        body=body.key,
        meeting=minutes.meeting_id,
        version=minutes.number,
        round=minutes.round,
        # Who is to sign is part of what changed: the signatories before and after (person ids).
        before={"signatories": signed_before},
        after={"signatories": minutes.signatory_ids},
    )


async def _move_to_next_meeting(ctx: Context, minutes: Minutes, meeting: Meeting) -> None:
    """Approval becomes an item of the body's next meeting: "approval of the previous minutes"
    opens level-1 and level-2 agendas already; other bodies get it as their first item."""
    following = await ctx.uow.meetings.next_upcoming(minutes.body_id, max(ctx.now(), meeting.starts_at))
    if following is None:
        raise DomainError("no_next_meeting_planned")
    assert following.id is not None
    if not any(item.standard_item is StandardItem.APPROVE_MINUTES for item in following.items):
        for item in following.items:
            item.position += 1
        following.items.insert(0, AgendaItem(position=1, standard_item=StandardItem.APPROVE_MINUTES))
        following.agenda_revision += 1
    minutes.defer_to(following.id)


class MinutesApprovalRound(Approvable[Minutes, MinutesView]):
    """A version's round: moved to the next meeting, it takes verdicts from that meeting's day."""

    kind = "minutes"
    opens_later_code = "minutes_approved_at_meeting"

    async def load(self, ctx: Context, subject_id: int) -> tuple[Minutes, Body]:
        return await _minutes_and_body(ctx, subject_id)

    async def approvers(self, ctx: Context, subject: Minutes, body: Body) -> Approvers:
        return await _approvers(ctx, body, subject)

    async def view(self, ctx: Context, subject: Minutes, approvers: Approvers) -> MinutesView:
        return await _view(ctx, subject, approvers)

    async def describe(self, ctx: Context, subject: Minutes) -> str:
        meeting = await ctx.uow.meetings.get(subject.meeting_id)
        return (
            f"protokollen fra møtet {oslo_date(meeting.starts_at).strftime('%d.%m.%Y')}" if meeting else "protokollen"
        )

    async def opens_on(self, ctx: Context, subject: Minutes) -> date | None:
        if subject.status is not MinutesStatus.NESTE_MOTE or subject.approve_at_meeting_id is None:
            return None
        approving_meeting = await ctx.uow.meetings.get(subject.approve_at_meeting_id)
        if approving_meeting is None or oslo_date(approving_meeting.starts_at) <= oslo_date(ctx.now()):
            return None
        return oslo_date(approving_meeting.starts_at)

    def final_details(self, subject: Minutes) -> dict[str, object]:
        return {"version": subject.number}

    def ensure_may_approve(self, subject: Minutes) -> None:
        # The frozen content is what gets approved: a decision made final since the draft still
        # reads as open there, so the minutes are drafted again first.
        content = _CONTENT.validate_python(subject.content)
        ensure_all_final(
            ((item.case_reference, item.decision_status) for item in content.items), not_decided_cases(content)
        )


MINUTES_APPROVAL = MinutesApprovalRound()


async def act_on_minutes(
    ctx: Context, minutes_id: int, round_seen: int | None, verdict: Verdict, comment: str | None
) -> Outcome[MinutesView]:
    return await approval_round.act(ctx, MINUTES_APPROVAL, minutes_id, round_seen, verdict, comment)


async def show_minutes(ctx: Context, minutes_id: int) -> Outcome[MinutesView]:
    return await approval_round.show(ctx, MINUTES_APPROVAL, minutes_id)


async def still_to_approve(ctx: Context, minutes_id: int, round_number: int) -> tuple[str, list[Person]]:
    return await approval_round.still_to_approve(ctx, MINUTES_APPROVAL, minutes_id, round_number)


async def minutes_of_meeting(ctx: Context, meeting_id: int) -> MinutesView:
    """The minutes to download: the approved version if there is one, else the version awaiting
    approval, else a draft from the live data. A signed link already vouches for the reader."""
    meeting = await ctx.uow.meetings.get(meeting_id)
    body = await ctx.uow.bodies.get(meeting.body_id) if meeting is not None else None
    if meeting is None or body is None:
        raise DomainError("unknown_meeting")
    stored = await ctx.uow.minutes.approved(meeting_id) or await ctx.uow.minutes.latest(meeting_id)
    if stored is None:
        view = await _live_minutes(ctx, body, meeting)
    else:
        view = await _view(ctx, stored, await _approvers(ctx, body, stored))
    community = await ctx.uow.communities.get(body.community_id)  # the files' author
    return replace(view, community=community.name if community is not None else "")


async def _minutes_and_body(ctx: Context, minutes_id: int) -> tuple[Minutes, Body]:
    minutes = await ctx.uow.minutes.get(minutes_id)
    body = await ctx.uow.bodies.get(minutes.body_id) if minutes is not None else None
    if minutes is None or body is None:
        raise DomainError("unknown_minutes")
    return minutes, body


async def _approvers(ctx: Context, body: Body, minutes: Minutes) -> Approvers:
    """Who approves this version: from the attendance it was drafted with, so a member absent
    from the meeting is never asked, and never reminded (reminders ask the same question)."""
    assert body.id is not None
    members = await ctx.uow.memberships.for_body(body.id)
    how = MinutesApprovers.NEXT_MEETING if minutes.status is MinutesStatus.NESTE_MOTE else body.minutes_approval
    attendance = _CONTENT.validate_python(minutes.content).attendance
    present = present_voters(_attendance_facts(attendance))
    return minutes_approvers_of(body.approval, how, members, present, minutes.signatory_ids)


async def _view(ctx: Context, minutes: Minutes, approvers: Approvers) -> MinutesView:
    """A stored version: its frozen content, and where its approval stands now."""
    assert minutes.id is not None
    names = await ctx.uow.persons.by_ids([minutes.rejected_by_id] if minutes.rejected_by_id else [])
    rejected_by = names.get(minutes.rejected_by_id) if minutes.rejected_by_id else None
    approving_meeting = (
        await ctx.uow.meetings.get(minutes.approve_at_meeting_id) if minutes.approve_at_meeting_id else None
    )
    body = await ctx.uow.bodies.get(minutes.body_id)
    rule = body.minutes_approval if body is not None else MinutesApprovers.PRESENT
    approval = MinutesApprovalView(
        minutes_id=minutes.id,
        number=minutes.number,
        status=minutes.status,
        policy=minutes.policy,
        round=minutes.round,
        approvers=approver_states(approvers, minutes.current_approvals()),
        correction=minutes.correction,
        approve_at=approving_meeting.starts_at if approving_meeting else None,
        rejected_by=rejected_by.name if rejected_by else None,
        rejection_comment=minutes.rejection_comment,
        approved_at=minutes.approved_at,
        approvers_rule=MinutesApprovers.NEXT_MEETING if minutes.status is MinutesStatus.NESTE_MOTE else rule,
    )
    return replace(_CONTENT.validate_python(minutes.content), approval=approval)


async def _standard_item(ctx: Context, body: Body, meeting: Meeting, item: AgendaItem) -> MinutesItem:
    """A standing item; the action plan's status is written as it stood when the meeting began,
    so drafting the minutes again later does not change what was reported."""
    entry = MinutesItem(item.position, item.standard_item, None, None, None, None, None)
    if item.standard_item is not StandardItem.PLAN_STATUS:
        return entry
    year = item.plan_year or oslo_year(meeting.starts_at)
    summary = await plan_summary(ctx.uow, body.community_id, year, meeting.starts_at, ctx.now())
    return replace(entry, plan_year=year, plan=summary)


async def _live_minutes(ctx: Context, body: Body, meeting: Meeting) -> MinutesView:
    assert meeting.id is not None
    sheet = await sheet_for(ctx, body, meeting)
    # Decisions recorded at this meeting; one decided between meetings or elsewhere is not its own.
    decided = {decision.case_id: decision for decision in await ctx.uow.decisions.for_meeting(meeting.id)}
    case_ids = [item.case.id for item in meeting.items if item.case is not None and item.case.id is not None]
    declarations = await ctx.uow.disqualifications.for_cases(case_ids)
    handled = {handling.case_id: handling for handling in await ctx.uow.handlings.for_meeting(meeting.id)}
    names = await ctx.uow.persons.by_ids(sorted({entry.person_id for entry in declarations}))
    present = {line.person_id for line in sheet.lines if line.status is AttendanceStatus.TIL_STEDE}
    items = []
    for item in meeting.items:
        case = item.case
        if case is None or case.id is None:
            items.append(await _standard_item(ctx, body, meeting, item))
            continue
        decision = decided.get(case.id)
        items.append(
            MinutesItem(
                position=item.position,
                standard_item=None,
                case_reference=case.reference,
                title=case.title,
                case_type=case.case_type,
                decision=decision.text if decision else None,
                decision_status=decision.status if decision else None,
                disqualified=tuple(
                    (names[entry.person_id].name, entry.reason)
                    for entry in declarations
                    if entry.case_id == case.id and entry.person_id in names
                ),
                stepped_out=tuple(
                    names[entry.person_id].name
                    for entry in declarations
                    if entry.case_id == case.id and entry.person_id in names and entry.person_id in present
                ),
                handling=handling_view(handled.get(case.id)),
            )
        )
    return MinutesView(
        meeting_id=meeting.id,
        body=body_ref(body),
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        place=meeting.place,
        attendance=_with_steps_out(sheet.lines, meeting, declarations),
        items=tuple(items),
        quorum=quorum_statement(body, sheet.lines),
    )


def _with_steps_out(
    lines: Sequence[AttendanceLine], meeting: Meeting, declarations: Sequence[Disqualification]
) -> tuple[AttendanceLine, ...]:
    """The attendance, each person present marked with the cases they stepped down from, in
    agenda order, for the note in the minutes' attendance table."""
    references = {item.case.id: item.case.reference for item in meeting.items if item.case is not None}
    order = {case_id: position for position, case_id in enumerate(references)}
    marked = []
    for line in lines:
        cases = sorted(
            (entry.case_id for entry in declarations if entry.person_id == line.person_id),
            key=lambda case_id: order.get(case_id, len(order)),
        )
        if line.status is AttendanceStatus.TIL_STEDE and cases:
            line = replace(
                line, stepped_out_of=tuple(references[case_id] for case_id in cases if case_id in references)
            )
        marked.append(line)
    return tuple(marked)
