"""The use cases of an approval round, one path for everything that is approved by card: post the
card, record a verdict and settle the round, show the card, name who has still to act.

What differs between a decision and a version of the minutes (how it is loaded and shown, who
approves it, what else becomes final with it) is an `Approvable`, a small adapter beside each.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import date
from typing import Any, Generic, Protocol, TypeVar

from governance.access import identify
from governance.context import Context
from governance.rules.approval import (
    Approvers,
    Outcome,
    Round,
    Settled,
    counts,
    give_verdict,
    shows_earlier_round,
    waiting_for,
)
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.model import Body, Person, Verdict
from governance.views import DecisionView, MinutesView


class Posted(Round, Protocol):
    """An approvable whose card was posted, so a round that ends can replace it."""

    id: int | None
    body_id: int
    card_conversation_id: str | None


Subject = TypeVar("Subject", bound=Posted)
View = TypeVar("View")


class Approvable(ABC, Generic[Subject, View]):
    """What one kind of approvable adds to the shared round."""

    kind: str  # in audit actions and subjects ("decision.final", "decision:12") and refusals
    opens_later_code = "approval_round_closed"  # the refusal of a verdict given before `opens_on`

    @abstractmethod
    async def load(self, ctx: Context, subject_id: int) -> tuple[Subject, Body]: ...

    @abstractmethod
    async def approvers(self, ctx: Context, subject: Subject, body: Body) -> Approvers: ...

    @abstractmethod
    async def view(self, ctx: Context, subject: Subject, approvers: Approvers) -> View: ...

    @abstractmethod
    async def describe(self, ctx: Context, subject: Subject) -> str:
        """What is approved, as a reminder names it ("vedtaket i sak 5/2027 «…»")."""

    async def opens_on(self, ctx: Context, subject: Subject) -> date | None:
        """A later day before which verdicts are not taken, if there is one."""
        return None

    def final_details(self, subject: Subject) -> dict[str, object]:
        """What the audit of the round's approval records besides the body."""
        return {"round": subject.round}

    async def on_final(self, ctx: Context, subject: Subject, body: Body, person: Person) -> None:
        """What else becomes final when the round ends in approval."""

    def ensure_may_approve(self, subject: Subject) -> None:
        """Raises a DomainError when the subject may not be approved as it stands (a rejection is
        always possible): minutes holding a decision that is not final."""


async def act(
    ctx: Context,
    what: Approvable[Subject, View],
    subject_id: int,
    round_seen: int | None,
    verdict: Verdict,
    comment: str | None,
) -> Outcome[View]:
    """An approver approves or rejects the current round; the policy decides when it is final."""
    subject, body = await what.load(ctx, subject_id)
    approvers = await what.approvers(ctx, subject, body)
    person = await identify(ctx.uow, ctx.actor)
    action = f"{'approve' if verdict is Verdict.GODKJENT else 'reject'}_{what.kind}"
    if person is None or not approvers.includes(person.id):
        raise NotAllowed(action, body.key, code="not_an_approver")
    assert person.id is not None and subject.id is not None
    if not counts(subject.open_for_verdicts, subject.current_approvals(), person.id, round_seen, subject.round):
        earlier = shows_earlier_round(round_seen, subject.round)
        return await _outcome(ctx, what, subject, approvers, person, changed=False, earlier_round=earlier)
    opens = await what.opens_on(ctx, subject)
    if opens is not None:
        raise DomainError(what.opens_later_code, date=opens)
    if verdict is Verdict.GODKJENT:
        what.ensure_may_approve(subject)
    settled = give_verdict(subject, approvers, person.id, verdict, comment, ctx.now())
    audited = f"{what.kind}:{subject.id}"
    # An approval that ends the round is audited as an approval, then as the final one.
    given = Settled.RETURNED if settled is Settled.RETURNED else Settled.APPROVED
    await ctx.audit(f"{what.kind}.{given.value}", person, audited, body=body.key, round=subject.round)
    if settled is Settled.FINAL:
        await ctx.audit(f"{what.kind}.final", person, audited, body=body.key, **what.final_details(subject))
        await what.on_final(ctx, subject, body, person)
    return await _outcome(ctx, what, subject, approvers, person, changed=True)


async def show(ctx: Context, what: Approvable[Subject, View], subject_id: int) -> Outcome[View]:
    """The approvable as the acting user should see it (a card refresh)."""
    subject, body = await what.load(ctx, subject_id)
    approvers = await what.approvers(ctx, subject, body)
    return await _outcome(ctx, what, subject, approvers, await identify(ctx.uow, ctx.actor), changed=False)


async def still_to_approve(
    ctx: Context, what: Approvable[Subject, View], subject_id: int, round_number: int
) -> tuple[str, list[Person]]:
    """What is approved and the approvers who have not acted on this round; nobody once the round
    is over (final, rejected, or started again), while verdicts wait for a later day, or while it
    may not be approved as it stands (minutes holding an open decision): a reminder would ask
    for a press that is refused. Drafted again, the minutes start a round with its own reminder."""
    subject, body = await what.load(ctx, subject_id)
    described = await what.describe(ctx, subject)
    if not subject.open_for_verdicts or subject.round != round_number or await what.opens_on(ctx, subject):
        return described, []
    try:
        what.ensure_may_approve(subject)
    except DomainError:
        return described, []
    return described, waiting_for(await what.approvers(ctx, subject, body), subject.current_approvals())


async def _outcome(
    ctx: Context,
    what: Approvable[Subject, View],
    subject: Subject,
    approvers: Approvers,
    person: Person | None,
    *,
    changed: bool,
    earlier_round: bool = False,
) -> Outcome[View]:
    """The outcome of a card action; when the change ended the round, the channel's copy of the
    round's card is replaced through the outbox, after the commit."""
    view = await what.view(ctx, subject, approvers)
    if changed and not subject.open_for_verdicts:
        await replace_card(ctx, what.kind, subject, view)
    return Outcome(view, person.id if person else None, changed, earlier_round)


def card_key(kind: str, subject: Posted) -> str:
    """The outbox key of the card posted for the subject's current round."""
    return f"{kind}:{subject.id}:card:{subject.round}"


async def replace_card(ctx: Context, kind: str, subject: Posted, view: Any) -> None:
    """Replaces the posted card of the current round with the subject as it now stands."""
    if subject.card_conversation_id is None:
        return
    posted = card_key(kind, subject)
    await ctx.post(
        subject.body_id,
        subject.card_conversation_id,
        f"{posted}:replaced:{ctx.now().isoformat()}",
        [ctx.drawing.approval_card(view)],
        replaces=posted,
    )


async def post_card(ctx: Context, kind: str, body: Body, subject: Posted, view: DecisionView | MinutesView) -> str:
    """Stores the approval card's post in the body's channel, or else where it was asked for;
    returns the conversation id, for replacing the card later. The relay posts it after the
    commit, so a card exists only for a committed record."""
    target = body.linked_conversation_id or ctx.conversation_id
    if target is None or await ctx.uow.conversations.reference(target) is None:
        raise DomainError("body_not_linked", body=body.key)
    await ctx.post(subject.body_id, target, card_key(kind, subject), [ctx.drawing.approval_card(view)])
    return target
