"""The layering, read from the source with `ast`: nothing above storage/ imports SQLAlchemy, and the
concrete unit of work is named only in the composition root."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ABOVE_STORAGE = ("bot", "scheduler", "governance", "cards")
COMPOSITION_ROOT = Path("bot/composition.py")


def _modules(packages: tuple[str, ...]) -> list[Path]:
    return sorted(path.relative_to(ROOT) for package in packages for path in (ROOT / package).rglob("*.py"))


def _imported_modules(tree: ast.AST) -> set[str]:
    imported: set[str] = set()
    for node in ast.walk(tree):  # also the imports inside functions
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module)
    return imported


def _names(tree: ast.AST) -> set[str]:
    """Every identifier a module uses or imports."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.alias):
            names.add(node.name.rsplit(".", 1)[-1])
            if node.asname:
                names.add(node.asname)
    return names


def _tree(path: Path) -> ast.Module:
    return ast.parse((ROOT / path).read_text(encoding="utf-8"), filename=str(path))


def test_the_packages_above_storage_exist() -> None:
    # A moved package would make the checks below pass on nothing.
    assert {path.parts[0] for path in _modules(ABOVE_STORAGE)} == set(ABOVE_STORAGE)
    assert (ROOT / COMPOSITION_ROOT).is_file()


def test_nothing_above_storage_imports_sqlalchemy() -> None:
    offenders = {
        str(path): sorted(module for module in _imported_modules(_tree(path)) if module.split(".")[0] == "sqlalchemy")
        for path in _modules(ABOVE_STORAGE)
    }
    assert {path: modules for path, modules in offenders.items() if modules} == {}


def test_the_concrete_unit_of_work_is_named_only_in_the_composition_root() -> None:
    naming = [str(path) for path in _modules(ABOVE_STORAGE) if "SqlUnitOfWork" in _names(_tree(path))]
    assert naming == [str(COMPOSITION_ROOT)]


def _importers(packages: tuple[str, ...], *forbidden: str) -> dict[str, list[str]]:
    """The modules of `packages` that import any of the `forbidden` top-level packages."""
    found = {
        str(path): sorted(module for module in _imported_modules(_tree(path)) if module.split(".")[0] in forbidden)
        for path in _modules(packages)
    }
    return {path: modules for path, modules in found.items() if modules}


def test_only_the_transport_imports_botbuilder() -> None:
    # A move to the Microsoft 365 Agents SDK should touch bot/ alone (DESIGN.md section 4).
    assert _importers(("governance", "cards", "storage", "scheduler", "manifest"), "botbuilder") == {}


def test_cards_draw_views_without_reaching_storage_or_the_transport() -> None:
    assert _importers(("cards",), "storage", "scheduler", "bot", "sqlalchemy", "aiohttp") == {}


RULES = Path("governance/rules")
SHARED_BY_THE_ROOMS = ("governance.ports", "governance.context", "governance.access", "governance.views")


def test_governance_is_grouped_into_rules_and_rooms_of_use_cases() -> None:
    # A module dropped straight into governance/ would blur the picture ARCHITECTURE.md draws.
    loose = {path.name for path in (ROOT / "governance").glob("*.py")}
    assert loose == {"__init__.py", "ports.py", "context.py", "access.py", "views.py"}
    rooms = {path.name for path in (ROOT / "governance").iterdir() if (path / "__init__.py").is_file()}
    assert rooms == {
        "rules",
        "meetings",
        "approvals",
        "plans",
        "reminders",
        "calendar",
        "structure",
        "papers",
        "documents",
        "archive",  # the Noark 5 arkivuttrekk (issue 18)
    }


def test_pure_rules_import_no_other_room_and_nothing_is_async() -> None:
    rules = [path for path in _modules(("governance",)) if path.is_relative_to(RULES)]
    assert rules  # the check below must have something to read
    reaching_out = {
        str(path): sorted(
            module
            for module in _imported_modules(_tree(path))
            if module.split(".")[0] == "governance" and not module.startswith("governance.rules")
        )
        for path in rules
    }
    assert {path: modules for path, modules in reaching_out.items() if modules} == {}
    asynchronous = [
        f"{path}:{node.lineno}"
        for path in rules
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.AsyncFunctionDef | ast.Await | ast.AsyncWith | ast.AsyncFor)
    ]
    assert asynchronous == []


def test_the_shared_modules_reach_no_room_of_use_cases() -> None:
    # ports, context, access and views are what every room stands on; a room above them would be a cycle.
    shared = [ROOT.joinpath(*name.split(".")).with_suffix(".py").relative_to(ROOT) for name in SHARED_BY_THE_ROOMS]
    reaching_up = {
        str(path): sorted(
            module
            for module in _imported_modules(_tree(path))
            if module.split(".")[0] == "governance"
            and not module.startswith("governance.rules")
            and module not in SHARED_BY_THE_ROOMS
        )
        for path in shared
    }
    assert {path: modules for path, modules in reaching_up.items() if modules} == {}
