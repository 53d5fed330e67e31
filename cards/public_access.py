"""How an exemption from public access (offentleglova) reads in a card or a printed document."""

from __future__ import annotations

from cards.texts import Language, say
from governance.rules.public_access import Exemption, LegalBasis


def exempt_title(exemption: Exemption, lang: Language) -> str:
    """The title the public reads: the public title with the basis after it, or, until the
    secretariat has written one, only that the case is exempt and under which provision."""
    if exemption.public_title:
        return f"{exemption.public_title} ({say(lang, 'exempt_basis', basis=exemption.basis.value)})"
    return say(lang, "exempt_untitled", basis=exemption.basis.value)


def exempt_line(basis: LegalBasis, lang: Language) -> str:
    """The line under an exempt case: the internal version says it too, so members know."""
    return say(lang, "exempt_line", basis=basis.value)


def public_title_shown(exemption: Exemption, lang: Language) -> str:
    """The public title as the secretariat wrote it, or what stands in its place until then."""
    return exemption.public_title or say(lang, "exempt_title")
