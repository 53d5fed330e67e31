"""Storage on the real database: migrations, transport records, times."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.pipeline import Turn, TurnPipeline
from cards.texts import language
from governance.context import Context
from governance.ports import Conflict
from governance.rules.clock import FixedClock
from governance.rules.model import Meeting
from storage.migrate import upgrade
from storage.orm import metadata
from storage.unit_of_work import SqlUnitOfWork


async def test_migrations_build_every_table_from_empty_and_rerun_harmlessly(engine: AsyncEngine) -> None:
    await upgrade(engine)  # the fixture already ran it once: a second run must be a no-op
    async with engine.connect() as connection:
        tables = set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))
        version = (await connection.exec_driver_sql("SELECT version_num FROM alembic_version")).scalar_one()
    assert {
        "bodies",
        "cases",
        "case_counters",
        "meetings",
        "agenda_items",
        "audit_events",
        "conversation_references",
        "processed_activities",
        "decisions",
        "decision_approvals",
        "minutes",
        "minutes_approvals",
        "send_limits",
    } <= tables
    assert version == "0028"


async def test_an_activity_id_is_claimed_once_even_by_concurrent_turns(
    unit_of_work: Callable[[], SqlUnitOfWork], clock: FixedClock
) -> None:
    async def claim() -> bool:
        async with unit_of_work() as uow:
            claimed = await uow.activities.claim("activity-1", clock.now())
            await uow.commit()
            return claimed

    results = await asyncio.gather(*(claim() for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]


async def test_a_rolled_back_claim_lets_the_retry_through(
    unit_of_work: Callable[[], SqlUnitOfWork], clock: FixedClock
) -> None:
    async with unit_of_work() as uow:
        assert await uow.activities.claim("activity-2", clock.now())
        await uow.rollback()
    async with unit_of_work() as uow:
        assert await uow.activities.claim("activity-2", clock.now())


async def test_a_turn_that_stepped_away_from_the_database_and_then_failed_gives_its_claim_back(
    unit_of_work: Callable[[], SqlUnitOfWork], clock: FixedClock
) -> None:
    # Stepping away commits the claim; a lost race after it must still rerun the turn (not take
    # its own claim for a redelivery), and the activity is then handled once.
    pipeline = TurnPipeline(unit_of_work, clock)
    turn = Turn("activity-4", None, "a:conversation", language("nb-NO"))
    runs: list[bool] = []

    async def work(ctx: Context) -> str:
        stepped = await ctx.away_from_the_database(lambda: asyncio.sleep(0, result=True))
        runs.append(stepped)
        if len(runs) == 1:
            raise Conflict()
        return "answered"

    assert await pipeline.run(turn, work) == "answered"
    assert runs == [True, True]
    assert await pipeline.run(turn, work) is None  # redelivered: handled before
    assert len(runs) == 2


async def test_conversation_references_are_stored_and_updated_in_place(
    unit_of_work: Callable[[], SqlUnitOfWork], clock: FixedClock
) -> None:
    for service_url in ("https://smba.example/amer/", "https://smba.example/emea/"):
        async with unit_of_work() as uow:
            await uow.conversations.save(
                "19:abc@thread.tacv2",
                {"serviceUrl": service_url, "conversation": {"id": "19:abc@thread.tacv2"}},
                conversation_type="channel",
                tenant_id="t",
                service_url=service_url,
                user_aad_object_id=None,
                at=clock.now(),
            )
            await uow.commit()
    async with unit_of_work() as uow:
        assert await uow.conversations.count() == 1
        reference = await uow.conversations.reference("19:abc@thread.tacv2")
    assert reference is not None and reference["serviceUrl"] == "https://smba.example/emea/"


async def test_times_come_back_as_the_same_utc_instant(
    unit_of_work: Callable[[], SqlUnitOfWork], structure: None
) -> None:
    oslo_winter = timezone(timedelta(hours=1))
    starts = datetime(2027, 1, 12, 9, 0, tzinfo=oslo_winter)
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        meeting = await uow.meetings.add(Meeting(body_id=body.id, starts_at=starts))
        meeting_id = meeting.id
        await uow.commit()
    async with unit_of_work() as uow:
        stored = await uow.meetings.get(meeting_id)
        assert stored is not None
        assert stored.starts_at == starts and stored.starts_at.tzinfo is not None
        assert stored.starts_at.astimezone(UTC).hour == 8


async def test_old_activity_ids_are_forgotten_and_recent_ones_kept(
    unit_of_work: Callable[[], SqlUnitOfWork], clock: FixedClock
) -> None:
    async with unit_of_work() as uow:
        await uow.activities.claim("old", clock.now() - timedelta(days=8))
        await uow.activities.claim("recent", clock.now() - timedelta(hours=1))
        await uow.commit()
    async with unit_of_work() as uow:
        assert await uow.activities.forget_before(clock.now() - timedelta(days=7)) == 1
        await uow.commit()
    async with unit_of_work() as uow:
        assert await uow.activities.claim("old", clock.now())
        assert not await uow.activities.claim("recent", clock.now())


async def test_the_migrations_match_the_mapped_tables_exactly(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync), metadata)
        )
    assert differences == []


async def empty_database_at(connection: AsyncConnection, revision: str) -> None:
    """The test database as an earlier release left it: emptied, then migrated to `revision`."""
    if connection.dialect.name == "postgresql":
        await connection.exec_driver_sql("DROP SCHEMA public CASCADE")
        await connection.exec_driver_sql("CREATE SCHEMA public")
    await migrated_to(connection, revision)


async def migrated_to(connection: AsyncConnection, revision: str) -> None:
    from alembic import command

    from storage.migrate import alembic_config

    def migrate(sync: Any) -> None:
        config = alembic_config()
        config.attributes["connection"] = sync
        command.upgrade(config, revision)

    await connection.run_sync(migrate)


async def test_a_database_from_the_first_release_keeps_its_bodies_and_gets_the_leader_policy(database_url: str) -> None:
    from storage.database import create_engine

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await empty_database_at(connection, "0001")
            await connection.exec_driver_sql(
                "INSERT INTO communities (name, timezone, tenants) VALUES ('HF', 'Europe/Oslo', '[]')"
            )
            await connection.exec_driver_sql(
                "INSERT INTO bodies (community_id, key, name, kind, level) VALUES (1, 'SSU', 'Strategisk samarbeidsutvalg', 'strategisk', 2)"
            )
            await connection.commit()
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = (await connection.exec_driver_sql("SELECT key, approval FROM bodies")).all()
    finally:
        await engine.dispose()
    assert [tuple(row) for row in rows] == [("SSU", "leader")]


async def test_upcoming_level_two_meetings_from_before_release_5_get_the_plan_status_item_last(
    database_url: str,
) -> None:
    from storage.database import create_engine

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await empty_database_at(connection, "0004")
            await connection.exec_driver_sql(
                "INSERT INTO communities (name, timezone, tenants) VALUES ('HF', 'Europe/Oslo', '[]')"
            )
            for key, kind, level in (("SSU", "strategisk", 2), ("AU", "arbeidsutvalg", 2), ("LSU", "lokalt", 3)):
                await connection.exec_driver_sql(
                    "INSERT INTO bodies (community_id, key, name, kind, level, approval) "
                    f"VALUES (1, '{key}', '{key}', '{kind}', {level}, 'leader')"
                )
            meetings = [(1, "planlagt"), (1, "avholdt"), (1, "avlyst"), (2, "planlagt"), (3, "innkalt"), (1, "innkalt")]
            for body_id, status in meetings:
                await connection.exec_driver_sql(
                    "INSERT INTO meetings (body_id, starts_at, status, agenda_revision, version) "
                    f"VALUES ({body_id}, '2026-12-31 23:30:00', '{status}', 0, 1)"
                )
            for meeting_id in (1, 2, 3, 4):
                for position, item in enumerate(("approve_notice", "approve_minutes"), start=1):
                    await connection.exec_driver_sql(
                        "INSERT INTO agenda_items (meeting_id, position, standard_item) "
                        f"VALUES ({meeting_id}, {position}, '{item}')"
                    )
            await connection.commit()
        await upgrade(engine)
        async with engine.connect() as connection:
            rows = (
                await connection.exec_driver_sql(
                    "SELECT meeting_id, position, plan_year FROM agenda_items WHERE standard_item = 'plan_status' ORDER BY meeting_id"
                )
            ).all()
            columns = {
                column["name"]
                for column in await connection.run_sync(lambda sync: inspect(sync).get_columns("action_plans"))
            }
    finally:
        await engine.dispose()
    # The SSU's planned meeting after its two opening items, its called meeting with an empty
    # agenda as item 1; not the held or cancelled ones, the working committee's or level 3's.
    # Half past eleven on New Year's Eve in UTC is already 2027 in Oslo.
    assert [tuple(row) for row in rows] == [(1, 3, 2027), (6, 1, 2027)]
    assert "adoption_case_id" in columns


async def test_stored_reminder_policies_with_the_agenda_before_the_case_deadline_are_repaired(
    database_url: str,
) -> None:
    """Release 8 stored `påminnelser saksliste 20 frist 5`; such a policy is now refused, so the
    row must be repaired or its body could not be loaded at all."""
    from storage.database import create_engine, session_factory

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await empty_database_at(connection, "0008")
            await connection.exec_driver_sql(
                "INSERT INTO communities (name, timezone, tenants) VALUES ('HF', 'Europe/Oslo', '[]')"
            )
            for key, deadline, agenda in (("SSU", 5, 20), ("AU", 1, 1), ("LSU", 21, 10)):
                await connection.exec_driver_sql(
                    "INSERT INTO bodies (community_id, key, name, kind, level, reminder_case_deadline_days, reminder_agenda_days) "
                    f"VALUES (1, '{key}', '{key}', 'lokalt', 3, {deadline}, {agenda})"
                )
            await connection.commit()
        await upgrade(engine)
        async with SqlUnitOfWork(session_factory(engine)) as uow:
            policies = {key: (await uow.bodies.by_key(key)) for key in ("SSU", "AU", "LSU")}
            days = {
                key: (body.reminders.case_deadline_days, body.reminders.agenda_days)
                for key, body in policies.items()
                if body
            }
    finally:
        await engine.dispose()
    # The members' deadline stays and the agenda goes out the day after it; a one-day deadline
    # leaves no day after it, so it moves to two; a consistent policy is left alone.
    assert days == {"SSU": (5, 4), "AU": (2, 1), "LSU": (21, 10)}


async def test_bodies_stored_without_a_calendar_secret_are_given_one_each_and_a_kept_secret_stays(
    database_url: str,
) -> None:
    """Release 9 made the secret on a body's first agenda shown; a body now has it from creation,
    so the bodies stored before get theirs from the migration and no read has to write one."""
    from storage.database import create_engine

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await empty_database_at(connection, "0009")
            await connection.exec_driver_sql(
                "INSERT INTO communities (name, timezone, tenants) VALUES ('HF', 'Europe/Oslo', '[]')"
            )
            for key, token in (("SSU", "NULL"), ("AU", "NULL"), ("LSU", "'kept-secret'")):
                await connection.exec_driver_sql(
                    f"INSERT INTO bodies (community_id, key, name, kind, level, calendar_token) VALUES (1, '{key}', '{key}', 'lokalt', 3, {token})"
                )
            await connection.commit()
        await upgrade(engine)
        async with engine.connect() as connection:
            tokens = dict((await connection.exec_driver_sql("SELECT key, calendar_token FROM bodies")).all())
    finally:
        await engine.dispose()
    assert tokens["LSU"] == "kept-secret"
    assert len(tokens["SSU"]) == len(tokens["AU"]) == 32 and tokens["SSU"] != tokens["AU"]


def schema_of(sync: Any) -> dict[str, Any]:
    """Every table's columns, keys, unique constraints, indexes and references, as reflected."""
    inspector = inspect(sync)
    schema: dict[str, Any] = {}
    for table in inspector.get_table_names():
        schema[table] = {
            "columns": [(column["name"], str(column["type"]), column["nullable"]) for column in inspector.get_columns(table)],
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "unique": sorted(tuple(unique["column_names"]) for unique in inspector.get_unique_constraints(table)),
            "indexes": sorted((index["name"], tuple(index["column_names"]), bool(index["unique"])) for index in inspector.get_indexes(table)),
            "references": sorted(
                (tuple(key["constrained_columns"]), key["referred_table"], tuple(key["referred_columns"]))
                for key in inspector.get_foreign_keys(table)
            ),
        }  # fmt: skip
    return schema


async def test_a_deleted_records_id_is_never_handed_out_again(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.exec_driver_sql("INSERT INTO persons (name, email) VALUES ('Åse', 'ase@example.no')")
        await connection.exec_driver_sql("INSERT INTO persons (name, email) VALUES ('Biret', 'biret@example.no')")
        newest = (await connection.exec_driver_sql("SELECT max(id) FROM persons")).scalar_one()
        await connection.exec_driver_sql(f"DELETE FROM persons WHERE id = {newest}")
        await connection.commit()
        await connection.exec_driver_sql("INSERT INTO persons (name, email) VALUES ('Nils', 'nils@example.no')")
        await connection.commit()
        given = (
            await connection.exec_driver_sql("SELECT id FROM persons WHERE email = 'nils@example.no'")
        ).scalar_one()
    assert given > newest


async def test_copying_the_tables_for_lasting_ids_keeps_every_row_key_index_and_reference(database_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    from storage.database import create_engine

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            await empty_database_at(connection, "0013")
            await connection.exec_driver_sql(
                "INSERT INTO communities (name, timezone, tenants) VALUES ('HF', 'Europe/Oslo', '[]')"
            )
            await connection.exec_driver_sql(
                "INSERT INTO bodies (community_id, key, name, kind, level, approval, calendar_token) "
                "VALUES (1, 'SSU', 'Strategisk samarbeidsutvalg', 'strategisk', 2, 'leader', 'secret-1')"
            )
            await connection.exec_driver_sql("INSERT INTO persons (name, email) VALUES ('Máhtte', 'mahtte@example.no')")
            await connection.exec_driver_sql(
                "INSERT INTO memberships (body_id, person_id, role) VALUES (1, 1, 'leder')"
            )
            await connection.commit()
            before = await connection.run_sync(schema_of)
        async with engine.connect() as connection:
            await migrated_to(connection, "0014")
            await connection.commit()
            after = await connection.run_sync(schema_of)
            rows = (
                await connection.exec_driver_sql(
                    "SELECT b.key, p.name, m.role FROM memberships m JOIN bodies b ON b.id = m.body_id "
                    "JOIN persons p ON p.id = m.person_id"
                )
            ).all()
            with pytest.raises(IntegrityError):  # references are enforced again after the migration
                await connection.exec_driver_sql(
                    "INSERT INTO memberships (body_id, person_id, role) VALUES (7, 1, 'medlem')"
                )
            await connection.rollback()
    finally:
        await engine.dispose()
    before.pop("alembic_version")
    after.pop("alembic_version")
    assert after == before
    assert [tuple(row) for row in rows] == [("SSU", "Máhtte", "leder")]
