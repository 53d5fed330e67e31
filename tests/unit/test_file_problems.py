"""How a mistake in a structure or plan file is worded: the place, and what was expected."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, Field, ValidationError

from governance.rules.file_problems import Problem, place_text, problems_from


class Entry(BaseModel):
    due: date = Field(ge=date(2000, 1, 1))
    count: int = Field(le=5)


def test_a_place_reads_as_it_would_be_written_in_code() -> None:
    assert place_text(("bodies", 2, "members", 0, "email")) == "bodies[2].members[0].email"
    assert str(Problem((), "the file is empty")) == "the file is empty"


def test_bounds_read_as_dates_or_numbers() -> None:
    with pytest.raises(ValidationError) as refused:
        Entry.model_validate({"due": "1999-12-31", "count": 9})

    assert [str(problem) for problem in problems_from(refused.value)] == [
        "due: expected a date on or after 2000-01-01, got '1999-12-31'",
        "count: expected a number of at most 5, got 9",
    ]
