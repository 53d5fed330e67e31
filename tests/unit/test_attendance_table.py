"""The minutes' attendance list (cards/minutes_attendance.py): who is listed, the derived Merknad
in both languages, the per-case line of a member who stepped down, and a large body's table
staying one valid card."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import docx
import pytest
from pypdf import PdfReader

from cards.common import MAX_CARD_BYTES, json_size
from cards.minutes import disqualification_notes, minutes_card
from cards.minutes_attendance import attendance_note, attendance_rows, listed
from cards.minutes_documents import minutes_docx, minutes_pdf
from governance.rules.model import AttendanceStatus, Role
from governance.views import AttendanceLine, MinutesItem
from tests.support.node_validators import card_errors, node_validators_available
from tests.unit.test_cards import MINUTES_25

ANNE = AttendanceLine(1, "Anne Andersen", Role.MEDLEM, "Testby kommune", AttendanceStatus.TIL_STEDE)
MADE_AT = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "nb", "en"),
    [
        (ANNE, "", ""),
        (replace(ANNE, status=AttendanceStatus.FORFALL), "Forfall", "Sent apologies"),
        (replace(ANNE, status=AttendanceStatus.FRAVAERENDE), "Fraværende", "Absent"),
        (
            replace(ANNE, role=Role.VARA, substitute_for="Tien Medlem"),
            "Vara for Tien Medlem",
            "Substitute for Tien Medlem",
        ),
        (
            replace(ANNE, stepped_out_of=("12/2026", "14/2026")),
            "Fratrådte under sak 12/2026 (inhabil); Fratrådte under sak 14/2026 (inhabil)",
            "Stepped down during case 12/2026 (disqualified); Stepped down during case 14/2026 (disqualified)",
        ),
        (replace(ANNE, note="Til stede fra kl. 10.30"), "Til stede fra kl. 10.30", "Til stede fra kl. 10.30"),
        (
            replace(ANNE, status=AttendanceStatus.FORFALL, note="Sykdom", stepped_out_of=("12/2026",)),
            "Forfall; Sykdom",  # not there, so not stepped down either
            "Sent apologies; Sykdom",
        ),
        (
            replace(ANNE, role=Role.VARA, substitute_for="Tien Medlem", stepped_out_of=("3/2026",), note="Gikk kl. 12"),
            "Vara for Tien Medlem; Fratrådte under sak 3/2026 (inhabil); Gikk kl. 12",
            "Substitute for Tien Medlem; Stepped down during case 3/2026 (disqualified); Gikk kl. 12",
        ),
    ],
)
def test_the_note_says_absence_substitution_stepping_down_and_the_free_note(
    line: AttendanceLine, nb: str, en: str
) -> None:
    assert attendance_note(line, "nb") == nb
    assert attendance_note(line, "en") == en


def test_members_are_always_listed_and_vara_only_when_they_attended_or_were_called_in() -> None:
    vara = replace(ANNE, role=Role.VARA, status=None)
    assert listed(replace(ANNE, status=AttendanceStatus.FRAVAERENDE))
    assert listed(replace(ANNE, status=AttendanceStatus.FORFALL))
    assert not listed(vara)  # not called in: never expected at the meeting
    assert not listed(replace(vara, status=AttendanceStatus.FRAVAERENDE))
    assert listed(replace(vara, status=AttendanceStatus.TIL_STEDE))
    assert listed(replace(vara, status=AttendanceStatus.FORFALL, substitute_for="Tien Medlem"))


def test_rows_carry_the_role_in_either_language_and_an_empty_cell_for_no_party() -> None:
    lines = (ANNE, replace(ANNE, person_id=2, name="Per", role=Role.NESTLEDER, represents=None))
    assert attendance_rows(lines, "nb") == [
        ("Anne Andersen", "Medlem", "Testby kommune", ""),
        ("Per", "Nestleder", "", ""),
    ]
    assert [row[1] for row in attendance_rows(lines, "en")] == ["Member", "Deputy chair"]


def test_a_member_present_steps_down_and_rejoins_and_one_absent_only_declared() -> None:
    item = MinutesItem(
        3, None, "1/2026", "Rutine", None, None, None,
        disqualified=(("Anne Andersen", "styreverv"), ("Tien Medlem", None), ("Per", None)),
        stepped_out=("Anne Andersen", "Tien Medlem"),
    )  # fmt: skip
    assert disqualification_notes(item, "nb") == [
        "Anne Andersen fratrådte under behandlingen av saken (inhabil: styreverv) og tiltrådte igjen etter saken.",
        "Tien Medlem fratrådte under behandlingen av saken (inhabil) og tiltrådte igjen etter saken.",
        "Per erklærte seg inhabil og deltok ikke i behandlingen",
    ]
    assert disqualification_notes(item, "en")[0] == (
        "Anne Andersen stepped down while the case was heard (disqualified: styreverv) and rejoined the meeting after it."
    )


def test_minutes_stored_before_the_table_still_load_with_no_notes() -> None:
    from governance.approvals.minutes import _CONTENT

    stored = _CONTENT.dump_python(MINUTES_25, mode="json")
    for line in stored["attendance"]:
        del line["note"], line["stepped_out_of"]
    for item in stored["items"]:
        del item["stepped_out"]
    loaded = _CONTENT.validate_python(stored)
    assert loaded.attendance[0].note is None and loaded.items[6].stepped_out == ()


def _people(count: int) -> tuple[AttendanceLine, ...]:
    return tuple(
        AttendanceLine(
            100 + n, f"Æsa Øvrebø-Ånonsen {n}", Role.MEDLEM, "Øvre Eiker kommune", AttendanceStatus.TIL_STEDE,
            note="Til stede fra kl. 10.30" if n % 3 == 0 else None, stepped_out_of=("7/2027",) if n % 5 == 0 else (),
        )
        for n in range(count)
    )  # fmt: skip


@pytest.mark.parametrize(("count", "as_table"), [(15, True), (60, False)])
def test_a_large_body_stays_one_valid_card_and_a_table_in_both_files(count: int, as_table: bool) -> None:
    minutes = replace(MINUTES_25, attendance=_people(count))  # 25 cases with long decisions
    card = minutes_card(minutes, "nb").card
    assert json_size(card) < MAX_CARD_BYTES
    if node_validators_available():
        assert card_errors([card]) == [[]]
    tables = [element for element in card["body"] if element.get("type") == "Table"]
    assert len(tables) == (1 if as_table else 0)
    # Listed line by line instead, every person is still on the card.
    texts = [element.get("text", "") for element in card["body"]]
    last = f"Æsa Øvrebø-Ånonsen {count - 1} · Medlem · Øvre Eiker kommune"
    assert as_table or any(last in text for text in texts)
    document = docx.Document(io.BytesIO(minutes_docx(minutes, "nb", MADE_AT)))
    assert len(document.tables[0].rows) == count + 1
    reader = PdfReader(io.BytesIO(minutes_pdf(minutes, "en", MADE_AT)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Name Role Represents Note" in text and f"Æsa Øvrebø-Ånonsen {count - 1}" in text
