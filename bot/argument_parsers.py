"""The argument parsers of the chat commands: one function per grammar, from the words after the
command's name (`Tokens`) to its `Args`. bot/registry.py names which command uses which.

A parser raises a coded `ParseError`; the registry adds the command's usage to the reply.
"""

from __future__ import annotations

import re

from bot.commands import Args
from bot.grammar import (
    ParseError,
    Tokens,
    is_year,
    looks_like_case_number,
    looks_like_date,
    parse_date,
    parse_year,
    year_error,
)
from governance.papers.paper import CaseAttribute
from governance.plans.action_plan import MEASURE_REFERENCE
from governance.rules.handling import Vote, VoteKind
from governance.rules.model import MeasureStatus
from governance.rules.reminders import AgendaMode


def no_arguments(tokens: Tokens) -> Args:
    tokens.expect_end()
    return Args()


def topic(tokens: Tokens) -> Args:
    return Args(topic=tokens.rest() or None)


def required_body(tokens: Tokens) -> Args:
    body = tokens.body()
    tokens.expect_end()
    return Args(body=body)


def optional_body(tokens: Tokens) -> Args:
    body = None if tokens.at_end() else tokens.body()
    tokens.expect_end()
    return Args(body=body)


def body_and_optional_date(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.optional_day()
    tokens.expect_end()
    return Args(body=body, day=day)


_AGAIN_WORDS = (("på", "nytt"), ("again",))


def publication(tokens: Tokens) -> Args:
    # `publiser saksliste [organ] [<dato>] [på nytt]`: "på nytt" posts it even when unchanged.
    def is_option(word: str) -> bool:
        return looks_like_date(word) or word.lower() in ("på", "again")

    body = tokens.body_unless(is_option)
    day = tokens.day() if tokens.peek() is not None and looks_like_date(str(tokens.peek())) else None
    if tuple(word.lower() for word in tokens.words) in _AGAIN_WORDS:
        return Args(body=body, day=day, again=True)
    tokens.expect_end()
    return Args(body=body, day=day)


_DEFER_WORDS = (("neste", "møte"), ("next", "meeting"))
_CORRECTION_WORDS = ("rettelse", "correction")
_SIGNATORY_WORDS = ("signatarer", "signatories")


def minutes(tokens: Tokens) -> Args:
    # `protokoll [organ] [<dato>] [neste møte | rettelse: <tekst> | signatarer <navn>, <navn>]`
    def is_option(word: str) -> bool:
        options = _CORRECTION_WORDS + _SIGNATORY_WORDS + ("neste", "next")
        return looks_like_date(word) or word.lower().split(":")[0] in options

    body = tokens.body_unless(is_option)
    day = tokens.day() if tokens.peek() is not None and looks_like_date(str(tokens.peek())) else None
    words = tuple(word.lower() for word in tokens.words)
    if words in _DEFER_WORDS:
        return Args(body=body, day=day, defer=True)
    if words and words[0].split(":")[0] in _SIGNATORY_WORDS:
        # The names as written, split at commas; the use case says when there are not two.
        named = " ".join(tokens.words).split(None, 1)[1:] if len(words) > 1 else []
        names = tuple(name.strip() for name in (named[0] if named else "").split(",") if name.strip())
        return Args(body=body, day=day, names=names)
    if words and words[0].split(":")[0] in _CORRECTION_WORDS:
        correction = " ".join(tokens.words).split(":", 1)[1].strip() if ":" in " ".join(tokens.words) else ""
        if not correction:
            raise ParseError("missing_argument", what="what_correction")
        return Args(body=body, day=day, text=correction)
    tokens.expect_end()
    return Args(body=body, day=day)


_MEASURE_STATUS_WORDS = {
    ("ikke", "startet"): MeasureStatus.IKKE_STARTET,
    ("not", "started"): MeasureStatus.IKKE_STARTET,
    ("in", "progress"): MeasureStatus.PAGAENDE,
    ("pågående",): MeasureStatus.PAGAENDE,
    ("pagaende",): MeasureStatus.PAGAENDE,
    ("ongoing",): MeasureStatus.PAGAENDE,
    ("fullført",): MeasureStatus.FULLFORT,
    ("fullfort",): MeasureStatus.FULLFORT,
    ("completed",): MeasureStatus.FULLFORT,
    ("done",): MeasureStatus.FULLFORT,
    ("utsatt",): MeasureStatus.UTSATT,
    ("postponed",): MeasureStatus.UTSATT,
    ("avsluttet",): MeasureStatus.AVSLUTTET,
    ("closed",): MeasureStatus.AVSLUTTET,
}


def looks_like_measure(word: str) -> bool:
    return MEASURE_REFERENCE.match(word) is not None


def _measure_status(tokens: Tokens) -> MeasureStatus:
    words = [word.lower() for word in tokens.words[:2]]
    for length in (2, 1):
        status = _MEASURE_STATUS_WORDS.get(tuple(words[:length]))
        if status is not None and len(words) >= length:
            del tokens.words[:length]
            return status
    if not words:
        raise ParseError("missing_argument", what="what_measure_status")
    raise ParseError("unknown_measure_status", value=tokens.words[0])


def update_measure(tokens: Tokens) -> Args:
    if tokens.at_end():
        raise ParseError("missing_argument", what="what_measure")
    reference = tokens.pop()
    if not looks_like_measure(reference):
        raise ParseError("bad_measure_reference", measure=reference)
    status = _measure_status(tokens)
    return Args(measure=reference, measure_status=status, text=tokens.rest().strip() or None)


def measures(tokens: Tokens) -> Args:
    # `tiltak [organ]` lists; `tiltak 3.2` shows one with its history; `tiltak 3.2 fullført
    # [kommentar]` updates it (one Norwegian word for all three).
    first = tokens.peek()
    if first is not None and looks_like_measure(first) and len(tokens.words) == 1:
        return Args(measure=tokens.pop())
    if first is not None and (looks_like_measure(first) or first[0].isdigit()):
        return update_measure(tokens)
    return optional_body(tokens)


def new_plan(tokens: Tokens) -> Args:
    # `ny handlingsplan 2027 [fra 2026]`
    if tokens.at_end():
        raise ParseError("missing_argument", what="what_year")
    year = _year(tokens.pop())
    from_year = None
    if not tokens.at_end():
        if str(tokens.peek()).lower() not in ("fra", "from"):
            raise ParseError("unexpected_argument", value=" ".join(tokens.words))
        tokens.pop()
        if tokens.at_end():
            raise ParseError("missing_argument", what="what_year")
        from_year = _year(tokens.pop())
    tokens.expect_end()
    return Args(year=year, from_year=from_year)


def new_area(tokens: Tokens) -> Args:
    # `nytt satsningsområde [2027] Tittel`
    year = int(tokens.pop()) if tokens.peek() is not None and _is_year(str(tokens.peek())) else None
    title = tokens.rest().strip()
    if not title:
        raise ParseError("missing_argument", what="what_title")
    return Args(year=year, title=title)


_OWNER_WORDS = ("ansvarlig", "owner")
_DUE_WORDS = ("frist", "due")
_LONGEST_NAME = 4  # words in an owner's name ("Anne Marie Berg Hansen")


def _is_owner_name(words: list[str], tokens: Tokens) -> bool:
    """Whether the words after `ansvarlig` name someone: an email address, a body key, or a
    person's name with every word capitalised. "ansvarlig for oppfølging" names no one."""
    if len(words) == 1 and ("@" in words[0] or tokens.is_body(words[0])):
        return True
    return 0 < len(words) <= _LONGEST_NAME and all(word[:1].isupper() for word in words)


def new_measure(tokens: Tokens) -> Args:
    # `nytt tiltak 3: Tittel [ansvarlig kari@example.no] [frist 31.12.2026]`. The options are read
    # from the end, and only where complete (`frist` and a date, `ansvarlig` and a name); anything
    # else is the title's ("Overholde frist for epikrise", "Tydelig ansvarlig for oppfølging").
    line = " ".join(tokens.words)
    head, colon, rest = line.partition(":")
    if not colon or not head.strip().isdigit():
        raise ParseError("missing_argument", what="what_area")
    words = rest.split()
    owner: str | None = None
    due = None
    while True:
        if due is None and len(words) >= 2 and words[-2].lower() in _DUE_WORDS and looks_like_date(words[-1]):
            due = parse_date(words[-1])
            del words[-2:]
            continue
        if owner is None:
            start = next(
                (
                    index
                    for index in range(len(words) - 2, 0, -1)
                    if words[index].lower() in _OWNER_WORDS and _is_owner_name(words[index + 1 :], tokens)
                ),
                None,
            )
            if start is not None:
                owner = " ".join(words[start + 1 :])
                del words[start:]
                continue
        break
    if words and words[-1].lower() in _DUE_WORDS and due is None:
        raise ParseError("missing_argument", what="what_date")  # "… frist" with the date left out
    title = " ".join(words)
    if not title:
        raise ParseError("missing_argument", what="what_title")
    return Args(area=int(head.strip()), title=title, owner=owner, day=due)


def plan_for_adoption(tokens: Tokens) -> Args:
    # `legg fram handlingsplan [<år>] [organ]`, the two in either order
    year: int | None = None
    body: str | None = None
    while not tokens.at_end():
        word = str(tokens.peek())
        if year is None and _is_year(word):
            year = int(tokens.pop())
        elif body is None and not word[0].isdigit():
            body = tokens.body()
        elif word[0].isdigit():
            raise year_error(word)
        else:
            raise ParseError("unexpected_argument", value=" ".join(tokens.words))
    return Args(year=year, body=body)


_REMINDER_DAYS = {
    "frist": "case_deadline_days",
    "deadline": "case_deadline_days",
    "saksliste": "agenda_days",
    "agenda": "agenda_days",
}
_REMINDER_MODES = {
    "publiser": AgendaMode.PUBLISH,
    "publish": AgendaMode.PUBLISH,
    "påminn": AgendaMode.REMIND,
    "remind": AgendaMode.REMIND,
}
_EVE_WORDS = ("kvelden", "eve")
_YES_NO = {"ja": True, "yes": True, "på": True, "on": True, "nei": False, "no": False, "av": False, "off": False}


def reminders(tokens: Tokens) -> Args:
    # `påminnelser [organ]` shows; `påminnelser [organ] frist 21 saksliste 10 påminn kvelden nei` sets.
    def is_setting(word: str) -> bool:
        return word.lower() in (*_REMINDER_DAYS, *_REMINDER_MODES, *_EVE_WORDS)

    body = tokens.body_unless(is_setting)
    changes: dict[str, object] = {}
    while not tokens.at_end():
        word = tokens.pop().lower()
        if word in _REMINDER_DAYS:
            value = tokens.pop() if not tokens.at_end() else ""
            if not value.isdigit():
                raise ParseError("reminder_days_expected", word=word, value=value or "–")
            changes[_REMINDER_DAYS[word]] = int(value)
        elif word in _REMINDER_MODES:
            changes["agenda_mode"] = _REMINDER_MODES[word]
        elif word in _EVE_WORDS:
            value = tokens.pop().lower() if not tokens.at_end() else ""
            if value not in _YES_NO:
                raise ParseError("reminder_yes_no_expected", word=word, value=value or "–")
            changes["meeting_eve"] = _YES_NO[value]
        else:
            raise ParseError("unexpected_argument", value=word)
    return Args(body=body, reminder_changes=changes or None)


_RENEW_WORDS = ("ny", "forny", "new", "renew")


def calendar(tokens: Tokens) -> Args:
    # `kalender [organ] [ny]`
    body = tokens.body_unless(lambda word: word.lower() in _RENEW_WORDS)
    renew = not tokens.at_end() and str(tokens.peek()).lower() in _RENEW_WORDS
    if renew:
        tokens.pop()
    tokens.expect_end()
    return Args(body=body, renew=renew)


def _year(word: str) -> int:
    return parse_year(word)


def optional_year(tokens: Tokens) -> Args:
    year = None
    if not tokens.at_end():
        word = tokens.pop()
        if not _is_year(word):
            raise year_error(word)
        year = int(word)
    tokens.expect_end()
    return Args(year=year)


_HELD_WORDS = ("avholdt", "held")


def new_meeting(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.day()
    start, end = tokens.time_span()
    # `avholdt` (`held`) is read only as the last word, so a place may still hold the word.
    held = bool(tokens.words) and tokens.words[-1].lower() in _HELD_WORDS
    if held:
        tokens.words.pop()
    return Args(body=body, day=day, start=start, end=end, place=tokens.rest() or None, held=held)


def meeting_plan(tokens: Tokens) -> Args:
    # `møteplan [organ] [<år>]`: with a body the year's proposal, without one the årshjul.
    body = tokens.body_unless(_is_year)
    year = parse_year(tokens.pop()) if not tokens.at_end() else None
    tokens.expect_end()
    return Args(body=body, year=year)


def call_substitute(tokens: Tokens) -> Args:
    # `innkall vara [organ] [<dato>] <navn>`: the body only as a known key with a name after it,
    # since a name's first word is no body.
    first = tokens.peek()
    body = tokens.body() if first is not None and tokens.is_body(first) else None
    day = tokens.day() if tokens.peek() is not None and looks_like_date(str(tokens.peek())) else None
    name = tokens.rest().strip()
    if not name:
        raise ParseError("missing_argument", what="what_substitute")
    return Args(body=body, day=day, text=name)


def move_meeting(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.day()
    tokens.to_word()
    to_day = tokens.day()
    start, end = tokens.time_span()
    tokens.expect_end()
    return Args(body=body, day=day, to_day=to_day, start=start, end=end)


def cancel_meeting(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.day()
    tokens.expect_end()
    return Args(body=body, day=day)


def new_case(tokens: Tokens) -> Args:
    # `ny sak SSU Tittel`: a leading word is the body only if it is a known key and a title follows.
    first = tokens.peek()
    if first is not None and tokens.is_body(first) and len(tokens.words) == 1:
        raise ParseError("missing_argument", what="what_title")  # "ny sak SSU": a body, no title
    body = tokens.body() if first is not None and tokens.is_body(first) else None
    case_type = tokens.case_type()
    title = tokens.rest()
    if not title:
        raise ParseError("missing_argument", what="what_title")
    return Args(body=body, title=title, case_type=case_type)


def case_reference(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    tokens.expect_end()
    return Args(body=body, number=number, year=year)


def schedule(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    day = tokens.optional_day()
    tokens.expect_end()
    return Args(body=body, number=number, year=year, day=day)


def refer(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    if tokens.at_end() or str(tokens.peek()).lower() not in ("til", "to"):
        raise ParseError("missing_argument", what="what_target_body")
    tokens.pop()
    if tokens.at_end():
        raise ParseError("missing_argument", what="what_target_body")
    target = tokens.body()
    tokens.expect_end()
    return Args(body=body, number=number, year=year, target=target)


def disqualified(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    return Args(body=body, number=number, year=year, text=tokens.rest().strip() or None)


def _is_year(word: str) -> bool:
    return is_year(word)


def decision_register(tokens: Tokens) -> Args:
    body = tokens.body_unless(_is_year)
    # A number here is meant as the year: one out of range is told so, not "not understood".
    year = parse_year(tokens.pop()) if str(tokens.peek())[:1].isdigit() else None
    tokens.expect_end()
    return Args(body=body, year=year)


def decision_search(tokens: Tokens) -> Args:
    words = tokens.rest().strip()
    if not words:
        raise ParseError("missing_argument", what="what_search_words")
    return Args(text=words)


def decide(tokens: Tokens) -> Args:
    # `vedtak [organ] 12/2026: tekst` records a decision; `vedtak [organ] [<år>]`, with no case
    # number, shows the register (the Norwegian word serves both, as in DESIGN.md section 2).
    line = " ".join(tokens.words)
    if ":" not in line and not any(looks_like_case_number(word) for word in tokens.words):
        return decision_register(tokens)
    head, colon, text = line.partition(":")  # the colon may touch the number or stand alone
    tokens.words = head.split()
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    if not colon or not text.strip():
        raise ParseError("missing_argument", what="what_decision_text")
    tokens.expect_end()
    return Args(body=body, number=number, year=year, text=text.strip())


_VOTE_WORDS = {
    "enstemmig": VoteKind.UNANIMOUS,
    "unanimous": VoteKind.UNANIMOUS,
    "orientering": VoteKind.NOTED,
    "noted": VoteKind.NOTED,
    "utsatt": VoteKind.NOT_DECIDED,
    "postponed": VoteKind.NOT_DECIDED,
}
# `5 mot 2`, `5 mot 2 1 blank`, `5 mot 2, 1 blank (Kari Nordmann, Ola Hansen)`; ASCII digits only,
# and four at most: no body has more members.
_COUNTED_VOTE = re.compile(
    r"^([0-9]{1,4})\s+(?:mot|against)\s+([0-9]{1,4})"
    r"(?:\s*,?\s*(?:og\s+|and\s+)?([0-9]{1,4})\s+(?:blank|blanke|blanks))?"
    r"\s*(?:\((.*)\))?\s*$",
    re.IGNORECASE,
)


def vote(tokens: Tokens) -> Args:
    """`votering [organ] <nr>/<år> enstemmig | <for> mot <mot> [<n> blanke] [(navn, …)] |
    orientering | utsatt`, and the English words."""
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    rest = tokens.rest().strip()
    if not rest:
        raise ParseError("missing_argument", what="what_vote")
    kind = _VOTE_WORDS.get(rest.lower().rstrip("."))
    if kind is not None:
        return Args(body=body, number=number, year=year, vote=Vote(kind))
    match = _COUNTED_VOTE.match(rest)
    if match is None:
        raise ParseError("bad_vote", value=rest)
    names = tuple(name.strip() for name in (match[4] or "").split(",") if name.strip())
    counted = Vote(
        VoteKind.COUNTED,
        votes_for=int(match[1]),
        votes_against=int(match[2]),
        votes_blank=int(match[3] or 0),
        against_names=names,
    )
    return Args(body=body, number=number, year=year, vote=counted)


def statement(tokens: Tokens) -> Args:
    """`protokolltilførsel [organ] <nr>/<år> <navn>: <tekst>`; the name is a member's name or email."""
    head, colon, text = " ".join(tokens.words).partition(":")
    tokens.words = head.split()
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    speaker = tokens.rest().strip()
    if not speaker or not colon or not text.strip():
        raise ParseError("missing_argument", what="what_statement")
    return Args(body=body, number=number, year=year, speaker=speaker, text=text.strip())


def proposal(tokens: Tokens) -> Args:
    # `forslag [organ] 12/2026: tekst`; the colon may touch the number or stand alone.
    head, colon, text = " ".join(tokens.words).partition(":")
    tokens.words = head.split()
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    if not colon or not text.strip():
        raise ParseError("missing_argument", what="what_proposal")
    tokens.expect_end()
    return Args(body=body, number=number, year=year, text=text.strip())


_CASE_ATTRIBUTES = {
    "tittel": CaseAttribute.TITLE,
    "title": CaseAttribute.TITLE,
    "type": CaseAttribute.TYPE,
    "saksbehandler": CaseAttribute.OFFICER,
    "officer": CaseAttribute.OFFICER,
}


def edit_case(tokens: Tokens) -> Args:
    # `endre sak [organ] 12/2026 tittel|type|saksbehandler <verdi>`
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    if tokens.at_end():
        raise ParseError("missing_argument", what="what_case_attribute")
    word = tokens.pop()
    attribute = _CASE_ATTRIBUTES.get(word.lower().rstrip(":"))
    if attribute is None:
        raise ParseError("unknown_case_attribute", value=word)
    value = tokens.rest().strip()
    if not value:
        raise ParseError("missing_argument", what="what_case_attribute")
    return Args(body=body, number=number, year=year, case_attribute=attribute, text=value)


def _is_link(word: str) -> bool:
    return word.lower().startswith(("https://", "http://"))


def attach(tokens: Tokens) -> Args:
    """`[organ] <nr>/<år> [<lenke> [tittel]]`: a link and, after it, the title to show for it."""
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    link = tokens.pop() if not tokens.at_end() and _is_link(str(tokens.peek())) else None
    if link is None:
        tokens.expect_end()
        return Args(body=body, number=number, year=year)
    return Args(body=body, number=number, year=year, link=link, title=tokens.rest().strip() or None)


def detach(tokens: Tokens) -> Args:
    """`[organ] <nr>/<år> <n>`: the document's number as `vedlegg` lists it."""
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    if tokens.at_end():
        raise ParseError("missing_argument", what="what_document_number")
    word = tokens.pop()
    if not word.isascii() or not word.isdigit() or not 0 < int(word) < 100_000:
        raise ParseError("document_number_invalid", value=word)
    tokens.expect_end()
    return Args(body=body, number=number, year=year, document=int(word))


def _document_number(tokens: Tokens) -> int:
    if tokens.at_end():
        raise ParseError("missing_argument", what="what_document_number")
    word = tokens.pop()
    if not word.isascii() or not word.isdigit() or not 0 < int(word) < 100_000:
        raise ParseError("document_number_invalid", value=word)
    return int(word)


def _basis(tokens: Tokens) -> str:
    basis = tokens.rest().strip()
    if not basis:
        raise ParseError("missing_argument", what="what_legal_basis")
    return basis


def exempt(tokens: Tokens) -> Args:
    """`[organ] <nr>/<år> <hjemmel>`: the basis as typed; the use case reads it against the list,
    after the right, so a member is told they may not rather than which bases there are."""
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    return Args(body=body, number=number, year=year, basis=_basis(tokens))


def exempt_document(tokens: Tokens) -> Args:
    """`[organ] <nr>/<år> <n> <hjemmel>`: the document's number as `vedlegg` lists it."""
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    document = _document_number(tokens)
    return Args(body=body, number=number, year=year, document=document, basis=_basis(tokens))


_DOCUMENT_WORDS = ("vedlegg", "document")


def lift_exemption(tokens: Tokens) -> Args:
    """`[organ] <nr>/<år> [vedlegg <n>]`: the case, or one of its documents."""
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    document = None
    if not tokens.at_end() and str(tokens.peek()).lower() in _DOCUMENT_WORDS:
        tokens.pop()
        document = _document_number(tokens)
    tokens.expect_end()
    return Args(body=body, number=number, year=year, document=document)


def public_title(tokens: Tokens) -> Args:
    """`[organ] <nr>/<år>: <tekst>`; the colon may touch the number or stand alone."""
    head, colon, text = " ".join(tokens.words).partition(":")
    tokens.words = head.split()
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    tokens.expect_end()
    if not colon or not text.strip():
        raise ParseError("missing_argument", what="what_public_title")
    return Args(body=body, number=number, year=year, text=text.strip())
