"""Communities and their secretariats."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from governance.rules.model import Community, SecretariatMember
from storage import orm


class CommunityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_name(self, name: str) -> Community | None:
        return await self._session.scalar(select(Community).where(orm.communities.c.name == name))

    async def get(self, community_id: int) -> Community | None:
        return await self._session.get(Community, community_id)

    async def with_public_records(self) -> list[Community]:
        """The communities whose papers the innsyn page serves, the first made first."""
        query = select(Community).where(orm.communities.c.public_records.is_(True)).order_by(orm.communities.c.id)
        return list(await self._session.scalars(query))

    async def retention_settings(self) -> list[dict[str, int] | None]:
        return [
            dict(values) if values else None
            for values in await self._session.scalars(select(orm.communities.c.retention))
        ]

    async def all_tenants(self) -> frozenset[str]:
        lists = await self._session.scalars(select(orm.communities.c.tenants))
        return frozenset(tenant.lower() for tenants in lists for tenant in tenants or [])

    async def add(self, community: Community) -> Community:
        self._session.add(community)
        await self._session.flush()
        return community


class SecretariatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def members(self, community_id: int) -> list[SecretariatMember]:
        return list(
            await self._session.scalars(
                select(SecretariatMember).where(orm.secretariat_members.c.community_id == community_id)
            )
        )

    async def add(self, member: SecretariatMember) -> None:
        self._session.add(member)
        await self._session.flush()

    async def remove(self, member: SecretariatMember) -> None:
        await self._session.delete(member)
