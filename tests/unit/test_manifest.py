"""The Teams app package: its files, icons, command menus, translation, and schema validity."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from manifest.build import (
    ENGLISH_FILE,
    MAX_COMMAND_DESCRIPTION,
    MAX_COMMAND_TITLE,
    MAX_COMMANDS,
    PACKAGE_NAME,
    AppPackage,
    Developer,
    ManifestCommand,
    ManifestError,
    build_package,
    write_package,
)
from tests.support.node_validators import manifest_errors, node_validators_available, package_errors

APP_ID = "3f6c2a1e-8b4d-4c7a-9e12-5d0b7a6f4c21"
PUBLIC_URL = "https://hfbot.vestreviken.no/"
DEVELOPER = Developer(
    name="Helsefellesskap Vestre Viken",
    website_url="https://www.vestreviken.no/helsefellesskap",
    privacy_url="https://www.vestreviken.no/helsefellesskap/personvern",
    terms_url="https://www.vestreviken.no/helsefellesskap/vilkar",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def command(title: str, description: str, title_en: str = "", description_en: str = "") -> ManifestCommand:
    return ManifestCommand(title, description, title_en or f"{title} (en)", description_en or f"{description} (en)")


SAMPLE_COMMANDS = [
    command("hjelp", "Viser kommandoene, eller forklarer én", "help", "Lists the commands, or explains one"),
    command("saksliste", "Sakslisten til neste møte", "agenda", "The agenda of the next meeting"),
    command("ny sak", "Melder inn en sak til organets kø og svarer med saksnummeret", "new case"),
    command("saker", "Åpne saker: i køen og satt opp", "cases"),
    command("møter", "Kommende møter", "meetings"),
    command("nytt møte", "Planlegger et møte: nytt møte [organ] <dato> <hh:mm>[-<hh:mm>] [sted]", "new meeting"),
    command("vedtak", "Registrerer et vedtak og ber om godkjenning på kort. " * 5, "decide", "Records it. " * 20),
    command("protokoll", "Lager utkast til protokoll fra siste møte", "minutes"),
    command("handlingsplan", "Statusrapport for handlingsplanen", "plan"),
    command("mine tiltak", "Tiltakene du er ansvarlig for", "my actions"),
    command("organer", "Organene med nivå, overordnet organ og neste møte", "bodies"),
    command("medlemmer", "Medlemmene med rolle og hvem de representerer", "members"),
    command("forfall", "Melder forfall", "absence"),
    command("kalender", "Lenken til organets kalender", "calendar"),
]
# Each scope its own menu: the channel more than fits (cut to the first twelve), a short personal one.
SAMPLE_MENUS = {
    "team": SAMPLE_COMMANDS,
    "personal": [SAMPLE_COMMANDS[i] for i in (0, 1, 4, 9, 12, 13)],
    "groupChat": SAMPLE_COMMANDS[:8],
}

needs_node = pytest.mark.skipif(
    not node_validators_available(), reason="node is not installed, so the Teams manifest validator cannot run"
)


def build(**changes: Any) -> AppPackage:
    arguments: dict[str, Any] = {
        "app_id": APP_ID,
        "menus": SAMPLE_MENUS,
        "developer": DEVELOPER,
        "public_url": PUBLIC_URL,
        "version": "1.2.3",
    }
    arguments.update(changes)
    return build_package(**arguments)


@pytest.fixture
def app() -> AppPackage:
    return build()


@pytest.fixture
def manifest(app: AppPackage) -> dict[str, Any]:
    return app.manifest


@pytest.fixture
def package(tmp_path: Path, app: AppPackage) -> Path:
    return write_package(tmp_path, app)


def test_package_holds_the_manifest_its_english_translation_and_two_icons(package: Path) -> None:
    assert package.name == PACKAGE_NAME
    with zipfile.ZipFile(package) as archive:
        assert sorted(archive.namelist()) == ["color.png", "en-us.json", "manifest.json", "outline.png"]


def test_zipped_files_are_the_ones_written_beside_it(package: Path, app: AppPackage) -> None:
    for name, content in {"manifest.json": app.manifest, ENGLISH_FILE: app.translations[ENGLISH_FILE]}.items():
        with zipfile.ZipFile(package) as archive:
            zipped = json.loads(archive.read(name).decode("utf-8"))
        beside = json.loads((package.parent / name).read_text(encoding="utf-8"))
        assert zipped == beside == content


def test_package_is_reproducible(tmp_path: Path, app: AppPackage) -> None:
    first = write_package(tmp_path / "a", app).read_bytes()
    second = write_package(tmp_path / "b", app).read_bytes()
    assert first == second


def test_colour_icon_is_192_square(package: Path) -> None:
    width, height, _bit_depth, colour_type = _png_header(_zipped(package, "color.png"))
    assert (width, height) == (192, 192)
    assert colour_type in (2, 6)  # truecolour, with or without alpha


def test_outline_icon_is_32_square_white_on_transparent(package: Path) -> None:
    data = _zipped(package, "outline.png")
    width, height, bit_depth, colour_type = _png_header(data)
    assert (width, height, bit_depth, colour_type) == (32, 32, 8, 6)
    pixels = _rgba_pixels(data, width, height)
    assert {pixel[:3] for pixel in pixels} == {(255, 255, 255)}
    alphas = {pixel[3] for pixel in pixels}
    assert 0 in alphas and 255 in alphas  # a transparent background and a visible mark


def test_bot_entry(manifest: dict[str, Any]) -> None:
    (bot,) = manifest["bots"]
    assert bot["botId"] == manifest["id"] == APP_ID
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    assert bot["supportsFiles"] is True  # files sent to the bot in a personal chat (vedlegg)
    assert bot["isNotificationOnly"] is False
    assert manifest["validDomains"] == ["hfbot.vestreviken.no"]


def test_the_bot_can_be_added_to_shared_and_private_channels(manifest: dict[str, Any]) -> None:
    # Partners from other tenants meet the body in a shared channel.
    assert manifest["supportedChannelTypes"] == ["sharedChannels", "privateChannels"]


def test_the_publisher_is_the_one_given(manifest: dict[str, Any]) -> None:
    assert manifest["developer"] == {
        "name": "Helsefellesskap Vestre Viken",
        "websiteUrl": "https://www.vestreviken.no/helsefellesskap",
        "privacyUrl": "https://www.vestreviken.no/helsefellesskap/personvern",
        "termsOfUseUrl": "https://www.vestreviken.no/helsefellesskap/vilkar",
    }
    assert "example" not in json.dumps(manifest)


def test_each_scope_gets_its_own_menu_within_teams_limits(manifest: dict[str, Any]) -> None:
    command_lists = manifest["bots"][0]["commandLists"]
    assert [entry["scopes"] for entry in command_lists] == [["personal"], ["team"], ["groupChat"]]
    menus = {entry["scopes"][0]: [c["title"] for c in entry["commands"]] for entry in command_lists}
    # The caller's priority order is kept; a menu longer than Teams shows is cut to the first twelve.
    assert menus["team"] == [c.title for c in SAMPLE_COMMANDS[:MAX_COMMANDS]]
    assert menus["personal"] == ["hjelp", "saksliste", "møter", "mine tiltak", "forfall", "kalender"]
    assert menus["groupChat"] == [c.title for c in SAMPLE_COMMANDS[:8]]
    for entry in command_lists:
        assert len(entry["commands"]) <= MAX_COMMANDS == 12
        for entry_command in entry["commands"]:
            assert 0 < len(entry_command["title"]) <= MAX_COMMAND_TITLE
            assert 0 < len(entry_command["description"]) <= MAX_COMMAND_DESCRIPTION


def test_long_description_is_cut_at_a_word_with_an_ellipsis(manifest: dict[str, Any]) -> None:
    commands = {c["title"]: c["description"] for c in manifest["bots"][0]["commandLists"][1]["commands"]}
    cut = commands["vedtak"]
    assert cut.endswith("…")
    assert SAMPLE_COMMANDS[6].description.startswith(cut[:-1])
    assert not cut[:-1].endswith(" ")


def test_the_manifest_is_in_bokmal_with_an_english_translation(app: AppPackage) -> None:
    assert app.manifest["localizationInfo"] == {
        "defaultLanguageTag": "nb-no",
        "additionalLanguages": [{"languageTag": "en-us", "file": "en-us.json"}],
    }
    english = app.translations[ENGLISH_FILE]
    assert english["$schema"].endswith("/v1.30/MicrosoftTeams.Localization.schema.json")
    assert english["name.short"] == app.manifest["name"]["short"]
    assert english["description.short"] == "Meetings, cases, decisions and the action plan of the health partnership"
    assert english["description.full"].startswith("The Helsefellesskap bot supports")
    # Every menu entry of every scope is translated, under its place in the manifest.
    for list_index, entry in enumerate(app.manifest["bots"][0]["commandLists"]):
        for index, nb in enumerate(entry["commands"]):
            key = f"bots[0].commandLists[{list_index}].commands[{index}]"
            source = next(c for c in SAMPLE_COMMANDS if c.title == nb["title"])
            assert english[f"{key}.title"] == source.title_en
            assert len(english[f"{key}.description"]) <= MAX_COMMAND_DESCRIPTION
    assert english["bots[0].commandLists[0].commands[0].title"] == "help"
    assert english["bots[0].commandLists[0].commands[0].description"] == "Lists the commands, or explains one"


def test_too_long_command_title_is_refused() -> None:
    too_long = {"team": [command("x" * (MAX_COMMAND_TITLE + 1), "for lang")], "personal": [], "groupChat": []}
    with pytest.raises(ManifestError, match="command title"):
        build(menus=too_long)


def test_non_semver_app_version_is_refused() -> None:
    with pytest.raises(ManifestError, match="MAJOR.MINOR.PATCH"):
        build(version="1.0")


@pytest.mark.parametrize("app_id", ["not-a-guid", "", "3f6c2a1e8b4d4c7a9e125d0b7a6f4c21", f"{APP_ID}x"])
def test_an_app_id_that_is_not_a_guid_is_refused(app_id: str) -> None:
    with pytest.raises(ManifestError, match="--app-id must be the bot's Microsoft App ID, a GUID"):
        build(app_id=app_id)


def test_without_a_public_url_the_package_is_refused() -> None:
    with pytest.raises(ManifestError, match="set HFBOT_PUBLIC_URL or pass --public-url"):
        build(public_url="")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://hfbot.vestreviken.no", "public https"),
        ("https://127.0.0.1:3978", "not this machine"),
        ("https://localhost:3978", "not this machine"),
        ("https://10.1.2.3", "private network"),
        ("https://hfbot.example.no", "placeholder"),
        ("hfbot.vestreviken.no", "public https"),
    ],
)
def test_a_public_url_teams_cannot_reach_is_refused(url: str, reason: str) -> None:
    with pytest.raises(ManifestError, match=reason):
        build(public_url=url)


@pytest.mark.parametrize(
    ("field", "option", "value"),
    [
        ("website_url", "--website-url", "https://www.example.no/helsefellesskap"),
        ("privacy_url", "--privacy-url", "https://www.example.no/helsefellesskap/personvern"),
        ("terms_url", "--terms-url", "https://www.example.com/vilkar"),
        ("terms_url", "--terms-url", "http://www.vestreviken.no/vilkar"),
        ("privacy_url", "--privacy-url", ""),
    ],
)
def test_placeholder_or_unsafe_publisher_pages_are_refused(field: str, option: str, value: str) -> None:
    with pytest.raises(ManifestError, match=option):
        build(developer=replace(DEVELOPER, **{field: value}))


@pytest.mark.parametrize("name", ["", "  ", "x" * 33])
def test_a_publisher_name_teams_cannot_show_is_refused(name: str) -> None:
    with pytest.raises(ManifestError, match="--developer-name"):
        build(developer=replace(DEVELOPER, name=name))


def test_names_and_descriptions_fit_the_schema(manifest: dict[str, Any]) -> None:
    assert manifest["name"]["short"] == "Helsefellesskap"
    assert manifest["name"]["full"] == "Helsefellesskapsboten – møter, saker og vedtak"
    assert len(manifest["description"]["short"]) <= 80
    assert len(manifest["description"]["full"]) <= 4000


VARIANTS = {
    "sample": {},
    "url with port and path": {"public_url": "https://bot.helse-mr.no:8443/hfbot"},
    "one command per scope": {"menus": {scope: SAMPLE_COMMANDS[:1] for scope in SAMPLE_MENUS}},
    "full menus everywhere": {"menus": {scope: SAMPLE_COMMANDS for scope in SAMPLE_MENUS}},
    "empty personal menu": {"menus": {**SAMPLE_MENUS, "personal": []}},
    "upper-case app id": {"app_id": APP_ID.upper(), "version": "10.0.1"},
}


@needs_node
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_passes_the_official_schema(tmp_path: Path, variant: str) -> None:
    write_package(tmp_path, build(**VARIANTS[variant]))
    assert package_errors(tmp_path) == {"manifest.json": [], "en-us.json": []}


@needs_node
def test_manifest_validator_reports_a_broken_manifest(tmp_path: Path, app: AppPackage) -> None:
    app.manifest["bots"][0]["scopes"] = ["nowhere"]
    app.manifest["id"] = "not-a-guid"
    write_package(tmp_path, app)
    errors = manifest_errors(tmp_path / "manifest.json")
    assert any("/bots/0/scopes/0" in error for error in errors), errors
    assert any(error.startswith("/id ") for error in errors), errors


@needs_node
def test_localization_validator_reports_a_broken_translation(tmp_path: Path, app: AppPackage) -> None:
    english = app.translations[ENGLISH_FILE]
    english["name.short"] = "x" * 31
    english["bots[0].commandLists[0].commands[12].title"] = "a thirteenth command"
    del english["description.full"]
    write_package(tmp_path, app)
    errors = package_errors(tmp_path)[ENGLISH_FILE]
    assert any(error.startswith("/name.short ") for error in errors), errors
    assert any("commands[12]" in error for error in errors), errors
    assert any("description.full" in error for error in errors), errors


@needs_node
def test_manifest_validator_refuses_a_schema_it_would_have_to_download(tmp_path: Path, app: AppPackage) -> None:
    app.manifest["$schema"] = "https://developer.microsoft.com/json-schemas/teams/v9.99/MicrosoftTeams.schema.json"
    write_package(tmp_path, app)
    errors = manifest_errors(tmp_path / "manifest.json")
    assert len(errors) == 1 and "not bundled" in errors[0]


def _zipped(package: Path, name: str) -> bytes:
    with zipfile.ZipFile(package) as archive:
        return archive.read(name)


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == PNG_SIGNATURE
    chunks: list[tuple[bytes, bytes]] = []
    offset = 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        chunks.append((kind, data[offset + 8 : offset + 8 + length]))
        offset += 12 + length  # length, type, data, CRC
    return chunks


def _png_header(data: bytes) -> tuple[int, int, int, int]:
    kind, body = _png_chunks(data)[0]
    assert kind == b"IHDR"
    width, height, bit_depth, colour_type = struct.unpack(">IIBB", body[:10])
    return width, height, bit_depth, colour_type


def _rgba_pixels(data: bytes, width: int, height: int) -> list[tuple[int, int, int, int]]:
    """Decodes an 8-bit, non-interlaced RGBA PNG, enough to check the outline icon without Pillow."""
    chunks = _png_chunks(data)
    assert chunks[0][1][12] == 0, "interlaced PNGs are not decoded here"
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride = width * 4
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous)
        rows.append(row)
        previous = row
    flat = b"".join(rows)
    return [tuple(flat[i : i + 4]) for i in range(0, len(flat), 4)]  # type: ignore[misc]


def _unfilter(filter_type: int, row: bytearray, previous: bytes, bpp: int = 4) -> bytes:
    """Reverses one PNG scanline filter (None, Sub, Up, Average, Paeth)."""
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = previous[i]
        up_left = previous[i - bpp] if i >= bpp else 0
        if filter_type == 1:
            row[i] = (row[i] + left) & 0xFF
        elif filter_type == 2:
            row[i] = (row[i] + up) & 0xFF
        elif filter_type == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif filter_type == 4:
            row[i] = (row[i] + _paeth(left, up, up_left)) & 0xFF
    return bytes(row)


def _paeth(left: int, up: int, up_left: int) -> int:
    estimate = left + up - up_left
    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - up_left))
    if distances[0] <= distances[1] and distances[0] <= distances[2]:
        return left
    return up if distances[1] <= distances[2] else up_left
