"""`hfbot relay` as a process of its own, for tests that kill it (SIGKILL) at an awkward moment."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


async def relay_process(database_url: str, log: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    """`hfbot relay` in a process of its own, logging to `log`, with a lease of one second (so a
    test waits little for a dead relay's lease to run out) and no pacing."""
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HFBOT_DEV_NO_AUTH": "1",
        "HFBOT_RELAY_LEASE": "1",
        "HFBOT_RELAY_PACE": "0",
        **env,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "relay", *args,
        cwd=REPO, env=environment, stdout=log.open("ab"), stderr=log.open("ab"),
    )  # fmt: skip
