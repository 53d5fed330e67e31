"""The command registry: every chat command of the bot, declared once.

Order matters: help lists the commands in this order, and the Teams manifest takes the first
ten for its command menu.
"""

from __future__ import annotations

from bot import handlers
from bot.commands import Args, CommandSpec, Registry
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
from governance.model import MeasureStatus
from governance.plans import MEASURE_REFERENCE
from governance.reminders import AgendaMode


def _no_arguments(tokens: Tokens) -> Args:
    tokens.expect_end()
    return Args()


def _topic(tokens: Tokens) -> Args:
    return Args(topic=tokens.rest() or None)


def _required_body(tokens: Tokens) -> Args:
    body = tokens.body()
    tokens.expect_end()
    return Args(body=body)


def _optional_body(tokens: Tokens) -> Args:
    body = None if tokens.at_end() else tokens.body()
    tokens.expect_end()
    return Args(body=body)


def _body_and_optional_date(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.optional_day()
    tokens.expect_end()
    return Args(body=body, day=day)


_DEFER_WORDS = (("neste", "møte"), ("next", "meeting"))
_CORRECTION_WORDS = ("rettelse", "correction")


def _minutes(tokens: Tokens) -> Args:
    # `protokoll [organ] [<dato>] [neste møte | rettelse: <tekst>]`
    def is_option(word: str) -> bool:
        return looks_like_date(word) or word.lower().split(":")[0] in _CORRECTION_WORDS + ("neste", "next")

    body = tokens.body_unless(is_option)
    day = tokens.day() if tokens.peek() is not None and looks_like_date(str(tokens.peek())) else None
    words = tuple(word.lower() for word in tokens.words)
    if words in _DEFER_WORDS:
        return Args(body=body, day=day, defer=True)
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


def _update_measure(tokens: Tokens) -> Args:
    if tokens.at_end():
        raise ParseError("missing_argument", what="what_measure")
    reference = tokens.pop()
    if not looks_like_measure(reference):
        raise ParseError("bad_measure_reference", measure=reference)
    status = _measure_status(tokens)
    return Args(measure=reference, measure_status=status, text=tokens.rest().strip() or None)


def _measures(tokens: Tokens) -> Args:
    # `tiltak [organ]` lists; `tiltak 3.2` shows one with its history; `tiltak 3.2 fullført
    # [kommentar]` updates it (one Norwegian word for all three).
    first = tokens.peek()
    if first is not None and looks_like_measure(first) and len(tokens.words) == 1:
        return Args(measure=tokens.pop())
    if first is not None and (looks_like_measure(first) or first[0].isdigit()):
        return _update_measure(tokens)
    return _optional_body(tokens)


def _new_plan(tokens: Tokens) -> Args:
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


def _new_area(tokens: Tokens) -> Args:
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


def _new_measure(tokens: Tokens) -> Args:
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


def _plan_for_adoption(tokens: Tokens) -> Args:
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


def _reminders(tokens: Tokens) -> Args:
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


def _calendar(tokens: Tokens) -> Args:
    # `kalender [organ] [ny]`
    body = tokens.body_unless(lambda word: word.lower() in _RENEW_WORDS)
    renew = not tokens.at_end() and str(tokens.peek()).lower() in _RENEW_WORDS
    if renew:
        tokens.pop()
    tokens.expect_end()
    return Args(body=body, renew=renew)


def _year(word: str) -> int:
    return parse_year(word)


def _optional_year(tokens: Tokens) -> Args:
    year = None
    if not tokens.at_end():
        word = tokens.pop()
        if not _is_year(word):
            raise year_error(word)
        year = int(word)
    tokens.expect_end()
    return Args(year=year)


def _new_meeting(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.day()
    start, end = tokens.time_span()
    return Args(body=body, day=day, start=start, end=end, place=tokens.rest() or None)


def _move_meeting(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.day()
    tokens.to_word()
    to_day = tokens.day()
    start, end = tokens.time_span()
    tokens.expect_end()
    return Args(body=body, day=day, to_day=to_day, start=start, end=end)


def _cancel_meeting(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_date)
    day = tokens.day()
    tokens.expect_end()
    return Args(body=body, day=day)


def _new_case(tokens: Tokens) -> Args:
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


def _case_reference(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    tokens.expect_end()
    return Args(body=body, number=number, year=year)


def _schedule(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    day = tokens.optional_day()
    tokens.expect_end()
    return Args(body=body, number=number, year=year, day=day)


def _refer(tokens: Tokens) -> Args:
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


def _disqualified(tokens: Tokens) -> Args:
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    return Args(body=body, number=number, year=year, text=tokens.rest().strip() or None)


def _is_year(word: str) -> bool:
    return is_year(word)


def _register(tokens: Tokens) -> Args:
    body = tokens.body_unless(_is_year)
    # A number here is meant as the year: one out of range is told so, not "not understood".
    year = parse_year(tokens.pop()) if str(tokens.peek())[:1].isdigit() else None
    tokens.expect_end()
    return Args(body=body, year=year)


def _search(tokens: Tokens) -> Args:
    words = tokens.rest().strip()
    if not words:
        raise ParseError("missing_argument", what="what_search_words")
    return Args(text=words)


def _decide(tokens: Tokens) -> Args:
    # `vedtak [organ] 12/2026: tekst` records a decision; `vedtak [organ] [<år>]`, with no case
    # number, shows the register (the Norwegian word serves both, as in DESIGN.md section 2).
    line = " ".join(tokens.words)
    if ":" not in line and not any(looks_like_case_number(word) for word in tokens.words):
        return _register(tokens)
    head, colon, text = line.partition(":")  # the colon may touch the number or stand alone
    tokens.words = head.split()
    body = tokens.body_unless(looks_like_case_number)
    number, year = tokens.case_number()
    if not colon or not text.strip():
        raise ParseError("missing_argument", what="what_decision_text")
    tokens.expect_end()
    return Args(body=body, number=number, year=year, text=text.strip())


COMMANDS = [
    CommandSpec(
        "agenda",
        "saksliste",
        "agenda",
        ("[organ] [<dato>]", "[body] [<date>]"),
        ("Viser sakslisten for neste (eller angitt) møte.", "Shows the agenda of the next (or the given) meeting."),
        _body_and_optional_date,
        handlers.show_agenda,
        "saksliste SSU",
    ),
    CommandSpec(
        "new_case",
        "ny sak",
        "new case",
        ("[organ] [type] <tittel>", "[body] [type] <title>"),
        (
            "Melder inn en sak i organets kø og svarer med saksnummeret. Type: vedtakssak (standard), drøftingssak eller orienteringssak.",
            "Registers a case in the body's queue and replies with its number. Type: decision (default), discussion or information.",
        ),
        _new_case,
        handlers.register_case,
        "ny sak SSU Samarbeid om utskrivning av skrøpelige eldre",
    ),
    CommandSpec(
        "cases",
        "saker",
        "cases",
        ("[organ]", "[body]"),
        ("Viser åpne saker: i kø og satt opp.", "Lists open cases: queued and scheduled."),
        _optional_body,
        handlers.list_cases,
        "saker SSU",
    ),
    CommandSpec(
        "case",
        "sak",
        "case",
        ("[organ] <nr>/<år>", "[body] <no>/<year>"),
        ("Viser én sak.", "Shows one case."),
        _case_reference,
        handlers.show_case,
        "sak SSU 12/2026",
    ),
    CommandSpec(
        "schedule",
        "sett opp",
        "schedule",
        ("[organ] <nr>/<år> [<dato>]", "[body] <no>/<year> [<date>]"),
        (
            "Setter en sak opp på neste (eller angitt) møtes saksliste.",
            "Puts a case on the next (or the given) meeting's agenda.",
        ),
        _schedule,
        handlers.schedule_case,
        "sett opp SSU 12/2026 12.03.2027",
    ),
    CommandSpec(
        "meetings",
        "møter",
        "meetings",
        ("[organ]", "[body]"),
        ("Viser kommende møter.", "Lists upcoming meetings."),
        _optional_body,
        handlers.list_meetings,
        "møter SSU",
    ),
    CommandSpec(
        "new_meeting",
        "nytt møte",
        "new meeting",
        ("[organ] <dato> <tt:mm>[-<tt:mm>] [sted]", "[body] <date> <hh:mm>[-<hh:mm>] [place]"),
        ("Planlegger et møte (sekretariat eller leder).", "Plans a meeting (secretariat or chair)."),
        _new_meeting,
        handlers.plan_meeting,
        "nytt møte SSU 12.03.2027 09:00-12:00 Drammen sykehus",
    ),
    CommandSpec(
        "publish_agenda",
        "publiser saksliste",
        "publish agenda",
        ("[organ] [<dato>]", "[body] [<date>]"),
        (
            "Publiserer sakslisten i organets kanal og markerer møtet som innkalt.",
            "Posts the agenda to the body's channel and marks the meeting called.",
        ),
        _body_and_optional_date,
        handlers.publish_agenda,
        "publiser saksliste SSU",
    ),
    CommandSpec(
        "decide",
        "vedtak",
        "decide",
        ("[organ] <nr>/<år>: <tekst>", "[body] <no>/<year>: <text>"),
        (
            "Registrerer vedtaket i en sak og sender det til godkjenning på kort (sekretariat eller leder). "
            "En sak i køen vedtas som sirkulasjonssak.",
            "Records the decision on a case and asks for approval by card (secretariat or chair). "
            "A case in the queue is decided between meetings.",
        ),
        _decide,
        handlers.record_decision,
        "vedtak SSU 12/2026: SSU slutter seg til forslaget.",
    ),
    CommandSpec(
        "refer",
        "send",
        "refer",
        ("[organ] <nr>/<år> til <organ>", "[body] <no>/<year> to <body>"),
        (
            "Sender en sak til et annet organs kø; den får neste nummer der, og sakene lenkes til hverandre.",
            "Refers a case to another body's queue; it gets that body's next number and the cases link to each other.",
        ),
        _refer,
        handlers.refer_case,
        "send 3/2026 til SSU",
    ),
    CommandSpec(
        "absence",
        "forfall",
        "absence",
        ("[organ] [<dato>]", "[body] [<date>]"),
        (
            "Melder forfall til neste (eller angitt) møte; sekretariatet får beskjed om hvilken vara som kan kalles inn.",
            "Reports your absence from the next (or the given) meeting; the secretariat is told which substitute to call.",
        ),
        _body_and_optional_date,
        handlers.report_absence,
        "forfall SSU 12.03.2027",
    ),
    CommandSpec(
        "attendance",
        "fremmøte",
        "attendance",
        ("[organ] [<dato>]", "[body] [<date>]"),
        (
            "Fører fremmøte for siste (eller angitt) møte på et kort: til stede, forfall, fraværende og vara (sekretariat eller leder).",
            "Records attendance at the latest (or the given) meeting on a card: present, apologies, absent and substitutes (secretariat or chair).",
        ),
        _body_and_optional_date,
        handlers.show_attendance,
        "fremmøte SSU 12.03.2027",
    ),
    CommandSpec(
        "minutes",
        "protokoll",
        "minutes",
        (
            "[organ] [<dato>] [neste møte | rettelse: <tekst>]",
            "[body] [<date>] [next meeting | correction: <text>]",
        ),
        (
            "Lager protokoll fra siste (eller angitt) møte (fremmøte, sakene med vedtak, inhabilitet) og legger den ut til godkjenning; «neste møte» flytter godkjenningen til neste møte, «rettelse:» lager en rettet versjon av en godkjent protokoll (sekretariat eller leder).",
            "Drafts the minutes of the latest (or the given) meeting (attendance, the cases with their decisions, disqualifications) and posts them for approval; 'next meeting' moves the approval to the next meeting, 'correction:' makes a corrected version of approved minutes (secretariat or chair).",
        ),
        _minutes,
        handlers.draft_minutes,
        "protokoll SSU 12.03.2027",
    ),
    CommandSpec(
        "disqualified",
        "inhabil",
        "disqualified",
        ("[organ] <nr>/<år> [grunn]", "[body] <no>/<year> [reason]"),
        (
            "Erklærer deg inhabil i en sak: du godkjenner ikke vedtaket, og erklæringen føres i protokollen.",
            "Declares you disqualified on a case: you do not approve its decision, and the minutes record it.",
        ),
        _disqualified,
        handlers.declare_disqualified,
        "inhabil SSU 12/2026 styreverv i leverandøren",
    ),
    CommandSpec(
        "decisions",
        "vedtaksregister",
        "decisions",
        ("[organ] [<år>]", "[body] [<year>]"),
        (
            "Viser organets vedtak for året (eller angitt år). «vedtak [organ] [<år>]» gjør det samme.",
            "Lists the body's decisions of this (or the given) year.",
        ),
        _register,
        handlers.list_decisions,
        "vedtaksregister SSU 2026",
    ),
    CommandSpec(
        "decision_search",
        "vedtak søk",
        "decisions search",
        ("<ord>", "<words>"),
        (
            "Søker i vedtakene til alle organ og år i helsefellesskapet.",
            "Searches the decisions of every body and year in the partnership.",
        ),
        _search,
        handlers.search_decisions,
        "vedtak søk utskrivning",
    ),
    CommandSpec(
        "plan",
        "handlingsplan",
        "plan",
        ("[<år>]", "[<year>]"),
        (
            "Statusrapporten for årets (eller angitt års) handlingsplan: satsningsområdene med tiltak, status og forfalte tiltak.",
            "The status report of this (or the given) year's action plan: focus areas with their measures, status and overdue measures.",
        ),
        _optional_year,
        handlers.show_plan,
        "handlingsplan 2024",
    ),
    CommandSpec(
        "my_measures",
        "mine tiltak",
        "my actions",
        ("", ""),
        (
            "Tiltakene du er ansvarlig for, med et skjema for å oppdatere status og fremdrift.",
            "The measures you own, with a form to update their status and progress.",
        ),
        _no_arguments,
        handlers.my_measures,
        "mine tiltak",
    ),
    CommandSpec(
        "measures",
        "tiltak",
        "actions",
        ("[organ] | <nr> [<status> [kommentar]]", "[body] | <no> [<status> [comment]]"),
        (
            "Viser årets åpne tiltak (eller et organs tiltak); med nummer vises tiltaket med historikken, og med nummer og status oppdateres det, for eksempel «tiltak 3.2 fullført». Status: ikke startet, pågående, fullført, utsatt, avsluttet.",
            "Lists this year's open measures (or a body's measures); with a number it shows the measure and its history, and with a number and status it updates it, e.g. 'action 3.2 completed'. Status: not started, in progress, completed, postponed, closed.",
        ),
        _measures,
        handlers.measures,
        "tiltak 3.2 pågående Første samling holdt",
    ),
    CommandSpec(
        "update_measure",
        "oppdater tiltak",
        "action",
        ("<nr> <status> [kommentar]", "<no> <status> [comment]"),
        (
            "Oppdaterer status på et tiltak, med en kommentar om fremdriften (ansvarlig, sekretariatet eller leder).",
            "Updates a measure's status, with a comment on progress (its owner, the secretariat or the chair).",
        ),
        _update_measure,
        handlers.measures,
        "oppdater tiltak 3.2 fullført",
    ),
    CommandSpec(
        "new_plan",
        "ny handlingsplan",
        "new plan",
        ("<år> [fra <år>]", "<year> [from <year>]"),
        (
            "Starter årets handlingsplan og viderefører satsningsområdene og tiltakene som ikke er fullført eller avsluttet fra fjorårets (eller angitt års) plan (sekretariat eller leder).",
            "Starts a year's action plan, carrying over the focus areas and every measure not completed or closed from last year's (or the given year's) plan (secretariat or chair).",
        ),
        _new_plan,
        handlers.start_plan,
        "ny handlingsplan 2027 fra 2026",
    ),
    CommandSpec(
        "put_forward_plan",
        "legg fram handlingsplan",
        "submit plan",
        ("[<år>] [organ]", "[<year>] [body]"),
        (
            "Melder inn saken «Handlingsplan <år>» i organet som eier planen, eller i organet det har gitt myndighet til å vedta den; et annet organ du nevner, forbereder saken og sender den videre. Når vedtaket i saken er endelig, er planen vedtatt (sekretariat eller leder).",
            "Registers the case 'Handlingsplan <year>' in the body that owns the plan, or in the body it gave authority to adopt it; another body you name prepares the case and refers it on. When the decision on the case is final, the plan is adopted (secretariat or chair).",
        ),
        _plan_for_adoption,
        handlers.put_forward_plan,
        "legg fram handlingsplan 2027",
    ),
    CommandSpec(
        "new_area",
        "nytt satsningsområde",
        "new focus area",
        ("[<år>] <tittel>", "[<year>] <title>"),
        (
            "Legger til et satsningsområde med neste nummer i årets (eller angitt års) handlingsplan (sekretariat eller leder).",
            "Adds a focus area under the next number to this (or the given) year's action plan (secretariat or chair).",
        ),
        _new_area,
        handlers.add_area,
        "nytt satsningsområde Akuttkjeden",
    ),
    CommandSpec(
        "new_measure",
        "nytt tiltak",
        "new action",
        ("<område>: <tittel> [ansvarlig <navn>] [frist <dato>]", "<area>: <title> [owner <name>] [due <date>]"),
        (
            "Legger til et tiltak under et satsningsområde i årets plan; ansvarlig er en e-postadresse, et navn eller et organ (sekretariat eller leder).",
            "Adds a measure under a focus area of this year's plan; the owner is an email address, a name or a body (secretariat or chair).",
        ),
        _new_measure,
        handlers.add_measure,
        "nytt tiltak 3: Felles ROP-forløp ansvarlig FSU frist 31.12.2027",
    ),
    CommandSpec(
        "reminders",
        "påminnelser",
        "reminders",
        (
            "[organ] [frist <dager>] [saksliste <dager>] [publiser|påminn] [kvelden ja|nei]",
            "[body] [deadline <days>] [agenda <days>] [publish|remind] [eve yes|no]",
        ),
        (
            "Viser organets påminnelser: frist for saker, når sakslisten publiseres (eller sekretariatet minnes på det), påminnelsen dagen før møtet, og de neste som skal ut. Sekretariatet og leder endrer dem.",
            "Shows the body's reminders: the case deadline, when the agenda is published (or the secretariat reminded), the reminder the day before the meeting, and the next ones due. The secretariat and the chair change them.",
        ),
        _reminders,
        handlers.reminders,
        "påminnelser SSU frist 21 kvelden nei",
    ),
    CommandSpec(
        "calendar",
        "kalender",
        "calendar",
        ("[organ] [ny]", "[body] [renew]"),
        (
            "Gir lenken til organets kalender (iCalendar) med alle møtene, til å abonnere på i Outlook eller Google; med «ny» lager sekretariatet eller leder en ny lenke, og den gamle slutter å virke.",
            "Gives the link to the body's calendar (iCalendar) with all its meetings, to subscribe to in Outlook or Google; with 'renew' the secretariat or chair makes a new link and the old one stops working.",
        ),
        _calendar,
        handlers.calendar,
        "kalender SSU",
    ),
    CommandSpec(
        "help",
        "hjelp",
        "help",
        ("[kommando]", "[command]"),
        ("Viser kommandoene, eller forklarer én.", "Lists the commands, or explains one."),
        _topic,
        handlers.show_help,
        "hjelp nytt møte",
        other_names=("?",),
    ),
    CommandSpec(
        "bodies",
        "organer",
        "bodies",
        ("", ""),
        (
            "Viser organene med nivå, overordnet organ og neste møte.",
            "Lists the bodies with level, parent and next meeting.",
        ),
        _no_arguments,
        handlers.list_bodies,
        "organer",
    ),
    CommandSpec(
        "members",
        "medlemmer",
        "members",
        ("[organ]", "[body]"),
        (
            "Viser medlemmene med rolle og hvem de representerer.",
            "Lists the members with role and whom they represent.",
        ),
        _optional_body,
        handlers.list_members,
        "medlemmer SSU",
    ),
    CommandSpec(
        "members_sync",
        "medlemmer synk",
        "members sync",
        ("[organ]", "[body]"),
        (
            "Leser medlemslisten i kanalen (eller gruppechatten) fra Teams og finner organets medlemmer der på e-postadressen; sekretariatet eller leder bekrefter koblingene på et kort, og da kan medlemmene godkjenne og få påminnelser i Teams.",
            "Reads the channel's (or group chat's) member list from Teams and finds the body's members there by email address; the secretariat or chair confirms the links on a card, and the members can then approve and get reminders in Teams.",
        ),
        _optional_body,
        handlers.sync_members,
        "medlemmer synk SSU",
    ),
    CommandSpec(
        "link",
        "koble",
        "link",
        ("<organ>", "<body>"),
        (
            "Kobler denne kanalen eller chatten til et organ (sekretariat eller leder).",
            "Links this channel or chat to a body (secretariat or chair).",
        ),
        _required_body,
        handlers.link,
        "koble SSU",
    ),
    CommandSpec(
        "move_meeting",
        "flytt møte",
        "move meeting",
        ("[organ] <dato> til <dato> <tt:mm>[-<tt:mm>]", "[body] <date> to <date> <hh:mm>[-<hh:mm>]"),
        ("Flytter et møte (sekretariat eller leder).", "Moves a meeting (secretariat or chair)."),
        _move_meeting,
        handlers.move_meeting,
        "flytt møte SSU 12.03.2027 til 19.03.2027 09:00-12:00",
    ),
    CommandSpec(
        "cancel_meeting",
        "avlys møte",
        "cancel meeting",
        ("[organ] <dato>", "[body] <date>"),
        ("Avlyser et møte; sakene går tilbake i køen.", "Cancels a meeting; its cases return to the queue."),
        _cancel_meeting,
        handlers.cancel_meeting,
        "avlys møte SSU 12.03.2027",
    ),
    CommandSpec(
        "postpone",
        "utsett",
        "postpone",
        ("[organ] <nr>/<år>", "[body] <no>/<year>"),
        (
            "Utsetter en sak: den tas av sakslisten og legges i køen.",
            "Postpones a case: off the agenda and back in the queue.",
        ),
        _case_reference,
        handlers.postpone_case,
        "utsett SSU 12/2026",
    ),
    CommandSpec(
        "withdraw",
        "trekk",
        "withdraw",
        ("[organ] <nr>/<år>", "[body] <no>/<year>"),
        ("Trekker en sak.", "Withdraws a case."),
        _case_reference,
        handlers.withdraw_case,
        "trekk SSU 12/2026",
    ),
]

REGISTRY = Registry(COMMANDS)
