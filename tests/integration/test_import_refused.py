"""`hfbot import` and `hfbot import-plan` refuse a file with mistakes whole: one line per mistake
naming the file, the line and the place in it, exit status 2, and nothing in the database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main
from storage.unit_of_work import SqlUnitOfWork

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

STRUCTURE = """\
community: Helsefellesskapet Test
bodies:
  - key: PM
    name: Partnerskapsmøtet
    kind: partnerskapsmote
  - key: SSU
    name: Strategisk samarbeidsutvalg
    kind: strategisk
    parent: PM
    members:
      - name: Kari Nordmann
        email: kari@example.no
        role: leder
"""

# (what the file says, the lines `hfbot import` prints before "nothing imported.")
INVALID_STRUCTURES = {
    # Skatteetaten's published example number, in the forms people write it: refused wherever it
    # stands, the number itself never repeated.
    "identity numbers in a name and an unknown field": (
        STRUCTURE.replace("name: Kari Nordmann", "name: Kari Nordmann 020132-99997").replace(
            "        role: leder\n", "        role: leder\n        merknad: 0 2 0 1 3 2 9 9 9 9 7\n"
        ),
        [
            "FILE:11: bodies[1].members[0].name: holds an identity number (fødselsnummer, D-, H- or FH-number), "
            "which the bot never stores",
            "FILE:14: bodies[1].members[0].merknad: holds an identity number (fødselsnummer, D-, H- or FH-number), "
            "which the bot never stores",
        ],
    ),
    "parents in a cycle": (
        STRUCTURE.replace("    kind: partnerskapsmote\n", "    kind: partnerskapsmote\n    parent: SSU\n"),
        ["FILE:6: bodies[0].parent: the parents go round in a circle: PM → SSU → PM (each is under the next)"],
    ),
    "a body under itself": (
        STRUCTURE.replace("parent: PM", "parent: SSU"),
        ["FILE:9: bodies[1].parent: the parents go round in a circle: SSU → SSU (each is under the next)"],
    ),
    "unknown parent": (
        STRUCTURE.replace("parent: PM", "parent: PN"),
        ["FILE:9: bodies[1].parent: no body in the file has the key 'PN'"],
    ),
    "a key given twice in one entry": (
        STRUCTURE.replace("        role: leder\n", "        role: leder\n        role: medlem\n"),
        ["FILE:14: 'role' is given twice (also on line 13)"],
    ),
    "a key given twice on one line": (
        STRUCTURE + "      - {name: Per, email: per@example.no, name: Pål}\n",
        ["FILE:14: 'name' is given twice (also on line 14)"],
    ),
    "two bodies with one key": (
        STRUCTURE.replace("key: SSU", "key: pm").replace("    parent: PM\n", ""),
        ["FILE:6: bodies[1].key: pm is already the key of bodies[0]"],
    ),
    "a member listed twice": (
        STRUCTURE + "      - name: Kari Nordmann\n        email: KARI@example.no\n",
        ["FILE:15: bodies[1].members[1].email: kari@example.no is already members[0] of SSU"],
    ),
    "one person with two names": (
        STRUCTURE.replace("bodies:\n", "secretariat:\n  - {name: Kari N., email: kari@example.no}\nbodies:\n", 1),
        ["FILE:13: bodies[1].members[0].name: kari@example.no is called 'Kari N.' in secretariat[0]"],
    ),
    "bad role and email": (
        STRUCTURE.replace("role: leder", "role: sjef").replace("kari@example.no", "kari(at)example.no"),
        [
            "FILE:12: bodies[1].members[0].email: expected an email address, got 'kari(at)example.no'",
            "FILE:13: bodies[1].members[0].role: expected 'leder', 'nestleder', 'medlem', 'vara', 'sekretær' or "
            "'observatør', got 'sjef'",
        ],
    ),
    "bad approval and kind": (
        STRUCTURE.replace("kind: strategisk", "kind: styre\n    approval: everyone"),
        [
            "FILE:8: bodies[1].kind: expected 'partnerskapsmote', 'strategisk', 'lokalt', 'faglig', 'arbeidsutvalg', "
            "'fagrad' or 'arbeidsgruppe', got 'styre'",
            "FILE:9: bodies[1].approval: expected 'leader', 'leader_and_one_member', 'all_members' or 'majority', "
            "got 'everyone'",
        ],
    ),
    "bad reminders values": (
        STRUCTURE.replace(
            "    parent: PM\n",
            "    parent: PM\n    reminders:\n      case_deadline_days: fjorten\n      agenda_mode: email\n"
            "      meeting_eve: kanskje\n      agenda_day: 7\n",
        ),
        [
            "FILE:11: bodies[1].reminders.case_deadline_days: expected a whole number, got 'fjorten'",
            "FILE:12: bodies[1].reminders.agenda_mode: expected 'publish' or 'remind', got 'email'",
            "FILE:13: bodies[1].reminders.meeting_eve: expected true or false, got 'kanskje'",
            "FILE:14: bodies[1].reminders.agenda_day: unknown field",
        ],
    ),
    "wrong types": (
        "community: [Helsefellesskapet Test]\nbodies: PM\n",
        ["FILE:1: community: expected text", "FILE:2: bodies: expected a list, got 'PM'"],
    ),
    "a missing field": (
        STRUCTURE.replace("    name: Partnerskapsmøtet\n", ""),
        ["FILE:3: bodies[0].name: missing (required)"],
    ),
    "a tenant that is not a GUID": (
        STRUCTURE.replace("bodies:\n", "tenants: [contoso.onmicrosoft.com]\nbodies:\n", 1),
        [
            "FILE:2: tenants[0]: expected a tenant id (a GUID like 72f988bf-86f1-41af-91ab-2d7cd011db47), "
            "got 'contoso.onmicrosoft.com'"
        ],
    ),
    "an unknown time zone": (
        STRUCTURE.replace("bodies:\n", "timezone: Europe/Olso\nbodies:\n", 1),
        ["FILE:2: timezone: expected a time zone like Europe/Oslo, got 'Europe/Olso'"],
    ),
    "not YAML": (
        "community: Test\nbodies:\n  - key: PM\n   name: x\n",
        ["FILE:4: not valid YAML: expected <block end>, but found '<block mapping start>'"],
    ),
    "not a mapping": (
        "- PM\n- SSU\n",
        ["FILE:1: expected a mapping with community: and bodies: at the top (see examples/), not a list"],
    ),
    "an empty file": ("", ["FILE: the file is empty"]),
}


@pytest.mark.parametrize("case", INVALID_STRUCTURES, ids=str)
async def test_an_invalid_structure_file_is_refused_whole_with_each_mistake_located(
    database_url: str, unit_of_work: UnitOfWorkFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], case: str,
) -> None:  # fmt: skip
    text, lines = INVALID_STRUCTURES[case]
    path = tmp_path / "struktur.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert await asyncio.to_thread(main, ["import", str(path)]) == 2

    captured = capsys.readouterr()
    assert captured.err.replace(str(path), "FILE").splitlines() == [
        *(f"hfbot import: {line}" for line in lines),
        "hfbot import: nothing imported.",
    ]
    assert captured.out == ""
    async with unit_of_work() as uow:
        assert await uow.bodies.keys() == []
        assert await uow.persons.by_email("kari@example.no") is None


async def test_a_missing_or_unreadable_structure_file_is_refused(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    binary = tmp_path / "struktur.xlsx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")

    assert await asyncio.to_thread(main, ["import", str(tmp_path / "mangler.yaml")]) == 2
    assert await asyncio.to_thread(main, ["import", str(binary)]) == 2
    assert await asyncio.to_thread(main, ["import-plan", str(tmp_path)]) == 2

    assert capsys.readouterr().err.replace(str(tmp_path), "DIR").splitlines() == [
        "hfbot import: DIR/mangler.yaml: no such file",
        "hfbot import: nothing imported.",
        "hfbot import: DIR/struktur.xlsx: not a text file in UTF-8",
        "hfbot import: nothing imported.",
        "hfbot import-plan: DIR: is a folder, not a file",
        "hfbot import-plan: nothing imported.",
    ]


async def test_a_structure_that_would_take_another_helsefellesskaps_body_or_persons_id_is_refused(
    database_url: str, unit_of_work: UnitOfWorkFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    # Keys are unique in a database: importing them for another community moved the bodies there.
    monkeypatch.setenv("DATABASE_URL", database_url)
    first = tmp_path / "first.yaml"
    first.write_text(
        STRUCTURE.replace("        role: leder\n", "        role: leder\n        aad_object_id: 6b1e2a9c-0000-4000-8000-000000000001\n"),
        encoding="utf-8",
    )  # fmt: skip
    assert await asyncio.to_thread(main, ["import", str(first)]) == 0
    other = tmp_path / "other.yaml"
    other.write_text(
        "community: Helsefellesskapet Annet\nbodies:\n  - key: SSU\n    name: Annet SSU\n    kind: strategisk\n"
        "    members:\n      - name: Per\n        email: per@example.no\n"
        "        aad_object_id: 6b1e2a9c-0000-4000-8000-000000000001\n",
        encoding="utf-8",
    )
    capsys.readouterr()

    assert await asyncio.to_thread(main, ["import", str(other)]) == 2

    assert capsys.readouterr().err.replace(str(other), "FILE").splitlines() == [
        "hfbot import: FILE:3: bodies[0].key: SSU is a body of Helsefellesskapet Test already (body keys are unique "
        "in a database; use another DATABASE_URL for another helsefellesskap)",
        "hfbot import: FILE:9: bodies[0].members[0].aad_object_id: this object id belongs to kari@example.no already",
        "hfbot import: nothing imported.",
    ]
    async with unit_of_work() as uow:
        assert await uow.communities.by_name("Helsefellesskapet Annet") is None
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None and ssu.name == "Strategisk samarbeidsutvalg"
        assert await uow.persons.by_email("per@example.no") is None


PLAN = """\
year: 2026
owner: SSU
areas:
  - number: 1
    title: Skrøpelige eldre
    measures:
      - number: "1.1"
        title: Vitality
        owner: lise@example.no
        due: 2026-12-31
      - number: "1.2"
        title: Felles kompetanseplan
        owner: Akuttutvalget
"""

INVALID_PLANS = {
    "an identity number in a measure's title": (
        PLAN.replace("title: Vitality", "title: Vitality for 020132.99997"),
        [
            "FILE:8: areas[0].measures[0].title: holds an identity number (fødselsnummer, D-, H- or FH-number), "
            "which the bot never stores"
        ],
    ),
    "a date not in the calendar": (
        PLAN.replace("2026-12-31", "2026-02-30"),
        ["FILE:10: '2026-02-30' is not a date in the calendar"],
    ),
    "a date in the wrong form": (
        PLAN.replace("2026-12-31", "31.12.2026"),
        ["FILE:10: areas[0].measures[0].due: expected a date like 2024-12-31, got '31.12.2026'"],
    ),
    "duplicate measure numbers": (
        PLAN.replace('"1.2"', '"1.1"'),
        [
            "FILE:11: areas[0].measures[1].number: measure 1.1 is already measures[0] (write numbers in quotes, "
            '"1.10", or YAML reads 1.10 as 1.1)'
        ],
    ),
    "an unquoted 1.10": (
        PLAN.replace('"1.2"', "1.10").replace('"1.1"', "1.1"),
        [
            "FILE:11: areas[0].measures[1].number: measure 1.1 is already measures[0] (write numbers in quotes, "
            '"1.10", or YAML reads 1.10 as 1.1)'
        ],
    ),
    "a measure under the wrong area": (
        PLAN.replace('"1.2"', '"2.1"'),
        ["FILE:11: areas[0].measures[1].number: measure 2.1 is not numbered under focus area 1 (1.1, 1.2, ...)"],
    ),
    "two areas with one number": (
        PLAN + "  - number: 1\n    title: Igjen\n",
        ["FILE:14: areas[1].number: focus area 1 is already areas[0]"],
    ),
    "bad status and year": (
        PLAN.replace("year: 2026", "year: tjuesekstiseks").replace(
            "title: Vitality", "title: Vitality\n        status: ferdig"
        ),
        [
            "FILE:1: year: expected a whole number, got 'tjuesekstiseks'",
            "FILE:9: areas[0].measures[0].status: expected 'ikke startet', 'pågående', 'fullført', 'utsatt' or "
            "'avsluttet', got 'ferdig'",
        ],
    ),
    "a duplicate key": (
        PLAN.replace("owner: SSU\n", "owner: SSU\nowner: PM\n"),
        ["FILE:3: 'owner' is given twice (also on line 2)"],
    ),
    "a plan for an unknown body": (
        PLAN.replace("owner: SSU", "owner: SUU"),
        ["FILE:2: owner: no body has the key 'SUU'; bodies come from the structure file (hfbot import)"],
    ),
    "an owner's email nobody has": (
        PLAN.replace("lise@example.no", "lise@exmaple.no"),
        ["FILE:9: areas[0].measures[0].owner: no person has the email lise@exmaple.no"],
    ),
    "not a mapping": (
        "just a sentence\n",
        ["FILE:1: expected a mapping with year:, owner: and areas: at the top (see examples/), not a single value"],
    ),
    "an empty file": ("# nothing yet\n", ["FILE: the file is empty"]),
}


@pytest.mark.parametrize("case", INVALID_PLANS, ids=str)
async def test_an_invalid_plan_file_is_refused_whole_with_each_mistake_located(
    database_url: str, structure: None, unit_of_work: UnitOfWorkFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], case: str,
) -> None:  # fmt: skip
    text, lines = INVALID_PLANS[case]
    path = tmp_path / "handlingsplan.yaml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert await asyncio.to_thread(main, ["import-plan", str(path)]) == 2

    captured = capsys.readouterr()
    assert captured.err.replace(str(path), "FILE").splitlines() == [
        *(f"hfbot import-plan: {line}" for line in lines),
        "hfbot import-plan: nothing imported.",
    ]
    assert captured.out == ""
    async with unit_of_work() as uow:
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None
        assert await uow.plans.for_year(ssu.community_id, 2026) is None


async def test_the_valid_plan_the_refusals_start_from_imports(
    database_url: str, structure: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    # Owners named by a name nobody has are kept as names, as before; only an email must match.
    path = tmp_path / "handlingsplan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert await asyncio.to_thread(main, ["import-plan", str(path)]) == 0

    assert capsys.readouterr().out.splitlines() == [
        "Handlingsplan 2026: focus areas created 1, measures created 2, plans created 1.",
        "Owners not found as a person or body, kept as names: 1.2: Akuttutvalget",
    ]


async def test_the_demo_is_not_loaded_over_a_structure_with_the_same_keys(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert await asyncio.to_thread(main, ["import", str(EXAMPLES / "vestfold.yaml")]) == 0

    assert await asyncio.to_thread(main, ["chat", "--demo"]) == 2

    err = capsys.readouterr().err
    assert err.startswith(
        "hfbot chat: cannot load the demo: bodies[0].key: PM is a body of Helsefellesskapet i Vestfold"
    )


async def test_a_value_merged_in_from_an_anchor_may_be_overridden(
    database_url: str, unit_of_work: UnitOfWorkFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only a key written twice is a mistake, not one that overrides what `<<:` brought in.
    path = tmp_path / "struktur.yaml"
    path.write_text(
        "community: Helsefellesskapet Test\n"
        "bodies:\n  - &pm {key: PM, name: Partnerskapsmøtet, kind: partnerskapsmote}\n"
        "  - <<: *pm\n    key: PM2\n    name: Partnerskapsmøtet 2\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert await asyncio.to_thread(main, ["import", str(path)]) == 0

    async with unit_of_work() as uow:
        assert sorted(await uow.bodies.keys()) == ["PM", "PM2"]
