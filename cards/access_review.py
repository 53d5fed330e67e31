"""The access review: a card for `tilganger`, and the plain text and CSV `hfbot access-review`
prints, from the same view."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from cards.common import Element, RenderedCard, adaptive_card, container, heading, in_parts, text_block
from cards.dates import short_date
from cards.texts import Language, label, say
from governance.views import AccessHolder, AccessReview, RoleChange


def holder_line(holder: AccessHolder, lang: Language) -> str:
    parts = [holder.name]
    if holder.role is not None:
        parts.append(label(lang, holder.role))
    if holder.represents:
        parts.append(holder.represents)
    parts.append(say(lang, "access_entra_known" if holder.entra_known else "access_entra_missing"))
    return " · ".join(parts)


def change_line(change: RoleChange, lang: Language) -> str:
    where = change.where or say(lang, "access_secretariat")
    what = say(lang, f"access_change_{change.change}")
    line = f"{short_date(change.at)} · {where} · {change.person} · {what}"
    if change.before or change.after:
        line += f": {change.before or '–'} → {change.after or '–'}"
    return line


def _sections(review: AccessReview, lang: Language) -> list[tuple[str, list[str]]]:
    """The review's parts in order: each body, the secretariat, the changes."""
    sections = [
        (
            f"{access.body.name} ({access.body.key})",
            [holder_line(holder, lang) for holder in access.holders] or [say(lang, "access_no_holders")],
        )
        for access in review.bodies
    ]
    sections.append(
        (
            say(lang, "access_secretariat"),
            [holder_line(holder, lang) for holder in review.secretariat] or [say(lang, "access_no_holders")],
        )
    )
    changes = [change_line(change, lang) for change in review.changes] or [say(lang, "access_no_changes")]
    sections.append((say(lang, "access_changes", days=review.days), changes))
    return sections


def access_cards(review: AccessReview, lang: Language) -> list[RenderedCard]:
    """One card, or numbered parts when a community's bodies and changes fill more than one."""

    def render(sections: Sequence[tuple[str, list[str]]], part: tuple[int, int] | None) -> RenderedCard:
        title = say(lang, "access_title")
        if part is not None:
            title += f" ({part[0]}/{part[1]})"
        body: list[Element] = [heading(title, "Medium")]
        lines = [title]
        for section, entries in sections:
            items = [text_block(section, bold=True)] + [text_block(entry, spacing="None") for entry in entries]
            body.append(container(items, separator=True))
            lines += [section] + [f"  {entry}" for entry in entries]
        text = "\n".join(lines)
        return RenderedCard(card=adaptive_card(body, text), text=text)

    return in_parts(_sections(review, lang), render)


def access_text(review: AccessReview, lang: Language) -> str:
    """The review as plain text, as the command line prints it."""
    lines = [say(lang, "access_title")]
    for section, entries in _sections(review, lang):
        lines += ["", section] + [f"  {entry}" for entry in entries]
    return "\n".join(lines) + "\n"


def access_csv(review: AccessReview) -> str:
    """One row per role held (the secretariat's rows have body "" and role "sekretariat"), for a
    spreadsheet; the changes are in the text form."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["body", "name", "role", "represents", "entra_id_known"])
    for access in review.bodies:
        for holder in access.holders:
            role = holder.role.value if holder.role else ""
            writer.writerow([access.body.key, holder.name, role, holder.represents or "", _yes(holder.entra_known)])
    for holder in review.secretariat:
        writer.writerow(["", holder.name, "sekretariat", "", _yes(holder.entra_known)])
    return out.getvalue()


def _yes(value: bool) -> str:
    return "yes" if value else "no"
