"""The Teams command menus come from the command registry, and `hfbot manifest` builds a valid
package or refuses, with one clear line and exit status 2, to build one Teams would not take."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from bot.cli import main
from bot.manifest_commands import manifest_menus
from bot.registry import REGISTRY
from manifest.build import MAX_COMMANDS
from tests.support.node_validators import node_validators_available, package_errors

APP_ID = "3f2b8c1e-5d4a-4e6b-9a7c-1d2e3f4a5b6c"
PUBLISHER = [
    "--developer-name", "Helsefellesskap Vestre Viken",
    "--website-url", "https://www.vestreviken.no/helsefellesskap",
    "--privacy-url", "https://www.vestreviken.no/personvern",
    "--terms-url", "https://www.vestreviken.no/vilkar",
]  # fmt: skip

needs_node = pytest.mark.skipif(
    not node_validators_available(), reason="node is not installed, so the Teams manifest validator cannot run"
)


@pytest.fixture(autouse=True)
def no_public_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HFBOT_PUBLIC_URL", raising=False)


def test_every_menu_entry_is_a_registry_command_in_both_languages() -> None:
    names = {command.name: command.alias for command in REGISTRY.commands}
    for menu in manifest_menus().values():
        assert 0 < len(menu) <= MAX_COMMANDS
        for entry in menu:
            assert names[entry.title] == entry.title_en


def test_each_scope_has_the_commands_used_there() -> None:
    menus = {scope: [entry.title for entry in menu] for scope, menu in manifest_menus().items()}
    assert set(menus) == {"team", "personal", "groupChat"}
    assert all(menu[0] == "hjelp" for menu in menus.values())
    # The secretariat's channel work, a member's own matters in a personal chat.
    assert {"nytt møte", "publiser saksliste", "protokoll", "fremmøte", "medlemmer synk"} <= set(menus["team"])
    assert {"mine tiltak", "forfall", "inhabil", "kalender"} <= set(menus["personal"])
    assert "publiser saksliste" not in menus["personal"] and "koble" not in menus["personal"]
    assert "mine tiltak" not in menus["team"]
    assert len({tuple(menu) for menu in menus.values()}) == 3


@needs_node
def test_hfbot_manifest_writes_a_package_the_official_validator_accepts(tmp_path: Path) -> None:
    public_url = ["--public-url", "https://hfbot.vestreviken.no"]
    assert main(["manifest", "--app-id", APP_ID, *public_url, *PUBLISHER, "--out", str(tmp_path)]) == 0
    package = tmp_path / "hfbot-teams-app.zip"
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        english = json.loads(archive.read("en-us.json"))
    assert package_errors(tmp_path) == {"manifest.json": [], "en-us.json": []}
    bot = manifest["bots"][0]
    assert bot["botId"] == APP_ID
    assert manifest["validDomains"] == ["hfbot.vestreviken.no"]
    menus = {entry["scopes"][0]: [c["title"] for c in entry["commands"]] for entry in bot["commandLists"]}
    assert menus == {scope: [entry.title for entry in menu] for scope, menu in manifest_menus().items()}
    assert english["bots[0].commandLists[1].commands[0].title"] == "help"


@needs_node
def test_hfbot_manifest_takes_the_public_url_from_the_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HFBOT_PUBLIC_URL", "https://bot.helse-mr.no/")
    assert main(["manifest", "--app-id", APP_ID, *PUBLISHER, "--out", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))["validDomains"] == ["bot.helse-mr.no"]
    assert package_errors(tmp_path) == {"manifest.json": [], "en-us.json": []}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--app-id", "not-a-guid", "--public-url", "https://hfbot.vestreviken.no", *PUBLISHER],
            "hfbot manifest: --app-id must be the bot's Microsoft App ID, a GUID",
        ),
        (
            ["--app-id", APP_ID, *PUBLISHER],
            "hfbot manifest: the package needs the bot's public https address: set HFBOT_PUBLIC_URL or pass --public-url",
        ),
        (
            ["--app-id", APP_ID, "--public-url", "http://127.0.0.1:3978", *PUBLISHER],
            "hfbot manifest: HFBOT_PUBLIC_URL / --public-url must be a public https:// address",
        ),
        (
            [
                "--app-id",
                APP_ID,
                "--public-url",
                "https://hfbot.vestreviken.no",
                *PUBLISHER[:-1],
                "https://www.example.no/vilkar",
            ],
            "hfbot manifest: --terms-url is a placeholder (www.example.no)",
        ),
    ],
)
def test_hfbot_manifest_refuses_a_package_teams_would_not_take(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    out = tmp_path / "dist"
    assert main(["manifest", *arguments, "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(message)
    assert len(captured.err.strip().splitlines()) == 1  # one line, no traceback
    assert not out.exists()  # nothing half-written to upload by mistake


def test_hfbot_manifest_asks_for_the_publisher(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["manifest", "--app-id", APP_ID, "--public-url", "https://hfbot.vestreviken.no", "--out", str(tmp_path)])
    assert exit_.value.code == 2
    assert "--developer-name, --website-url, --privacy-url, --terms-url" in capsys.readouterr().err
