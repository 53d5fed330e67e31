"""The case paper (saksfremlegg): open it for writing, save it from its card, set the proposal in
one line, and correct a case's title, type or officer.

Every write goes through `Case.rewrite`, which keeps a decided or withdrawn case as it was and an
orienteringssak without a proposal; every change is audited with the fields before and after.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from governance.access import MANAGING_ROLES, body_standing, require_participant
from governance.context import Context
from governance.meetings.cases import find_case, full_case_view
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.input_limits import TextField, checked_text, required_text
from governance.rules.model import Body, Case, CasePaper, CaseType, Person
from governance.rules.privacy import contains_identity_number
from governance.views import CaseView


@dataclass(frozen=True)
class PaperEdit:
    """What the paper card sends back: every field as the writer left it."""

    title: str
    case_type: CaseType
    officer: str | None
    background: str | None
    assessment: str | None
    proposal: str | None


@dataclass(frozen=True)
class PaperSaved:
    """A save's outcome: the paper as it now stands, and what the save changed. `stale` when the
    paper had changed since the writer's card was drawn: nothing was written then."""

    view: CaseView
    changed: tuple[str, ...] = ()
    stale: bool = False


class CaseAttribute(StrEnum):
    """What `endre sak` corrects."""

    TITLE = "title"
    TYPE = "type"
    OFFICER = "officer"


@dataclass(frozen=True)
class _Writer:
    body: Body
    person: Person
    case: Case


async def _writer(ctx: Context, body: Body | str | None, case: Case | tuple[int, int], action: str) -> _Writer:
    """The person about to write the case's paper, refused (and so audited) unless they may."""
    standing = await body_standing(
        ctx.uow, ctx.actor, body.key if isinstance(body, Body) else body, ctx.conversation_id
    )
    person = standing.person
    if person is None:
        raise NotAllowed(action, standing.body.key, needs_membership=True)
    found = case if isinstance(case, Case) else await find_case(ctx, standing.body, case[0], case[1])
    manages = standing.in_secretariat or standing.role in MANAGING_ROLES
    if not found.paper_writable_by(person.id, manages_body=manages):
        seated = standing.role is not None or standing.in_secretariat
        raise NotAllowed(
            action,
            standing.body.key,
            needs_membership=not seated,
            code="paper_not_allowed" if seated else None,
            case=found.reference,
        )
    return _Writer(standing.body, person, found)


async def open_paper(ctx: Context, body_key: str | None, number: int, year: int) -> CaseView:
    """The paper as it stands, for the card that writes it; only for those who may write it, and
    only while the case is open (`sak` shows a closed case's paper to every member)."""
    writer = await _writer(ctx, body_key, (number, year), "write_case_paper")
    writer.case.ensure_open()
    return await full_case_view(ctx, writer.body, writer.case)


async def paper_for_card(ctx: Context, case_id: int) -> CaseView:
    """The paper as it stands, to redraw its card after a redelivered or refused save."""
    case = await ctx.uow.cases.by_id(case_id)
    body = await ctx.uow.bodies.get(case.body_id) if case is not None else None
    if case is None or body is None:
        raise DomainError("unknown_card_action")
    # Only for those who may read the case (`sak`): the card shows its paper as stored.
    await require_participant(ctx.uow, ctx.actor, body.key, ctx.conversation_id, "show_case")
    return await full_case_view(ctx, body, case)


async def save_paper(
    ctx: Context, case_id: int, seen_version: int, seen_fingerprint: str, edit: PaperEdit
) -> PaperSaved:
    """Saves the paper card, unless the paper changed after the card was drawn: then nothing is
    written, and the writer is shown the paper as it now stands.

    The case's version tells that its row changed; the paper's fingerprint, whether what changed
    was the paper (not, say, the case being set up on an agenda meanwhile)."""
    case = await ctx.uow.cases.by_id(case_id)
    body = await ctx.uow.bodies.get(case.body_id) if case is not None else None
    if case is None or body is None:
        raise DomainError("unknown_card_action")
    writer = await _writer(ctx, body, case, "write_case_paper")
    if case.version != seen_version and case.paper.fingerprint() != seen_fingerprint:
        return PaperSaved(await full_case_view(ctx, body, case), stale=True)
    paper = CasePaper(
        title=required_text(TextField.CASE_TITLE, _guarded(edit.title), "title_required"),
        case_type=edit.case_type,
        background=checked_text(TextField.PAPER_BACKGROUND, _guarded(edit.background)),
        assessment=checked_text(TextField.PAPER_ASSESSMENT, _guarded(edit.assessment)),
        proposal=checked_text(TextField.PAPER_PROPOSAL, _guarded(edit.proposal)),
    )
    paper = await _with_officer(ctx, paper, case, edit.officer)
    return await _write(ctx, writer, paper, "case.paper_written")


async def set_proposal(ctx: Context, body_key: str | None, number: int, year: int, text: str) -> PaperSaved:
    """`forslag`: the proposal for decision in one line."""
    writer = await _writer(ctx, body_key, (number, year), "write_case_paper")
    proposal = required_text(TextField.PAPER_PROPOSAL, _guarded(text), "proposal_required")
    return await _write(ctx, writer, replace(writer.case.paper, proposal=proposal), "case.paper_written")


async def edit_case(
    ctx: Context, body_key: str | None, number: int, year: int, attribute: CaseAttribute, value: str
) -> PaperSaved:
    """`endre sak`: corrects the title, the type or the case officer."""
    writer = await _writer(ctx, body_key, (number, year), "edit_case")
    paper = writer.case.paper
    if attribute is CaseAttribute.TITLE:
        paper = replace(paper, title=required_text(TextField.CASE_TITLE, _guarded(value), "title_required"))
    elif attribute is CaseAttribute.TYPE:
        case_type = CASE_TYPES.get(value.strip().lower().rstrip(":"))
        if case_type is None:
            raise DomainError("unknown_case_type", value=value)
        if case_type is CaseType.ORIENTERINGSSAK and paper.proposal:
            raise DomainError("information_case_has_no_proposal", case=writer.case.reference)
        paper = replace(paper, case_type=case_type)
    else:
        paper = await _with_officer(ctx, paper, writer.case, value)
    return await _write(ctx, writer, paper, "case.edited")


# The type words `endre sak … type` takes, in both languages (the same as `ny sak`).
CASE_TYPES: dict[str, CaseType] = {
    "vedtakssak": CaseType.VEDTAKSSAK,
    "decision": CaseType.VEDTAKSSAK,
    "drøftingssak": CaseType.DROFTINGSSAK,
    "discussion": CaseType.DROFTINGSSAK,
    "orienteringssak": CaseType.ORIENTERINGSSAK,
    "information": CaseType.ORIENTERINGSSAK,
}


async def _write(ctx: Context, writer: _Writer, paper: CasePaper, action: str) -> PaperSaved:
    case = writer.case
    changes = case.rewrite(paper)
    if changes:
        await ctx.audit(
            action,
            writer.person,
            f"case:{case.id}",
            body=writer.body.key,
            reference=case.reference,
            before={name: before for name, (before, _) in changes.items()},
            after={name: after for name, (_, after) in changes.items()},
        )
        # The version moves with the row's update; flushing now lets the answer's card carry it.
        await ctx.uow.flush()
    return PaperSaved(await full_case_view(ctx, writer.body, case), tuple(changes))


async def _with_officer(ctx: Context, paper: CasePaper, case: Case, written: str | None) -> CasePaper:
    """The case officer as written: a stored person found by email or by their unique name, or
    else the name as written. Unchanged when the writer left the name the card showed."""
    text = checked_text(TextField.CASE_OFFICER, _guarded(written))
    if text is None:
        return replace(paper, officer_id=None, officer_name=None)
    if case.case_officer_id is not None:
        current = (await ctx.uow.persons.by_ids([case.case_officer_id])).get(case.case_officer_id)
        if current is not None and text in (current.name, current.email):
            return replace(paper, officer_id=current.id, officer_name=None)
    person = await ctx.uow.persons.by_email(text) if "@" in text else await ctx.uow.persons.by_name(text)
    body = await ctx.uow.bodies.get(case.body_id)
    # Only someone of this helsefellesskap becomes the officer as a person (with the officer's
    # right to write); anyone else is kept as the name written.
    if person is not None and person.id is not None and body is not None:
        if body.community_id in await ctx.uow.persons.communities_of(person.id):
            return replace(paper, officer_id=person.id, officer_name=None)
    return replace(paper, officer_id=None, officer_name=text)


def _guarded(text: str | None) -> str | None:
    """The same guard as every text that enters: an identity number is never stored. Chat and card
    inputs are refused before this (bot/pipeline.py `text_refusal`); this holds for any other way in."""
    if text is not None and contains_identity_number(text):
        raise DomainError("identity_number_refused")
    return text
