"""`påminnelser [organ]`: a body's reminder policy and its next reminders; the secretariat (or
the body's leader) changes the policy, and the upcoming meetings' reminders follow at once."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from governance.access import require_manager, require_participant
from governance.context import Context
from governance.meetings.schedule import body_ref
from governance.reminders.reminder_planning import plan_meeting_reminders
from governance.rules.reminders import ReminderKind, ReminderPolicy
from governance.views import BodyRef

SHOWN_AHEAD = 10


@dataclass(frozen=True)
class UpcomingReminder:
    due_at: datetime
    kind: ReminderKind
    meeting_at: datetime | None


@dataclass(frozen=True)
class ReminderPolicyView:
    body: BodyRef
    policy: ReminderPolicy
    upcoming: tuple[UpcomingReminder, ...]
    changed: bool = False


async def reminder_policy(ctx: Context, body_key: str | None, changes: dict[str, Any] | None) -> ReminderPolicyView:
    """The body's policy and next reminders; with changes, the policy is changed first."""
    if changes:
        admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "set_reminders")
        body = admitted.body
        before = body.reminders
        body.reminders = replace(before, **changes)  # the policy checks its own values
        assert body.id is not None
        for meeting in await ctx.uow.meetings.upcoming(body.id, ctx.now()):
            await plan_meeting_reminders(ctx.uow, body, meeting, ctx.now())
        await ctx.audit(
            "reminders.changed",
            admitted.person,
            f"body:{body.id}",
            body=body.key,
            before=asdict(before),
            after=asdict(body.reminders),
        )
    else:
        body = (await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "show_reminders")).body
    assert body.id is not None
    await ctx.uow.flush()
    planned = await ctx.uow.reminders.planned_for_body(body.id, SHOWN_AHEAD)
    meetings = {m.id: m for m in await ctx.uow.meetings.upcoming(body.id, ctx.now())}
    upcoming = tuple(
        UpcomingReminder(
            reminder.due_at,
            reminder.kind,
            meetings[reminder.meeting_id].starts_at if reminder.meeting_id in meetings else None,
        )
        for reminder in planned
    )
    return ReminderPolicyView(body_ref(body), body.reminders, upcoming, changed=bool(changes))
