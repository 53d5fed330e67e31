"""Use cases on a case's documents: list, attach a checked file or a link, remove one.

A file arrives here already downloaded and checked (type, size, identity numbers) by the bot,
outside any transaction; this only decides who may, numbers the document, stores it and audits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from governance.access import Admission, require_participant
from governance.context import Context
from governance.meetings.cases import find_case
from governance.meetings.schedule import body_ref
from governance.ports import StagedFile, StoreError, UnitOfWorkFactory
from governance.rules.documents import (
    DOCUMENT_TITLE_LIMIT,
    LINK_LIMIT,
    STORED_PIECE_BYTES,
    Document,
    DocumentKind,
    FileType,
    host_allowed,
    may_change_documents,
    require_size_within_limit,
)
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.model import Case
from governance.views import AgendaView, CaseDocumentsView, DocumentChange, DocumentView


def document_view(case: Case, document: Document) -> DocumentView:
    return _view_for(case.reference, document)


async def _case_documents(ctx: Context, admitted: Admission, case: Case) -> CaseDocumentsView:
    assert case.id is not None
    current = (await ctx.uow.documents.current([case.id]))[case.id]
    return CaseDocumentsView(
        body=body_ref(admitted.body),
        reference=case.reference,
        title=case.title,
        documents=tuple(document_view(case, document) for document in current),
    )


async def list_documents(ctx: Context, body_key: str | None, number: int, year: int) -> CaseDocumentsView:
    """Members of the body and the secretariat see a case's documents."""
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, "list_documents")
    case = await find_case(ctx, admitted.body, number, year)
    return await _case_documents(ctx, admitted, case)


async def documents_on_agenda(ctx: Context, agenda: AgendaView) -> dict[str, tuple[DocumentView, ...]]:
    """The documents of the cases on an agenda the reader was just shown (`show_agenda` admitted
    them in this turn), by case reference; one query, none for an agenda without cases."""
    references = []
    for item in agenda.items:
        if item.case_reference:
            number, _, year = item.case_reference.partition("/")
            references.append((int(number), int(year)))
    found = await ctx.uow.documents.current_by_reference(agenda.body.key, references)
    return {
        reference: tuple(_view_for(reference, document) for document in documents)
        for reference, documents in found.items()
    }


def _view_for(reference: str, document: Document) -> DocumentView:
    assert document.id is not None
    return DocumentView(
        case_reference=reference,
        number=document.number,
        kind=document.kind,
        title=document.title,
        document_id=document.id,
        file_type=document.file_type,
        size=document.size,
        url=document.url,
        exemption_basis=document.exemption_basis,
    )


async def _admit_change(
    ctx: Context, body_key: str | None, number: int, year: int, action: str
) -> tuple[Admission, Case]:
    admitted = await require_participant(ctx.uow, ctx.actor, body_key, ctx.conversation_id, action)
    case = await find_case(ctx, admitted.body, number, year)
    if not may_change_documents(admitted.manager, case.submitted_by_id == admitted.person.id, case.in_queue):
        raise NotAllowed(action, admitted.body.key)
    case.ensure_open()
    return admitted, case


def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise DomainError("document_title_required")
    # A file name longer than a title may be shortened; what it names stays recognisable.
    return title if len(title) <= DOCUMENT_TITLE_LIMIT else title[: DOCUMENT_TITLE_LIMIT - 1] + "…"


async def _add(ctx: Context, admitted: Admission, case: Case, document: Document) -> DocumentChange:
    await ctx.uow.documents.add(document)
    await ctx.audit(
        "document.attached",
        admitted.person,
        f"case:{case.id}",
        body=admitted.body.key,
        reference=case.reference,
        before=None,
        after=document.snapshot(),
    )
    return DocumentChange(await _case_documents(ctx, admitted, case), document_view(case, document))


@dataclass(frozen=True)
class StoredFile:
    """A file's bytes stored by `store_file`, waiting to be attached to a case by a turn."""

    file_id: int
    size: int
    sha256: str
    file_type: FileType
    name: str


async def store_file(
    unit_of_work: UnitOfWorkFactory, staged: StagedFile, file_type: FileType, name: str, at: datetime
) -> StoredFile:
    """Stores a checked file's bytes before the turn that attaches it, each piece in a short
    transaction of its own: other turns get the database between pieces (on SQLite, which has one
    writer, a 25 MB file in one transaction would hold them all up), and only one piece is in
    memory at a time. A file no turn attaches is removed again by `discard_unattached`."""
    require_size_within_limit(staged.size)
    async with unit_of_work() as uow:
        file_id = await uow.document_files.begin(staged.size, staged.sha256, at)
        await uow.commit()
    try:
        count = 0
        async for piece in staged.pieces(STORED_PIECE_BYTES):
            async with unit_of_work() as uow:
                await uow.document_files.add_piece(file_id, count, piece)
                await uow.commit()
            count += 1
        async with unit_of_work() as uow:
            await uow.document_files.finish(file_id, count)
            await uow.commit()
    except BaseException:
        try:
            await discard_unattached(unit_of_work, file_id)
        except StoreError:
            pass  # the store is away: the unfinished file, attached to nothing, waits for retention
        raise
    return StoredFile(file_id, staged.size, staged.sha256, file_type, name)


async def discard_unattached(unit_of_work: UnitOfWorkFactory, file_id: int) -> bool:
    """Removes stored bytes no document refers to (the turn was refused, failed or was a
    duplicate); True if they were removed."""
    async with unit_of_work() as uow:
        if await uow.document_files.referenced(file_id):
            return False
        await uow.document_files.discard(file_id)
        await uow.commit()
    return True


async def attach_file(ctx: Context, body_key: str | None, number: int, year: int, stored: StoredFile) -> DocumentChange:
    """Attaches a stored file to the case under the case's next document number."""
    admitted, case = await _admit_change(ctx, body_key, number, year, "attach_document")
    assert case.id is not None and admitted.person.id is not None
    if not await ctx.uow.document_files.complete(stored.file_id, stored.size, stored.sha256):
        raise DomainError("document_download_failed")  # cut short while stored: sent again, it is stored anew
    document = Document(
        case_id=case.id,
        number=await ctx.uow.documents.next_number(case.id),
        kind=DocumentKind.FILE,
        title=_title(stored.name),
        added_by_id=admitted.person.id,
        added_at=ctx.now(),
        file_id=stored.file_id,
        file_type=stored.file_type,
        size=stored.size,
        sha256=stored.sha256,
    )
    return await _add(ctx, admitted, case, document)


def link_title(url: str) -> str:
    """A link's title when none is given: the last part of its path, as the file's name reads."""
    path = urlsplit(url).path.rstrip("/")
    return unquote(path.rsplit("/", 1)[-1]) or urlsplit(url).hostname or url


async def attach_link(
    ctx: Context,
    body_key: str | None,
    number: int,
    year: int,
    url: str,
    title: str | None,
    allowed_hosts: tuple[str, ...],
) -> DocumentChange:
    """Stores a link to a file kept elsewhere (SharePoint, OneDrive): only https, only to the hosts
    the community trusts, so a case never points members at an arbitrary site."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "https" or not parts.hostname or len(url) > LINK_LIMIT:
        raise DomainError("document_link_invalid")
    if not host_allowed(parts.hostname, allowed_hosts):
        raise DomainError("document_host_refused", host=parts.hostname, hosts=", ".join(allowed_hosts))
    admitted, case = await _admit_change(ctx, body_key, number, year, "attach_document")
    assert case.id is not None and admitted.person.id is not None
    document = Document(
        case_id=case.id,
        number=await ctx.uow.documents.next_number(case.id),
        kind=DocumentKind.LINK,
        title=_title(title or link_title(url)),
        added_by_id=admitted.person.id,
        added_at=ctx.now(),
        url=url,
    )
    return await _add(ctx, admitted, case, document)


async def detach(ctx: Context, body_key: str | None, number: int, year: int, document_number: int) -> DocumentChange:
    """Takes a document off the case; its stored bytes stay until retention removes them."""
    admitted, case = await _admit_change(ctx, body_key, number, year, "detach_document")
    assert case.id is not None and admitted.person.id is not None
    document = await ctx.uow.documents.of_case(case.id, document_number)
    if document is None or document.removed:
        raise DomainError("unknown_document", number=document_number, case=case.reference)
    before = document.snapshot()
    document.remove(admitted.person.id, ctx.now())
    await ctx.audit(
        "document.removed",
        admitted.person,
        f"case:{case.id}",
        body=admitted.body.key,
        reference=case.reference,
        before=before,
        after=document.snapshot(),
    )
    return DocumentChange(await _case_documents(ctx, admitted, case), document_view(case, document))


async def document_to_download(ctx: Context, document_id: int) -> Document:
    """A stored file a signed link names; a removed one or a link is no longer served."""
    document = await ctx.uow.documents.get(document_id)
    if document is None or document.removed or document.file_id is None:
        raise DomainError("document_not_found")
    return document
