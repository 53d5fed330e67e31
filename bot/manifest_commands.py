"""The Teams command menus, one per scope, taken from the command registry.

Each scope gets the commands people use there, most used first: in a body's channel the
secretariat's work on meetings and cases, in a personal chat what a member looks up or reports
for themselves, in a group chat a mix for a working group without a channel.
"""

from __future__ import annotations

from bot.registry import REGISTRY
from manifest.build import ManifestCommand

# Registry keys; Teams shows at most manifest.build.MAX_COMMANDS (12) per scope.
MENUS: dict[str, tuple[str, ...]] = {
    "team": (
        "help", "agenda", "cases", "new_case", "new_meeting", "publish_agenda",
        "decide", "attendance", "minutes", "reminders", "members_sync", "link",
    ),
    "personal": (
        "help", "agenda", "meetings", "cases", "case", "my_measures",
        "absence", "disqualified", "decisions", "decision_search", "plan", "calendar",
    ),
    "groupChat": (
        "help", "agenda", "meetings", "cases", "new_case", "decide",
        "absence", "attendance", "minutes", "members", "plan", "link",
    ),
}  # fmt: skip


def manifest_menus() -> dict[str, list[ManifestCommand]]:
    by_key = {command.key: command for command in REGISTRY.commands}
    return {
        scope: [
            ManifestCommand(
                title=by_key[key].name,
                description=by_key[key].describe("nb"),
                title_en=by_key[key].alias,
                description_en=by_key[key].describe("en"),
            )
            for key in keys
        ]
        for scope, keys in MENUS.items()
    }
