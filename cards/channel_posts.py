"""What the bot posts to a body's channel, drawn for the outbox (governance.ports.ChannelPosts).

Channel posts are in bokmål, the language of the partnership, whoever caused them. A card post
carries no text of its own: the card's one-line fallback is what notifications show.
"""

from __future__ import annotations

from cards.agenda import agenda_cards
from cards.attendance import absence_notice_text
from cards.decisions import decision_card
from cards.meeting_plan import change_notice_text, substitute_call_card
from cards.minutes import minutes_card
from cards.texts import Language
from governance.ports import Post
from governance.views import AbsenceNotice, AgendaView, ChangeNotice, DecisionView, MinutesView, SubstituteCall

CHANNEL_LANGUAGE: Language = "nb"


class ChannelPosts:
    """`calendar_base` is the bot's public address, for the meeting's .ics button (none without it)."""

    def __init__(self, calendar_base: str | None = None) -> None:
        self._calendar_base = calendar_base

    def agenda(self, agenda: AgendaView) -> list[Post]:
        return [Post("", rendered.card) for rendered in agenda_cards(agenda, CHANNEL_LANGUAGE, self._calendar_base)]

    def approval_card(self, subject: DecisionView | MinutesView) -> Post:
        # The shared card carries no download links: they expire, and each approver's refreshed
        # view has fresh ones.
        if isinstance(subject, MinutesView):
            return Post("", minutes_card(subject, CHANNEL_LANGUAGE).card)
        return Post("", decision_card(subject, CHANNEL_LANGUAGE).card)

    def absence_notice(self, notice: AbsenceNotice) -> Post:
        return Post(absence_notice_text(notice, CHANNEL_LANGUAGE))

    def change_notice(self, notice: ChangeNotice) -> Post:
        return Post(change_notice_text(notice, CHANNEL_LANGUAGE))

    def substitute_call(self, call: SubstituteCall) -> Post:
        rendered = substitute_call_card(call, CHANNEL_LANGUAGE)
        return Post(rendered.text, rendered.card)
