"""Public access (offentleglova): every case and document is public unless the secretariat exempts
it, and an exemption must name its legal basis from a fixed list.

Pure: the legal bases, how a typed basis is read, the exemption of a case as one value and the
rule for the public title. Turning a view into its public version is in
governance/papers/public_versions.py (rules/ knows no views).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from governance.rules.errors import DomainError

# What the public version of an exempt case says while the secretariat has not written the case's
# public title: the title itself may hold what is exempt, so nothing of it is shown.
EXEMPT_TITLE = "Unntatt offentlighet"
EXEMPT_TITLE_EN = "Exempt from public access"
PUBLIC_TITLE_MASK = "*****"  # the secretariat's stand-in for a word left out of the public title
PUBLIC_TITLE_LIMIT = 500  # as a case title


class LegalBasis(StrEnum):
    """The provisions of offentleglova a helsefellesskap exempts its papers under; the value is
    how registers (and the later Noark 5 export) write it."""

    TAUSHETSPLIKT_PERSONLIG = "offl. § 13 jf. fvl. § 13 første ledd nr. 1"
    TAUSHETSPLIKT_FORRETNING = "offl. § 13 jf. fvl. § 13 første ledd nr. 2"
    ORGANINTERNT = "offl. § 14"
    EKSTERNT_RAD = "offl. § 15 første ledd"
    RAD_FRA_UNDERORDNET = "offl. § 15 andre ledd"
    FORHANDLINGER = "offl. § 23 første ledd"
    KONTROLL = "offl. § 24 andre ledd"
    PERSONALSAK = "offl. § 26 femte ledd"


# The short forms users may type instead of the whole provision: the section, then the subsection
# (ledd) and number where the list has more than one under a section.
SHORT_KEYS: dict[str, LegalBasis] = {
    "13-1": LegalBasis.TAUSHETSPLIKT_PERSONLIG,
    "13-2": LegalBasis.TAUSHETSPLIKT_FORRETNING,
    "14": LegalBasis.ORGANINTERNT,
    "15-1": LegalBasis.EKSTERNT_RAD,
    "15-2": LegalBasis.RAD_FRA_UNDERORDNET,
    "23-1": LegalBasis.FORHANDLINGER,
    "24-2": LegalBasis.KONTROLL,
    "26-5": LegalBasis.PERSONALSAK,
}


def _normalised(text: str) -> str:
    """Lower case, one space between words, no "offl." in front and "§13" read as "§ 13"."""
    text = " ".join(text.lower().replace("§", " § ").split())
    text = re.sub(r"^offl\.?\s*", "", text)
    return text.strip()


_BY_TEXT: dict[str, LegalBasis] = {_normalised(basis.value): basis for basis in LegalBasis}


def basis_choices() -> str:
    """The list a refusal names: every provision with the short form that types it."""
    keys = {basis: key for key, basis in SHORT_KEYS.items()}
    return "; ".join(f"{basis.value} ({keys[basis]})" for basis in LegalBasis)


QUOTE_LIMIT = 40  # as cards/texts.py quotes what a user wrote: enough to recognise it


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


def parse_basis(text: str) -> LegalBasis:
    """The legal basis a user typed: the provision as written (with or without "offl.", in any
    case) or its short form; anything else is refused with the list."""
    normalised = _normalised(text)
    found = SHORT_KEYS.get(normalised.removeprefix("§ ")) or _BY_TEXT.get(normalised)
    if found is None:
        raise DomainError("unknown_legal_basis", basis=_quoted(text), bases=basis_choices())
    return found


@dataclass(frozen=True)
class Exemption:
    """A case or document exempt from public access: under which provision, and (for a case) the
    title the public may read, with the sensitive words replaced by *****."""

    basis: LegalBasis
    public_title: str | None = None

    @property
    def shown_title(self) -> str:
        return public_title_or_default(self.public_title)


def public_title_or_default(public_title: str | None) -> str:
    """The public title, or "Unntatt offentlighet" until the secretariat has written one."""
    return public_title if public_title and public_title.strip() else EXEMPT_TITLE


def clean_public_title(text: str) -> str:
    """A public title as stored: one line, not empty, no longer than a title."""
    title = " ".join(text.split())
    if not title:
        raise DomainError("public_title_required")
    if len(title) > PUBLIC_TITLE_LIMIT:
        raise DomainError("public_title_too_long", limit=PUBLIC_TITLE_LIMIT)
    return title
