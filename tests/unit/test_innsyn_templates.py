"""The innsyn templates: what users typed is escaped, never markup, and the page is in bokmål with
the community's name."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.innsyn_routes import _TEMPLATES
from governance.papers.public_records import PublicDecision, PublicMeeting, PublicYear
from governance.views import BodyRef


def test_typed_titles_and_decisions_are_escaped_and_the_page_names_the_community() -> None:
    page = PublicYear(
        community="Helsefellesskapet <Test>",
        body=BodyRef("SSU", "Strategisk samarbeidsutvalg"),
        year=2026,
        meetings=(
            PublicMeeting(
                day=date(2026, 11, 24),
                starts_at=datetime(2026, 11, 24, 8, tzinfo=UTC),
                ends_at=None,
                place='<img src=x onerror="alert(1)">',
                cancelled=False,
                notice=True,
                minutes=False,
            ),
        ),
        decisions=(PublicDecision("2/2026", "<script>alert(1)</script>", "Vedtatt & godkjent", None, None, False),),
    )
    html = _TEMPLATES.get_template("year.html.j2").render(page=page)
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Vedtatt &amp; godkjent" in html
    assert '<html lang="nb">' in html and "Helsefellesskapet &lt;Test&gt;" in html
    assert 'href="/innsyn/SSU/2026/2026-11-24/innkalling.pdf"' in html and "protokoll.pdf" not in html
