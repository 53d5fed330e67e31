"""The card of `medlemmer synk`: the changes proposed from the Teams roster with buttons to confirm
or cancel them, and the card it becomes once someone has pressed one."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from cards.common import Element, RenderedCard, adaptive_card, container, heading, text_block
from cards.texts import Language, say
from governance.structure.member_sync import IdChange, SyncCancelled, SyncOutcome, SyncProposal

CONFIRM_SYNC_VERB = "confirm_members_sync"
CANCEL_SYNC_VERB = "cancel_members_sync"
# Names listed in the information sections: a team of thousands must not outgrow the card.
MAX_NAMES = 40
# An Entra object id is a GUID; anything else in the card's data did not come from a roster.
_OBJECT_ID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def sync_data(proposal: SyncProposal) -> dict[str, Any]:
    """What the confirm button carries back: the body and each change by ids."""
    return {
        "body": proposal.body.key,
        "changes": [
            {
                "personId": item.change.person_id,
                "aadObjectId": item.change.aad_object_id,
                "teamsUserId": item.change.teams_user_id,
            }
            for item in proposal.changes
        ],
    }


def sync_changes(data: dict[str, Any]) -> list[IdChange] | None:
    """The changes a confirm button carried back, or None when they are not the card's own."""
    items = data.get("changes")
    if not isinstance(data.get("body"), str) or not isinstance(items, list) or not items:
        return None
    changes = []
    for item in items:
        if not isinstance(item, dict):
            return None
        person_id, aad, teams_id = item.get("personId"), item.get("aadObjectId"), item.get("teamsUserId")
        if not isinstance(person_id, int) or isinstance(person_id, bool) or not isinstance(aad, str):
            return None
        if not _OBJECT_ID.match(aad) or not (teams_id is None or isinstance(teams_id, str)):
            return None
        changes.append(IdChange(person_id, aad, teams_id or None))
    return changes


def _names(names: tuple[str, ...], lang: Language) -> str:
    shown = ", ".join(names[:MAX_NAMES])
    if len(names) > MAX_NAMES:
        shown += " " + say(lang, "members_sync_more", count=len(names) - MAX_NAMES)
    return shown


def _section(title: str, lines: list[str]) -> tuple[Element, list[str]]:
    block = container([text_block(title, bold=True)] + [text_block(line, spacing="Small") for line in lines])
    return {**block, "separator": True}, [title] + [f"- {line}" for line in lines]


def _information(proposal: SyncProposal, lang: Language) -> list[tuple[Element, list[str]]]:
    """What the roster showed that the card does not change: conflicts and who is missing where."""
    sections = []
    if proposal.conflicts:
        lines = [say(lang, "members_sync_conflict", name=c.name, holder=c.holder) for c in proposal.conflicts]
        sections.append(_section(say(lang, "members_sync_conflicts", count=len(lines)), lines))
    if proposal.not_in_roster:
        title = say(lang, "members_sync_missing", count=len(proposal.not_in_roster))
        sections.append(_section(title, [_names(proposal.not_in_roster, lang)]))
    if proposal.not_members:
        title = say(lang, "members_sync_strangers", body=proposal.body.key, count=len(proposal.not_members))
        sections.append(_section(title, [_names(proposal.not_members, lang)]))
    return sections


def members_sync_card(
    proposal: SyncProposal, lang: Language, seal: Callable[[dict[str, Any]], dict[str, Any]] | None = None
) -> RenderedCard:
    """The proposal, with Confirm and Cancel for the secretariat. `seal` signs the confirm
    button's data, so a crafted invoke cannot bring other ids back."""
    title = say(lang, "members_sync_title", body=proposal.body.key, name=proposal.body.name)
    intro = say(lang, "members_sync_intro")
    body: list[Element] = [heading(title, "Medium"), text_block(intro)]
    lines = [title, intro]
    changes = []
    for item in proposal.changes:
        line = f"{item.name} ({item.email})"
        changes.append(line + (f" – {say(lang, 'members_sync_replaces')}" if item.replaces else ""))
    sections = [_section(say(lang, "members_sync_changes", count=len(changes)), changes)]
    sections += _information(proposal, lang)
    if proposal.already_linked:
        already = say(lang, "members_sync_already", count=proposal.already_linked)
        sections.append(({**text_block(already, subtle=True), "separator": True}, [already]))
    for element, section_lines in sections:
        body.append(element)
        lines += section_lines
    data = seal(sync_data(proposal)) if seal else sync_data(proposal)
    actions: list[Element] = [
        {
            "type": "Action.Execute",
            "title": say(lang, "confirm"),
            "verb": CONFIRM_SYNC_VERB,
            "data": data,
            "style": "positive",
        },
        {
            "type": "Action.Execute",
            "title": say(lang, "cancel"),
            "verb": CANCEL_SYNC_VERB,
            "data": {"body": proposal.body.key, "proposed": len(proposal.changes)},
        },
    ]
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text, actions), text=text)


def members_sync_unchanged_text(proposal: SyncProposal, lang: Language) -> str:
    """The plain answer when the roster calls for no change; what it showed is still told."""
    lines = [say(lang, "members_sync_nothing", body=proposal.body.key)]
    for _, section_lines in _information(proposal, lang):
        lines += section_lines
    return "\n".join(lines)


def members_sync_outcome_card(outcome: SyncOutcome, lang: Language) -> RenderedCard:
    """The card after Confirm: who confirmed and what was stored (or that it was done before)."""
    title = say(lang, "members_sync_title", body=outcome.body.key, name=outcome.body.name)
    if outcome.applied:
        summary = say(lang, "members_sync_confirmed", name=outcome.confirmed_by, count=len(outcome.applied))
    elif outcome.skipped:  # everything changed under the card since it was made
        summary = say(lang, "members_sync_none_stored", name=outcome.confirmed_by)
    else:
        summary = say(lang, "members_sync_already_done")
    body: list[Element] = [heading(title, "Medium"), text_block(summary, bold=True)]
    lines = [title, summary]
    sections = []
    if outcome.applied:
        sections.append(_section(say(lang, "members_sync_applied", count=len(outcome.applied)), list(outcome.applied)))
    if outcome.skipped:
        skipped = [f"{name}: {say(lang, f'members_sync_skipped_{reason.value}')}" for name, reason in outcome.skipped]
        sections.append(_section(say(lang, "members_sync_not_applied", count=len(skipped)), skipped))
    if outcome.already:
        already = say(lang, "members_sync_already", count=len(outcome.already))
        sections.append(({**text_block(already, subtle=True), "separator": True}, [already]))
    for element, section_lines in sections:
        body.append(element)
        lines += section_lines
    text = "\n".join(lines)
    return RenderedCard(card=adaptive_card(body, text), text=text)


def members_sync_cancelled_card(cancelled: SyncCancelled, lang: Language) -> RenderedCard:
    title = say(lang, "members_sync_title", body=cancelled.body.key, name=cancelled.body.name)
    summary = say(lang, "members_sync_cancelled", name=cancelled.cancelled_by)
    text = f"{title}\n{summary}"
    return RenderedCard(card=adaptive_card([heading(title, "Medium"), text_block(summary, bold=True)], text), text=text)


def members_sync_done_card(lang: Language) -> RenderedCard:
    """For an invoke Teams sent again after it was handled."""
    text = say(lang, "members_sync_already_done")
    return RenderedCard(card=adaptive_card([text_block(text, bold=True)], text), text=text)
