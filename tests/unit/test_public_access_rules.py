"""Public access (offentleglova): the legal bases and how they are typed, the public title rule,
the aggregates' exemption methods, and the public versions of the agenda, the notice and the minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from pydantic import TypeAdapter

from cards.minutes import item_body, item_heading
from governance.papers.notice import NoticeView
from governance.papers.public_versions import has_exemptions, public_agenda, public_minutes, public_notice
from governance.rules.documents import Document, DocumentKind
from governance.rules.errors import DomainError
from governance.rules.model import Case, CaseStatus, CaseType, DecisionStatus, MeetingStatus, Role
from governance.rules.public_access import (
    EXEMPT_TITLE,
    Exemption,
    LegalBasis,
    basis_choices,
    parse_basis,
    public_title_or_default,
)
from governance.views import (
    AgendaItemView,
    AgendaView,
    AttendanceLine,
    BodyRef,
    CaseView,
    DocumentView,
    MinutesItem,
    MinutesView,
)
from tests.unit.test_minutes_handling import CASE, SPLIT

AT = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
SSU = BodyRef("SSU", "Strategisk samarbeidsutvalg")
PERSONAL = Exemption(LegalBasis.TAUSHETSPLIKT_PERSONLIG, "Avtale med ***** om legevakt")


@pytest.mark.parametrize(
    ("typed", "basis"),
    [
        ("offl. § 13 jf. fvl. § 13 første ledd nr. 1", LegalBasis.TAUSHETSPLIKT_PERSONLIG),
        ("OFFL. § 13 JF. FVL. § 13 FØRSTE LEDD NR. 2", LegalBasis.TAUSHETSPLIKT_FORRETNING),
        ("§ 13 jf. fvl. §13 første  ledd nr. 1", LegalBasis.TAUSHETSPLIKT_PERSONLIG),
        ("offl § 14", LegalBasis.ORGANINTERNT),
        ("offl. §14", LegalBasis.ORGANINTERNT),
        ("14", LegalBasis.ORGANINTERNT),
        ("§ 14", LegalBasis.ORGANINTERNT),
        ("15-1", LegalBasis.EKSTERNT_RAD),
        ("offl. § 15 andre ledd", LegalBasis.RAD_FRA_UNDERORDNET),
        ("23-1", LegalBasis.FORHANDLINGER),
        ("offl. § 24 andre ledd", LegalBasis.KONTROLL),
        ("26-5", LegalBasis.PERSONALSAK),
    ],
)
def test_a_basis_is_read_as_written_in_any_case_with_or_without_offl_or_by_its_short_form(
    typed: str, basis: LegalBasis
) -> None:
    assert parse_basis(typed) is basis


@pytest.mark.parametrize("typed", ["offl. § 99", "13", "15", "taushetsplikt", "offl. § 14 x"])
def test_an_unknown_basis_is_refused_with_the_list(typed: str) -> None:
    with pytest.raises(DomainError) as refused:
        parse_basis(typed)
    assert refused.value.code == "unknown_legal_basis"
    assert refused.value.params["bases"] == basis_choices()
    assert refused.value.params["basis"] == typed
    for basis in LegalBasis:
        assert basis.value in basis_choices()


def test_the_public_title_until_it_is_written_reads_unntatt_offentlighet() -> None:
    assert public_title_or_default(None) == public_title_or_default("  ") == EXEMPT_TITLE == "Unntatt offentlighet"
    assert Exemption(LegalBasis.ORGANINTERNT).shown_title == "Unntatt offentlighet"
    assert PERSONAL.shown_title == "Avtale med ***** om legevakt"


def _case() -> Case:
    return Case(body_id=1, year=2026, number=1, title="Avtale med Kari Nordmann", submitted_by_id=1, submitted_at=AT)


def test_a_case_is_exempted_titled_and_lifted_by_its_own_rules() -> None:
    case = _case()
    assert case.exemption is None
    with pytest.raises(DomainError) as public:
        case.set_public_title("Avtale med *****")
    assert public.value.code == "public_title_needs_exemption"
    with pytest.raises(DomainError) as not_exempt:
        case.lift_exemption()
    assert not_exempt.value.code == "case_not_exempt"
    case.exempt(LegalBasis.ORGANINTERNT)
    with pytest.raises(DomainError) as unchanged:
        case.exempt(LegalBasis.ORGANINTERNT)
    assert unchanged.value.code == "exemption_unchanged"
    case.set_public_title("  Avtale   med ***** ")
    case.exempt(LegalBasis.TAUSHETSPLIKT_PERSONLIG)  # another basis keeps the public title
    assert case.exemption == Exemption(LegalBasis.TAUSHETSPLIKT_PERSONLIG, "Avtale med *****")
    with pytest.raises(DomainError) as empty:
        case.set_public_title("   ")
    assert empty.value.code == "public_title_required"
    case.lift_exemption()
    assert case.exemption is None and case.public_title is None
    # A decided case may be exempted too: public access concerns the archive as well.
    case.status = CaseStatus.BEHANDLET
    case.exempt(LegalBasis.KONTROLL)


def test_a_document_is_exempted_on_its_own_and_a_referral_carries_the_exemption() -> None:
    document = Document(case_id=1, number=2, kind=DocumentKind.LINK, title="Notat", added_by_id=1, added_at=AT)
    document.exempt(LegalBasis.ORGANINTERNT)
    assert document.snapshot()["exemption_basis"] == "offl. § 14"
    assert document.carried_to(9, 1).exemption_basis is LegalBasis.ORGANINTERNT
    with pytest.raises(DomainError):
        document.exempt(LegalBasis.ORGANINTERNT)
    document.lift_exemption()
    with pytest.raises(DomainError) as lifted:
        document.lift_exemption()
    assert lifted.value.code == "document_not_exempt"


def _agenda() -> AgendaView:
    items = (
        AgendaItemView(
            position=3,
            case_reference="1/2026",
            title="Avtale med Kari Nordmann",
            case_type=CaseType.VEDTAKSSAK,
            responsible="Lise Leder",
            proposal="SSU godkjenner avtalen med Kari Nordmann.",
            background="Bakgrunn",
            assessment="Vurdering",
        ),
        AgendaItemView(position=4, case_reference="2/2026", title="Felles rutine", proposal="SSU vedtar rutinen."),
    )
    return AgendaView(SSU, AT, None, "Drammen", MeetingStatus.INNKALT, items=items)


def test_the_public_agenda_shows_an_exempt_case_by_number_public_title_and_basis_only() -> None:
    agenda = _agenda()
    public = public_agenda(agenda, {"1/2026": PERSONAL})
    exempt, open_case = public.items
    assert exempt == AgendaItemView(
        position=3,
        case_reference="1/2026",
        title="Avtale med ***** om legevakt",
        case_type=CaseType.VEDTAKSSAK,
        exemption=PERSONAL,
    )
    assert open_case == agenda.items[1]
    # Nothing exempt: the items stand as they are, but the Teams link is never public.
    assert public_agenda(replace(agenda, join_url="https://teams.microsoft.com/l/x"), {}) == agenda


def _paper(reference: str, title: str, exemption: Exemption | None) -> CaseView:
    return CaseView(
        body=SSU,
        reference=reference,
        title=title,
        case_type=CaseType.VEDTAKSSAK,
        status=CaseStatus.SATT_OPP,
        responsible="Lise Leder",
        submitted_by="Tien Medlem",
        submitted_at=AT,
        background="Bakgrunn om Kari Nordmann",
        proposal="Forslag",
        assessment="Vurdering",
        case_officer="Dave",
        exemption=exemption,
    )


def _document(reference: str, number: int, title: str, basis: LegalBasis | None = None) -> DocumentView:
    return DocumentView(
        reference, number, DocumentKind.LINK, title, 10 + number, url="https://x", exemption_basis=basis
    )


def test_the_public_notice_leaves_out_an_exempt_case_s_paper_and_documents_and_names_an_exempt_document() -> None:
    notice = NoticeView(
        community="Helsefellesskapet",
        meeting_id=1,
        agenda=_agenda(),
        papers=(_paper("1/2026", "Avtale med Kari Nordmann", PERSONAL), _paper("2/2026", "Felles rutine", None)),
        documents={
            "1/2026": (_document("1/2026", 1, "Avtaleutkast"),),
            "2/2026": (
                _document("2/2026", 1, "Personalnotat", LegalBasis.ORGANINTERNT),
                _document("2/2026", 2, "Rutine"),
            ),
        },
    )
    assert has_exemptions(notice)
    public = public_notice(notice)
    exempt_paper, open_paper = public.papers
    assert exempt_paper.title == "Avtale med ***** om legevakt" and exempt_paper.exemption == PERSONAL
    assert (exempt_paper.background, exempt_paper.proposal, exempt_paper.assessment) == (None, None, None)
    assert (exempt_paper.responsible, exempt_paper.submitted_by, exempt_paper.case_officer) == (None, None, None)
    assert open_paper == notice.papers[1]
    assert public.documents["1/2026"] == ()
    withheld, kept = public.documents["2/2026"]
    assert withheld.title == "Unntatt offentlighet (offl. § 14)" and withheld.url is None
    assert kept == notice.documents["2/2026"][1]
    assert public.agenda.items[0].exemption == PERSONAL
    assert not has_exemptions(replace(notice, papers=notice.papers[1:], documents={}))


def test_the_public_minutes_leave_out_decision_handling_and_the_disqualified_of_an_exempt_case() -> None:
    exempt_item = replace(
        CASE,
        case_reference="1/2026",
        handling=SPLIT,
        disqualified=(("Tien Medlem", "styreverv"),),
        stepped_out=("Tien Medlem",),
    )
    other = replace(CASE, position=4, case_reference="2/2026", disqualified=(("Tien Medlem", None),))
    line = AttendanceLine(1, "Tien Medlem", Role.MEDLEM, None, None, stepped_out_of=("1/2026", "2/2026"))
    minutes = MinutesView(1, SSU, AT, None, "Drammen", attendance=(line,), items=(exempt_item, other))
    public = public_minutes(minutes, {"1/2026": PERSONAL})
    item, kept = public.items
    assert item == MinutesItem(
        position=3,
        standard_item=None,
        case_reference="1/2026",
        title="Avtale med ***** om legevakt",
        case_type=CaseType.VEDTAKSSAK,
        decision=None,
        decision_status=DecisionStatus.VEDTATT,
        exemption=PERSONAL,
    )
    assert item.handling is None and item.disqualified == () and item.stepped_out == ()
    assert kept == other
    assert public.attendance[0].stepped_out_of == ("2/2026",)
    assert (
        item_heading(item, "nb")
        == f"3. Sak 1/2026 Avtale med ***** om legevakt (unntatt offentlighet, {PERSONAL.basis})"
    )
    assert item_body(item, "en") == [
        "The case is exempt from public access. Its papers, proceedings and decision are not in the public version."
    ]
    assert public_minutes(minutes, {}) == minutes


def test_minutes_stored_before_exemptions_existed_still_load_and_a_public_item_round_trips() -> None:
    adapter = TypeAdapter(MinutesView)
    stored = adapter.dump_python(MinutesView(1, SSU, AT, None, None, (), (CASE,)), mode="json")
    del stored["items"][0]["exemption"]
    assert adapter.validate_python(stored).items[0].exemption is None
    public = public_minutes(adapter.validate_python(stored), {"7/2027": PERSONAL})
    assert adapter.validate_python(adapter.dump_python(public, mode="json")) == public


def test_a_long_unknown_basis_is_quoted_short() -> None:
    with pytest.raises(DomainError) as refused:
        parse_basis("offl. § 13 " + "x" * 200)
    assert len(str(refused.value.params["basis"])) == 40 and str(refused.value.params["basis"]).endswith("…")
