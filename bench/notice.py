"""How long the meeting notice takes to render as Word and PDF, for the size issue 16 names.

    python -m bench.notice               # 30 cases, each with a two-page paper
    python -m bench.notice --cases 60

The notice is built from an in-memory view (what `governance.meetings.notice.show_notice`
returns), so this times the document rendering alone, which is what a download waits for beyond
one database read; the figures are the median and the slowest of the runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime, timedelta

from cards.notice_documents import notice_docx, notice_pdf
from governance.papers.notice import NoticeView
from governance.rules.model import CaseStatus, CaseType, MeetingStatus
from governance.views import AgendaItemView, AgendaView, BodyRef, CaseView

TARGET_S = 2.0
SENTENCE = "Kommunene og helseforetaket har sammen kartlagt behovet for felles rutiner ved utskrivning."
PAGE = " ".join([SENTENCE] * 55)  # about one A4 page in the notice's type


def notice_view(cases: int) -> NoticeView:
    body = BodyRef("SSU", "Strategisk samarbeidsutvalg")
    starts = datetime(2027, 3, 9, 8, 0, tzinfo=UTC)
    papers = tuple(
        CaseView(
            body=body,
            reference=f"{number}/2027",
            title=f"Felles rutine for oppfølging av skrøpelige eldre, del {number}",
            case_type=CaseType.VEDTAKSSAK,
            status=CaseStatus.SATT_OPP,
            responsible="Máhtte Ánde Porsáŋgu",
            submitted_by="Kari Nordmann",
            submitted_at=starts - timedelta(days=30),
            background=f"{PAGE}\n{PAGE}",
            proposal="SSU slutter seg til forslaget og ber sekretariatet følge opp.",
            meeting_at=starts,
        )
        for number in range(1, cases + 1)
    )
    items = tuple(
        AgendaItemView(position=position, case_reference=paper.reference, title=paper.title, case_type=paper.case_type)
        for position, paper in enumerate(papers, start=1)
    )
    agenda = AgendaView(body, starts, starts + timedelta(hours=3), "Tromsø", MeetingStatus.INNKALT, items)
    return NoticeView(community="Helsefellesskapet Nord", meeting_id=1, agenda=agenda, papers=papers, documents={})


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--cases", type=int, default=30)
    arguments.add_argument("--runs", type=int, default=10)
    options = arguments.parse_args()
    view = notice_view(options.cases)
    made_at = datetime.now(UTC)
    worst = 0.0
    for name, render in (("Word", notice_docx), ("PDF", notice_pdf)):
        render(view, "nb", made_at)  # warm up: fonts are read on first use
        timings = []
        for _ in range(options.runs):
            started = time.perf_counter()
            content = render(view, "nb", made_at)
            timings.append(time.perf_counter() - started)
        median, slowest = statistics.median(timings), max(timings)
        worst = max(worst, median)
        print(
            f"notice of {options.cases} cases as {name}: {len(content) / 1024:.0f} KB, "
            f"median {median:.2f} s, slowest {slowest:.2f} s over {options.runs} runs (target < {TARGET_S:.0f} s)"
        )
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
