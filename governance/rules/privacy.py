"""Privacy guard: spots Norwegian identity numbers (fødselsnummer, D-, H- and FH-number) in text.

The bot is for services and systems, never for named patients (DESIGN.md section 6), so any
text that contains an identity number is refused before it is stored. This module only answers
"is there one, and which"; telling the user and writing the audit entry (without the number)
is the caller's job.

Pure standard library and no I/O, so it belongs in the domain package and is cheap to call on
every incoming message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "contains_identity_number",
    "find_identity_numbers",
    "is_identity_number",
    "passes_2032_rule",
    "passes_old_rule",
]

# Weights published by Skatteetaten. The trailing 1 in each list is the control digit itself:
# summing it in lets both checks be written as "weighted sum mod 11", which is how the 2032
# rule is defined (remainder 0-3 instead of exactly 0).
_K1_WEIGHTS: tuple[int, ...] = (3, 7, 6, 1, 8, 9, 4, 5, 2, 1)
_K2_WEIGHTS: tuple[int, ...] = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1)

# Remainders the 2032 rule allows for the k1 sum. Numbers issued before 2032 all have
# remainder 0, so the new rule is a superset of the old one; both are kept so callers and
# tests can tell which rule a number satisfies.
_K1_REMAINDERS_2032: frozenset[int] = frozenset({0, 1, 2, 3})

# Candidates, in the forms people write them:
#   - 11 digits together: `ddmmyyiiikk`;
#   - `ddmmyy iiikk` with one separator: a space (also the non-breaking U+00A0 and U+202F, since
#     text pasted into Teams often carries them), a dash (also the en dash U+2013) or a dot;
#   - every digit apart, one space between each: `d d d d d d d d d d d` (read off a form).
# Other groupings ("020 132 99997", "02.01.32 99997") are left out on purpose: every extra form
# lets more ordinary digit runs reach the checksums, and the checks let about 1 in 30 random
# runs through; a date with a time ("12.03.27 12345") must not be refused.
# The digit look-arounds keep us from picking 11 digits out of a longer digit run (a 12-digit
# reference, an account number written without dots); for the spaced-apart form a digit one
# space away also counts as part of the run. Letters next to the number do NOT stop a match on
# purpose: "fnr02013299997" must still be refused, and a chance hit inside some other code must
# also pass both checksums and the date ranges, which is rare; refusing the odd extra message is
# the cheaper mistake here.
# Each pattern sits in a look-ahead so matches are zero-width: an invalid candidate then never
# swallows digits that start a valid one right after it.
_SPACE = "[ \u00a0\u202f]"
_SEPARATOR = "[ \u00a0\u202f.\u2013-]"
_CANDIDATES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![0-9])(?=([0-9]{{6}}){_SEPARATOR}?([0-9]{{5}})(?![0-9]))"),
    re.compile(rf"(?<![0-9])(?<![0-9]{_SPACE})(?=((?:[0-9]{_SPACE}){{10}}[0-9])(?!{_SPACE}?[0-9]))"),
)

_DIGITS_11 = re.compile(r"[0-9]{11}")


def _is_eleven_digits(digits: str) -> bool:
    # fullmatch with an explicit ASCII class: str.isdigit() would also accept e.g. Arabic-Indic
    # or superscript digits, which int() may then choke on or treat differently.
    return _DIGITS_11.fullmatch(digits) is not None


def _weighted_sum(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False))


def _k2_holds(digits: str) -> bool:
    # k2 is the same under both rules: the weighted sum over all 11 digits is 0 mod 11.
    return _weighted_sum(digits, _K2_WEIGHTS) % 11 == 0


def _date_part_plausible(digits: str) -> bool:
    """Day and month ranges only: no calendar check (31.02 passes).

    A full calendar check would need the century, which comes from the individual number and
    differs for D- and H-numbers; the checksums already remove about 97 % of random digit runs,
    so the ranges are enough to keep dates and other 11-digit codes out.
    """
    day = int(digits[0:2])
    month = int(digits[2:4])
    # D-number: 4 is added to the first digit, i.e. day + 40.
    day_ok = 1 <= day <= 31 or 41 <= day <= 71
    # H-number (help number issued by health services): month + 40.
    month_ok = 1 <= month <= 12 or 41 <= month <= 52
    return day_ok and month_ok


def _is_fh_number(digits: str) -> bool:
    """An FH-number (felles hjelpenummer, issued by the health services): first digit 8 or 9.

    It has no date part, so only the first digit marks it; the control digits are the same.
    """
    return digits[0] in "89"


def passes_old_rule(digits: str) -> bool:
    """True if `digits` (exactly 11 ASCII digits) has valid control digits under the pre-2032 rule.

    k1 = 11 - (sum mod 11) over the first nine digits, 11 meaning 0 and 10 meaning "not
    issuable"; equivalently the sum over the first ten digits (k1 weighted 1) is 0 mod 11.
    The date part is not checked here, only the control digits.
    """
    if not _is_eleven_digits(digits):
        return False
    return _weighted_sum(digits, _K1_WEIGHTS) % 11 == 0 and _k2_holds(digits)


def passes_2032_rule(digits: str) -> bool:
    """True if `digits` has valid control digits under the rule for numbers issued from 2032.

    The k1 sum over the first ten digits may leave remainder 0, 1, 2 or 3; k2 is unchanged.
    Every number valid under the old rule is valid under this one too.
    """
    if not _is_eleven_digits(digits):
        return False
    return _weighted_sum(digits, _K1_WEIGHTS) % 11 in _K1_REMAINDERS_2032 and _k2_holds(digits)


def is_identity_number(digits: str) -> bool:
    """True if 11 digits look like an identity number: plausible date part (none for an
    FH-number) and valid checksums.

    Both control-digit rules are accepted side by side, as they will be in use from 2032.
    """
    if not _is_eleven_digits(digits):
        return False
    if not _is_fh_number(digits) and not _date_part_plausible(digits):
        return False
    return passes_old_rule(digits) or passes_2032_rule(digits)


def find_identity_numbers(text: str) -> list[str]:
    """The identity numbers in `text`, in order of appearance, normalised to 11 digits.

    Every occurrence is listed (a number written twice appears twice), so a caller can count
    them; it must never log or store the returned values.
    """
    found: list[tuple[int, str]] = []
    for start, digits in _candidates(text):
        if is_identity_number(digits):
            found.append((start, digits))
    return [digits for _, digits in sorted(found, key=lambda hit: hit[0])]


def contains_identity_number(text: str) -> bool:
    """True if `text` contains at least one identity number; stops at the first one found."""
    return any(is_identity_number(digits) for _, digits in _candidates(text))


def _candidates(text: str) -> Iterator[tuple[int, str]]:
    """Where each candidate starts and its 11 digits, pattern by pattern (the forms never overlap:
    a spaced-apart run has no six digits together)."""
    for pattern in _CANDIDATES:
        for match in pattern.finditer(text):
            yield match.start(), "".join(ch for ch in "".join(match.groups()) if "0" <= ch <= "9")
