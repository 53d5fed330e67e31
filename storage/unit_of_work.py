"""The unit of work: one session, one transaction, the repositories that share it."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.errors import translated
from storage.outbox import CalendarSyncRepository, DeliveryRepository, ReminderRepository
from storage.read_models import SqlReadModels
from storage.repositories.archive import ArchiveExportRepository
from storage.repositories.audit import AuditRepository
from storage.repositories.bodies import BodyRepository, MembershipRepository
from storage.repositories.cases import CaseRepository, DisqualificationRepository
from storage.repositories.communities import CommunityRepository, SecretariatRepository
from storage.repositories.conversations import ActivityLog, ConversationRepository
from storage.repositories.decisions import DecisionRepository, DelegationRepository
from storage.repositories.documents import DocumentFileRepository, DocumentRepository
from storage.repositories.handling import CaseHandlingRepository
from storage.repositories.meetings import AttendanceRepository, MeetingRepository
from storage.repositories.minutes import MinutesRepository
from storage.repositories.persons import PersonRepository
from storage.repositories.plans import PlanRepository
from storage.repositories.retention import RetentionRepository
from storage.send_limits import SendLimitRepository


class SqlUnitOfWork:
    """`async with uow:` opens a transaction; leaving without `commit()` rolls it back."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def __aenter__(self) -> SqlUnitOfWork:
        self.session = self._sessions()
        self.communities = CommunityRepository(self.session)
        self.persons = PersonRepository(self.session)
        self.bodies = BodyRepository(self.session)
        self.memberships = MembershipRepository(self.session)
        self.secretariat = SecretariatRepository(self.session)
        self.meetings = MeetingRepository(self.session)
        self.cases = CaseRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.conversations = ConversationRepository(self.session)
        self.activities = ActivityLog(self.session)
        self.decisions = DecisionRepository(self.session)
        self.minutes = MinutesRepository(self.session)
        self.plans = PlanRepository(self.session)
        self.disqualifications = DisqualificationRepository(self.session)
        self.attendances = AttendanceRepository(self.session)
        self.handlings = CaseHandlingRepository(self.session)
        self.delegations = DelegationRepository(self.session)
        self.reminders = ReminderRepository(self.session)
        self.deliveries = DeliveryRepository(self.session)
        self.calendar_syncs = CalendarSyncRepository(self.session)
        self.send_limits = SendLimitRepository(self.session)
        self.read_models = SqlReadModels(self.session)
        self.documents = DocumentRepository(self.session)
        self.document_files = DocumentFileRepository(self.session)
        self.archive_exports = ArchiveExportRepository(self.session)
        self.retention = RetentionRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # The database library's errors end here: above storage/ they are the port's Conflict or
        # Unavailable (chained to the original), so callers never import SQLAlchemy.
        try:
            try:
                await self.session.rollback()
            finally:
                await self.session.close()
        except Exception as cleanup_error:
            # A rollback on a lost connection fails as well; the turn's own error says more.
            cause = exc if translated(exc) is not None else cleanup_error
            store_error = translated(cause)
            if store_error is None:
                raise
            raise store_error from cause
        store_error = translated(exc)
        if store_error is not None:
            raise store_error from exc

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()

    async def flush(self) -> None:
        await self.session.flush()
