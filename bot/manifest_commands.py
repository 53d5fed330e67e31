"""The Teams command menu, taken from the command registry (the first ten, in registry order)."""

from __future__ import annotations

from bot.registry import REGISTRY
from manifest.build import ManifestCommand


def manifest_commands() -> list[ManifestCommand]:
    return [ManifestCommand(title=command.name, description=command.describe("nb")) for command in REGISTRY.commands]
