"""Settings as `hfbot` reads them: empty means unset, and a wrong one is one line and exit 2.

Each command checks its settings before it does anything, so a wrong one leaves no database file.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.connector import bot_framework_authentication
from bot.settings import load_settings

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples"

# Every subcommand, with the arguments it needs to get as far as reading its settings.
COMMANDS = [
    ["serve"],
    ["relay", "--once"],
    ["chat", "--demo"],
    ["import", str(EXAMPLES / "vestfold.yaml")],
    ["import-plan", str(EXAMPLES / "vestfold-handlingsplan-2024.yaml")],
    ["db", "upgrade"],
    ["reminders"],
    [
        "manifest",
        "--app-id",
        "00000000-0000-0000-0000-000000000001",
        "--developer-name",
        "Helse Vest IKT",
        "--website-url",
        "https://hfbot.helse-vest.no",
        "--privacy-url",
        "https://hfbot.helse-vest.no/personvern",
        "--terms-url",
        "https://hfbot.helse-vest.no/vilkar",
        "--public-url",
        "https://hfbot.helse-vest.no",
    ],
]


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SQLite file that does not exist yet, in an empty folder (so no .env is read) and an
    environment without any of the bot's settings."""
    for name in list(os.environ):
        if name.startswith(("HFBOT_", "Microsoft", "GRAPH_")) or name in ("PORT", "DATABASE_URL"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "bot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    return path


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: command[0])
def test_every_command_names_a_wrong_setting_in_one_line_and_does_nothing(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.setenv("HFBOT_DEV_NO_AUTH", "x")
    monkeypatch.setenv("PORT", "abc")

    assert main(command) == 2

    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "hfbot: PORT: expected a whole number, got 'abc'",
        "hfbot: HFBOT_DEV_NO_AUTH: expected 1 or 0 (true/false, yes/no, on/off), got 'x'",
    ]
    assert captured.out == ""
    assert not database.exists()


def test_empty_settings_count_as_unset(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("HFBOT_DEV_NO_AUTH", "PORT", "MicrosoftAppType", "HFBOT_RELAY_INTERVAL", "HFBOT_PUBLIC_URL"):
        monkeypatch.setenv(name, "")

    assert main(["db", "upgrade"]) == 0

    assert "up to date" in capsys.readouterr().out
    settings = load_settings()
    assert (settings.dev_no_auth, settings.port, settings.app_type) == (False, 3978, "MultiTenant")
    assert settings.public_url == "http://127.0.0.1:3978"


def test_empty_settings_in_the_env_file_count_as_unset(database: Path, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("PORT=\nHFBOT_DEV_NO_AUTH=\nHFBOT_RELAY_LEASE=\n", encoding="utf-8")

    settings = load_settings()

    assert (settings.port, settings.dev_no_auth, settings.relay_lease) == (3978, False, 120.0)


def test_serve_with_an_empty_dev_no_auth_refuses_as_if_unset_without_a_traceback(tmp_path: Path) -> None:
    # The defect as the issue found it, in a real process: a pydantic traceback.
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("HFBOT_", "Microsoft", "GRAPH_")) and name not in ("PORT", "DATABASE_URL")
    }
    environment |= {
        "PYTHONPATH": str(REPO_ROOT),
        "HFBOT_DEV_NO_AUTH": "",
        "PORT": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "serve"],
        cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip

    assert result.returncode == 2
    assert result.stderr.startswith("hfbot: refusing to start: MicrosoftAppId is not set")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "bot.db").exists()


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        ("PORT", "0", "hfbot: PORT: expected a number of at least 1, got '0'"),
        ("PORT", "70000", "hfbot: PORT: expected a number of at most 65535, got '70000'"),
        ("HFBOT_RELAY_INTERVAL", "-1", "hfbot: HFBOT_RELAY_INTERVAL: expected a number of at least 0, got '-1'"),
        ("HFBOT_RELAY_LEASE", "0", "hfbot: HFBOT_RELAY_LEASE: expected a number above 0, got '0'"),
        ("HFBOT_GRAPH_TIMEOUT", "lang", "hfbot: HFBOT_GRAPH_TIMEOUT: expected a number, got 'lang'"),
        (
            "HFBOT_PUBLIC_URL",
            "hfbot.example.no",
            "hfbot: HFBOT_PUBLIC_URL: expected the bot's public address, like https://hfbot.example.no, "
            "got 'hfbot.example.no'",
        ),
        (
            "HFBOT_ALLOWED_TENANTS",
            "72f988bf-86f1-41af-91ab-2d7cd011db47,contoso.no",
            "hfbot: HFBOT_ALLOWED_TENANTS: expected Entra tenant ids (GUIDs) separated by commas, "
            "got '72f988bf-86f1-41af-91ab-2d7cd011db47,contoso.no'",
        ),
        (
            "HFBOT_FILE_HOSTS",
            "https://contoso.sharepoint.com/sites",
            "hfbot: HFBOT_FILE_HOSTS: expected host names separated by commas, like "
            "*.sharepoint.com,onedrive.live.com, got 'https://contoso.sharepoint.com/sites'",
        ),
        (
            "GRAPH_CA_BUNDLE",
            "/nowhere/ca.pem",
            "hfbot: GRAPH_CA_BUNDLE: expected a PEM file of CA certificates that can be read, got '/nowhere/ca.pem'",
        ),
        (
            "MicrosoftAppType",
            "Bogus",
            "hfbot: MicrosoftAppType: expected MultiTenant, SingleTenant or UserAssignedMSI, got 'Bogus'",
        ),
        (
            "HFBOT_DB_STATEMENT_TIMEOUT",
            "0",
            "hfbot: HFBOT_DB_STATEMENT_TIMEOUT: expected a number above 0, got '0'",
        ),
        # A URL may carry a password, so it is not repeated.
        (
            "DATABASE_URL",
            "mysql://hfbot:hemmelig@db/hfbot",
            "hfbot: DATABASE_URL: expected sqlite:///path/to/file.db or postgresql://user@host/database",
        ),
        (
            "DATABASE_URL",
            "hfbot.db",
            "hfbot: DATABASE_URL: expected sqlite:///path/to/file.db or postgresql://user@host/database",
        ),
    ],
)
def test_a_wrong_setting_says_what_it_expects(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    variable: str, value: str, line: str,
) -> None:  # fmt: skip
    monkeypatch.setenv(variable, value)

    assert main(["db", "upgrade"]) == 2

    assert capsys.readouterr().err.splitlines() == [line]
    assert not database.exists()


@pytest.mark.parametrize("app_type", ["SingleTenant", "UserAssignedMSI"])
def test_an_app_type_that_needs_a_tenant_is_refused_without_one_before_migrating(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], app_type: str
) -> None:
    monkeypatch.setenv("MicrosoftAppType", app_type)
    monkeypatch.setenv("MicrosoftAppId", "00000000-0000-0000-0000-000000000001")
    monkeypatch.setenv("MicrosoftAppPassword", "hemmelig")

    assert main(["serve"]) == 2

    assert capsys.readouterr().err.splitlines() == [
        f"hfbot: MicrosoftAppTenantId: expected the bot's Entra tenant id, which MicrosoftAppType={app_type} needs"
    ]
    assert not database.exists()  # the migrations did not run


def test_a_single_tenant_bot_without_its_password_is_refused_before_migrating(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MicrosoftAppType", "SingleTenant")
    monkeypatch.setenv("MicrosoftAppTenantId", "00000000-0000-0000-0000-0000000000aa")
    monkeypatch.setenv("MicrosoftAppId", "00000000-0000-0000-0000-000000000001")

    assert main(["serve"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("hfbot: refusing to start: MicrosoftAppPassword is not set") and len(err.splitlines()) == 1
    assert not database.exists()


def test_the_app_type_is_read_as_botbuilder_reads_it_ignoring_case(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MicrosoftAppType", "singletenant")
    monkeypatch.setenv("MicrosoftAppTenantId", "00000000-0000-0000-0000-0000000000aa")

    assert load_settings().app_type == "SingleTenant"


async def test_development_mode_starts_whatever_the_app_type(database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without authentication there is no app id, which botbuilder demands of a single-tenant bot.
    monkeypatch.setenv("HFBOT_DEV_NO_AUTH", "1")
    monkeypatch.setenv("MicrosoftAppType", "SingleTenant")
    monkeypatch.setenv("MicrosoftAppTenantId", "00000000-0000-0000-0000-0000000000aa")

    authentication = bot_framework_authentication(load_settings())

    await authentication.close()


@pytest.mark.parametrize(
    "command", [["db", "upgrade"], ["serve"], ["import", str(EXAMPLES / "vestfold.yaml")]], ids=str
)
def test_a_database_that_cannot_be_opened_is_one_line_before_anything_runs(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:  # fmt: skip
    monkeypatch.setenv("HFBOT_DEV_NO_AUTH", "1")
    (tmp_path / "data").write_text("a file where the database's folder should be", encoding="utf-8")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'data' / 'hfbot.db'}")

    assert main(command) == 2

    assert capsys.readouterr().err.splitlines() == [
        f"hfbot: DATABASE_URL: cannot open sqlite:///{tmp_path / 'data' / 'hfbot.db'}: File exists"
    ]


def test_a_postgresql_server_that_does_not_answer_is_one_line_without_the_password(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://hfbot:hemmelig@127.0.0.1:1/hfbot")

    assert main(["db", "upgrade"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("hfbot: DATABASE_URL: cannot open postgresql://hfbot:***@127.0.0.1:1/hfbot: ")
    assert len(err.splitlines()) == 1 and "hemmelig" not in err


def test_serve_on_a_port_in_use_is_one_line_before_migrating(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        monkeypatch.setenv("HFBOT_DEV_NO_AUTH", "1")
        monkeypatch.setenv("PORT", str(port))

        assert main(["serve"]) == 2

    assert capsys.readouterr().err.splitlines() == [
        f"hfbot: HFBOT_HOST, PORT: cannot listen on 127.0.0.1:{port}: Address already in use"
    ]
    assert not database.exists()


def test_a_mistyped_variable_is_named_with_the_setting_it_likely_means(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HFBOT_RELAY_INTERVALL", "5")

    assert main(["db", "upgrade"]) == 0  # a warning: the command still does its work

    assert capsys.readouterr().err.splitlines() == [
        "hfbot: warning: HFBOT_RELAY_INTERVALL is not a setting, so it is ignored (did you mean HFBOT_RELAY_INTERVAL?)"
    ]
