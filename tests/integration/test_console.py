"""`hfbot chat`: a newcomer at the console acts as any imported person, presses the buttons of
the bot's cards (through the same invoke a click in Teams sends), switches person, and edits and
recalls lines with the arrow keys."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import yaml

from bot.console_identity import local_object_id
from bot.demo import demo_meeting_days
from governance.rules.oslo_time import OSLO

ROOT = Path(__file__).resolve().parents[2]


def chat(database_url: str, cwd: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat", *args],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), "HOME": str(cwd)},
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


def button(out: str, title: str) -> str:
    """The number the console gave the last button with this title."""
    numbers = re.findall(rf"\[(\d+)\] {re.escape(title)}\n", out)
    assert numbers, f"no button {title!r} in:\n{out}"
    return numbers[-1]


def this_year() -> int:
    return datetime.now(OSLO).year


def test_the_leader_approves_a_decision_by_pressing_godkjenn_after_the_secretariat_recorded_it(
    database_url: str, tmp_path: Path
) -> None:
    year = this_year()
    script = (
        f"vedtak SSU 4/{year}: Mandatet vedtas\n"
        "1\n"  # Godkjenn as the secretariat, who does not approve: refused, the card stays
        "\n"
        "/som kari.nordmann@example.no\n"
        "1\n"
        "\n"  # no comment
        "1\n"  # the card in the channel is final now: its buttons are gone
        "vedtak SSU\n"
        "avslutt\n"
    )
    out = chat(database_url, tmp_path, script, "--demo").stdout
    assert "[1] Godkjenn" in out and "[2] Avvis" in out
    assert "Du er ikke blant dem som godkjenner i SSU." in out
    assert "Du skriver nå som Kari Nordmann (kari.nordmann@example.no)." in out
    assert "Vedtatt – Sak 4/" in out and "Kari Nordmann: Godkjent" in out
    assert "Det er ingen knapp 1." in out
    assert f"Vedtatt {datetime.now(OSLO).strftime('%d.%m.%Y')}" in out  # the register shows it final


def test_a_rejection_takes_the_comment_the_console_asks_for(database_url: str, tmp_path: Path) -> None:
    year = this_year()
    script = (
        f"vedtak SSU 4/{year}: Mandatet vedtas\n"
        "/som kari.nordmann@example.no\n"
        "2\n"  # Avvis without a comment: the bot asks for one
        "\n"
        "2\n"
        "Mangler budsjett\n"
        "avslutt\n"
    )
    out = chat(database_url, tmp_path, script, "--demo").stdout
    assert "Kommentar (Må fylles ut ved avvisning, Enter: tomt): " in out
    assert "Skriv en kommentar som forklarer avvisningen" in out
    assert "«Mangler budsjett»" in out


def test_the_secretariat_saves_attendance_and_updates_a_measure_with_the_cards_buttons(
    database_url: str, tmp_path: Path
) -> None:
    first_meeting = demo_meeting_days(datetime.now(OSLO).date())[0][0]
    script = (
        f"fremmøte SSU {first_meeting:%d.%m.%Y}\n"
        "1\n"  # Lagre fremmøte: one choice per member, Enter keeps «Til stede»
        "2\n"  # Kari Nordmann: Forfall
        "\n"  # her note: none
        "\n\n\n\n\n\n"  # the other three: their status and note kept
        "mine tiltak\n"
        "3\n"  # Oppdater 4.1
        "Fullført\n"  # a choice may be given by its title
        "Planen er vedtatt\n"
        "tiltak 4.1\n"
        "avslutt\n"
    )
    out = chat(database_url, tmp_path, script, "--demo").stdout
    assert "[1] Lagre fremmøte" in out
    assert "Fremmøtet er lagret" in out or "Attendance saved" in out
    assert "Kari Nordmann · Leder · Demo HF: Forfall" in out
    assert "[3] Oppdater 4.1" in out
    assert "ikke startet → fullført" in out
    assert "«Planen er vedtatt»" in out  # in the measure's history


def test_a_cancelled_meetings_agenda_says_avlyst(database_url: str, tmp_path: Path) -> None:
    first_meeting = demo_meeting_days(datetime.now(OSLO).date())[0][0]
    day = f"{first_meeting:%d.%m.%Y}"
    out = chat(database_url, tmp_path, f"avlys møte SSU {day}\nsaksliste SSU {day}\navslutt\n", "--demo").stdout
    agenda = out[out.index("Saksliste – Strategisk samarbeidsutvalg (SSU)") :]
    assert "Status: Avlyst" in agenda


def test_chatting_as_an_unknown_address_lists_the_addresses_one_can_use(database_url: str, tmp_path: Path) -> None:
    chat(database_url, tmp_path, "avslutt\n", "--demo")
    result = chat(database_url, tmp_path, "", "--as", "kari@example.no")
    assert result.returncode == 1
    assert "Fant ingen person med e-postadressen «kari@example.no»" in result.stderr
    assert "Kari Nordmann <kari.nordmann@example.no>" in result.stderr
    assert "Siri Sekretær <siri.sekretaer@example.no>" in result.stderr


def test_the_readmes_example_address_exists_after_the_demo(database_url: str, tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    address = re.search(r"\./run\.sh chat --as (\S+)", readme)
    assert address is not None
    chat(database_url, tmp_path, "avslutt\n", "--demo")
    result = chat(database_url, tmp_path, "avslutt\n", "--as", address.group(1))
    assert result.returncode == 0, result.stderr
    assert "Du skriver som " in result.stdout


def test_a_person_without_an_object_id_gets_a_stable_local_identity_that_rights_follow(
    database_url: str, tmp_path: Path
) -> None:
    structure = {
        "community": "Uten id",
        "secretariat": [{"name": "Sara Sekretær", "email": "sara@example.no"}],
        "bodies": [
            {
                "key": "SSU",
                "name": "Strategisk samarbeidsutvalg",
                "kind": "strategisk",
                "members": [{"name": "Leif Leder", "email": "Leif.Leder@example.no", "role": "leder"}],
            }
        ],
    }
    path = tmp_path / "uten-id.yaml"
    path.write_text(yaml.safe_dump(structure, allow_unicode=True), encoding="utf-8")
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "bot.cli", "import", str(path)], cwd=tmp_path, env=env, check=True)
    year = this_year()
    first = chat(database_url, tmp_path, f"ny sak SSU Budsjett {year}\navslutt\n", "--as", "sara@example.no")
    assert first.returncode == 0, first.stderr
    assert "Sara Sekretær har ingen Entra-objekt-id" in first.stdout
    assert local_object_id("sara@example.no") in first.stdout
    assert "Sak 1/" in first.stdout  # the secretariat's right holds
    # The leader, another session: records a decision and approves it with the card's button.
    script = f"vedtak SSU 1/{year}: Budsjettet vedtas\n1\n\navslutt\n"
    leader = chat(database_url, tmp_path, script, "--as", "leif.leder@example.no")
    assert leader.returncode == 0, leader.stderr
    assert "Vedtatt – Sak 1/" in leader.stdout and "Leif Leder: Godkjent" in leader.stdout
    again = chat(database_url, tmp_path, "avslutt\n", "--as", "sara@example.no")
    assert "har ingen Entra-objekt-id" not in again.stdout  # the same identity as before


def test_the_console_help_explains_buttons_and_switching_person(database_url: str, tmp_path: Path) -> None:
    out = chat(database_url, tmp_path, "/hjelp\n/knapper\n/som\n/hva\navslutt\n", "--demo").stdout
    assert "«/hjelp» konsollens egne" in out
    assert "/som <e-post>" in out and "<nummer>" in out
    assert "Ingen kort med knapper ennå." in out
    assert "Kari Nordmann <kari.nordmann@example.no>" in out  # /som alone: whom one can write as
    assert "Ukjent konsollkommando «/hva»." in out


def test_the_up_arrow_brings_back_the_last_line_at_a_terminal(database_url: str, tmp_path: Path) -> None:
    chat(database_url, tmp_path, "avslutt\n", "--demo")
    leader, follower = pty.openpty()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "chat"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=tmp_path,
        env=env,
    )
    os.close(follower)
    output = b""

    def read_until(marker: bytes, since: int) -> int:
        """Reads until `marker` appears after position `since`; where it ends."""
        nonlocal output
        deadline = time.monotonic() + 60
        while marker not in output[since:] and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    output += os.read(leader, 65536)
                except OSError:
                    break
        return output.index(marker, since) + len(marker) if marker in output[since:] else len(output)

    try:
        at = read_until(b"> ", 0)
        os.write(leader, b"organer\r")
        at = read_until(b"> ", read_until(b"LSU-ELV", at))
        os.write(leader, b"\x1b[A\r")  # Up, Enter: the same command again
        at = read_until(b"> ", read_until(b"LSU-ELV", at))
        os.write(leader, b"avslutt\r")
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    text = output.decode(errors="replace")
    assert text.count("Partnerskapsmøtet") >= 2, text
    assert "^[[A" not in text and "kjenner ikke kommandoen" not in text
    history = (tmp_path / ".hfbot_history").read_text(encoding="utf-8").splitlines()
    assert history[-2:] == ["organer", "avslutt"]  # kept for the next session (repeats once)


def test_a_published_agenda_appears_in_the_channel_after_the_reply_with_its_items(
    database_url: str, tmp_path: Path
) -> None:
    # The post leaves through the outbox after the turn: the console shows it after the reply,
    # whole, not only the title Teams notifications use.
    out = chat(database_url, tmp_path, "publiser saksliste SSU\navslutt\n", "--demo").stdout
    reply = out.index("legges ut i kanalen til SSU nå")
    posted = out.index("[lagt ut i kanalen]", reply)
    agenda = out[posted:]
    assert "Saksliste – Strategisk samarbeidsutvalg (SSU)" in agenda
    assert "Status: Innkalt" in agenda and "1. Godkjenning av innkalling og saksliste" in agenda


def test_the_meeting_plan_is_confirmed_with_its_button_at_the_console(database_url: str, tmp_path: Path) -> None:
    year = this_year() + 2  # a year the demo has planned nothing in
    script = (
        f"møteplan SSU {year}\n"
        "1\n"  # Planlegg møtene: a date, a time and a leave-out box per meeting, Enter keeps each
        + "\n"
        * (3 * 8)
        + f"møteplan {year}\n"
        "avslutt\n"
    )
    out = chat(database_url, tmp_path, script, "--demo").stdout
    assert "[1] Planlegg møtene" in out
    assert "8 møter i SSU er planlagt:" in out
    wheel = out[out.index(f"Årshjul {year}") :]
    assert wheel.count("SSU: ") == 8
