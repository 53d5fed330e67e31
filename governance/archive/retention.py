"""Retention (issue 18): deletes what the bot no longer needs once its class's period is over, and
counts it per class in the audit log. Run daily by the scheduler and by `hfbot retention`.

A detached document that went out with a notice belongs in the archive (the arkivuttrekk carries
it), so its bytes stay until an export has marked it; the audit counts it as kept until exported.
A dry run does everything in a transaction that is rolled back, so its counts are exactly what
the real run would delete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from governance.ports import UnitOfWork, UnitOfWorkFactory
from governance.rules.archive import RecordKind
from governance.rules.model import AuditEvent
from governance.rules.retention import RetentionClass, RetentionPolicy, is_due, longest

AUDIT_ACTION = "retention.run"
AUDIT_SUBJECT = "retention"
# The audit events of a refusal: a missing right or a tenant not served ("refused.<action>"), and
# an identity number kept out (bot/pipeline.py).
REFUSAL_PREFIX = "refused."
REFUSAL_ACTIONS = ("privacy.identity_number_refused",)


@dataclass(frozen=True)
class RetentionReport:
    policy: RetentionPolicy
    cutoffs: dict[RetentionClass, datetime]
    deleted: dict[RetentionClass, int]
    # Due, but belonging in the archive and not yet carried by an export.
    kept_until_exported: dict[RetentionClass, int]
    dry_run: bool


async def run_retention(unit_of_work: UnitOfWorkFactory, now: datetime, *, dry_run: bool = False) -> RetentionReport:
    """One run in one transaction; a dry run rolls it back and audits nothing."""
    async with unit_of_work() as uow:
        report = await apply_retention(uow, now, dry_run=dry_run)
        if not dry_run:
            await uow.commit()
    return report


async def apply_retention(uow: UnitOfWork, now: datetime, *, dry_run: bool = False) -> RetentionReport:
    policy = longest(RetentionPolicy.from_file(values) for values in await uow.communities.retention_settings())
    cutoffs = policy.cutoffs(now)
    deleted: dict[RetentionClass, int] = {}
    deleted[RetentionClass.SENT_MESSAGES] = await uow.deliveries.forget_settled_before(
        cutoffs[RetentionClass.SENT_MESSAGES]
    )
    deleted[RetentionClass.ACTIVITY_IDS] = await uow.activities.forget_before(cutoffs[RetentionClass.ACTIVITY_IDS])
    deleted[RetentionClass.REFUSED_INPUT] = await uow.retention.forget_refusals_before(
        cutoffs[RetentionClass.REFUSED_INPUT], REFUSAL_PREFIX, REFUSAL_ACTIONS
    )
    deleted[RetentionClass.SUPERSEDED_DRAFTS] = await uow.retention.forget_superseded_minutes(
        cutoffs[RetentionClass.SUPERSEDED_DRAFTS]
    )

    detached = await uow.retention.detached_documents(cutoffs[RetentionClass.DETACHED_DOCUMENTS])
    archived = await uow.archive_exports.exported(
        [(RecordKind.DOCUMENT.value, document.document_id) for document in detached if document.belongs_in_archive]
    )
    waiting = [
        document.document_id
        for document in detached
        if document.belongs_in_archive and (RecordKind.DOCUMENT.value, document.document_id) not in archived
    ]
    free = [document.document_id for document in detached if document.document_id not in waiting]
    deleted[RetentionClass.DETACHED_DOCUMENTS] = await uow.retention.forget_document_files(free)
    deleted[RetentionClass.UNATTACHED_UPLOADS] = await uow.retention.forget_unattached_files(
        cutoffs[RetentionClass.UNATTACHED_UPLOADS]
    )

    former = [
        member.person_id
        for member in await uow.retention.former_members()
        if is_due(member.left_at, cutoffs[RetentionClass.FORMER_MEMBERS])
    ]
    deleted[RetentionClass.FORMER_MEMBERS] = await uow.retention.remove_contact(former)

    kept = {RetentionClass.DETACHED_DOCUMENTS: len(waiting)}
    if not dry_run:
        await uow.audit.add(
            AuditEvent(
                at=now,
                action=AUDIT_ACTION,
                subject=AUDIT_SUBJECT,
                details={
                    "deleted": {kind.value: count for kind, count in deleted.items()},
                    "kept_until_exported": {kind.value: count for kind, count in kept.items()},
                    # Which records: a document's bytes and a person's contact ids cannot be read
                    # back, so the log says whose went.
                    "documents_kept": waiting,
                    "contact_removed": former,
                    "periods": policy.as_file(),
                },
            )
        )
    return RetentionReport(policy, cutoffs, deleted, kept, dry_run)
