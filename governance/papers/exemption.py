"""Use cases on public access (offentleglova): exempt a case or one of its documents under a named
legal basis, lift the exemption, write an exempt case's public title. The secretariat's judgement,
so the secretariat's (or the body's secretary's) alone; every change audited with before and after.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from governance.access import Admission, require_secretariat
from governance.approvals.minutes import minutes_of_meeting
from governance.context import Context
from governance.documents.documents import document_view
from governance.meetings.cases import find_case, full_case_view
from governance.papers.notice import NoticeView, notice_of_meeting
from governance.papers.public_versions import public_minutes, public_notice
from governance.rules.documents import Document
from governance.rules.errors import DomainError
from governance.rules.model import Case
from governance.rules.public_access import Exemption, parse_basis
from governance.views import CaseView, DocumentView, MinutesView


@dataclass(frozen=True)
class DocumentExemption:
    """A document whose public access changed, and its case as `sak` shows it."""

    case: CaseView
    document: DocumentView


async def _admit(ctx: Context, body_key: str | None, number: int, year: int, action: str) -> tuple[Admission, Case]:
    admitted = await require_secretariat(ctx.uow, ctx.actor, body_key, ctx.conversation_id, action)
    return admitted, await find_case(ctx, admitted.body, number, year)


async def _audit_case(ctx: Context, admitted: Admission, case: Case, action: str, before: dict[str, object]) -> None:
    await ctx.audit(
        action,
        admitted.person,
        f"case:{case.id}",
        body=admitted.body.key,
        reference=case.reference,
        before=before,
        after=case.public_access(),
    )


async def exempt_case(ctx: Context, body_key: str | None, number: int, year: int, basis_text: str) -> CaseView:
    """Exempts a case from public access under the basis typed (or names another basis)."""
    admitted, case = await _admit(ctx, body_key, number, year, "exempt_case")
    basis = parse_basis(basis_text)
    before = case.public_access()
    case.exempt(basis)
    await _audit_case(ctx, admitted, case, "case.exempted", before)
    return await full_case_view(ctx, admitted.body, case)


async def set_public_title(ctx: Context, body_key: str | None, number: int, year: int, text: str) -> CaseView:
    admitted, case = await _admit(ctx, body_key, number, year, "set_public_title")
    before = case.public_access()
    case.set_public_title(text)
    await _audit_case(ctx, admitted, case, "case.public_title_set", before)
    return await full_case_view(ctx, admitted.body, case)


async def lift_case_exemption(ctx: Context, body_key: str | None, number: int, year: int) -> CaseView:
    """The case is public again (its documents keep their own exemptions)."""
    admitted, case = await _admit(ctx, body_key, number, year, "lift_exemption")
    before = case.public_access()
    case.lift_exemption()
    await _audit_case(ctx, admitted, case, "case.exemption_lifted", before)
    return await full_case_view(ctx, admitted.body, case)


async def _document(ctx: Context, case: Case, document_number: int) -> Document:
    assert case.id is not None
    document = await ctx.uow.documents.of_case(case.id, document_number)
    if document is None or document.removed:
        raise DomainError("unknown_document", number=document_number, case=case.reference)
    return document


async def _audit_document(
    ctx: Context, admitted: Admission, case: Case, document: Document, action: str, before: dict[str, object]
) -> DocumentExemption:
    await ctx.audit(
        action,
        admitted.person,
        f"case:{case.id}",
        body=admitted.body.key,
        reference=case.reference,
        document=document.number,
        before=before,
        after=document.snapshot(),
    )
    return DocumentExemption(await full_case_view(ctx, admitted.body, case), document_view(case, document))


async def exempt_document(
    ctx: Context, body_key: str | None, number: int, year: int, document_number: int, basis_text: str
) -> DocumentExemption:
    """Exempts one document of a case on its own; the case may stay public."""
    admitted, case = await _admit(ctx, body_key, number, year, "exempt_document")
    basis = parse_basis(basis_text)
    document = await _document(ctx, case, document_number)
    before = document.snapshot()
    document.exempt(basis)
    return await _audit_document(ctx, admitted, case, document, "document.exempted", before)


async def lift_document_exemption(
    ctx: Context, body_key: str | None, number: int, year: int, document_number: int
) -> DocumentExemption:
    admitted, case = await _admit(ctx, body_key, number, year, "lift_exemption")
    document = await _document(ctx, case, document_number)
    before = document.snapshot()
    document.lift_exemption()
    return await _audit_document(ctx, admitted, case, document, "document.exemption_lifted", before)


async def _exemptions(ctx: Context, body_id: int, references: Iterable[str]) -> dict[str, Exemption]:
    """The exemptions as they stand now of the cases named ("12/2026"), by reference."""
    found: dict[str, Exemption] = {}
    for reference in references:
        number, _, year = reference.partition("/")
        case = await ctx.uow.cases.get(body_id, int(year), int(number))
        if case is not None and case.exemption is not None:
            found[reference] = case.exemption
    return found


async def public_minutes_of_meeting(ctx: Context, meeting_id: int) -> MinutesView:
    """The public version of the minutes a download serves (the approved version, else the latest,
    else a draft), with the exemptions as they stand when it is fetched: minutes are frozen when
    drafted, while a case may be exempted or made public later."""
    view = await minutes_of_meeting(ctx, meeting_id)
    meeting = await ctx.uow.meetings.get(meeting_id)
    assert meeting is not None  # minutes_of_meeting found it
    references = [item.case_reference for item in view.items if item.case_reference]
    return public_minutes(view, await _exemptions(ctx, meeting.body_id, references))


async def public_notice_of_meeting(ctx: Context, meeting_id: int) -> NoticeView:
    """The public version of the notice: built from what is stored, so its exemptions are current."""
    return public_notice(await notice_of_meeting(ctx, meeting_id))


async def minutes_have_exemptions(ctx: Context, view: MinutesView) -> bool:
    """Whether any case in the minutes is exempt now: only then is a public version worth offering."""
    meeting = await ctx.uow.meetings.get(view.meeting_id)
    if meeting is None:
        return False
    return bool(
        await _exemptions(ctx, meeting.body_id, [item.case_reference for item in view.items if item.case_reference])
    )
