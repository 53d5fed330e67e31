"""Use cases on public access (offentleglova): exempt a case or one of its documents under a named
legal basis, lift the exemption, write an exempt case's public title. The secretariat's judgement,
so the secretariat's (or the body's secretary's) alone; every change audited with before and after.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.access import Admission, require_secretariat
from governance.context import Context
from governance.documents.documents import document_view
from governance.meetings.cases import find_case, full_case_view
from governance.rules.documents import Document
from governance.rules.errors import DomainError
from governance.rules.model import Case
from governance.rules.public_access import parse_basis
from governance.views import CaseView, DocumentView


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
