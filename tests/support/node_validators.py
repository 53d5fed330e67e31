"""Python front end for the Node validators of Adaptive Cards and the Teams manifest.

The official validators are JavaScript libraries (``adaptivecards`` and
``@microsoft/app-manifest``, pinned in the repository's package.json), so the
tests run them through ``node`` instead of re-implementing their rules.

Only a missing ``node`` executable makes the validators "unavailable" (tests may
skip then). A missing ``node_modules`` is a set-up error and raises, so a CI run
that forgot ``npm ci`` fails instead of quietly skipping every card check.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
SUPPORT_DIR = Path(__file__).resolve().parent
CARD_SCRIPT = SUPPORT_DIR / "validate_cards.js"
MANIFEST_SCRIPT = SUPPORT_DIR / "validate_manifest.js"

# One file per npm package the scripts load; their absence means `npm ci` was not run.
_REQUIRED_NODE_FILES = (
    Path("node_modules/adaptivecards/dist/adaptivecards.min.js"),
    Path("node_modules/@microsoft/app-manifest/package.json"),
)

# Generous: the first run pays for Node start-up and schema compilation.
_TIMEOUT_SECONDS = 120


def node_validators_available() -> bool:
    """True when a ``node`` executable is on PATH (node_modules is checked on use)."""
    return shutil.which("node") is not None


def card_errors(cards: Sequence[dict[str, Any]]) -> list[list[str]]:
    """Error strings per card, in input order; an empty list means the card is valid.

    The whole batch goes to one Node process, because start-up dominates the cost.
    """
    payload = json.dumps(list(cards), ensure_ascii=False)
    result = _run_node_json(CARD_SCRIPT, [], payload)
    if not isinstance(result, list) or len(result) != len(cards):
        raise RuntimeError(f"validate_cards.js answered with an unexpected shape: {result!r}")
    return [[str(error) for error in errors] for errors in result]


def package_errors(out_dir: Path) -> dict[str, list[str]]:
    """Schema errors of the manifest.json written in ``out_dir`` and of every translation file
    its ``localizationInfo`` names, by file name; all empty means the package is valid."""
    manifest = json.loads((Path(out_dir) / "manifest.json").read_text(encoding="utf-8"))
    localization = manifest.get("localizationInfo") or {}
    names = ["manifest.json", *(entry["file"] for entry in localization.get("additionalLanguages") or [])]
    return {name: manifest_errors(Path(out_dir) / name) for name in names}


def manifest_errors(manifest_path: Path) -> list[str]:
    """Schema errors of the Teams manifest, or translation file, at ``manifest_path``; [] means
    it is valid."""
    path = Path(manifest_path).resolve()
    if not path.is_file():
        raise FileNotFoundError(path)
    result = _run_node_json(MANIFEST_SCRIPT, [str(path)], None)
    if not isinstance(result, list):
        raise TypeError(f"validate_manifest.js answered with an unexpected shape: {result!r}")
    return [str(error) for error in result]


def _node_executable() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed; the card and manifest validators need Node.js >= 20.19")
    return node


def _check_node_modules() -> None:
    missing = [str(path) for path in _REQUIRED_NODE_FILES if not (REPO_ROOT / path).exists()]
    if missing:
        raise RuntimeError(f"Node validator packages are missing ({', '.join(missing)}): run `npm ci` in {REPO_ROOT}")


def _run_node_json(script: Path, args: list[str], stdin_text: str | None) -> Any:
    """Run one validator script from the repository root and decode its JSON answer."""
    node = _node_executable()
    _check_node_modules()
    # Fixed script paths and no shell: nothing from the caller reaches a command line.
    completed = subprocess.run(
        [node, str(script), *args],
        cwd=REPO_ROOT,
        input=stdin_text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=_TIMEOUT_SECONDS,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{script.name} failed with exit code {completed.returncode}: {completed.stderr.strip()}")
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(f"{script.name} printed something other than JSON: {completed.stdout!r}") from error
