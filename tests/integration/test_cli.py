"""The `hfbot` command line on the test database: import twice, db upgrade."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

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
    assert main(["import", str(broken)]) == 1
    assert "bodies.0.kind" in capsys.readouterr().err


def test_db_upgrade_migrates_an_empty_database(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert main(["db", "upgrade"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_chat_demo_shows_a_newcomer_the_product_in_one_command(database_url: str, tmp_path: Path) -> None:
    script = "saksliste\nny sak Kompetansedeling mellom kommunene\nsaker\nmine tiltak\nhelp\navslutt\n"
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
    assert "Traceback" not in out + result.stderr
