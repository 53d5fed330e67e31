"""Messages are measured the way Teams measures them (UTF-16, the whole activity), and every card
message carries a short summary for notifications and a short fallbackText."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from botbuilder.schema import Activity

from bot.commands import Reply
from bot.proactive import delivery_activity
from bot.teams import reply_activities
from cards.agenda import agenda_cards
from cards.cases import case_list_card
from cards.common import MAX_SUMMARY_CHARS, RenderedCard
from governance.rules.model import CaseStatus, CaseType
from governance.rules.reminders import Delivery
from governance.views import AgendaItemView, AgendaView, CaseListView, CaseView
from tests.unit.test_cards import SSU, SUBMITTED, agenda

# Teams' advice: keep a bot message, counted in UTF-16, within 80 KB.
TEAMS_LIMIT = 80 * 1024
# Norwegian, Sami and an emoji: 2 bytes a letter in UTF-16 as in UTF-8 for the non-ASCII ones,
# 4 for the emoji, and twice the UTF-8 size for everything ASCII (the JSON around them).
TITLE = "Dearvvašvuođa- ja fuolahusbálvalusat Sámis: čielggadus 🧭 – økt samhandling om skrøpelige eldre i Kárášjohka"
TITLE_NB = "Saksliste – Strategisk samarbeidsutvalg (SSU)"


def wire_size(activity: Activity) -> int:
    """The activity as botbuilder sends it, counted in UTF-16 as Teams counts a message."""
    return len(json.dumps(activity.serialize(), ensure_ascii=False).encode("utf-16-le"))


def utf8_size(card: RenderedCard) -> int:
    return len(json.dumps(card.card, ensure_ascii=False).encode())


def sami_agenda(cases: int) -> AgendaView:
    base = agenda()
    items = list(base.items) + [
        AgendaItemView(
            position=len(base.items) + number,
            case_reference=f"{number}/2027",
            title=f"{TITLE} {number}",
            case_type=CaseType.VEDTAKSSAK,
            responsible="Ánde Ŋuolga",
        )
        for number in range(1, cases + 1)
    ]
    return replace(base, items=tuple(items))


def test_an_agenda_under_80_kb_in_utf8_but_over_it_in_utf16_is_split_into_messages_teams_accepts() -> None:
    parts = agenda_cards(sami_agenda(180), "nb")
    # Counted in UTF-8 all the items would fit in one card, which Teams would then refuse.
    assert sum(utf8_size(part) for part in parts) < TEAMS_LIMIT
    assert len(parts) == 2
    for part in parts:
        (message,) = reply_activities(Reply(cards=[part]))
        assert wire_size(message) <= TEAMS_LIMIT


def test_a_reply_of_several_large_cards_goes_as_several_messages_each_within_the_limit() -> None:
    parts = list(agenda_cards(sami_agenda(180), "nb"))
    messages = reply_activities(Reply(text="Sakslisten er publisert.", cards=parts))
    assert len(messages) == 2
    assert [attachment.content for message in messages for attachment in message.attachments] == [
        part.card for part in parts
    ]
    assert [message.text for message in messages] == ["Sakslisten er publisert.", None]
    assert all(wire_size(message) <= TEAMS_LIMIT for message in messages)


def test_small_cards_of_one_reply_stay_in_one_message() -> None:
    cards = list(agenda_cards(agenda(cases=3), "nb")) + list(agenda_cards(agenda(cases=2), "en"))
    (message,) = reply_activities(Reply(cards=cards))
    assert len(message.attachments) == 2


def test_a_card_reply_is_summarised_by_the_card_title_not_the_card_again() -> None:
    (part,) = agenda_cards(agenda(cases=40, title_length=200), "nb")
    (message,) = reply_activities(Reply(cards=[part]))
    assert message.summary == TITLE_NB
    assert part.card["fallbackText"] == TITLE_NB
    # The text twin is still whole, for the console.
    assert len(part.text) > 40 * 200


def test_a_long_title_is_cut_to_one_short_line_for_the_summary() -> None:
    card = RenderedCard(card={"type": "AdaptiveCard", "fallbackText": "x"}, text=f"{'Økt samhandling ' * 30}\nmer")
    (message,) = reply_activities(Reply(cards=[card]))
    assert len(message.summary) <= MAX_SUMMARY_CHARS
    assert message.summary.endswith("…") and "\n" not in message.summary


def test_a_reminder_with_a_card_is_summarised_by_its_card() -> None:
    (card,) = agenda_cards(agenda(cases=5), "nb")
    now = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)
    delivery = Delivery(
        key="r1:channel",
        body_id=1,
        conversation_id="19:ssu@thread.tacv2",
        text="Sakslisten til neste møte",
        created_at=now,
        next_attempt_at=now,
        card=card.card,
    )
    activity = delivery_activity(delivery)
    assert activity.summary == TITLE_NB
    assert activity.text == "Sakslisten til neste møte"


def test_a_case_list_of_titles_of_500_characters_still_fits_in_one_message() -> None:
    title = ("Økt samhandling om skrøpelige eldre i Kárášjohka 🧭 " * 12)[:500]
    queued = [
        CaseView(SSU, f"{n}/2027", title, CaseType.VEDTAKSSAK, CaseStatus.INNMELDT, None, "Ánde Ŋuolga", SUBMITTED)
        for n in range(1, 101)
    ]
    scheduled = [replace(case, reference=f"{n}/2026", status=CaseStatus.SATT_OPP) for n, case in enumerate(queued, 1)]
    (message,) = reply_activities(Reply(cards=[case_list_card(CaseListView(SSU, queued, scheduled), "nb")]))
    assert wire_size(message) <= TEAMS_LIMIT


def test_a_long_text_that_would_push_a_card_over_the_limit_goes_first_on_its_own() -> None:
    (card,) = agenda_cards(sami_agenda(70), "nb")
    text = "Åse Øvrebø skrev: " + "økt samhandling 🧭 " * 1500
    first, second = reply_activities(Reply(text=text, cards=[card]))
    assert first.text == text and not first.attachments
    assert [attachment.content for attachment in second.attachments] == [card.card]
    assert second.summary == TITLE_NB
    assert wire_size(second) <= TEAMS_LIMIT
