"""`hfbot audit export` and `hfbot access-review` on the test database: what the IT department
gets, read page by page, and a clear refusal of a date that is none."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import bot.audit_export
from bot.cli import main
from governance.meetings import cases
from governance.rules.clock import FixedClock
from governance.rules.model import CaseType
from storage.unit_of_work import SqlUnitOfWork
from tests.integration.helpers import run_as
from tests.support.structure import MEMBER_AAD, SECRETARIAT_AAD

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]
MONDAY = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 09.00 in Oslo


async def register_cases(unit_of_work: UnitOfWorkFactory, start: datetime, titles: list[str]) -> None:
    """Tien registers one case a minute from `start`, each audited as `case.registered`."""
    for minute, title in enumerate(titles):
        clock = FixedClock(start + timedelta(minutes=minute))
        await run_as(
            unit_of_work, clock, MEMBER_AAD,
            lambda ctx, title=title: cases.register_case(ctx, "SSU", title, CaseType.VEDTAKSSAK),
        )  # fmt: skip


async def test_the_export_writes_each_event_of_the_days_asked_for_as_json_lines(
    database_url: str, structure: None, unit_of_work: UnitOfWorkFactory, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    await register_cases(unit_of_work, MONDAY - timedelta(days=1), ["Dagen før"])
    await register_cases(unit_of_work, MONDAY, ["Første", "Andre", "Tredje", "Fjerde", "Femte"])
    await register_cases(unit_of_work, MONDAY + timedelta(days=1), ["Dagen etter"])
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setattr(bot.audit_export, "EXPORT_PAGE", 2)  # five events: three pages
    output = tmp_path / "logg.jsonl"

    code = await asyncio.to_thread(
        main, ["audit", "export", "--since", "23.11.2026", "--until", "2026-11-23", "--output", str(output)]
    )

    assert code == 0
    assert capsys.readouterr().out == f"5 audit events written to {output}.\n"
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [row["details"]["reference"] for row in rows] == ["2/2026", "3/2026", "4/2026", "5/2026", "6/2026"]
    first = rows[0]
    assert first["at"] == "2026-11-23T08:00:00+00:00"
    assert first["actor_name"] == "Tien Medlem" and isinstance(first["actor_person_id"], int)
    assert (first["action"], first["body"]) == ("case.registered", "SSU")
    assert first["subject"].startswith("case:")
    assert set(first) == {"at", "actor_person_id", "actor_name", "action", "subject", "body", "details"}


async def test_the_export_as_csv_goes_to_standard_output(
    database_url: str, structure: None, unit_of_work: UnitOfWorkFactory,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    await register_cases(unit_of_work, MONDAY, ["Første"])
    monkeypatch.setenv("DATABASE_URL", database_url)

    code = await asyncio.to_thread(
        main, ["audit", "export", "--since", "2026-11-23", "--until", "23.11.2026", "--format", "csv"]
    )

    assert code == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert (row["at"], row["actor_name"], row["action"], row["body"]) == (
        "2026-11-23T08:00:00+00:00",
        "Tien Medlem",
        "case.registered",
        "SSU",
    )
    assert json.loads(row["details"])["reference"] == "1/2026"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--since", "31.02.2026"], "--since: '31.02.2026' is not a date (write it as 31.12.2026 or 2026-12-31)"),
        (["--since", "i går"], "--since: 'i går' is not a date (write it as 31.12.2026 or 2026-12-31)"),
        (["--since", "01.12.2026", "--until", "2026-13-01"], "--until: '2026-13-01' is not a date"),
        (["--since", "02.12.2026", "--until", "01.12.2026"], "--until is before --since"),
    ],
)
def test_a_bad_date_is_refused_with_a_clear_message_and_status_2(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    arguments: list[str], message: str,
) -> None:  # fmt: skip
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["audit", "export", *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"hfbot audit export: {message}") and captured.out == ""


async def test_access_review_prints_every_body_the_secretariat_and_the_role_changes(
    database_url: str, structure: None, unit_of_work: UnitOfWorkFactory,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert await asyncio.to_thread(main, ["access-review"]) == 0

    text = capsys.readouterr().out
    for expected in (
        "Tilganger",
        "Partnerskapsmøtet (PM)\n  Ingen har roller her.",
        "Strategisk samarbeidsutvalg (SSU)\n  Lise Leder · Leder · Test HF · Entra-ID kjent\n"
        "  Tien Medlem · Medlem · Testby kommune · Entra-ID kjent",
        "Lokalt samarbeidsutvalg Testby (LSU)\n  Tien Medlem · Leder · Testby kommune · Entra-ID kjent",
        "Sekretariatet\n  Dave Sekretariat · Entra-ID kjent",
        "Rolleendringer siste 90 dager",
        " · SSU · Lise Leder · lagt til: – → leder (Test HF)",
        " · Sekretariatet · Dave Sekretariat · lagt til",
    ):
        assert expected in text

    assert await asyncio.to_thread(main, ["access-review", "--format", "csv"]) == 0

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(row["body"], row["name"], row["role"], row["entra_id_known"]) for row in rows] == [
        ("SSU", "Lise Leder", "leder", "yes"),
        ("SSU", "Tien Medlem", "medlem", "yes"),
        ("LSU", "Tien Medlem", "leder", "yes"),
        ("", "Dave Sekretariat", "sekretariat", "yes"),
    ]
    assert SECRETARIAT_AAD not in text  # the review names people, not their object ids
