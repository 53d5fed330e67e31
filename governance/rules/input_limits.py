"""What the bot accepts from users: free-text lengths, the characters text may hold, the years a
date may name and the ids a card may carry. One place, so chat commands, card inputs and the
columns that store them cannot disagree (tests/unit/test_input_limits.py checks every limit
against its column).

Like the identity-number guard beside it, this answers "is it acceptable"; the use cases raise
the `DomainError`, and the presentation layer names the field and the limit in the user's language.
"""

from __future__ import annotations

import re
from enum import StrEnum

from governance.rules.errors import DomainError

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "LIMITS",
    "MAX_ROW_ID",
    "TextField",
    "checked_text",
    "required_text",
    "unstorable_character",
]


class TextField(StrEnum):
    """A free-text field a user fills in; its value names the field in messages (cards/texts.py)."""

    CASE_TITLE = "case_title"
    DECISION_TEXT = "decision_text"
    DELEGATED_MATTER = "delegated_matter"
    APPROVAL_COMMENT = "approval_comment"
    MINUTES_CORRECTION = "minutes_correction"
    PLACE = "place"
    AREA_TITLE = "area_title"
    MEASURE_TITLE = "measure_title"
    MEASURE_OWNER = "measure_owner"
    MEASURE_COMMENT = "measure_comment"
    DISQUALIFICATION_REASON = "disqualification_reason"
    PAPER_BACKGROUND = "paper_background"
    PAPER_ASSESSMENT = "paper_assessment"
    PAPER_PROPOSAL = "paper_proposal"
    CASE_OFFICER = "case_officer"
    ATTENDANCE_NOTE = "attendance_note"
    MINUTES_STATEMENT = "minutes_statement"


# Characters, as Python counts them (code points). Titles are read in lists and on agenda cards,
# so they stay a line or two; texts that are read whole (a decision, a correction) get room for
# several paragraphs. Each stored limit is below its column's length, so PostgreSQL never
# truncates or refuses what the domain accepted and SQLite (which ignores lengths) holds the same.
LIMITS: dict[TextField, int] = {
    TextField.CASE_TITLE: 200,  # cases.title String(500)
    TextField.DECISION_TEXT: 4000,  # decisions.text Text
    # The part of a decision that grants authority ("SSU gis myndighet til å …") is stored on
    # its own: delegations.matter String(500).
    TextField.DELEGATED_MATTER: 400,
    TextField.APPROVAL_COMMENT: 1000,  # decision_approvals/minutes_approvals.comment, rejection_comment Text
    TextField.MINUTES_CORRECTION: 2000,  # minutes.correction Text
    TextField.PLACE: 200,  # meetings.place String(300)
    TextField.AREA_TITLE: 200,  # focus_areas.title String(300)
    TextField.MEASURE_TITLE: 300,  # measures.title String(500)
    # A member's name or email, or a body key; stored in measures.owner_label String(200) when it
    # matches nobody.
    TextField.MEASURE_OWNER: 190,
    TextField.MEASURE_COMMENT: 2000,  # progress_notes.text Text
    TextField.DISQUALIFICATION_REASON: 500,  # disqualifications.reason Text
    # The case paper (saksfremlegg): several pages, but all three texts together must fit the one
    # card that edits them (about 76 KB in UTF-16, two bytes a character): 8,000 + 8,000 + 4,000
    # characters come to about 40 KB, leaving room for the title, the labels and escaped line
    # breaks. The proposal becomes the decision, so it has the decision text's limit.
    TextField.PAPER_BACKGROUND: 8000,  # cases.background Text
    TextField.PAPER_ASSESSMENT: 8000,  # cases.assessment Text
    TextField.PAPER_PROPOSAL: 4000,  # cases.proposal Text
    # A case officer outside the structure is stored by name: cases.case_officer_name String(200).
    TextField.CASE_OFFICER: 190,
    # A line in the attendance table of the minutes ("Til stede fra kl. 10.30"): attendances.note Text.
    TextField.ATTENDANCE_NOTE: 300,
    # A protokolltilførsel: a member's statement, a paragraph or two (case_handlings.statements JSON).
    TextField.MINUTES_STATEMENT: 2000,
}

# The years a date or year argument may name. Beyond this range there is nothing to plan or look
# up, and at its far ends (year 1, year 9999) converting Oslo time to UTC overflows.
FIRST_YEAR = 2000
LAST_YEAR = 2100

# Ids are 32-bit INTEGER columns on PostgreSQL; a larger number in a card cannot name a row and
# would fail in the driver instead of answering "not found".
MAX_ROW_ID = 2**31 - 1

# What no text may hold: lone surrogates (they have no UTF-8 form, so neither database nor the
# reply can carry them), NUL (PostgreSQL refuses it in text) and the other control characters,
# which nobody types on purpose and which garble cards and exports. Tab and line breaks are text.
# Format marks (right-to-left marks, zero-width joiners in emoji) are real writing and pass.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def unstorable_character(text: str) -> str | None:
    """The first character `text` may not hold, written `U+0000`, or None when all are fine."""
    found = _UNSTORABLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def checked_text(field: TextField, text: str | None) -> str | None:
    """The text stripped (None when empty), or a `DomainError` naming the field and the limit."""
    text = (text or "").strip()
    if not text:
        return None
    character = unstorable_character(text)
    if character is not None:
        raise DomainError("text_unstorable", character=character)
    if len(text) > LIMITS[field]:
        raise DomainError("text_too_long", field=field, limit=LIMITS[field], length=len(text))
    return text


def required_text(field: TextField, text: str | None, missing: str) -> str:
    """As `checked_text`, for a field that must be filled in: empty is the `missing` error."""
    checked = checked_text(field, text)
    if checked is None:
        raise DomainError(missing)
    return checked
