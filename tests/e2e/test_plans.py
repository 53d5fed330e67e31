"""The action plan end to end: the status report, measure lists, and status updates typed in chat
or sent from the measure's own form by replaying its `Action.Execute` in the captured invoke."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook

from cards.plan_documents import CSV_TYPE, XLSX_TYPE
from governance.plans.plan_import import import_plan, parse_plan
from storage.unit_of_work import SqlUnitOfWork
from tests.e2e.conftest import CHANNEL, PERSONAL, BotUnderTest, audit_trail, card_texts, query, visible_text
from tests.e2e.test_decisions import click, invoke
from tests.support.structure import LEADER_AAD, MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD

UnitOfWorkFactory = Callable[[], SqlUnitOfWork]

PLAN_2026 = {
    "year": 2026,
    "owner": "SSU",
    "areas": [
        {
            "number": 1,
            "title": "Skrøpelige eldre og multisyke",
            "groups": ["skrøpelige eldre", "personer med flere kroniske lidelser"],
            "measures": [
                {"number": "1.1", "title": "Felles utskrivningsrutine", "status": "pågående", "owner": "tien@example.no", "due": "2026-10-31"},
                {"number": "1.2", "title": "Legemiddelgjennomgang", "status": "fullført", "owner": "LSU", "due": "2026-06-30"},
                {"number": "1.10", "title": "Kartleggingsverktøy", "status": "ikke startet", "owner": "Lise Leder", "due": "2026-12-31"},
            ],
        },
        {
            "number": 2,
            "title": "Barn og unge",
            "groups": ["barn og unge"],
            "measures": [
                {"number": "2.1", "title": "Barn som pårørende", "status": "fullført", "owner": "Kommunene"},
                {"number": "2.2", "title": "Samordnet tilbud", "status": "avsluttet"},
            ],
        },
    ],
}  # fmt: skip


@pytest.fixture
async def plan(unit_of_work: UnitOfWorkFactory, structure: None, clock: Any) -> None:
    async with unit_of_work() as uow:
        await import_plan(uow, parse_plan(PLAN_2026), clock.now())
        await uow.commit()


async def measure_status(unit_of_work: UnitOfWorkFactory, number: str) -> str:
    [row] = await query(unit_of_work, "SELECT status FROM measures WHERE number = :number", number=number)
    return str(row.status)


async def test_the_status_report_shows_each_area_rolled_up_with_marks_counts_and_overdue_measures(
    bot: BotUnderTest, plan: None
) -> None:
    report = visible_text(await bot.exchange(PERSONAL, "handlingsplan", locale="nb-NO"))

    assert "Handlingsplan 2026 – SSU" in report
    assert "🔵 Pågående: 1" in report and "✅ Fullført: 2" in report and "⚫ Avsluttet: 1" in report
    assert "Forfalte tiltak: 1" in report
    assert "1. Skrøpelige eldre og multisyke – 🔵 Pågående" in report
    assert "Pasientgrupper: skrøpelige eldre, personer med flere kroniske lidelser" in report
    # 1.10 after 1.2; the overdue one is marked; owners by name, body key or the plan's own words
    assert report.index("1.2 Legemiddelgjennomgang") < report.index("1.10 Kartleggingsverktøy")
    assert "🔵 1.1 Felles utskrivningsrutine – Pågående · Tien Medlem · frist 31.10.2026 · ⚠️ forfalt" in report
    assert "✅ 1.2 Legemiddelgjennomgang – Fullført · LSU · frist 30.06.2026" in report
    assert "2. Barn og unge – ✅ Fullført" in report
    assert "✅ 2.1 Barn som pårørende – Fullført · Kommunene" in report
    english = visible_text(await bot.exchange(PERSONAL, "plan 2026", locale="en-US"))
    assert "Action plan 2026 – SSU" in english and "⚠️ overdue" in english
    missing = await bot.exchange(PERSONAL, "handlingsplan 2030", locale="nb-NO")
    assert missing.text.startswith("Det finnes ingen handlingsplan for 2030. Planer som finnes: 2026.")
    outsider = await bot.exchange(PERSONAL, "handlingsplan", aad_object_id=OUTSIDER_AAD, locale="nb-NO")
    assert "ikke registrert i noe organ" in outsider.text


async def test_an_owner_updates_a_measure_from_the_form_on_my_measures(
    bot: BotUnderTest, plan: None, unit_of_work: UnitOfWorkFactory
) -> None:
    mine = await bot.exchange(PERSONAL, "mine tiltak", aad_object_id=MEMBER_AAD, locale="nb-NO")
    texts = visible_text(mine)
    # Tien owns 1.1 and leads LSU, which owns 1.2; Lise's 1.10 is not his.
    assert "1.1 Felles utskrivningsrutine" in texts and "1.2 Legemiddelgjennomgang" in texts
    assert "1.10 Kartleggingsverktøy" not in texts
    [card] = mine.cards
    form = next(
        action
        for element in card["body"]
        for item in element.get("items", [])
        if item.get("type") == "ActionSet"
        for action in item["actions"]
        if action["title"] == "Oppdater 1.1"
    )
    save = form["card"]["actions"][0]
    measure_id = save["data"]["measureId"]
    payload = invoke(bot, save, MEMBER_AAD)
    payload["value"]["action"]["data"] |= {
        f"status-{measure_id}": "fullført",
        f"comment-{measure_id}": "Rutinen er tatt i bruk",
    }

    answer = await click(bot, payload)

    assert "Tiltak 1.1/2026 er oppdatert: pågående → fullført." in card_texts(answer)
    assert await measure_status(unit_of_work, "1.1") == "fullført"
    notes = await query(
        unit_of_work,
        "SELECT status_before, status_after, text FROM progress_notes WHERE measure_id = :id ORDER BY id",
        id=measure_id,
    )
    assert [(n.status_before, n.status_after, n.text) for n in notes] == [
        (None, "pågående", None),
        ("pågående", "fullført", "Rutinen er tatt i bruk"),
    ]
    [event] = await audit_trail(unit_of_work, "measure.updated")
    assert event.details["before"] == {"status": "pågående"} and event.details["after"] == {"status": "fullført"}
    assert event.actor_aad_object_id == MEMBER_AAD
    await click(bot, payload)  # Teams redelivers the invoke: still one change
    assert len(await audit_trail(unit_of_work, "measure.updated")) == 1

    # The measure's own card tells its history, oldest first.
    shown = await bot.exchange(PERSONAL, "tiltak 1.1", aad_object_id=MEMBER_AAD, locale="nb-NO")
    texts = card_texts(shown.cards[0])
    assert texts[0] == "Tiltak 1.1/2026 Felles utskrivningsrutine"
    assert "Status: ✅ Fullført" in texts and "Ansvarlig: Tien Medlem" in texts
    assert texts[texts.index("Historikk") + 1 :] == [
        "23.11.2026 · import: opprettet som pågående",
        "23.11.2026 · Tien Medlem: Pågående → Fullført – «Rutinen er tatt i bruk»",
    ]


async def test_only_the_owner_the_secretariat_or_the_plans_leader_change_a_measure(
    bot: BotUnderTest, plan: None, unit_of_work: UnitOfWorkFactory
) -> None:
    refused = await bot.exchange(PERSONAL, "tiltak 1.10 pågående", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert refused.text.startswith("Bare den som er ansvarlig for tiltak 1.10")
    assert await measure_status(unit_of_work, "1.10") == "ikke startet"
    assert len(await audit_trail(unit_of_work, "refused.update_measure")) == 1

    by_leader = await bot.exchange(PERSONAL, "tiltak 2.1 pågående gjenåpnet", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert by_leader.text == "Tiltak 2.1/2026 er oppdatert: fullført → pågående."
    by_secretariat = await bot.exchange(CHANNEL, "tiltak 1.10 utsatt", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert by_secretariat.text == "Tiltak 1.10/2026 er oppdatert: ikke startet → utsatt."
    same = await bot.exchange(CHANNEL, "tiltak 1.10 utsatt", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert "har allerede status utsatt" in same.text
    noted = await bot.exchange(
        CHANNEL, "tiltak 1.10 utsatt Venter på ny avtale", aad_object_id=SECRETARIAT_AAD, locale="nb-NO"
    )
    assert noted.text == "Fremdriften på tiltak 1.10/2026 er notert."
    unknown = await bot.exchange(CHANNEL, "tiltak 9.9 fullført", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert unknown.text == "Fant ikke tiltak 9.9/2026."
    wrong = await bot.exchange(CHANNEL, "tiltak 1.1 ferdig", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert wrong.text.startswith("«ferdig» er ikke en status.")


async def test_measure_lists_show_the_open_measures_or_a_bodys_own(bot: BotUnderTest, plan: None) -> None:
    open_ones = visible_text(await bot.exchange(PERSONAL, "tiltak", locale="nb-NO"))
    assert "Tiltak – 2026" in open_ones
    assert "1.1 Felles" in open_ones and "1.10 Kartleggingsverktøy" in open_ones
    assert "2.1 Barn" not in open_ones  # finished
    lsu = visible_text(await bot.exchange(PERSONAL, "tiltak LSU", locale="nb-NO"))
    assert "Tiltak – LSU 2026" in lsu and "1.2 Legemiddelgjennomgang" in lsu and "1.1 Felles" not in lsu


async def test_a_new_years_plan_carries_over_what_is_unfinished_with_its_origin(
    bot: BotUnderTest, plan: None, unit_of_work: UnitOfWorkFactory
) -> None:
    refused = await bot.exchange(PERSONAL, "ny handlingsplan 2027", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert refused.text.startswith("Bare sekretariatet eller lederen av organet som eier handlingsplanen")

    started = await bot.exchange(PERSONAL, "ny handlingsplan 2027", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")

    assert started.text == (
        "Handlingsplan 2027 er startet, eid av SSU. Fra 2026 er 2 satsningsområder og 2 tiltak videreført: "
        "1.1, 1.10. 3 fullførte eller avsluttede tiltak ble ikke tatt med."
    )
    rows = await query(
        unit_of_work,
        "SELECT m.number, m.status, old.number AS origin, p.year FROM measures m "
        "JOIN focus_areas a ON a.id = m.area_id JOIN action_plans p ON p.id = a.plan_id "
        "LEFT JOIN measures old ON old.id = m.carried_from_id WHERE p.year = 2027 ORDER BY m.id",
    )
    assert [(row.number, row.status, row.origin) for row in rows] == [
        ("1.1", "pågående", "1.1"),
        ("1.10", "ikke startet", "1.10"),
    ]
    again = await bot.exchange(PERSONAL, "ny handlingsplan 2027", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert again.text == "Handlingsplan 2027 finnes allerede."
    report = visible_text(await bot.exchange(PERSONAL, "handlingsplan 2027", locale="nb-NO"))
    assert "Videreført fra: 2026" in report and "2. Barn og unge – ⚪ Ikke startet" in report
    carried = visible_text(await bot.exchange(PERSONAL, "tiltak 1.10/2027", locale="nb-NO"))
    assert "Videreført fra: 1.10/2026" in carried
    assert "23.11.2026 · Dave Sekretariat: opprettet som ikke startet – «videreført fra 2026»" in carried


async def test_the_secretariat_adds_focus_areas_and_measures_in_chat(
    bot: BotUnderTest, plan: None, unit_of_work: UnitOfWorkFactory
) -> None:
    area = await bot.exchange(PERSONAL, "nytt satsningsområde Akuttkjeden", aad_object_id=LEADER_AAD, locale="nb-NO")
    assert area.text == "Satsningsområde 3 «Akuttkjeden» er lagt til i handlingsplan 2026."

    added = await bot.exchange(
        PERSONAL,
        "nytt tiltak 1: Felles plan for legevakt ansvarlig tien@example.no frist 31.12.2026",
        aad_object_id=SECRETARIAT_AAD,
        locale="nb-NO",
    )
    assert added.text == (
        "Tiltak 1.11/2026 «Felles plan for legevakt» er lagt til. Ansvarlig: tien@example.no. Frist: 31.12.2026."
    )
    named = await bot.exchange(
        PERSONAL,
        "nytt tiltak 3: Akuttmottak ansvarlig Praksiskonsulentene",
        aad_object_id=SECRETARIAT_AAD,
        locale="nb-NO",
    )
    assert "Tiltak 3.1/2026" in named.text and "Ikke funnet som person eller organ" in named.text
    mine = visible_text(await bot.exchange(PERSONAL, "mine tiltak", aad_object_id=MEMBER_AAD, locale="nb-NO"))
    assert "1.11 Felles plan for legevakt – Ikke startet · Tien Medlem · frist 31.12.2026" in mine
    unknown = await bot.exchange(PERSONAL, "nytt tiltak 9: X", aad_object_id=SECRETARIAT_AAD, locale="nb-NO")
    assert unknown.text == "Handlingsplan 2026 har ikke satsningsområde 9. Områdene er: 1, 2, 3."
    by_member = await bot.exchange(PERSONAL, "nytt tiltak 1: X", aad_object_id=MEMBER_AAD, locale="nb-NO")
    assert by_member.text.startswith("Bare sekretariatet eller lederen")
    assert [
        event.action for event in await audit_trail(unit_of_work) if event.action.startswith(("plan.", "measure."))
    ] == [
        "plan.area_added",
        "measure.added",
        "measure.added",
    ]


async def test_the_plan_downloads_as_excel_and_csv_through_a_signed_link(bot: BotUnderTest, plan: None) -> None:
    [card] = (await bot.exchange(PERSONAL, "handlingsplan", locale="nb-NO")).cards
    links = {action["title"]: action["url"] for action in card["actions"] if action["type"] == "Action.OpenUrl"}
    assert set(links) == {"Last ned Excel", "Last ned CSV"}

    def local(url: str) -> str:  # the link names HFBOT_PUBLIC_URL; the test server listens elsewhere
        parts = urlsplit(url)
        return f"{bot.url}{parts.path}?{parts.query}"

    async with bot.session.get(local(links["Last ned Excel"])) as response:
        assert response.status == 200 and response.content_type == XLSX_TYPE
        assert 'filename="handlingsplan-2026.xlsx"' in response.headers["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(await response.read())).active
    rows = [[cell or "" for cell in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Område",
        "Satsningsområde",
        "Pasientgrupper",
        "Tiltak",
        "Tittel",
        "Status",
        "Ansvarlig",
        "Frist",
        "Forfalt",
    ]
    assert rows[1] == [
        "1",
        "Skrøpelige eldre og multisyke",
        "skrøpelige eldre, personer med flere kroniske lidelser",
        "1.1",
        "Felles utskrivningsrutine",
        "Pågående",
        "Tien Medlem",
        "2026-10-31",
        "ja",
    ]
    assert len(rows) == 1 + 5
    async with bot.session.get(local(links["Last ned CSV"])) as response:
        assert response.status == 200 and response.content_type == CSV_TYPE
        text = (await response.read()).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [[str(cell) for cell in row] for row in rows]
    tampered = local(links["Last ned CSV"]).replace("/plans/", "/plans/9")
    async with bot.session.get(tampered) as response:
        assert response.status == 403
