"""The `hfbot` command line on the test database: import twice, db upgrade."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from governance.meetings import schedule
from governance.rules.clock import SystemClock
from governance.rules.reminders import Delivery, DeliveryStatus
from storage.unit_of_work import SqlUnitOfWork
from tests.integration.helpers import run_as
from tests.support.structure import SECRETARIAT_AAD

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_import_reports_what_it_created_and_then_that_nothing_changed(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["import", str(EXAMPLES / "vestfold.yaml")]) == 0
    first = capsys.readouterr().out
    assert "Helsefellesskapet i Vestfold" in first and "bodies created" in first
    assert main(["import", str(EXAMPLES / "vestfold.yaml")]) == 0
    assert capsys.readouterr().out.strip().endswith("no changes.")


def test_import_of_a_broken_file_says_where_it_is_broken(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    broken = tmp_path / "broken.yaml"
    broken.write_text("community: X\nbodies:\n  - key: SSU\n    name: SSU\n    kind: styre\n", encoding="utf-8")
    assert main(["import", str(broken)]) == 2
    assert f"{broken}:5: bodies[0].kind: expected 'partnerskapsmote'" in capsys.readouterr().err


def test_db_upgrade_migrates_an_empty_database(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_chat_demo_shows_a_newcomer_the_product_in_one_command(database_url: str, tmp_path: Path) -> None:
    script = "saksliste\nny sak Kompetansedeling mellom kommunene\nsaker\nmine tiltak\nmedlemmer synk\nhelp\navslutt\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", "--demo"],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "DATABASE_URL": database_url},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Saksliste – Strategisk samarbeidsutvalg (SSU)" in out
    assert "1. Godkjenning av innkalling og saksliste" in out
    assert "Sak 5/" in out and "Kompetansedeling mellom kommunene" in out  # the demo holds four cases
    assert "I kø (2)" in out  # the new case joined the demo's one queued case
    # The demo's plan on the SSU agenda: this year's 8 measures, or next year's 6 carried over.
    assert re.search(r"Status handlingsplan 20\d\d \(Orienteringssak\)\n +[68] tiltak: ", out)
    assert "4.1 Felles kompetanseplan" in out  # the secretariat's own measure
    assert "Medlemslisten til SSU kan bare leses fra Teams" in out  # the console has no roster
    assert "Traceback" not in out + result.stderr


async def test_reminders_lists_what_falls_due_and_what_did_not_get_through(
    database_url: str, structure: None, unit_of_work: Callable[[], SqlUnitOfWork],
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    clock = SystemClock()  # the command reads the real time, as an operator's would
    meeting_day = (clock.now() + timedelta(days=30)).date()
    await run_as(
        unit_of_work, clock, SECRETARIAT_AAD,
        lambda ctx: schedule.plan_meeting(ctx, "SSU", meeting_day, time(9), None, None),
    )  # fmt: skip
    async with unit_of_work() as uow:
        body = await uow.bodies.by_key("SSU")
        assert body is not None and body.id is not None
        now = clock.now()
        await uow.deliveries.add_new(
            [
                Delivery("meeting:1:agenda:x:channel", body.id, "19:c", "tekst", now, now, status=DeliveryStatus.FAILED, last_error="http_403"),
                Delivery("meeting:1:agenda:y:channel", body.id, "19:c", "tekst", now, now, status=DeliveryStatus.SENT, sent_at=now - timedelta(hours=1)),
                Delivery("meeting:1:agenda:z:channel", body.id, "19:c", "tekst", now, now, status=DeliveryStatus.SENT, sent_at=now - timedelta(days=2)),
            ]
        )  # fmt: skip
        await uow.commit()
    monkeypatch.setenv("DATABASE_URL", database_url)

    assert await asyncio.to_thread(main, ["reminders", "--days", "40"]) == 0

    out = capsys.readouterr().out
    assert "Reminders due in the next 40 days: 3" in out
    assert re.search(r"SSU +meeting_eve +meeting:\d+:meeting_eve:", out)
    assert "Messages that failed or may not have arrived: 1" in out and "http_403" in out
    assert "Outbox: pending 0, claimed 0, sending 0, failed 1, uncertain 0; sent in the last 24 h 1;" in out
