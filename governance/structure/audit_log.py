"""`logg`: the audit log of a body or a case, for the secretariat and the body's leader.

The log is read, never changed; a refusal is audited by the pipeline like any missing right.
"""

from __future__ import annotations

from governance.access import body_standing
from governance.context import Context
from governance.meetings.schedule import body_ref
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.model import Role
from governance.views import AuditLogView

PAGE = 30  # events per card: enough to see a meeting's changes, small enough for a card
AUDIT_LOG_ACTION = "audit_log"


async def audit_log(
    ctx: Context, body_key: str | None, case: tuple[int, int] | None, before_id: int | None = None
) -> AuditLogView:
    """The latest events of a body (or of one of its cases: number, year) before `before_id`.

    Only the secretariat and the body's leader may read it: the log names who did what, and the
    before and after of every change, which a member has no need to see."""
    standing = await body_standing(ctx.uow, ctx.actor, body_key, ctx.conversation_id)
    body = standing.body
    if standing.person is None or not (standing.in_secretariat or standing.role is Role.LEDER):
        raise NotAllowed(AUDIT_LOG_ACTION, body.key, code="audit_log_not_allowed")
    assert body.id is not None
    scope: tuple[int, str] | None = None
    if case is not None:
        number, year = case
        found = await ctx.uow.cases.get(body.id, year, number)
        if found is None or found.id is None:
            raise DomainError("unknown_case", case=f"{number}/{year}", body=body.key)
        scope = (found.id, found.reference)
    lines, more = await ctx.uow.read_models.audit_log(body.key, body.id, scope, before_id, PAGE)
    return AuditLogView(
        body=body_ref(body),
        case_number=case[0] if case else None,
        case_year=case[1] if case else None,
        lines=tuple(lines),
        more=more,
    )
