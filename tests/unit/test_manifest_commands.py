"""The Teams command menu comes from the command registry, and the CLI builds a valid package."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from bot.cli import main
from bot.manifest_commands import manifest_commands
from bot.registry import REGISTRY
from tests.support.node_validators import manifest_errors

APP_ID = "3f2b8c1e-5d4a-4e6b-9a7c-1d2e3f4a5b6c"


def test_the_menu_lists_the_registry_commands_in_registry_order() -> None:
    titles = [command.title for command in manifest_commands()]
    assert titles == [command.name for command in REGISTRY.commands]


def test_hfbot_manifest_writes_a_package_the_official_validator_accepts(tmp_path: Path) -> None:
    assert main(["manifest", "--app-id", APP_ID, "--out", str(tmp_path)]) == 0
    package = tmp_path / "hfbot-teams-app.zip"
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest_errors(tmp_path / "manifest.json") == []
    bot = manifest["bots"][0]
    assert bot["botId"] == APP_ID
    assert set(bot["scopes"]) == {"personal", "team", "groupChat"}
    menu_titles = {command["title"] for command_list in bot["commandLists"] for command in command_list["commands"]}
    assert {"saksliste", "ny sak", "nytt møte", "publiser saksliste"} <= menu_titles
    assert menu_titles <= {command.name for command in REGISTRY.commands}
