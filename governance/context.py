"""What every use case receives: the open unit of work, the clock, and who is asking from where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from governance.access import Actor
from governance.ports import UnitOfWork
from governance.rules.clock import Clock
from governance.rules.model import AuditEvent, Person


@dataclass
class Context:
    uow: UnitOfWork
    clock: Clock
    actor: Actor
    conversation_id: str | None = None

    def now(self) -> datetime:
        return self.clock.now()

    async def audit(self, action: str, person: Person | None, subject: str, **details: object) -> None:
        await self.uow.audit.add(
            AuditEvent(
                at=self.now(),
                action=action,
                actor_person_id=person.id if person else None,
                actor_aad_object_id=self.actor.aad_object_id,
                subject=subject,
                details=dict(details),
            )
        )
