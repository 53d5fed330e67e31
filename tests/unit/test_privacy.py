"""Tests for the identity-number guard (DESIGN.md section 6)."""

from __future__ import annotations

import pytest

from governance.rules.privacy import (
    contains_identity_number,
    find_identity_numbers,
    is_identity_number,
    passes_2032_rule,
    passes_old_rule,
)

# Skatteetaten's published examples.
OLD_RULE_EXAMPLES = ["02013299997", "30108299920"]
ONLY_2032_EXAMPLE = "30108299939"


def _with_classic_control_digits(nine: str) -> str | None:
    """Append k1 and k2 computed the textbook way (k = 11 - sum mod 11; 11 -> 0; 10 -> none).

    Written independently of the module under test (per-digit formula, not the "weighted sum
    including the control digit" form it uses), so a shared mistake is unlikely.
    """
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    k1 = 11 - sum(int(d) * w for d, w in zip(nine, w1, strict=False)) % 11
    k1 = 0 if k1 == 11 else k1
    if k1 == 10:
        return None
    ten = nine + str(k1)
    k2 = 11 - sum(int(d) * w for d, w in zip(ten, w2, strict=False)) % 11
    k2 = 0 if k2 == 11 else k2
    if k2 == 10:
        return None
    return ten + str(k2)


def _first_valid(date_part: str) -> str:
    """The first number with the given ddmmyy whose control digits both exist."""
    for individual in range(100, 1000):
        number = _with_classic_control_digits(date_part + str(individual))
        if number is not None:
            return number
    raise AssertionError(f"no valid number for {date_part}")


# D-number: first digit + 4, so 2 Jan 1932 becomes day 42.
D_NUMBER = _first_valid("420132")
# H-number: month + 40, so January becomes 41.
H_NUMBER = _first_valid("024132")


# --- Skatteetaten's examples -----------------------------------------------------------------


@pytest.mark.parametrize("number", OLD_RULE_EXAMPLES)
def test_skatteetaten_examples_pass_the_old_rule(number: str) -> None:
    assert passes_old_rule(number)
    assert passes_2032_rule(number)  # the 2032 rule is a superset of the old one
    assert is_identity_number(number)
    assert find_identity_numbers(number) == [number]


def test_2032_example_passes_only_the_new_rule_and_is_still_found() -> None:
    assert not passes_old_rule(ONLY_2032_EXAMPLE)
    assert passes_2032_rule(ONLY_2032_EXAMPLE)
    assert find_identity_numbers(f"Nummer {ONLY_2032_EXAMPLE}.") == [ONLY_2032_EXAMPLE]
    assert contains_identity_number(ONLY_2032_EXAMPLE)


def test_rule_helpers_reject_anything_but_eleven_ascii_digits() -> None:
    for bad in ["", "0201329999", "020132999970", "020132 99997", "0201329999x", "٠٢٠١٣٢٩٩٩٩٧"]:
        assert not passes_old_rule(bad)
        assert not passes_2032_rule(bad)
        assert not is_identity_number(bad)


# --- forms of writing --------------------------------------------------------------------------


def test_spaced_form_is_found_and_normalised() -> None:
    assert find_identity_numbers("020132 99997") == ["02013299997"]


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_spaced_form_with_non_breaking_space(space: str) -> None:
    assert find_identity_numbers(f"fnr 020132{space}99997") == ["02013299997"]


def test_number_embedded_in_a_sentence_is_found() -> None:
    text = "Pasient 02013299997 ble utskrevet til kommunen for tidlig."
    assert find_identity_numbers(text) == ["02013299997"]
    assert contains_identity_number(text)


def test_number_glued_to_letters_or_punctuation_is_still_found() -> None:
    # Only neighbouring digits stop a match; a label written without a space must not hide it.
    assert find_identity_numbers("fnr:02013299997") == ["02013299997"]
    assert find_identity_numbers("fnr02013299997.") == ["02013299997"]
    assert find_identity_numbers("(30108299920)") == ["30108299920"]


def test_several_numbers_are_all_found_in_order() -> None:
    text = f"Gjelder 30108299920, 020132 99997 og {ONLY_2032_EXAMPLE}; igjen 30108299920"
    assert find_identity_numbers(text) == [
        "30108299920",
        "02013299997",
        ONLY_2032_EXAMPLE,
        "30108299920",
    ]


def test_invalid_candidate_does_not_hide_a_valid_number_next_to_it() -> None:
    # "123456 02013" could be read as a spaced candidate; it fails, and the real number after
    # it must still be seen.
    assert find_identity_numbers("123456 02013299997") == ["02013299997"]


# --- D- and H-numbers ----------------------------------------------------------------------------


def test_constructed_d_and_h_numbers_are_what_we_meant() -> None:
    assert D_NUMBER.startswith("420132") and len(D_NUMBER) == 11
    assert H_NUMBER.startswith("024132") and len(H_NUMBER) == 11


def test_d_number_is_found() -> None:
    assert find_identity_numbers(f"D-nummer {D_NUMBER} registrert") == [D_NUMBER]
    assert find_identity_numbers(f"{D_NUMBER[:6]} {D_NUMBER[6:]}") == [D_NUMBER]


def test_h_number_is_found() -> None:
    assert find_identity_numbers(f"H-nummer {H_NUMBER}") == [H_NUMBER]
    assert contains_identity_number(H_NUMBER)


@pytest.mark.parametrize(
    "date_part",
    [
        "000132",  # day 0
        "320132",  # day 32: neither a date nor a D-number
        "400132",  # day 40: D-numbers start at 41
        "720132",  # day 72: past the D-number range
        "020032",  # month 0
        "021332",  # month 13
        "024032",  # month 40: H-numbers start at 41
        "025332",  # month 53: past the H-number range
    ],
)
def test_valid_checksums_with_impossible_date_part_are_rejected(date_part: str) -> None:
    number = _first_valid(date_part)
    assert passes_old_rule(number)  # only the date part is wrong
    assert find_identity_numbers(number) == []


# --- negatives ---------------------------------------------------------------------------------


def test_wrong_check_digit_is_rejected() -> None:
    assert not passes_2032_rule("02013299998")
    assert find_identity_numbers("Pasient 02013299998") == []
    assert not contains_identity_number("02013299998")


@pytest.mark.parametrize(
    "text",
    [
        "020132999970",  # 12-digit run with a valid number at its start
        "102013299997",  # ... and at its end
        "Referanse 1020132999971 i arkivet",
        "020132 999971",  # spaced form followed by another digit
        "9020132 99997",  # spaced form with seven digits before the space
    ],
)
def test_number_inside_a_longer_digit_run_is_not_found(text: str) -> None:
    assert find_identity_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "+47 912 34 567",
        "Ring 91234567 eller 22 33 44 55",
        "Møtet er 12.03.2027 kl. 09:00-11:30",
        "Sak 12/2026 settes opp på neste møte",
        "Saksnummer 2026/01234",
        "Bruker-id a1b2c3d4-0000-4000-8000-000000000001",
        "Ærlig talt: Øvre Eiker og Tønsberg får én felles rutine for å sikre æresord og øl.",
        "",
    ],
)
def test_ordinary_text_is_not_flagged(text: str) -> None:
    assert find_identity_numbers(text) == []
    assert not contains_identity_number(text)


# --- every written form (issue 18) -------------------------------------------------------------

# A constructed fødselsnummer (15 Aug 1975), its D-number twin and an FH-number, all with control
# digits computed above, never a real person's number copied in.
BORN = _first_valid("150875")
D_BORN = _first_valid("550875")


def _first_fh(first: str) -> str:
    """The first FH-number after `first` (8 or 9 then zeros) whose control digits both exist."""
    for rest in range(10_000_000, 100_000_000):
        number = _with_classic_control_digits(first + str(rest))
        if number is not None:
            return number
    raise AssertionError("no FH-number")


FH_EIGHT = _first_fh("8")
FH_NINE = _first_fh("9")


def _spaced_apart(number: str, space: str = " ") -> str:
    return space.join(number)


@pytest.mark.parametrize("separator", ["", " ", "-", ".", "\u2013", "\u00a0"])
@pytest.mark.parametrize("number", [BORN, D_BORN, H_NUMBER, "02013299997"])
def test_the_date_and_individual_parts_may_be_split_by_space_dash_or_dot(separator: str, number: str) -> None:
    text = f"Gjelder {number[:6]}{separator}{number[6:]} i saken"
    assert find_identity_numbers(text) == [number]
    assert contains_identity_number(text)


@pytest.mark.parametrize("space", [" ", "\u00a0"])
@pytest.mark.parametrize("number", [BORN, D_BORN, FH_NINE])
def test_every_digit_apart_with_single_spaces_is_found(space: str, number: str) -> None:
    text = f"Skjema: {_spaced_apart(number, space)}."
    assert find_identity_numbers(text) == [number]
    assert contains_identity_number(text)


@pytest.mark.parametrize("number", [FH_EIGHT, FH_NINE])
def test_fh_numbers_have_no_date_part_and_are_found(number: str) -> None:
    assert number[0] in "89" and len(number) == 11
    assert find_identity_numbers(f"FH-nummer {number}") == [number]
    assert find_identity_numbers(f"{number[:6]}-{number[6:]}") == [number]


def test_an_fh_number_with_a_wrong_control_digit_passes() -> None:
    wrong = FH_NINE[:10] + str((int(FH_NINE[10]) + 1) % 10)
    assert find_identity_numbers(wrong) == []


def test_forms_are_listed_in_the_order_they_appear() -> None:
    text = f"{_spaced_apart(BORN)} og {D_BORN[:6]}-{D_BORN[6:]} og {FH_EIGHT}"
    assert find_identity_numbers(text) == [BORN, D_BORN, FH_EIGHT]


@pytest.mark.parametrize(
    "text",
    [
        "Møtet er 12.03.2027 kl. 09:00",  # a date
        "Fra 12.03.2027 til 14.03.2027",
        "Ring 22 33 44 55 eller 912 34 567",  # phone numbers
        "Telefon 2 2 3 3 4 4 5 5",  # eight digits apart
        f"Kontonummer {BORN[:4]}.{BORN[4:6]}.{BORN[6:]}",  # an account number's grouping is not a form
        f"{BORN[:6]}--{BORN[6:]}",  # two separators
        f"{BORN[:6]} - {BORN[6:]}",  # spaced dash
        f"1 {_spaced_apart(BORN)}",  # twelve digits apart: a longer run
        f"{_spaced_apart(BORN)} 7",
        f"{_spaced_apart(BORN, '  ')}",  # double spaces
        f"{BORN[:6]}.{BORN[6:]}1",  # a dotted form followed by another digit
        "Sak 12/2026, 2026/01234 og 12.03.27 12345",
    ],
)
def test_other_groupings_and_ordinary_numbers_pass(text: str) -> None:
    assert find_identity_numbers(text) == []
    assert not contains_identity_number(text)
