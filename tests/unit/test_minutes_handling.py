"""What the minutes say of a case's handling (issue 17, item 1), in both languages, and that minutes
stored before handling existed still load."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import docx
from pydantic import TypeAdapter

from cards.minutes import item_body, minutes_card
from cards.minutes_documents import minutes_docx
from governance.rules.handling import VoteKind
from governance.rules.model import CaseType, DecisionStatus
from governance.views import HandlingView, MinutesItem, MinutesView, ProposalLine, not_decided_cases
from tests.unit.test_cards import MINUTES_25

MADE_AT = datetime(2027, 3, 10, 8, 0, tzinfo=UTC)
CASE = MinutesItem(
    position=3,
    standard_item=None,
    case_reference="7/2027",
    title="Felles rutine",
    case_type=CaseType.VEDTAKSSAK,
    decision="SSU vedtar alternativet.",
    decision_status=DecisionStatus.VEDTATT,
)
SPLIT = HandlingView(
    outcome=VoteKind.COUNTED,
    proposals=(
        ProposalLine("SSU slutter seg til rutinen."),
        ProposalLine("SSU vedtar alternativet.", by="Anne Andersen", adopted=True),
    ),
    votes_for=4,
    votes_against=2,
    votes_blank=1,
    against=("Tien Medlem", "Per Pettersen"),
    statements=(("Tien Medlem", "Kommunen tar forbehold."),),
)


def test_a_split_vote_on_an_alternative_reads_as_the_minutes_record_it_in_both_languages() -> None:
    item = replace(CASE, handling=SPLIT)
    assert item_body(item, "nb") == [
        "Behandling",
        "Forslag til vedtak: SSU slutter seg til rutinen.",
        "Forslag fra Anne Andersen: SSU vedtar alternativet.",
        "Votering: Forslaget ble vedtatt med 4 mot 2 stemmer (1 blank). Mot stemte: Tien Medlem, Per Pettersen.",
        "Protokolltilførsel fra Tien Medlem: Kommunen tar forbehold.",
        "Vedtak: SSU vedtar alternativet.",
    ]
    assert item_body(item, "en")[3] == (
        "Vote: The proposal was carried by 4 votes to 2 (1 blank). Voting against: Tien Medlem, Per Pettersen."
    )


def test_a_defeated_proposal_blank_votes_unanimity_noting_and_postponement() -> None:
    fell = replace(SPLIT, proposals=(ProposalLine("SSU slutter seg til rutinen."),), votes_blank=2, against=())
    assert "Votering: Forslaget falt med 4 mot 2 stemmer (2 blanke)." in item_body(replace(CASE, handling=fell), "nb")
    unanimous = HandlingView(outcome=VoteKind.UNANIMOUS, proposals=(ProposalLine("P.", adopted=True),))
    assert "Votering: Enstemmig vedtatt." in item_body(replace(CASE, handling=unanimous), "nb")
    noted = replace(CASE, case_type=CaseType.ORIENTERINGSSAK, decision=None, decision_status=None)
    assert item_body(replace(noted, handling=HandlingView(outcome=VoteKind.NOTED)), "en") == ["The case was noted."]
    postponed = replace(
        CASE, decision_status=DecisionStatus.UTKAST, handling=HandlingView(outcome=VoteKind.NOT_DECIDED)
    )
    assert item_body(postponed, "nb") == ["Saken ble ikke avgjort i møtet (utsatt)."]
    minutes = replace(MINUTES_25, items=(postponed,))
    assert not_decided_cases(minutes) == {"7/2027"}
    assert "Ikke endelig vedtak" not in minutes_card(minutes, "nb").text


def test_the_word_file_says_what_the_card_says_of_the_handling() -> None:
    minutes = replace(MINUTES_25, items=(replace(CASE, handling=SPLIT),))
    card_lines = {line.strip() for line in minutes_card(minutes, "nb").text.splitlines() if line.strip()}
    document = docx.Document(io.BytesIO(minutes_docx(minutes, "nb", MADE_AT)))
    doc_lines = {paragraph.text.strip() for paragraph in document.paragraphs if paragraph.text.strip()}
    # The attendance table's rows, as the card's text twin writes them.
    doc_lines |= {" · ".join(cell.text for cell in row.cells if cell.text) for row in document.tables[0].rows}
    assert card_lines == doc_lines
    assert "Forslag fra Anne Andersen: SSU vedtar alternativet." in doc_lines


def test_minutes_stored_before_handling_existed_still_load() -> None:
    adapter = TypeAdapter(MinutesView)
    stored = adapter.dump_python(replace(MINUTES_25, items=(CASE,)), mode="json")
    del stored["items"][0]["handling"]
    assert adapter.validate_python(stored).items[0].handling is None
    with_handling = adapter.dump_python(replace(MINUTES_25, items=(replace(CASE, handling=SPLIT),)), mode="json")
    assert adapter.validate_python(with_handling).items[0].handling == SPLIT
