"""Every status, role and type word the bot shows has a label in both languages (issue 13.9)."""

from __future__ import annotations

from enum import StrEnum

import pytest

from cards.dates import readable
from cards.texts import label
from governance.rules.model import (
    ApprovalPolicy,
    AttendanceStatus,
    BodyKind,
    CaseStatus,
    CaseType,
    DecisionStatus,
    MeasureStatus,
    MeetingStatus,
    MinutesStatus,
    PlanStatus,
    Role,
    StandardItem,
    Verdict,
)
from governance.rules.reminders import ReminderKind

SHOWN = [ApprovalPolicy, AttendanceStatus, BodyKind, CaseStatus, CaseType, DecisionStatus, MeasureStatus,
         MeetingStatus, MinutesStatus, PlanStatus, ReminderKind, Role, StandardItem, Verdict]  # fmt: skip


@pytest.mark.parametrize("enum", SHOWN, ids=lambda enum: enum.__name__)
def test_every_member_of_a_shown_enum_has_an_english_and_a_bokmal_label(enum: type[StrEnum]) -> None:
    for member in enum:
        english, bokmal = label("en", member), label("nb", member)
        assert english and bokmal
        # English differs from the stored Norwegian value (approval rules and standard items are
        # stored in English and shown in bokmål instead).
        assert english != bokmal, member


def test_message_parameters_carry_statuses_as_words_in_the_users_language() -> None:
    params = {"case": "6/2026", "status": CaseStatus.BEHANDLET, "policy": ApprovalPolicy.LEADER}

    assert readable(params, "en") == {"case": "6/2026", "status": "dealt with", "policy": "the chair"}
    assert readable(params, "nb") == {"case": "6/2026", "status": "behandlet", "policy": "leder"}
