"""The Teams roster through the Bot Connector (TeamsInfo's paged members), for `medlemmer synk`.

Graph would need a permission per partner tenant; the Bot Connector lists everyone in a
conversation the bot is in, each with their Entra object id, email and user principal name.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.core.teams import TeamsInfo
from botbuilder.schema import ConversationReference

from governance.structure.member_sync import RosterAccount, RosterUnavailable

log = logging.getLogger(__name__)

# The whole read, every page: the turn must still be answered within Teams' patience (about
# 15 s, DESIGN.md section 5), after the database work around it.
ROSTER_TIMEOUT_SECONDS = 5.0
PAGE_SIZE = 500  # the most Teams gives in one page
MAX_PAGES = 100  # a continuation token that never ends must not keep the turn


class TeamsRoster:
    """Reads rosters within one turn: its own conversation, or a stored one under its identity."""

    def __init__(self, turn_context: TurnContext) -> None:
        self._turn = turn_context

    @property
    def here_is_group_chat(self) -> bool:
        return getattr(self._turn.activity.conversation, "conversation_type", None) == "groupChat"

    async def accounts(self, reference: dict[str, Any] | None) -> list[RosterAccount]:
        try:
            # Read the module's value at call time, so tests can shorten it.
            return await asyncio.wait_for(self._read(reference), ROSTER_TIMEOUT_SECONDS)
        except Exception as error:  # a timeout, or any of the connector's many failure types
            log.warning("roster.unavailable stored=%s error=%s", reference is not None, type(error).__name__)
            raise RosterUnavailable() from error

    async def _read(self, reference: dict[str, Any] | None) -> list[RosterAccount]:
        if reference is None:
            return await _all_pages(self._turn)
        found: list[RosterAccount] = []

        async def read(context: TurnContext) -> None:
            # A continuation carries no channel data, where TeamsInfo looks for a team; without
            # one it lists the members of the conversation itself.
            context.activity.channel_data = context.activity.channel_data or {}
            found.extend(await _all_pages(context))

        # The stored conversation is read under this turn's identity, as the adapter would
        # answer it.
        await self._turn.adapter.continue_conversation_with_claims(
            self._turn.turn_state.get(BotAdapter.BOT_IDENTITY_KEY),
            ConversationReference().deserialize(reference),
            self._turn.turn_state.get(BotAdapter.BOT_OAUTH_SCOPE_KEY),
            read,
        )
        return found


async def _all_pages(context: TurnContext) -> list[RosterAccount]:
    accounts: list[RosterAccount] = []
    token: str | None = None
    for _ in range(MAX_PAGES):
        page = await TeamsInfo.get_paged_members(context, token, PAGE_SIZE)
        accounts += [
            RosterAccount(
                teams_user_id=member.id or "",
                aad_object_id=member.aad_object_id,
                name=member.name or "",
                email=member.email,
                user_principal_name=member.user_principal_name,
            )
            for member in page.members or []
        ]
        token = page.continuation_token
        if not token:
            break
    log.info("roster.read accounts=%d", len(accounts))
    return accounts
