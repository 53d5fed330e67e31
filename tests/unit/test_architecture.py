"""The rules of the layout, read from the source so that they cannot decay silently: aggregates
change their own state, and the domain does no I/O and knows nothing of the layers above it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_PACKAGES = ("governance", "bot", "scheduler", "storage", "cards")

# The fields that say where an aggregate is in its life (case, meeting, decision, minutes, measure,
# plan, and the rows that follow them): the status, and the facts a transition records with it.
STATE_FIELDS = frozenset(
    {
        "status",
        "published_fingerprint",  # a meeting is called
        "published_at",
        "adopted_by_decision_id",  # a plan is adopted
        "final_at",  # a decision is final
        "approved_at",  # minutes are approved
        "rejected_by_id",  # a round of approval ends in rejection
        "rejection_comment",
    }
)

# Rows of the outbox and of calendar sync jobs are not domain aggregates: they are the relays' own
# bookkeeping of delivery attempts (claimed, sent, failed, uncertain), and the relay is the one
# place that moves them.
INFRASTRUCTURE_FILES = frozenset({"scheduler/relay.py", "scheduler/calendar_relay.py", "storage/outbox.py"})

IO_LIBRARIES = frozenset(
    {
        "sqlalchemy",
        "aiohttp",
        "botbuilder",
        "httpx",
        "msgraph",
        "azure",
        "asyncpg",
        "aiosqlite",
        "apscheduler",
        "docx",
        "fpdf",
        "openpyxl",
    }
)
LAYERS_ABOVE_THE_DOMAIN = frozenset({"bot", "storage", "scheduler", "cards"})


def modules(*packages: str) -> Iterator[tuple[str, ast.Module]]:
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), ast.parse(path.read_text(encoding="utf-8"), str(path))


def assigned_attributes(tree: ast.Module) -> Iterator[tuple[int, ast.Attribute]]:
    """Every attribute written by `=`, `+=`, an annotated assignment, or inside a tuple of targets."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        else:
            continue
        while targets:
            target = targets.pop()
            if isinstance(target, (ast.Tuple, ast.List)):
                targets.extend(target.elts)
            elif isinstance(target, ast.Attribute):
                yield node.lineno, target


def state_written_by_name(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """`setattr(x, "status", ...)`: the same write, spelled so that an assignment scan misses it."""
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in STATE_FIELDS
        ):
            yield node.lineno, str(node.args[1].value)


def foreign_state_writes(name: str, tree: ast.Module) -> list[str]:
    """State written to another object than `self`: in a domain object's own method it is the
    aggregate changing itself; anywhere else it is a use case (or a layer above) doing it."""
    own_method = name.startswith("governance/")
    found = []
    for line, target in assigned_attributes(tree):
        if target.attr not in STATE_FIELDS:
            continue
        if own_method and isinstance(target.value, ast.Name) and target.value.id == "self":
            continue
        found.append(f"{name}:{line} {ast.unparse(target)}")
    found += [f"{name}:{line} setattr(…, {field!r})" for line, field in state_written_by_name(tree)]
    return found


def test_aggregates_change_state_only_through_their_own_methods() -> None:
    exempt = INFRASTRUCTURE_FILES
    writes = [
        write
        for name, tree in modules(*PRODUCTION_PACKAGES)
        if name not in exempt
        for write in foreign_state_writes(name, tree)
    ]
    assert writes == []


def test_the_exemptions_name_files_that_exist_and_still_need_them() -> None:
    """An exemption whose file is gone or no longer writes state is dead weight: remove it."""
    trees = dict(modules(*PRODUCTION_PACKAGES))
    still_writing = {name for name in INFRASTRUCTURE_FILES if foreign_state_writes(name, trees[name])}
    assert still_writing == INFRASTRUCTURE_FILES


def test_the_state_scan_finds_a_use_case_writing_a_status() -> None:
    source = "async def close(case):\n    case.status = CaseStatus.BEHANDLET\n    plan.status, x = 1, 2\n"
    assert foreign_state_writes("governance/meetings/cases.py", ast.parse(source)) == [
        "governance/meetings/cases.py:2 case.status",
        "governance/meetings/cases.py:3 plan.status",
    ]
    assert foreign_state_writes("governance/rules/model.py", ast.parse("def f(self):\n    self.status = 1\n")) == []
    assert foreign_state_writes("bot/x.py", ast.parse("def f(self):\n    self.status = 1\n")) == [
        "bot/x.py:2 self.status"
    ]
    assert foreign_state_writes("bot/x.py", ast.parse("setattr(case, 'status', 1)\n")) == [
        "bot/x.py:1 setattr(…, 'status')"
    ]


def imported_modules(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Every module named by an import, at any depth (functions, `if TYPE_CHECKING:` included)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            yield node.lineno, node.module


def test_the_domain_imports_no_io_library_and_nothing_above_it() -> None:
    forbidden = IO_LIBRARIES | LAYERS_ABOVE_THE_DOMAIN
    imports = [
        f"{name}:{line} {module}"
        for name, tree in modules("governance")
        for line, module in imported_modules(tree)
        if module.split(".")[0] in forbidden
    ]
    assert imports == []
