"""Importing structure files: the shipped examples, idempotence, updates in place."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from governance.meetings import schedule
from governance.rules.clock import FixedClock
from governance.rules.errors import DomainError
from governance.rules.model import ApprovalPolicy, Role
from governance.rules.reminders import AgendaMode, ReminderPolicy
from governance.structure.structure_file import import_structure, parse_structure
from storage.unit_of_work import SqlUnitOfWork
from tests.integration.helpers import run_as
from tests.support.structure import SECRETARIAT_AAD, test_structure

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def load(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", ["vestre-viken.yaml", "vestfold.yaml", "st-olav.yaml"])
async def test_each_example_imports_and_a_second_import_changes_nothing(
    unit_of_work: Callable[[], SqlUnitOfWork], example: str
) -> None:
    spec = parse_structure(load(example))
    async with unit_of_work() as uow:
        first = await import_structure(uow, spec)
        await uow.commit()
    assert first.created["bodies"] == len(spec.bodies)
    async with unit_of_work() as uow:
        second = await import_structure(uow, spec)
        await uow.commit()
    assert not second.changed, second


async def test_vestre_viken_ssu_has_the_composition_of_its_mandate(unit_of_work: Callable[[], SqlUnitOfWork]) -> None:
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(load("vestre-viken.yaml")))
        await uow.commit()
    async with unit_of_work() as uow:
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None and ssu.level == 2 and ssu.meetings_per_year == 8
        members = await uow.memberships.for_body(ssu.id)
        parties = [membership.represents or "" for membership, _ in members]
        assert sum("Brukerrepresentant" in party for party in parties) == 1
        assert sum("Fastlege" in party for party in parties) == 1
        assert sum("kommune" in party for party in parties) == 3
        assert sum(party.endswith("HF") for party in parties) == 3
        keys = await uow.bodies.keys()
        assert "PM" in keys and any(key.startswith("LSU") for key in keys)


async def test_st_olav_has_psu_asu_and_five_fagrad(unit_of_work: Callable[[], SqlUnitOfWork]) -> None:
    spec = parse_structure(load("st-olav.yaml"))
    kinds = [body.kind.value for body in spec.bodies]
    assert kinds.count("fagrad") == 5
    assert {"PSU", "ASU"} <= {body.key for body in spec.bodies}


async def test_a_changed_file_updates_in_place_and_drops_members_left_out(
    unit_of_work: Callable[[], SqlUnitOfWork],
) -> None:
    data = test_structure()
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()
    ssu = data["bodies"][1]
    ssu["name"] = "Strategisk samarbeidsutvalg (nytt navn)"
    ssu["members"][0]["role"] = "nestleder"
    ssu["approval"] = "majority"
    removed_email = ssu["members"].pop(1)["email"]
    async with unit_of_work() as uow:
        report = await import_structure(uow, parse_structure(data))
        await uow.commit()
    assert report.updated["bodies"] == 1 and report.updated["memberships"] == 1 and report.removed["memberships"] == 1
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("ssu")
        assert body is not None and body.name.endswith("(nytt navn)")
        assert body.approval is ApprovalPolicy.MAJORITY
        pm = await uow.bodies.by_key("PM")
        assert pm is not None and pm.approval is ApprovalPolicy.LEADER  # the default
        members = await uow.memberships.for_body(body.id)
        assert [(person.email, membership.role) for membership, person in members] == [
            ("lise@example.no", Role.NESTLEDER)
        ]
        assert await uow.persons.by_email(removed_email) is not None  # the person stays; only the seat goes


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["bodies"][1].update(parent="NOPE"), "bodies[1].parent: no body in the file has the key 'NOPE'"),
        (lambda d: d["bodies"].append(dict(d["bodies"][0])), "bodies[3].key: PM is already the key of bodies[0]"),
        (lambda d: d["bodies"][0].update(kind="komité"), "kind"),
        (lambda d: d["bodies"][1]["members"][0].update(role="sjef"), "role"),
        (lambda d: d["bodies"][1]["members"][0].update(email="not-an-email"), "email"),
        (lambda d: d["bodies"][1].update(approval="everyone"), "approval"),
        (lambda d: d["bodies"][1].update(reminders={"agenda_mode": "email"}), "reminders.agenda_mode"),
        (lambda d: d["bodies"][1].update(reminders={"case_deadline_days": 0}), "reminders.case_deadline_days"),
        (lambda d: d["bodies"][1].update(reminders={"agenda_day": 7}), "reminders.agenda_day"),
        (lambda d: d["bodies"][1].update(quorum="half"), "bodies[1].quorum: expected majority"),
        (lambda d: d["bodies"][1].update(quorum="3/2"), "bodies[1].quorum: a share of the seats must"),
        (lambda d: d["bodies"][1].update(quorum=0), "bodies[1].quorum: a number of members must be"),
        (
            lambda d: d["bodies"][1].update(quorum=3),
            "bodies[1].quorum: quorum 3 is more than the 2 voting members listed for SSU; it could never be met",
        ),
    ],
)
def test_invalid_structure_files_are_refused_with_the_reason(change: Callable[[dict], None], message: str) -> None:
    data = test_structure()
    change(data)
    with pytest.raises(DomainError) as refused:
        parse_structure(data)
    assert refused.value.code == "structure_invalid"
    assert message in str(refused.value.params["details"])


async def test_a_bodys_reminder_policy_is_imported_with_defaults_and_updated_in_place(
    unit_of_work: Callable[[], SqlUnitOfWork],
) -> None:
    data = test_structure()
    data["bodies"][1]["reminders"] = {"case_deadline_days": 21, "agenda_mode": "remind"}
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()
    async with unit_of_work() as uow:
        ssu, lsu = await uow.bodies.by_key("SSU"), await uow.bodies.by_key("LSU")
        assert ssu is not None and lsu is not None
        assert ssu.reminders == ReminderPolicy(21, 7, AgendaMode.REMIND, True)
        assert lsu.reminders == ReminderPolicy()  # 14 and 7 days, published by the bot, the eve reminder
    data["bodies"][1]["reminders"] = {"meeting_eve": False}
    async with unit_of_work() as uow:
        report = await import_structure(uow, parse_structure(data))
        await uow.commit()
    assert report.updated["bodies"] == 1
    async with unit_of_work() as uow:
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None and ssu.reminders == ReminderPolicy(meeting_eve=False)


async def test_a_changed_reminder_policy_in_the_file_replans_the_upcoming_meetings(
    unit_of_work: Callable[[], SqlUnitOfWork], clock: FixedClock
) -> None:
    data = test_structure()
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()
    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD,
        lambda ctx: schedule.plan_meeting(ctx, "SSU", date(2027, 1, 12), time(9), None, None),
    )  # fmt: skip
    data["bodies"][1]["reminders"] = {"meeting_eve": False}
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data), clock.now())
        await uow.commit()
    async with unit_of_work() as uow:
        planned = await uow.reminders.planned_for_body(2, 10)
        assert [reminder.kind.value for reminder in planned] == ["case_deadline", "agenda"]


async def test_a_bodys_quorum_is_imported_with_the_default_and_a_change_is_audited_before_and_after(
    unit_of_work: Callable[[], SqlUnitOfWork],
) -> None:
    data = test_structure()
    data["bodies"][2]["quorum"] = 1  # LSU: its one member decides alone
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()
    async with unit_of_work() as uow:
        ssu, lsu = await uow.bodies.by_key("SSU"), await uow.bodies.by_key("LSU")
        assert ssu is not None and lsu is not None
        assert (ssu.quorum, lsu.quorum) == ("majority", "1")
    data["bodies"][1]["quorum"] = "2 / 3"
    async with unit_of_work() as uow:
        report = await import_structure(uow, parse_structure(data))
        await uow.commit()
    assert report.updated["bodies"] == 1
    async with unit_of_work() as uow:
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None and ssu.quorum == "2/3"
        rows = (
            await uow.session.execute(
                text("SELECT action, subject, details FROM audit_events WHERE action = 'structure.quorum_changed'")
            )
        ).all()
    [(action, subject, details)] = rows
    details = json.loads(details) if isinstance(details, str) else details
    assert subject == "body:SSU"
    assert details["before"] == {"quorum": "majority"} and details["after"] == {"quorum": "2/3"}
    async with unit_of_work() as uow:
        again = await import_structure(uow, parse_structure(data))
        await uow.commit()
    assert not again.changed  # the same file: nothing changes, nothing is audited again


async def test_public_records_is_off_by_default_and_turning_it_on_or_off_is_audited_before_and_after(
    unit_of_work: Callable[[], SqlUnitOfWork],
) -> None:
    data = test_structure()
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()
    async with unit_of_work() as uow:
        community = await uow.communities.by_name(data["community"])
        assert community is not None and community.public_records is False
        assert await uow.communities.with_public_records() == []
    for on in (True, False):
        async with unit_of_work() as uow:
            report = await import_structure(uow, parse_structure({**data, "public_records": on}))
            await uow.commit()
        assert report.updated["communities"] == 1
        async with unit_of_work() as uow:
            assert [c.name for c in await uow.communities.with_public_records()] == ([data["community"]] if on else [])
    async with unit_of_work() as uow:
        rows = (
            await uow.session.execute(
                text("SELECT details FROM audit_events WHERE action = 'structure.public_records_changed' ORDER BY id")
            )
        ).all()
    changes = [json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in rows]
    assert [(change["before"], change["after"]) for change in changes] == [
        ({"public_records": False}, {"public_records": True}),
        ({"public_records": True}, {"public_records": False}),
    ]
    with pytest.raises(DomainError) as refused:
        parse_structure({**data, "public_records": "kanskje"})
    assert "public_records" in str(refused.value.params["details"])


async def test_retention_periods_are_imported_a_change_is_audited_and_a_bad_one_is_refused_at_its_place(
    unit_of_work: Callable[[], SqlUnitOfWork],
) -> None:
    data = test_structure()
    async with unit_of_work() as uow:
        await import_structure(uow, parse_structure(data))
        await uow.commit()
    shorter = {**data, "retention": {"sent_messages_days": 14, "former_members_months": 3}}
    for _ in range(2):  # the second import of the same file changes nothing and audits nothing
        async with unit_of_work() as uow:
            await import_structure(uow, parse_structure(shorter))
            await uow.commit()
    async with unit_of_work() as uow:
        community = await uow.communities.by_name(data["community"])
        assert community is not None and community.retention is not None
        assert community.retention["sent_messages_days"] == 14 and community.retention["activity_ids_days"] == 30
        rows = (
            await uow.session.execute(
                text("SELECT details FROM audit_events WHERE action = 'structure.retention_changed' ORDER BY id")
            )
        ).all()
    [change] = [json.loads(row[0]) if isinstance(row[0], str) else row[0] for row in rows]
    assert (change["before"]["sent_messages_days"], change["after"]["sent_messages_days"]) == (30, 14)
    assert (change["before"]["former_members_months"], change["after"]["former_members_months"]) == (6, 3)

    for retention, place in (
        ({"sent_messages_days": 0}, "retention.sent_messages_days"),
        ({"former_members_months": 121}, "retention.former_members_months"),
        ({"sent_messages": 30}, "retention.sent_messages"),  # the unit belongs in the key
    ):
        with pytest.raises(DomainError) as refused:
            parse_structure({**data, "retention": retention})
        assert place in str(refused.value.params["details"]), refused.value.params
