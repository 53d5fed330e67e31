"""`hfbot retention [--dry-run]`: one retention run now, and what it deleted per class."""

from __future__ import annotations

from cards.dates import when_text
from governance.archive.retention import RetentionReport, run_retention
from governance.ports import UnitOfWorkFactory
from governance.rules.clock import Clock
from governance.rules.retention import RetentionClass, Unit

CLASS_NAMES: dict[RetentionClass, str] = {
    RetentionClass.SENT_MESSAGES: "Sendte meldinger (sent messages)",
    RetentionClass.ACTIVITY_IDS: "Mottatte aktivitets-id-er (handled activity ids)",
    RetentionClass.REFUSED_INPUT: "Avvisninger i loggen (refusals in the audit log)",
    RetentionClass.SUPERSEDED_DRAFTS: "Erstattede protokollutkast (superseded minutes drafts)",
    RetentionClass.DETACHED_DOCUMENTS: "Filer til fjernede vedlegg (files of removed documents)",
    RetentionClass.UNATTACHED_UPLOADS: "Opplastinger uten vedlegg (uploads never attached)",
    RetentionClass.FORMER_MEMBERS: "Kontaktdata for fratrådte (contact ids of former members)",
}
UNITS = {Unit.DAYS: ("dag", "dager"), Unit.MONTHS: ("måned", "måneder")}  # one, several


async def retention_now(unit_of_work: UnitOfWorkFactory, clock: Clock, dry_run: bool) -> list[str]:
    return report_lines(await run_retention(unit_of_work, clock.now(), dry_run=dry_run))


def report_lines(report: RetentionReport) -> list[str]:
    heading = "Prøvekjøring, ingenting er slettet (dry run, nothing deleted)" if report.dry_run else "Slettet (deleted)"
    lines = [f"{heading}:"]
    for kind, count in report.deleted.items():
        period = report.policy.periods[kind]
        unit = UNITS[period.unit][0 if period.length == 1 else 1]
        before = when_text(report.cutoffs[kind], None, "nb")
        lines.append(f"  {CLASS_NAMES[kind]:<58} {count:>6}   ({period.length} {unit}: før {before})")
    for kind, count in report.kept_until_exported.items():
        if count:
            lines.append(
                f"Beholdt til de er arkivert (kept until exported): {CLASS_NAMES[kind]}: {count}. "
                "Kjør «hfbot archive export» først (run the archive export first)."
            )
    return lines
