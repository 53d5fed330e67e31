"""The repository is self-contained: a fresh clone runs its tests with nothing beside it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.e2e.conftest import FIXTURES

REPO_ROOT = Path(__file__).resolve().parents[2]
# A path that climbs out of the repository to the folder beside it (`../shared/...`).
OUTSIDE = re.compile(r"""\.\./shared|\.parent\s*/\s*["']shared["']""")


def test_teams_captures_live_inside_the_repository() -> None:
    assert FIXTURES.resolve().is_relative_to(REPO_ROOT)
    captures = sorted(FIXTURES.glob("*.json"))
    assert [path.name for path in captures if path.name.startswith("channel_message")] == [
        "channel_message_with_mention.json"
    ]
    for capture in captures:
        json.loads(capture.read_text(encoding="utf-8"))
    assert "provenance" in (FIXTURES / "README.md").read_text(encoding="utf-8")


def test_no_test_or_benchmark_reads_files_beside_the_repository() -> None:
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for folder in ("tests", "bench", "bot", "scheduler", "storage", "governance", "cards", "manifest")
        for path in (REPO_ROOT / folder).rglob("*.py")
        if path != Path(__file__).resolve() and OUTSIDE.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
