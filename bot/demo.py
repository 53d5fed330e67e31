"""`hfbot chat --demo`: a small helsefellesskap with meetings and cases, loaded through the use cases."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from governance.access import Actor
from governance.context import Context
from governance.meetings import cases, schedule
from governance.plans import plan_changes
from governance.plans.plan_import import import_plan, parse_plan
from governance.ports import UnitOfWorkFactory
from governance.rules.clock import Clock
from governance.rules.model import CaseType
from governance.rules.oslo_time import OSLO, is_working_day
from governance.structure import bodies
from governance.structure.structure_file import import_structure, parse_structure

DEMO_COMMUNITY = "Helsefellesskapet Demo"
DEMO_SECRETARIAT_ID = "d3m0d3m0-0000-4000-8000-000000000001"

DEMO_STRUCTURE = {
    "community": DEMO_COMMUNITY,
    "secretariat": [
        {"name": "Siri Sekretær", "email": "siri.sekretaer@example.no", "aad_object_id": DEMO_SECRETARIAT_ID},
    ],
    "bodies": [
        {"key": "PM", "name": "Partnerskapsmøtet", "kind": "partnerskapsmote", "meetings_per_year": 1},
        {
            "key": "SSU",
            "name": "Strategisk samarbeidsutvalg",
            "kind": "strategisk",
            "parent": "PM",
            "meetings_per_year": 8,
            "members": [
                {
                    "name": "Kari Nordmann",
                    "email": "kari.nordmann@example.no",
                    "role": "leder",
                    "represents": "Demo HF",
                    "aad_object_id": "d3m0d3m0-0000-4000-8000-000000000002",
                },
                {
                    "name": "Ola Hansen",
                    "email": "ola.hansen@example.no",
                    "role": "nestleder",
                    "represents": "Elvebyen kommune",
                    "aad_object_id": "d3m0d3m0-0000-4000-8000-000000000003",
                },
                {
                    "name": "Aisha Berg",
                    "email": "aisha.berg@example.no",
                    "role": "medlem",
                    "represents": "Brukerrepresentant",
                    "aad_object_id": "d3m0d3m0-0000-4000-8000-000000000004",
                },
                {
                    "name": "Per Lunde",
                    "email": "per.lunde@example.no",
                    "role": "medlem",
                    "represents": "Fastlege",
                    "aad_object_id": "d3m0d3m0-0000-4000-8000-000000000005",
                },
            ],
        },
        {
            "key": "LSU-ELV",
            "name": "Lokalt samarbeidsutvalg Elvebyen",
            "kind": "lokalt",
            "parent": "SSU",
            "meetings_per_year": 4,
            "members": [
                {
                    "name": "Ola Hansen",
                    "email": "ola.hansen@example.no",
                    "role": "leder",
                    "represents": "Elvebyen kommune",
                    "aad_object_id": "d3m0d3m0-0000-4000-8000-000000000003",
                },
            ],
        },
    ],
}

SCHEDULED_DEMO_CASES = 3
DEMO_CASES = [
    ("orienteringssak", "Økonomirapport for samhandlingsprosjektene"),
    ("vedtakssak", "Felles rutine for utskrivning av skrøpelige eldre"),
    ("drøftingssak", "Rekruttering av fastleger i distriktskommunene"),
    ("vedtakssak", "Mandat for fagråd psykisk helse og rus"),
]


def demo_plan(year: int) -> dict[str, Any]:
    """This year's action plan of the demo: invented measures in a range of states, some overdue."""

    def measure(number: str, title: str, status: str, owner: str, due: date) -> dict[str, Any]:
        # A deadline on a holiday would be moved by anyone who set it; the demo does the same.
        due = demo_day_on_or_before(due)
        return {"number": number, "title": title, "status": status, "owner": owner, "due": due.isoformat()}

    return {
        "year": year,
        "owner": "SSU",
        "areas": [
            {
                "number": 1,
                "title": "Skrøpelige eldre og personer med flere kroniske lidelser",
                "groups": ["skrøpelige eldre", "personer med flere kroniske lidelser"],
                "measures": [
                    measure(
                        "1.1",
                        "Felles rutine for utskrivning",
                        "pågående",
                        "kari.nordmann@example.no",
                        date(year, 6, 30),
                    ),
                    measure("1.2", "Legemiddelgjennomgang i hjemmetjenesten", "fullført", "LSU-ELV", date(year, 4, 30)),
                    measure(
                        "1.3", "Digital hjemmeoppfølging", "ikke startet", "per.lunde@example.no", date(year, 12, 31)
                    ),
                ],
            },
            {
                "number": 2,
                "title": "Barn og unge",
                "groups": ["barn og unge"],
                "measures": [
                    measure("2.1", "Barn som pårørende", "pågående", "aisha.berg@example.no", date(year, 10, 31)),
                    measure(
                        "2.2",
                        "Samordnet tilbud ved psykiske plager",
                        "utsatt",
                        "ola.hansen@example.no",
                        date(year + 1, 3, 31),
                    ),
                ],
            },
            {
                "number": 3,
                "title": "Personer med alvorlige psykiske lidelser og rusproblemer",
                "groups": ["personer med alvorlige psykiske lidelser og rusproblemer"],
                "measures": [
                    measure(
                        "3.1",
                        "Felles forløp for ROP-pasienter",
                        "pågående",
                        "ola.hansen@example.no",
                        date(year, 11, 30),
                    ),
                    measure("3.2", "Kartlegging av botilbud", "avsluttet", "SSU", date(year, 5, 31)),
                ],
            },
            {
                "number": 4,
                "title": "Rekruttere og beholde helsepersonell",
                "groups": [],
                "measures": [
                    measure(
                        "4.1", "Felles kompetanseplan", "ikke startet", "siri.sekretaer@example.no", date(year, 9, 30)
                    ),
                ],
            },
        ],
    }


def _next_weekday(after: date, weekday: int) -> date:
    return after + timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)


def is_demo_day(day: date) -> bool:
    """A day a real helsefellesskap would meet or set a deadline on: a working day, and not
    Christmas Eve or New Year's Eve, which are no public holidays but days nobody meets."""
    return is_working_day(day) and (day.month, day.day) not in {(12, 24), (12, 31)}


def demo_day_on_or_after(day: date) -> date:
    while not is_demo_day(day):
        day += timedelta(days=1)
    return day


def demo_day_on_or_before(day: date) -> date:
    while not is_demo_day(day):
        day -= timedelta(days=1)
    return day


def demo_meeting_days(today: date) -> tuple[list[date], date]:
    """The SSU's three meetings, six weeks apart from a Tuesday two weeks or more ahead, and the
    LSU's meeting two days after the first; a day that is no demo day moves to the next one."""
    first = _next_weekday(today + timedelta(days=13), 1)
    ssu = [demo_day_on_or_after(first + timedelta(weeks=6 * index)) for index in range(3)]
    return ssu, demo_day_on_or_after(ssu[0] + timedelta(days=2))


async def load_demo(unit_of_work: UnitOfWorkFactory, clock: Clock, conversation_id: str) -> bool:
    """Loads the demo once; False when it was already there."""
    async with unit_of_work() as uow:
        if await uow.communities.by_name(DEMO_COMMUNITY) is not None:
            return False
        await import_structure(uow, parse_structure(DEMO_STRUCTURE))
        ctx = Context(uow, clock, Actor(DEMO_SECRETARIAT_ID), conversation_id)
        await bodies.link_conversation(ctx, "SSU")
        today = clock.now().astimezone(OSLO).date()
        ssu_days, lsu_day = demo_meeting_days(today)
        for day in ssu_days:
            await schedule.plan_meeting(ctx, "SSU", day, time(9), time(12), "Møterom Elva, Demo sykehus")
        await schedule.plan_meeting(ctx, "LSU-ELV", lsu_day, time(13), time(15), "Rådhuset")
        # This year's plan, and next year's carrying over what is unfinished, so that every SSU
        # meeting's "Status handlingsplan" item has a plan to show, whichever year it falls in.
        await import_plan(uow, parse_plan(demo_plan(today.year)), clock.now())
        await plan_changes.start_plan(ctx, today.year + 1, None)
        for index, (case_type, title) in enumerate(DEMO_CASES):
            view = await cases.register_case(ctx, "SSU", title, CaseType(case_type))
            if index < SCHEDULED_DEMO_CASES:
                number, year = (int(part) for part in view.reference.split("/"))
                await cases.schedule_case(ctx, "SSU", number, year, None)
        await uow.commit()
    return True
