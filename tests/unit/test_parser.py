"""The chat command parser (DESIGN.md section 2): every command in bokmål and English.

Everything goes through `REGISTRY.parse`, the same entry point the bot uses, so the tests see
what a user typing into Teams would get: the command that runs and the arguments it gets, or
the error code (and its parameters) that becomes the reply.
"""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from bot.commands import Args, CommandParseError, CommandSpec, Invocation, Registry
from bot.grammar import Tokens, strip_mentions
from bot.registry import REGISTRY
from cards.texts import Language, say
from governance.papers.paper import CaseAttribute
from governance.rules.handling import Vote, VoteKind
from governance.rules.model import CaseType, MeasureStatus
from governance.rules.reminders import AgendaMode

KNOWN = frozenset({"SSU", "PM", "LSU-DRAMMEN"})
LANGS: tuple[Language, ...] = ("nb", "en")

MARCH_12 = date(2027, 3, 12)
MARCH_19 = date(2027, 3, 19)
NINE = time(9, 0)
NOON = time(12, 0)


def parse(text: str, known: frozenset[str] = KNOWN) -> Invocation:
    return REGISTRY.parse(text, known)


def parse_error(text: str, known: frozenset[str] = KNOWN) -> CommandParseError:
    with pytest.raises(CommandParseError) as caught:
        REGISTRY.parse(text, known)
    return caught.value


# (text, command key, expected arguments). Each command appears at least once by its Norwegian
# name and once by its English alias (checked by test_the_table_covers_every_command_in_both_languages).
COMMAND_CASES: list[tuple[str, str, Args]] = [
    # saksliste / agenda
    ("saksliste SSU", "agenda", Args(body="SSU")),
    ("saksliste", "agenda", Args()),
    ("saksliste 12.03.2027", "agenda", Args(day=MARCH_12)),
    ("agenda SSU 12.03.2027", "agenda", Args(body="SSU", day=MARCH_12)),
    ("agenda", "agenda", Args()),
    # innkalling / notice
    ("innkalling SSU", "notice", Args(body="SSU")),
    ("innkalling SSU 12.03.2027", "notice", Args(body="SSU", day=MARCH_12)),
    ("notice", "notice", Args()),
    # ny sak / new case
    (
        "ny sak SSU Samarbeid om utskrivning av skrøpelige eldre",
        "new_case",
        Args(body="SSU", title="Samarbeid om utskrivning av skrøpelige eldre"),
    ),
    ("ny sak Felles rutine for legemidler", "new_case", Args(title="Felles rutine for legemidler")),
    ("new case PM Annual action plan 2027", "new_case", Args(body="PM", title="Annual action plan 2027")),
    ("new case Joint discharge routine", "new_case", Args(title="Joint discharge routine")),
    # saker / cases
    ("saker SSU", "cases", Args(body="SSU")),
    ("saker", "cases", Args()),
    ("cases LSU-DRAMMEN", "cases", Args(body="LSU-DRAMMEN")),
    ("cases", "cases", Args()),
    # sak / case
    ("sak SSU 12/2026", "case", Args(body="SSU", number=12, year=2026)),
    ("sak 7/2027", "case", Args(number=7, year=2027)),
    ("case PM 3/2027", "case", Args(body="PM", number=3, year=2027)),
    ("case 12/26", "case", Args(number=12, year=2026)),
    # saksfremlegg / case paper
    ("saksfremlegg SSU 12/2026", "case_paper", Args(body="SSU", number=12, year=2026)),
    ("case paper 3/2027", "case_paper", Args(number=3, year=2027)),
    # forslag / proposal
    (
        "forslag SSU 12/2026: SSU slutter seg til rutinen.",
        "proposal",
        Args(body="SSU", number=12, year=2026, text="SSU slutter seg til rutinen."),
    ),
    ("proposal 12/2026 : SSU endorses it", "proposal", Args(number=12, year=2026, text="SSU endorses it")),
    # endre sak / edit case
    (
        "endre sak SSU 12/2026 tittel Felles rutine for utskrivning",
        "edit_case",
        Args(
            body="SSU", number=12, year=2026, case_attribute=CaseAttribute.TITLE, text="Felles rutine for utskrivning"
        ),
    ),
    (
        "endre sak 12/2026 saksbehandler Kari Nordmann",
        "edit_case",
        Args(number=12, year=2026, case_attribute=CaseAttribute.OFFICER, text="Kari Nordmann"),
    ),
    (
        "edit case PM 3/2027 type information",
        "edit_case",
        Args(body="PM", number=3, year=2027, case_attribute=CaseAttribute.TYPE, text="information"),
    ),
    (
        "edit case 3/2027 officer kari@example.no",
        "edit_case",
        Args(number=3, year=2027, case_attribute=CaseAttribute.OFFICER, text="kari@example.no"),
    ),
    # saker søk / cases search
    ("saker søk Ærø legevakt", "case_search", Args(text="Ærø legevakt")),
    ("cases search discharge", "case_search", Args(text="discharge")),
    # sett opp / schedule
    ("sett opp SSU 12/2026 12.03.2027", "schedule", Args(body="SSU", number=12, year=2026, day=MARCH_12)),
    ("sett opp 12/2026", "schedule", Args(number=12, year=2026)),
    ("schedule SSU 12/2026", "schedule", Args(body="SSU", number=12, year=2026)),
    ("schedule 4/27 2027-03-12", "schedule", Args(number=4, year=2027, day=MARCH_12)),
    (
        "vedtak SSU 12/2026: SSU slutter seg til forslaget.",
        "decide",
        Args(body="SSU", number=12, year=2026, text="SSU slutter seg til forslaget."),
    ),
    ("vedtak 12/26 : Tatt til orientering", "decide", Args(number=12, year=2026, text="Tatt til orientering")),
    ("Vedtak ssu 3/2027 :Godkjent", "decide", Args(body="SSU", number=3, year=2027, text="Godkjent")),
    (
        "decide SSU 12/2026: SSU endorses the proposal",
        "decide",
        Args(body="SSU", number=12, year=2026, text="SSU endorses the proposal"),
    ),
    ("vedtak SSU 2026", "decide", Args(body="SSU", year=2026)),
    ("send SSU 3/2026 til PM", "refer", Args(body="SSU", number=3, year=2026, target="PM")),
    (
        "inhabil SSU 12/2026 styreverv i leverandøren",
        "disqualified",
        Args(body="SSU", number=12, year=2026, text="styreverv i leverandøren"),
    ),
    ("disqualified 12/26", "disqualified", Args(number=12, year=2026)),
    ("votering SSU 12/2026 enstemmig", "vote", Args(body="SSU", number=12, year=2026, vote=Vote(VoteKind.UNANIMOUS))),
    (
        "votering SSU 12/2026 5 mot 2, 1 blank (Kari Nordmann, ola@example.no)",
        "vote",
        Args(
            body="SSU",
            number=12,
            year=2026,
            vote=Vote(VoteKind.COUNTED, 5, 2, 1, ("Kari Nordmann", "ola@example.no")),
        ),
    ),
    ("votering 12/2026 6 mot 1 2 blanke", "vote", Args(number=12, year=2026, vote=Vote(VoteKind.COUNTED, 6, 1, 2))),
    ("behandling SSU 12/2026", "handling", Args(body="SSU", number=12, year=2026)),
    ("proceedings 12/26", "handling", Args(number=12, year=2026)),
    ("votering SSU 3/2027 orientering", "vote", Args(body="SSU", number=3, year=2027, vote=Vote(VoteKind.NOTED))),
    ("vote 12/26 unanimous", "vote", Args(number=12, year=2026, vote=Vote(VoteKind.UNANIMOUS))),
    (
        "vote SSU 12/2026 4 against 3 (Kari Nordmann)",
        "vote",
        Args(body="SSU", number=12, year=2026, vote=Vote(VoteKind.COUNTED, 4, 3, 0, ("Kari Nordmann",))),
    ),
    ("vote 12/2026 postponed", "vote", Args(number=12, year=2026, vote=Vote(VoteKind.NOT_DECIDED))),
    (
        "protokolltilførsel SSU 12/2026 Kari Nordmann: Kommunen tar forbehold.",
        "statement",
        Args(body="SSU", number=12, year=2026, speaker="Kari Nordmann", text="Kommunen tar forbehold."),
    ),
    (
        "statement 12/2026 ola@example.no : The municipality reserves its position.",
        "statement",
        Args(number=12, year=2026, speaker="ola@example.no", text="The municipality reserves its position."),
    ),
    ("forfall SSU 12.03.2027", "absence", Args(body="SSU", day=MARCH_12)),
    ("absence", "absence", Args()),
    ("fremmøte SSU 12.03.2027", "attendance", Args(body="SSU", day=MARCH_12)),
    ("attendance", "attendance", Args()),
    ("protokoll SSU 12.03.2027", "minutes", Args(body="SSU", day=MARCH_12)),
    ("minutes", "minutes", Args()),
    ("protokoll SSU 12.03.2027 neste møte", "minutes", Args(body="SSU", day=MARCH_12, defer=True)),
    ("protokoll neste møte", "minutes", Args(defer=True)),
    (
        "protokoll SSU 12.03.2027 signatarer Kari Nordmann, Ola Hansen",
        "minutes",
        Args(body="SSU", day=MARCH_12, names=("Kari Nordmann", "Ola Hansen")),
    ),
    ("minutes signatories Kari", "minutes", Args(names=("Kari",))),
    ("protokoll signatarer", "minutes", Args(names=())),
    ("minutes SSU next meeting", "minutes", Args(body="SSU", defer=True)),
    ("protokoll 12.03.2027 rettelse: Sted er Tønsberg", "minutes", Args(day=MARCH_12, text="Sted er Tønsberg")),
    ("minutes correction:Place is Tønsberg", "minutes", Args(text="Place is Tønsberg")),
    ("send 3/26 til ssu", "refer", Args(number=3, year=2026, target="SSU")),
    (
        "refer SSU 3/2026 to PM",
        "refer",
        Args(body="SSU", number=3, year=2026, target="PM"),
    ),  # no case number: the register
    ("vedtak", "decide", Args()),
    ("vedtaksregister 2025", "decisions", Args(year=2025)),
    ("decisions SSU", "decisions", Args(body="SSU")),
    ("vedtak søk utskrivning skrøpelige", "decision_search", Args(text="utskrivning skrøpelige")),
    ("Decisions search discharge", "decision_search", Args(text="discharge")),
    # handlingsplan / plan, tiltak / actions
    ("handlingsplan", "plan", Args()),
    ("plan 2024", "plan", Args(year=2024)),
    ("mine tiltak", "my_measures", Args()),
    ("My actions", "my_measures", Args()),
    ("tiltak", "measures", Args()),
    ("actions ssu", "measures", Args(body="SSU")),
    ("tiltak 3.2 fullført", "measures", Args(measure="3.2", measure_status=MeasureStatus.FULLFORT)),
    ("tiltak 3.10/2026", "measures", Args(measure="3.10/2026")),
    (
        "tiltak 3.2/2024 ikke startet venter på ressurser",
        "measures",
        Args(measure="3.2/2024", measure_status=MeasureStatus.IKKE_STARTET, text="venter på ressurser"),
    ),
    (
        "action 10.12 in progress First workshop held",
        "update_measure",
        Args(measure="10.12", measure_status=MeasureStatus.PAGAENDE, text="First workshop held"),
    ),
    ("oppdater tiltak 1.1 Pågående", "update_measure", Args(measure="1.1", measure_status=MeasureStatus.PAGAENDE)),
    ("ny handlingsplan 2027", "new_plan", Args(year=2027)),
    ("New plan 2027 from 2025", "new_plan", Args(year=2027, from_year=2025)),
    ("legg fram handlingsplan", "put_forward_plan", Args()),
    ("påminnelser", "reminders", Args()),
    ("kalender", "calendar", Args()),
    ("kalender SSU ny", "calendar", Args(body="SSU", renew=True)),
    ("Calendar renew", "calendar", Args(renew=True)),
    ("påminnelser SSU", "reminders", Args(body="SSU")),
    (
        "påminnelser frist 21 saksliste 10 påminn kvelden nei",
        "reminders",
        Args(
            reminder_changes={
                "case_deadline_days": 21,
                "agenda_days": 10,
                "agenda_mode": AgendaMode.REMIND,
                "meeting_eve": False,
            }
        ),
    ),
    (
        "Reminders ssu publish eve yes",
        "reminders",
        Args(body="SSU", reminder_changes={"agenda_mode": AgendaMode.PUBLISH, "meeting_eve": True}),
    ),
    ("legg fram handlingsplan 2027 pm", "put_forward_plan", Args(year=2027, body="PM")),
    ("Submit plan SSU 2027", "put_forward_plan", Args(year=2027, body="SSU")),
    ("nytt satsningsområde Akuttkjeden", "new_area", Args(title="Akuttkjeden")),
    ("new focus area 2027 Acute care", "new_area", Args(year=2027, title="Acute care")),
    (
        "nytt tiltak 3: Felles ROP-forløp ansvarlig Kari Nordmann frist 31.12.2027",
        "new_measure",
        Args(area=3, title="Felles ROP-forløp", owner="Kari Nordmann", day=date(2027, 12, 31)),
    ),
    (
        "nytt tiltak 3 : Felles ROP-forløp frist 31.12.2027 ansvarlig FSU",
        "new_measure",
        Args(area=3, title="Felles ROP-forløp", owner="FSU", day=date(2027, 12, 31)),
    ),
    ("new action 12: Strategy due 2027-06-30", "new_measure", Args(area=12, title="Strategy", day=date(2027, 6, 30))),
    # møter / meetings
    ("møter PM", "meetings", Args(body="PM")),
    ("møter", "meetings", Args()),
    ("meetings SSU", "meetings", Args(body="SSU")),
    ("meetings", "meetings", Args()),
    # nytt møte / new meeting
    (
        "nytt møte SSU 12.03.2027 09:00-12:00 Drammen sykehus",
        "new_meeting",
        Args(body="SSU", day=MARCH_12, start=NINE, end=NOON, place="Drammen sykehus"),
    ),
    ("nytt møte 12.03.2027 09:00", "new_meeting", Args(day=MARCH_12, start=NINE)),
    (
        "new meeting SSU 2027-03-12 09:00-12:00 Drammen Hospital",
        "new_meeting",
        Args(body="SSU", day=MARCH_12, start=NINE, end=NOON, place="Drammen Hospital"),
    ),
    ("new meeting 12.03.2027 at 09:00", "new_meeting", Args(day=MARCH_12, start=NINE)),
    # a meeting held without being registered: "avholdt"/"held" as the last word only
    ("nytt møte SSU 12.03.2027 09:00 avholdt", "new_meeting", Args(body="SSU", day=MARCH_12, start=NINE, held=True)),
    (
        "new meeting SSU 12.03.2027 09:00-12:00 Drammen held",
        "new_meeting",
        Args(body="SSU", day=MARCH_12, start=NINE, end=NOON, place="Drammen", held=True),
    ),
    (
        "nytt møte SSU 12.03.2027 09:00 Avholdt sal",
        "new_meeting",
        Args(body="SSU", day=MARCH_12, start=NINE, place="Avholdt sal"),
    ),
    # møteplan / meeting plan: with a body the proposal, without one the årshjul
    ("møteplan SSU 2027", "meeting_plan", Args(body="SSU", year=2027)),
    ("møteplan 2027", "meeting_plan", Args(year=2027)),
    ("møteplan", "meeting_plan", Args()),
    ("meeting plan ssu 2027", "meeting_plan", Args(body="SSU", year=2027)),
    # innkall vara / call substitute: a name is never read as the body
    ("innkall vara SSU Kari Vara", "call_substitute", Args(body="SSU", text="Kari Vara")),
    ("innkall vara SSU 12.03.2027 Kari Vara", "call_substitute", Args(body="SSU", day=MARCH_12, text="Kari Vara")),
    ("innkall vara Kari Vara", "call_substitute", Args(text="Kari Vara")),
    ("call substitute 12.03.2027 kari@example.no", "call_substitute", Args(day=MARCH_12, text="kari@example.no")),
    # publiser saksliste / publish agenda
    ("publiser saksliste SSU", "publish_agenda", Args(body="SSU")),
    ("publiser saksliste 12.03.2027", "publish_agenda", Args(day=MARCH_12)),
    ("publish agenda SSU 2027-03-12", "publish_agenda", Args(body="SSU", day=MARCH_12)),
    ("publish agenda", "publish_agenda", Args()),
    ("publiser saksliste SSU på nytt", "publish_agenda", Args(body="SSU", again=True)),
    ("publiser saksliste på nytt", "publish_agenda", Args(again=True)),
    ("publish agenda SSU 2027-03-12 again", "publish_agenda", Args(body="SSU", day=MARCH_12, again=True)),
    # hjelp / help
    ("hjelp", "help", Args()),
    ("hjelp nytt møte", "help", Args(topic="nytt møte")),
    ("help", "help", Args()),
    ("help new meeting", "help", Args(topic="new meeting")),
    # organer / bodies
    ("organer", "bodies", Args()),
    ("bodies", "bodies", Args()),
    # medlemmer / members
    ("medlemmer LSU-DRAMMEN", "members", Args(body="LSU-DRAMMEN")),
    ("medlemmer", "members", Args()),
    ("members SSU", "members", Args(body="SSU")),
    ("members", "members", Args()),
    # medlemmer synk / members sync (the longer name wins over `medlemmer [organ]`)
    ("medlemmer synk SSU", "members_sync", Args(body="SSU")),
    ("medlemmer synk", "members_sync", Args()),
    ("Members Sync lsu-drammen", "members_sync", Args(body="LSU-DRAMMEN")),
    ("members sync", "members_sync", Args()),
    # koble / link
    ("koble SSU", "link", Args(body="SSU")),
    ("link PM", "link", Args(body="PM")),
    # flytt møte / move meeting
    (
        "flytt møte SSU 12.03.2027 til 19.03.2027 09:00-12:00",
        "move_meeting",
        Args(body="SSU", day=MARCH_12, to_day=MARCH_19, start=NINE, end=NOON),
    ),
    ("flytt møte 12.03.2027 til 19.03.2027 kl. 09.00", "move_meeting", Args(day=MARCH_12, to_day=MARCH_19, start=NINE)),
    (
        "move meeting SSU 2027-03-12 to 2027-03-19 09:00-12:00",
        "move_meeting",
        Args(body="SSU", day=MARCH_12, to_day=MARCH_19, start=NINE, end=NOON),
    ),
    ("move meeting 12.03.2027 to 19.03.2027 at 09:00", "move_meeting", Args(day=MARCH_12, to_day=MARCH_19, start=NINE)),
    # avlys møte / cancel meeting
    ("avlys møte SSU 12.03.2027", "cancel_meeting", Args(body="SSU", day=MARCH_12)),
    ("avlys møte 12.03.2027", "cancel_meeting", Args(day=MARCH_12)),
    ("cancel meeting PM 2027-03-12", "cancel_meeting", Args(body="PM", day=MARCH_12)),
    ("cancel meeting 12.03.2027", "cancel_meeting", Args(day=MARCH_12)),
    # utsett / postpone
    ("utsett SSU 12/2026", "postpone", Args(body="SSU", number=12, year=2026)),
    ("utsett 12/26", "postpone", Args(number=12, year=2026)),
    ("postpone SSU 12/2026", "postpone", Args(body="SSU", number=12, year=2026)),
    ("postpone 5/2027", "postpone", Args(number=5, year=2027)),
    # trekk / withdraw
    ("trekk SSU 12/2026", "withdraw", Args(body="SSU", number=12, year=2026)),
    ("trekk 3/27", "withdraw", Args(number=3, year=2027)),
    ("withdraw SSU 12/2026", "withdraw", Args(body="SSU", number=12, year=2026)),
    ("withdraw 3/2027", "withdraw", Args(number=3, year=2027)),
    # vedlegg / attach: a link, and the title written after it
    ("vedlegg SSU 12/2026", "attach", Args(body="SSU", number=12, year=2026)),
    (
        "vedlegg 12/2026 https://vestreviken.sharepoint.com/sites/SSU/Delte%20dokumenter/Budsjett.pdf Budsjett 2027",
        "attach",
        Args(
            number=12,
            year=2026,
            link="https://vestreviken.sharepoint.com/sites/SSU/Delte%20dokumenter/Budsjett.pdf",
            title="Budsjett 2027",
        ),
    ),
    ("attach SSU 3/27", "attach", Args(body="SSU", number=3, year=2027)),
    (
        "attach 3/2027 https://contoso.sharepoint.com/x.docx",
        "attach",
        Args(number=3, year=2027, link="https://contoso.sharepoint.com/x.docx"),
    ),
    # fjern vedlegg / detach
    ("fjern vedlegg SSU 12/2026 2", "detach", Args(body="SSU", number=12, year=2026, document=2)),
    ("detach 12/2026 1", "detach", Args(number=12, year=2026, document=1)),
    # public access (offentleglova): the basis is kept as typed, the use case reads it
    ("unnta SSU 12/2026 offl. § 14", "exempt", Args(body="SSU", number=12, year=2026, basis="offl. § 14")),
    ("exempt 12/2026 13-1", "exempt", Args(number=12, year=2026, basis="13-1")),
    (
        "unnta vedlegg SSU 12/2026 2 offl. § 15 første ledd",
        "exempt_document",
        Args(body="SSU", number=12, year=2026, document=2, basis="offl. § 15 første ledd"),
    ),
    ("exempt document 12/2026 1 14", "exempt_document", Args(number=12, year=2026, document=1, basis="14")),
    ("opphev unntak SSU 12/2026", "lift_exemption", Args(body="SSU", number=12, year=2026)),
    ("opphev unntak SSU 12/2026 vedlegg 2", "lift_exemption", Args(body="SSU", number=12, year=2026, document=2)),
    ("lift exemption 12/2026 document 3", "lift_exemption", Args(number=12, year=2026, document=3)),
    (
        "offentlig tittel SSU 12/2026: Avtale om ***** i Tromsø",
        "public_title",
        Args(body="SSU", number=12, year=2026, text="Avtale om ***** i Tromsø"),
    ),
    ("public title 12/2026 : Agreement", "public_title", Args(number=12, year=2026, text="Agreement")),
]


@pytest.mark.parametrize(("text", "key", "expected"), COMMAND_CASES, ids=[case[0] for case in COMMAND_CASES])
def test_every_command_parses_to_its_key_and_arguments(text: str, key: str, expected: Args) -> None:
    invocation = parse(text)
    assert invocation.command.key == key
    assert invocation.args == expected


def test_the_table_covers_every_command_in_both_languages() -> None:
    """A command added to the registry without parser tests in both languages fails here."""
    covered: set[tuple[str, str]] = set()
    for text, key, _ in COMMAND_CASES:
        command = next(command for command in REGISTRY.commands if command.key == key)
        lowered = text.lower()
        for lang, name in (("nb", command.name), ("en", command.alias)):
            if lowered == name or lowered.startswith(name + " "):
                covered.add((key, lang))
    expected = {(command.key, lang) for command in REGISTRY.commands for lang in LANGS}
    assert expected - covered == set()


def test_longest_command_name_wins() -> None:
    # "saksliste" must not be read as "sak" + "sliste", nor "publiser saksliste" as something else.
    assert parse("saksliste SSU").command.key == "agenda"
    assert parse("saker SSU").command.key == "cases"
    assert parse("sak SSU 1/2027").command.key == "case"
    assert parse("publiser saksliste SSU").command.key == "publish_agenda"
    assert parse("cases").command.key == "cases"
    assert parse("case 1/2027").command.key == "case"
    assert parse("new case Tittel").command.key == "new_case"
    assert parse("new meeting 12.03.2027 09:00").command.key == "new_meeting"


# --- case-insensitivity ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("NYTT MØTE ssu 12.03.2027 09:00-12:00", "new_meeting", Args(body="SSU", day=MARCH_12, start=NINE, end=NOON)),
        ("Nytt Møte Ssu 12.03.2027 09:00", "new_meeting", Args(body="SSU", day=MARCH_12, start=NINE)),
        ("SAKSLISTE ssu", "agenda", Args(body="SSU")),
        ("Publiser Saksliste lsu-drammen", "publish_agenda", Args(body="LSU-DRAMMEN")),
        ("KOBLE pm", "link", Args(body="PM")),
        ("New Meeting SSU 12.03.2027 09:00", "new_meeting", Args(body="SSU", day=MARCH_12, start=NINE)),
        ("SCHEDULE ssu 12/2026", "schedule", Args(body="SSU", number=12, year=2026)),
        (
            "FLYTT MØTE ssu 12.03.2027 TIL 19.03.2027 09:00",
            "move_meeting",
            Args(body="SSU", day=MARCH_12, to_day=MARCH_19, start=NINE),
        ),
        ("nytt møte SSU 12.03.2027 KL. 09.00", "new_meeting", Args(body="SSU", day=MARCH_12, start=NINE)),
    ],
)
def test_commands_body_keys_and_keywords_are_case_insensitive(text: str, key: str, expected: Args) -> None:
    invocation = parse(text)
    assert invocation.command.key == key
    assert invocation.args == expected


def test_free_text_keeps_the_users_capitalisation() -> None:
    assert parse("ny sak SSU Felles Rutine for NAV og UNN").args.title == "Felles Rutine for NAV og UNN"
    assert parse("nytt møte SSU 12.03.2027 09:00 Rådhuset i Drammen").args.place == "Rådhuset i Drammen"


def test_body_is_recognised_only_among_known_bodies() -> None:
    # The same text is a body in one community and a title word in another.
    assert parse("ny sak SSU Tittel").args == Args(body="SSU", title="Tittel")
    assert parse("ny sak SSU Tittel", frozenset({"PM"})).args == Args(title="SSU Tittel")


# --- dates, case numbers, times -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("12.03.2027", date(2027, 3, 12)),
        ("09.03.2027", date(2027, 3, 9)),
        ("9.3.2027", date(2027, 3, 9)),
        ("1.12.2027", date(2027, 12, 1)),
        ("2027-03-09", date(2027, 3, 9)),
        ("2027-12-31", date(2027, 12, 31)),
        ("29.02.2028", date(2028, 2, 29)),
    ],
)
def test_date_formats(written: str, expected: date) -> None:
    assert parse(f"avlys møte SSU {written}").args.day == expected
    assert parse(f"saksliste {written}").args.day == expected
    assert parse(f"nytt møte {written} 09:00").args.day == expected


@pytest.mark.parametrize(
    ("written", "number", "year"),
    [("12/2026", 12, 2026), ("12/26", 12, 2026), ("1/2027", 1, 2027), ("123/27", 123, 2027), ("7/2099", 7, 2099)],
)
def test_case_number_formats(written: str, number: int, year: int) -> None:
    args = parse(f"sak SSU {written}").args
    assert (args.number, args.year) == (number, year)
    args = parse(f"utsett {written}").args
    assert (args.body, args.number, args.year) == (None, number, year)


@pytest.mark.parametrize(
    ("span", "start", "end"),
    [
        ("09:00-12:00", NINE, NOON),
        ("09:00", NINE, None),
        ("9.00", NINE, None),
        ("9:30", time(9, 30), None),
        ("09.00-12.00", NINE, NOON),
        ("kl. 09.00 - 12.00", NINE, NOON),
        ("kl 09.00-12.00", NINE, NOON),
        ("kl. 9.00", NINE, None),
        ("09:00 - 12:00", NINE, NOON),
        ("09:00- 12:00", NINE, NOON),
        ("09:00 -12:00", NINE, NOON),
        ("09:00–12:00", NINE, NOON),
        ("09:00 – 12:00", NINE, NOON),
        ("at 09:00-12:00", NINE, NOON),
        ("00:00-23:59", time(0, 0), time(23, 59)),
    ],
)
def test_time_spans(span: str, start: time, end: time | None) -> None:
    args = parse(f"nytt møte SSU 12.03.2027 {span}").args
    assert (args.start, args.end, args.place) == (start, end, None)
    args = parse(f"flytt møte SSU 12.03.2027 til 19.03.2027 {span}").args
    assert (args.start, args.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "nytt møte SSU 12.03.2027 09:00-12:00 Drammen sykehus, møterom 3 (2. etg.)",
            "Drammen sykehus, møterom 3 (2. etg.)",
        ),
        ("nytt møte SSU 12.03.2027 kl. 09.00 - 12.00 Teams", "Teams"),
        ("nytt møte 12.03.2027 9.00 Kongsberg rådhus – sal B", "Kongsberg rådhus – sal B"),
        ("new meeting SSU 12.03.2027 at 09:00 Bærum hospital, room 4", "Bærum hospital, room 4"),
    ],
)
def test_place_is_free_text_after_the_time(text: str, place: str) -> None:
    assert parse(text).args.place == place


@pytest.mark.parametrize(
    ("text", "body", "case_type", "title"),
    [
        (
            "ny sak SSU orienteringssak Status for handlingsplanen",
            "SSU",
            CaseType.ORIENTERINGSSAK,
            "Status for handlingsplanen",
        ),
        ("ny sak drøftingssak Felles kompetanseplan", None, CaseType.DROFTINGSSAK, "Felles kompetanseplan"),
        ("ny sak SSU Vedtakssak: Handlingsplan 2027", "SSU", CaseType.VEDTAKSSAK, "Handlingsplan 2027"),
        ("new case information Status report", None, CaseType.ORIENTERINGSSAK, "Status report"),
        ("new case SSU discussion Joint training plan", "SSU", CaseType.DROFTINGSSAK, "Joint training plan"),
        ("new case PM decision Action plan 2027", "PM", CaseType.VEDTAKSSAK, "Action plan 2027"),
        # A title that merely contains a type word later on keeps it.
        ("ny sak SSU Ny orienteringssak om legevakt", "SSU", None, "Ny orienteringssak om legevakt"),
        # A capitalised type word without a colon is the title's first word (issue 13.7).
        ("new case Information sharing with GPs", None, None, "Information sharing with GPs"),
        ("new case SSU Decision support in the emergency room", "SSU", None, "Decision support in the emergency room"),
        ("ny sak Drøftingssak om legevakt", None, None, "Drøftingssak om legevakt"),
    ],
)
def test_new_case_with_a_leading_type_word(text: str, body: str | None, case_type: CaseType | None, title: str) -> None:
    assert parse(text).args == Args(body=body, case_type=case_type, title=title)


@pytest.mark.parametrize(
    "text",
    [
        "ny sak orienteringssak",
        "ny sak vedtakssak",
        "ny sak SSU drøftingssak",
        "new case information",
        "ny sak Orienteringssak",
        "ny sak SSU Vedtakssak:",
    ],
)
def test_a_type_word_alone_is_a_missing_title(text: str) -> None:
    # Not a Vedtakssak called "orienteringssak" (issue 13.8).
    error = parse_error(text)
    assert (error.code, error.params, error.command and error.command.key) == (
        "missing_argument",
        {"what": "what_title"},
        "new_case",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Option words inside the title are the title's (issue 13.7).
        ("nytt tiltak 1: Overholde frist for epikrise", Args(area=1, title="Overholde frist for epikrise")),
        ("nytt tiltak 1: Tydelig ansvarlig for oppfølging", Args(area=1, title="Tydelig ansvarlig for oppfølging")),
        ("nytt tiltak 1: Ansvarlig ledelse", Args(area=1, title="Ansvarlig ledelse")),
        ("nytt tiltak 1: Fristen for epikrise", Args(area=1, title="Fristen for epikrise")),
        ("new action 2: Due diligence of the owner role", Args(area=2, title="Due diligence of the owner role")),
        # ... and complete options at the end are read, in either order.
        (
            "nytt tiltak 1: Overholde frist for epikrise frist 31.12.2027",
            Args(area=1, title="Overholde frist for epikrise", day=date(2027, 12, 31)),
        ),
        (
            "nytt tiltak 1: Tydelig ansvarlig for oppfølging ansvarlig Åse Bråten frist 31.12.2027",
            Args(area=1, title="Tydelig ansvarlig for oppfølging", owner="Åse Bråten", day=date(2027, 12, 31)),
        ),
        (
            "nytt tiltak 1: Frist for svar frist 2027-06-30 ansvarlig kari@example.no",
            Args(area=1, title="Frist for svar", owner="kari@example.no", day=date(2027, 6, 30)),
        ),
        ("nytt tiltak 1: Ansvarlig ledelse ansvarlig ssu", Args(area=1, title="Ansvarlig ledelse", owner="ssu")),
        (
            "new action 2: Owner training owner Kari Nordmann due 2027-06-30",
            Args(area=2, title="Owner training", owner="Kari Nordmann", day=date(2027, 6, 30)),
        ),
    ],
)
def test_new_measure_reads_only_complete_options_at_the_end(text: str, expected: Args) -> None:
    assert parse(text).args == expected


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("?", "help", Args()),
        ("hjelp!", "help", Args()),
        ("help?", "help", Args()),
        ("Hjelp.", "help", Args()),
        ("hjelp nytt møte?", "help", Args(topic="nytt møte?")),
        ("saker?", "cases", Args()),
    ],
)
def test_a_command_may_end_with_punctuation_and_a_question_mark_asks_for_help(
    text: str, key: str, expected: Args
) -> None:
    invocation = parse(text)
    assert (invocation.command.key, invocation.args) == (key, expected)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("frobniser" + "x" * 100_000, "command"),
        ("saker " + "X" * 100_000, "body"),
        ("saker SSU " + "ekstra " * 20_000, "value"),
        ("nytt møte SSU " + "1" * 100_000 + ".03.2027 09:00", "value"),
    ],
)
def test_an_error_quotes_only_an_excerpt_of_what_the_user_wrote(text: str, key: str) -> None:
    error = parse_error(text)
    quoted = str(error.params[key])
    assert len(quoted) <= 40 and quoted.endswith("…")
    for lang in LANGS:
        assert len(error.text(lang)) < 400  # issue 13.28: not the 100 KB echo


# --- errors ---------------------------------------------------------------------------------------


ERROR_CASES: list[tuple[str, str, dict[str, object], str | None]] = [
    # bad dates
    ("nytt møte SSU 31.02.2027 09:00", "bad_date", {"value": "31.02.2027"}, "new_meeting"),
    ("avlys møte SSU 12.13.2027", "bad_date", {"value": "12.13.2027"}, "cancel_meeting"),
    ("nytt møte SSU 12.03 09:00", "bad_date", {"value": "12.03"}, "new_meeting"),
    ("nytt møte 12.03 09:00", "bad_date", {"value": "12.03"}, "new_meeting"),
    ("saksliste SSU 29.02.2027", "bad_date", {"value": "29.02.2027"}, "agenda"),
    ("publish agenda 2027-02-30", "bad_date", {"value": "2027-02-30"}, "publish_agenda"),
    ("sett opp SSU 12/2026 32.03.2027", "bad_date", {"value": "32.03.2027"}, "schedule"),
    ("flytt møte SSU 12.03.2027 til 12.03 09:00", "bad_date", {"value": "12.03"}, "move_meeting"),
    ("cancel meeting 12.03.27", "bad_date", {"value": "12.03.27"}, "cancel_meeting"),
    # bad times
    ("nytt møte SSU 12.03.2027 25:00", "bad_time", {"value": "25:00"}, "new_meeting"),
    ("nytt møte SSU 12.03.2027 09:00-24:30", "bad_time", {"value": "24:30"}, "new_meeting"),
    ("nytt møte SSU 12.03.2027 09:60", "bad_time", {"value": "09:60"}, "new_meeting"),
    ("move meeting SSU 12.03.2027 to 19.03.2027 25:00", "bad_time", {"value": "25:00"}, "move_meeting"),
    # bad case numbers
    ("sak SSU 12-2026", "bad_case_number", {"value": "12-2026"}, "case"),
    ("sak SSU 0/2026", "bad_case_number", {"value": "0/2026"}, "case"),
    ("sak SSU abc/2026", "bad_case_number", {"value": "abc/2026"}, "case"),
    ("sak 12-2026", "bad_case_number", {"value": "12-2026"}, "case"),
    ("utsett SSU 12/202", "bad_case_number", {"value": "12/202"}, "postpone"),
    ("withdraw 12/", "bad_case_number", {"value": "12/"}, "withdraw"),
    ("vedlegg SSU 12/2026 budsjett.pdf", "unexpected_argument", {"value": "budsjett.pdf"}, "attach"),
    ("fjern vedlegg SSU 12/2026", "missing_argument", {"what": "what_document_number"}, "detach"),
    ("detach SSU 12/2026 two", "document_number_invalid", {"value": "two"}, "detach"),
    ("detach SSU 12/2026 0", "document_number_invalid", {"value": "0"}, "detach"),
    ("unnta SSU 12/2026", "missing_argument", {"what": "what_legal_basis"}, "exempt"),
    ("unnta vedlegg SSU 12/2026 2", "missing_argument", {"what": "what_legal_basis"}, "exempt_document"),
    ("unnta vedlegg SSU 12/2026 to 14", "document_number_invalid", {"value": "to"}, "exempt_document"),
    ("opphev unntak SSU 12/2026 vedlegg", "missing_argument", {"what": "what_document_number"}, "lift_exemption"),
    ("offentlig tittel SSU 12/2026", "missing_argument", {"what": "what_public_title"}, "public_title"),
    ("public title SSU 12/2026:  ", "missing_argument", {"what": "what_public_title"}, "public_title"),
    ("schedule SSU 0/26", "bad_case_number", {"value": "0/26"}, "schedule"),
    # the case paper's commands without what they need
    ("forslag SSU 12/2026", "missing_argument", {"what": "what_proposal"}, "proposal"),
    ("forslag SSU 12/2026:   ", "missing_argument", {"what": "what_proposal"}, "proposal"),
    ("proposal SSU: text", "missing_argument", {"what": "what_case"}, "proposal"),
    ("endre sak SSU 12/2026", "missing_argument", {"what": "what_case_attribute"}, "edit_case"),
    ("endre sak SSU 12/2026 tittel", "missing_argument", {"what": "what_case_attribute"}, "edit_case"),
    ("endre sak SSU 12/2026 status behandlet", "unknown_case_attribute", {"value": "status"}, "edit_case"),
    ("edit case SSU 12-2026 title X", "bad_case_number", {"value": "12-2026"}, "edit_case"),
    ("saksfremlegg SSU", "missing_argument", {"what": "what_case"}, "case_paper"),
    ("saker søk", "missing_argument", {"what": "what_search_words"}, "case_search"),
    # unknown bodies
    ("saker XYZ", "unknown_body", {"body": "XYZ", "known": "LSU-DRAMMEN, PM, SSU"}, "cases"),
    ("koble HSU", "unknown_body", {"body": "HSU", "known": "LSU-DRAMMEN, PM, SSU"}, "link"),
    ("sak XYZ 12/2026", "unknown_body", {"body": "XYZ", "known": "LSU-DRAMMEN, PM, SSU"}, "case"),
    ("nytt møte ASU 12.03.2027 09:00", "unknown_body", {"body": "ASU", "known": "LSU-DRAMMEN, PM, SSU"}, "new_meeting"),
    ("members lsu-kongsberg", "unknown_body", {"body": "lsu-kongsberg", "known": "LSU-DRAMMEN, PM, SSU"}, "members"),
    # unknown command, a near miss, a sentence, empty text
    ("show members", "unknown_command", {"command": "show"}, None),
    ("vis saker", "unknown_command", {"command": "vis"}, None),
    ("frobniser", "unknown_command", {"command": "frobniser"}, None),
    ("sakliste SSU", "unknown_command_suggest", {"command": "sakliste", "suggestions": ("saksliste",)}, None),
    ("agnda", "unknown_command_suggest", {"command": "agnda", "suggestions": ("agenda",)}, None),
    ("medlem SSU", "unknown_command_suggest", {"command": "medlem", "suggestions": ("medlemmer",)}, None),
    (
        "protokol SSU 12.03.2027",
        "unknown_command_suggest",
        {"command": "protokol", "suggestions": ("protokoll",)},
        None,
    ),
    (
        "nytt mote SSU 12.03.2027 09:00",
        "unknown_command_suggest",
        {"command": "nytt mote", "suggestions": ("nytt møte",)},
        None,
    ),
    ("New Meting SSU", "unknown_command_suggest", {"command": "New Meting", "suggestions": ("new meeting",)}, None),
    ("ny", "unknown_command_suggest", {"command": "ny", "suggestions": ("ny sak", "ny handlingsplan")}, None),
    ("Kan du vise meg sakslisten?", "not_a_command", {}, None),
    ("hei på deg", "not_a_command", {}, None),
    ("Hva nå?", "not_a_command", {}, None),
    ("", "empty_command", {}, None),
    ("   \n ", "empty_command", {}, None),
    ("&nbsp;", "empty_command", {}, None),
    # missing arguments
    ("ny sak", "missing_argument", {"what": "what_title"}, "new_case"),
    ("new case", "missing_argument", {"what": "what_title"}, "new_case"),
    ("nytt møte SSU", "missing_argument", {"what": "what_date"}, "new_meeting"),
    ("nytt møte SSU 12.03.2027", "missing_argument", {"what": "what_time"}, "new_meeting"),
    ("nytt møte SSU 12.03.2027 kl.", "missing_argument", {"what": "what_time"}, "new_meeting"),
    ("sak SSU", "missing_argument", {"what": "what_case"}, "case"),
    ("sett opp", "missing_argument", {"what": "what_case"}, "schedule"),
    ("vedtak SSU 12/2026 SSU slutter seg til", "missing_argument", {"what": "what_decision_text"}, "decide"),
    ("vedtak SSU 12/2026:", "missing_argument", {"what": "what_decision_text"}, "decide"),
    ("vedtak søk", "missing_argument", {"what": "what_search_words"}, "decision_search"),
    ("protokoll SSU rettelse", "missing_argument", {"what": "what_correction"}, "minutes"),
    ("oppdater tiltak 3.2", "missing_argument", {"what": "what_measure_status"}, "update_measure"),
    ("tiltak 3.2 ferdig", "unknown_measure_status", {"value": "ferdig"}, "measures"),
    ("tiltak 3,2 fullført", "bad_measure_reference", {"measure": "3,2"}, "measures"),
    ("action", "missing_argument", {"what": "what_measure"}, "update_measure"),
    ("handlingsplan i fjor", "bad_year", {"value": "i"}, "plan"),
    ("ny handlingsplan", "missing_argument", {"what": "what_year"}, "new_plan"),
    ("ny handlingsplan 2027 fra", "missing_argument", {"what": "what_year"}, "new_plan"),
    ("ny handlingsplan 27", "bad_year", {"value": "27"}, "new_plan"),
    ("legg fram handlingsplan 27", "bad_year", {"value": "27"}, "put_forward_plan"),
    ("påminnelser frist to", "reminder_days_expected", {"word": "frist", "value": "to"}, "reminders"),
    ("kalender SSU ny nå", "unexpected_argument", {"value": "nå"}, "calendar"),
    ("medlemmer synk SSU nå", "unexpected_argument", {"value": "nå"}, "members_sync"),
    ("members sync XYZ", "unknown_body", {"body": "XYZ", "known": "LSU-DRAMMEN, PM, SSU"}, "members_sync"),
    ("reminders SSU eve maybe", "reminder_yes_no_expected", {"word": "eve", "value": "maybe"}, "reminders"),
    ("påminnelser SSU saksliste", "reminder_days_expected", {"word": "saksliste", "value": "–"}, "reminders"),
    ("legg fram handlingsplan 2027 2028", "bad_year", {"value": "2028"}, "put_forward_plan"),
    ("submit plan SSU PM", "unexpected_argument", {"value": "PM"}, "put_forward_plan"),
    (
        "legg fram handlingsplan XYZ",
        "unknown_body",
        {"body": "XYZ", "known": "LSU-DRAMMEN, PM, SSU"},
        "put_forward_plan",
    ),
    ("nytt tiltak Tittel uten område", "missing_argument", {"what": "what_area"}, "new_measure"),
    ("nytt tiltak 3:", "missing_argument", {"what": "what_title"}, "new_measure"),
    ("nytt tiltak 3: Tittel frist", "missing_argument", {"what": "what_date"}, "new_measure"),
    ("nytt tiltak 3: Tittel frist 31.02.2027", "bad_date", {"value": "31.02.2027"}, "new_measure"),
    ("nytt satsningsområde", "missing_argument", {"what": "what_title"}, "new_area"),
    ("protokoll SSU rettelse:", "missing_argument", {"what": "what_correction"}, "minutes"),
    ("protokoll SSU neste", "unexpected_argument", {"value": "neste"}, "minutes"),
    ("send SSU 3/2026", "missing_argument", {"what": "what_target_body"}, "refer"),
    ("send SSU 3/2026 til", "missing_argument", {"what": "what_target_body"}, "refer"),
    ("send SSU 3/2026 til XYZ", "unknown_body", {"body": "XYZ", "known": "LSU-DRAMMEN, PM, SSU"}, "refer"),
    ("decisions SSU 2026 extra", "unexpected_argument", {"value": "extra"}, "decisions"),
    ("vedtak SSU 12-2026: tekst", "bad_case_number", {"value": "12-2026"}, "decide"),
    ("koble", "missing_argument", {"what": "what_body"}, "link"),
    ("avlys møte SSU", "missing_argument", {"what": "what_date"}, "cancel_meeting"),
    ("flytt møte SSU 12.03.2027", "missing_argument", {"what": "what_target_date"}, "move_meeting"),
    ("flytt møte SSU 12.03.2027 19.03.2027 09:00", "missing_argument", {"what": "what_target_date"}, "move_meeting"),
    ("move meeting SSU 12.03.2027 to", "missing_argument", {"what": "what_date"}, "move_meeting"),
    ("move meeting SSU 12.03.2027 to 19.03.2027", "missing_argument", {"what": "what_time"}, "move_meeting"),
    ("utsett", "missing_argument", {"what": "what_case"}, "postpone"),
    ("withdraw SSU", "missing_argument", {"what": "what_case"}, "withdraw"),
    # unexpected trailing arguments
    ("saker SSU ekstra", "unexpected_argument", {"value": "ekstra"}, "cases"),
    ("organer SSU", "unexpected_argument", {"value": "SSU"}, "bodies"),
    ("sak SSU 12/2026 i dag", "unexpected_argument", {"value": "i dag"}, "case"),
    ("avlys møte SSU 12.03.2027 nå", "unexpected_argument", {"value": "nå"}, "cancel_meeting"),
    ("koble SSU PM", "unexpected_argument", {"value": "PM"}, "link"),
    ("saksliste SSU 12.03.2027 19.03.2027", "unexpected_argument", {"value": "19.03.2027"}, "agenda"),
    (
        "flytt møte SSU 12.03.2027 til 19.03.2027 09:00 Drammen",
        "unexpected_argument",
        {"value": "Drammen"},
        "move_meeting",
    ),
    ("sett opp SSU 12/2026 12.03.2027 straks", "unexpected_argument", {"value": "straks"}, "schedule"),
    ("trekk 12/2026 13/2026", "unexpected_argument", {"value": "13/2026"}, "withdraw"),
    # votes and statements (issue 17, item 1)
    ("votering SSU 12/2026", "missing_argument", {"what": "what_vote"}, "vote"),
    ("votering SSU", "missing_argument", {"what": "what_case"}, "vote"),
    ("votering SSU 12/2026 fem mot to", "bad_vote", {"value": "fem mot to"}, "vote"),
    ("vote 12/2026 5 against", "bad_vote", {"value": "5 against"}, "vote"),
    ("votering 12/2026 5 mot 2 Kari", "bad_vote", {"value": "5 mot 2 Kari"}, "vote"),
    ("protokolltilførsel SSU 12/2026 Kari Nordmann", "missing_argument", {"what": "what_statement"}, "statement"),
    (
        "protokolltilførsel SSU 12/2026: Kommunen tar forbehold",
        "missing_argument",
        {"what": "what_statement"},
        "statement",
    ),
    ("statement 12/2026 Kari Nordmann:", "missing_argument", {"what": "what_statement"}, "statement"),
]


@pytest.mark.parametrize(
    ("text", "code", "params", "command"), ERROR_CASES, ids=[case[0] or "<empty>" for case in ERROR_CASES]
)
def test_errors_say_what_was_wrong_and_for_which_command(
    text: str, code: str, params: dict[str, object], command: str | None
) -> None:
    error = parse_error(text)
    assert error.code == code
    assert error.params == params
    if command is None:
        assert error.command is None
    else:
        assert error.command is not None
        assert error.command.key == command


def test_unknown_body_lists_the_known_bodies_sorted() -> None:
    error = parse_error("saker NORD", frozenset({"SSU", "ASU", "PM"}))
    assert error.params == {"body": "NORD", "known": "ASU, PM, SSU"}


# --- mentions -------------------------------------------------------------------------------------


BOT = "<at>Helsefellesskap</at>"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<at>Helsefellesskap</at> saksliste SSU", "saksliste SSU"),
        ("<at>Helsefellesskap</at>saker SSU", "saker SSU"),
        ("<at>Helsefellesskap</at>&nbsp;saker SSU", "saker SSU"),
        ("<at>Helsefellesskap</at>\u00a0saker\u00a0SSU", "saker SSU"),
        ("saker SSU\n", "saker SSU"),
        ("<at>Helsefellesskap</at> saker SSU\r\n", "saker SSU"),
        ("  saker   SSU  ", "saker SSU"),
        ("<at>Helsefellesskap</at>", ""),
        ("<at>Helsefellesskap</at>&nbsp;", ""),
        ("saksliste SSU", "saksliste SSU"),
        # Only the mention goes: the bot's name as a word of the command stays (issue 13.29).
        ("<at>Helsefellesskap</at> ny sak Helsefellesskapets årsplan", "ny sak Helsefellesskapets årsplan"),
        ("<at>Helsefellesskap</at> ny sak Helsefellesskap i praksis", "ny sak Helsefellesskap i praksis"),
        ("ny sak SSU Helsefellesskap <at>Helsefellesskap</at>", "ny sak SSU Helsefellesskap"),
        # Someone else's mention keeps the name it shows, without the markup.
        (
            "<at>Helsefellesskap</at> nytt tiltak 1: X ansvarlig <at>Kari Nordmann</at>",
            "nytt tiltak 1: X ansvarlig Kari Nordmann",
        ),
        ("<at>Kari</at> og <at>Helsefellesskap</at> saker", "Kari og saker"),
    ],
)
def test_strip_mentions_removes_the_bots_mention_and_nothing_else(raw: str, clean: str) -> None:
    assert strip_mentions(raw, [BOT]) == clean


def test_strip_mentions_removes_the_exact_markup_the_entity_gives() -> None:
    named = "<at>Samhandling</at>"
    assert strip_mentions(f"{named} ny sak Samhandling om legevakt", [named]) == "ny sak Samhandling om legevakt"
    assert strip_mentions(f"{named}ny sak Samhandling om legevakt", [named]) == "ny sak Samhandling om legevakt"


def test_a_mention_that_is_not_the_bots_is_not_removed() -> None:
    assert strip_mentions("<at>Samhandling</at> saker", []) == "Samhandling saker"


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("<at>Helsefellesskap</at> saksliste SSU", "agenda", Args(body="SSU")),
        ("<at>Helsefellesskap</at>medlemmer SSU", "members", Args(body="SSU")),
        (
            "<at>Helsefellesskap</at>&nbsp;nytt møte SSU 12.03.2027 09:00-12:00\n",
            "new_meeting",
            Args(body="SSU", day=MARCH_12, start=NINE, end=NOON),
        ),
        ("<at>Helsefellesskap</at> ny sak SSU Tittel\n", "new_case", Args(body="SSU", title="Tittel")),
        (
            "<at>Helsefellesskap</at> ny sak Helsefellesskapets årsplan",
            "new_case",
            Args(title="Helsefellesskapets årsplan"),
        ),
    ],
)
def test_a_message_without_the_bots_mention_parses(text: str, key: str, expected: Args) -> None:
    invocation = parse(strip_mentions(text, [BOT]))
    assert invocation.command.key == key
    assert invocation.args == expected


# --- the registry itself --------------------------------------------------------------------------


def _spec(key: str, name: str, alias: str) -> CommandSpec:
    def grammar(tokens: Tokens) -> Args:
        return Args()

    return CommandSpec(key, name, alias, ("", ""), ("nb", "en"), grammar, REGISTRY.commands[0].handler)


@pytest.mark.parametrize(
    "commands",
    [
        [_spec("a", "saker", "cases"), _spec("b", "saker", "list")],
        [_spec("a", "saker", "cases"), _spec("b", "liste", "cases")],
        [_spec("a", "saker", "cases"), _spec("b", "cases", "liste")],
        [_spec("a", "saker", "cases"), _spec("b", "Saker", "list")],
        [_spec("a", "nytt møte", "new meeting"), _spec("b", "nytt  møte", "plan")],
        [_spec("a", "saker", "saker")],
    ],
)
def test_registry_refuses_a_name_declared_twice(commands: list[CommandSpec]) -> None:
    with pytest.raises(ValueError):
        Registry(commands)


def test_registry_accepts_distinct_names() -> None:
    registry = Registry([_spec("a", "saker", "cases"), _spec("b", "sak", "case")])
    assert registry.parse("SAK", frozenset()).command.key == "b"
    assert registry.parse("cases", frozenset()).command.key == "a"


def test_real_registry_keys_and_names_are_unique() -> None:
    keys = [command.key for command in REGISTRY.commands]
    names = [name.lower() for command in REGISTRY.commands for name in (command.name, command.alias)]
    assert len(keys) == len(set(keys))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("command", REGISTRY.commands, ids=[command.key for command in REGISTRY.commands])
def test_every_command_has_usage_and_summary_in_both_languages(command: CommandSpec) -> None:
    assert command.usage("nb").startswith(command.name)
    assert command.usage("en").startswith(command.alias)
    nb_summary, en_summary = command.describe("nb"), command.describe("en")
    assert nb_summary.strip() and en_summary.strip()
    assert nb_summary != en_summary
    # The Norwegian usage speaks Norwegian, the English one English.
    if command.arguments[0]:
        assert command.arguments[0] != command.arguments[1]
        norwegian = ("organ", "kommando", "ord", "tekst", "dato", "år", "nr")
        assert any(word in command.arguments[0] for word in norwegian)
        assert not any(f"<{word}" in command.arguments[1] or f"[{word}" in command.arguments[1] for word in norwegian)
    for lang in LANGS:
        assert not re.search(r"[{}]", command.usage(lang))


@pytest.mark.parametrize("command", REGISTRY.commands, ids=[command.key for command in REGISTRY.commands])
def test_every_example_parses_to_its_own_command(command: CommandSpec) -> None:
    assert command.example, f"{command.key} has no example"
    assert command.example.lower().startswith(command.name)
    assert parse(command.example, frozenset({"SSU"})).command is command


# --- the replies to parse errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "params", "command"), ERROR_CASES, ids=[case[0] or "<empty>" for case in ERROR_CASES]
)
@pytest.mark.parametrize("lang", LANGS)
def test_every_parse_error_has_a_message_in_both_languages(
    lang: Language, text: str, code: str, params: dict[str, object], command: str | None
) -> None:
    error = parse_error(text)
    message = error.text(lang)  # the reply the user gets
    assert message.strip()
    assert "{" not in message and "}" not in message
    for key in ("value", "body", "command"):
        if key in error.params:
            assert str(error.params[key]) in message
    if "what" in error.params:
        # The missing thing is itself a text code ("what_date" -> "dato" / "a date").
        assert say(lang, str(error.params["what"])) in message
    for suggestion in error.params.get("suggestions", ()):  # type: ignore[attr-defined]
        assert say(lang, "quoted", text=suggestion) in message
    other: Language = "en" if lang == "nb" else "nb"
    assert message != error.text(other)


def test_parse_error_codes_all_have_texts() -> None:
    """Every code the parser can produce is in the text table, whatever input triggered it."""
    codes = {parse_error(text).code for text, *_ in ERROR_CASES}
    assert codes == {
        "bad_date",
        "bad_time",
        "bad_case_number",
        "unknown_body",
        "unknown_command",
        "empty_command",
        "missing_argument",
        "unexpected_argument",
        "unknown_measure_status",
        "bad_measure_reference",
        "bad_year",
        "reminder_days_expected",
        "reminder_yes_no_expected",
        "unknown_command_suggest",
        "not_a_command",
        "unknown_case_attribute",
        "document_number_invalid",
        "bad_vote",
    }
    for code in codes:
        for lang in LANGS:
            assert say(
                lang,
                code,
                value="x",
                body="X",
                known="A, B",
                command="c",
                what="w",
                measure="m",
                word="w",
                suggestions="s",
            )


def test_a_body_without_a_title_is_a_missing_title_not_a_case_called_like_the_body() -> None:
    with pytest.raises(CommandParseError) as error:
        REGISTRY.parse("ny sak SSU", frozenset({"SSU"}))
    assert error.value.code == "missing_argument" and error.value.params == {"what": "what_title"}


def test_a_malformed_case_number_without_a_body_is_called_a_bad_case_number() -> None:
    with pytest.raises(CommandParseError) as error:
        REGISTRY.parse("sak abc/2026", frozenset({"SSU"}))
    assert error.value.code == "bad_case_number" and error.value.params == {"value": "abc/2026"}


def test_a_substitute_call_without_a_name_asks_for_the_name_in_the_users_language() -> None:
    error = parse_error("innkall vara SSU")
    assert error.code == "missing_argument"
    assert "navnet på varaen" in error.text("nb")
    assert "the substitute's name" in parse_error("call substitute").text("en")


def test_a_meeting_plan_year_out_of_range_is_told_so() -> None:
    error = parse_error("møteplan SSU 3000")
    assert error.code != "unknown_command"
    assert "3000" in error.text("nb")
