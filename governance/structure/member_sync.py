"""Matching a body's members with the people Teams lists in its channel or chat (`medlemmer synk`).

The structure file often names members by email only, while Teams identifies every user by
their Entra object id, which is what the bot checks rights, approvals and reminders against.
The roster is read through a port (the transport reads it from the Bot Connector), matched by
email (then by user principal name), and the changes are proposed; the secretariat confirms them
on a card, and only then are they stored, each one checked again against what is stored by then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from governance.access import require_manager
from governance.context import Context
from governance.meetings.schedule import body_ref
from governance.rules.errors import DomainError
from governance.rules.model import Body, Person
from governance.views import BodyRef

SYNC_ACTION = "sync_members"  # the action named in refusals and their audit events


@dataclass(frozen=True)
class RosterAccount:
    """One person in a Teams conversation's roster, as the Bot Connector lists them."""

    teams_user_id: str  # "29:...", how Teams names the user in this bot's conversations
    aad_object_id: str | None
    name: str
    email: str | None = None
    user_principal_name: str | None = None


class RosterUnavailable(Exception):
    """Teams did not give the roster (no answer in time, or an error)."""


class Roster(Protocol):
    """Reads who is in a Teams conversation."""

    @property
    def here_is_group_chat(self) -> bool:
        """Whether the conversation of this turn is a group chat."""
        ...

    async def accounts(self, reference: dict[str, Any] | None) -> Sequence[RosterAccount]:
        """Everyone in this turn's conversation (None) or in a stored one; raises
        RosterUnavailable when Teams does not answer in time."""
        ...


@dataclass(frozen=True)
class IdChange:
    """A person's Teams identity to store: what the confirm button of the card carries."""

    person_id: int
    aad_object_id: str
    teams_user_id: str | None


@dataclass(frozen=True)
class ProposedChange:
    change: IdChange
    name: str
    email: str
    replaces: bool  # the person had another object id, now replaced


@dataclass(frozen=True)
class SyncConflict:
    name: str
    holder: str  # who already has the object id the roster gives this member


@dataclass(frozen=True)
class RosterMatch:
    """The body's members paired with roster accounts by email, and who is left over."""

    pairs: tuple[tuple[Person, RosterAccount], ...]
    not_in_roster: tuple[Person, ...]
    not_members: tuple[RosterAccount, ...]


@dataclass(frozen=True)
class SyncProposal:
    body: BodyRef
    changes: tuple[ProposedChange, ...]
    conflicts: tuple[SyncConflict, ...]
    not_in_roster: tuple[str, ...]  # members' names
    not_members: tuple[str, ...]  # roster names
    already_linked: int


class Skipped(StrEnum):
    """Why a confirmed change was not stored."""

    NOT_A_MEMBER = "not_a_member"  # left the body since the proposal
    TAKEN = "taken"  # the object id went to someone else since the proposal


@dataclass(frozen=True)
class SyncOutcome:
    body: BodyRef
    confirmed_by: str
    applied: tuple[str, ...]  # names
    already: tuple[str, ...]
    skipped: tuple[tuple[str, Skipped], ...]


@dataclass(frozen=True)
class SyncCancelled:
    body: BodyRef
    cancelled_by: str


def _address(value: str | None) -> str:
    return (value or "").strip().lower()


def match_roster(members: Sequence[Person], accounts: Sequence[RosterAccount]) -> RosterMatch:
    """Pairs each member with the roster account of the same email, or else the same user
    principal name (ignoring case). Accounts without an object id (bots) are left out: there is
    nothing to learn from them."""
    people = [account for account in accounts if account.aad_object_id]
    by_email: dict[str, RosterAccount] = {}
    by_principal: dict[str, RosterAccount] = {}
    for account in people:
        by_email.setdefault(_address(account.email), account)
        by_principal.setdefault(_address(account.user_principal_name), account)
    by_email.pop("", None)
    by_principal.pop("", None)
    pairs: list[tuple[Person, RosterAccount]] = []
    missing: list[Person] = []
    seen: set[int] = set()
    for person in members:
        key = person.id if person.id is not None else id(person)
        if key in seen:  # a person with two roles in the body is matched once
            continue
        seen.add(key)
        email = _address(person.email)
        matched = by_email.get(email) or by_principal.get(email)
        if matched is None:
            missing.append(person)
        else:
            pairs.append((person, matched))
    paired = {id(account) for _, account in pairs}
    strangers = tuple(account for account in people if id(account) not in paired)
    return RosterMatch(tuple(pairs), tuple(missing), strangers)


def propose(body: BodyRef, match: RosterMatch, holders: Mapping[str, Person]) -> SyncProposal:
    """The changes a match calls for. `holders` are the stored persons who already carry one of
    the matched object ids; giving such an id to another person is a conflict, shown and left
    alone for the secretariat to sort out."""
    changes: list[ProposedChange] = []
    conflicts: list[SyncConflict] = []
    already = 0
    claimed: dict[str, str] = {}  # object id -> the member it is proposed for in this round
    for person, account in match.pairs:
        aad = account.aad_object_id or ""
        if _address(person.aad_object_id) == _address(aad):
            already += 1
            continue
        holder = holders.get(aad)
        if holder is not None and holder.id != person.id:
            conflicts.append(SyncConflict(person.name, holder.name))
        elif aad in claimed:  # two members matched the same account (one by email, one by name)
            conflicts.append(SyncConflict(person.name, claimed[aad]))
        else:
            claimed[aad] = person.name
            assert person.id is not None
            # Stored as Teams writes it: turns are matched on the object id exactly as sent.
            change = IdChange(person.id, aad, account.teams_user_id or None)
            changes.append(ProposedChange(change, person.name, person.email, bool(person.aad_object_id)))
    return SyncProposal(
        body=body,
        changes=tuple(changes),
        conflicts=tuple(conflicts),
        not_in_roster=tuple(person.name for person in match.not_in_roster),
        not_members=tuple(sorted(account.name for account in match.not_members)),
        already_linked=already,
    )


async def propose_member_sync(ctx: Context, body_key: str | None, roster: Roster | None) -> SyncProposal:
    """Reads the roster of the body's conversation and proposes the changes; stores nothing."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, ctx.conversation_id, SYNC_ACTION)
    body = admitted.body
    assert body.id is not None
    accounts = await _read_roster(ctx, body, roster)
    members = [person for _, person in await ctx.uow.memberships.for_body(body.id)]
    match = match_roster(members, accounts)
    holders: dict[str, Person] = {}
    wanted = {
        account.aad_object_id
        for person, account in match.pairs
        if account.aad_object_id and _address(account.aad_object_id) != _address(person.aad_object_id)
    }
    for aad in wanted:  # only the ids that would change hands: usually few
        holder = await ctx.uow.persons.by_aad_object_id(aad)
        if holder is not None:
            holders[aad] = holder
    return propose(body_ref(body), match, holders)


async def _read_roster(ctx: Context, body: Body, roster: Roster | None) -> Sequence[RosterAccount]:
    """The roster of this conversation when it is the body's own or a group chat; from anywhere
    else (a personal chat, another body's channel) the roster of the body's linked conversation."""
    if roster is None:  # not a Teams turn (the console)
        raise DomainError("roster_needs_teams", body=body.key)
    here = ctx.conversation_id
    reference: dict[str, Any] | None = None
    if not here or (here != body.linked_conversation_id and not roster.here_is_group_chat):
        linked = body.linked_conversation_id
        reference = await ctx.uow.conversations.reference(linked) if linked else None
        if reference is None:
            raise DomainError("members_sync_needs_channel", body=body.key)
    try:
        # Teams may take seconds to list a large team; no turn waits for the database meanwhile.
        return await ctx.away_from_the_database(lambda: roster.accounts(reference))
    except RosterUnavailable:
        raise DomainError("roster_unavailable", body=body.key) from None


async def confirm_member_sync(ctx: Context, body_key: str, changes: Sequence[IdChange]) -> SyncOutcome:
    """Stores the confirmed changes that still hold; a change already in place is left as it is,
    so a second confirmation changes nothing."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, None, SYNC_ACTION)
    body = admitted.body
    assert body.id is not None
    member_ids = {person.id for _, person in await ctx.uow.memberships.for_body(body.id)}
    persons = await ctx.uow.persons.by_ids([change.person_id for change in changes])
    applied: list[Person] = []
    already: list[str] = []
    skipped: list[tuple[str, Skipped]] = []
    taken_now: set[str] = set()  # ids given out in this confirmation (the column is unique)
    for change in changes:
        person = persons.get(change.person_id)
        aad = change.aad_object_id
        if person is None or person.id not in member_ids:
            skipped.append((person.name if person else str(change.person_id), Skipped.NOT_A_MEMBER))
            continue
        if _address(person.aad_object_id) == _address(aad):
            already.append(person.name)
            continue
        holder = await ctx.uow.persons.by_aad_object_id(aad)
        if aad in taken_now or (holder is not None and holder.id != person.id):
            skipped.append((person.name, Skipped.TAKEN))
            continue
        taken_now.add(aad)
        person.aad_object_id = aad
        if change.teams_user_id:
            person.teams_user_id = change.teams_user_id
        applied.append(person)
    if applied:
        await ctx.audit(
            "members.synced",
            admitted.person,
            f"body:{body.id}",
            body=body.key,
            persons=[person.id for person in applied],
            applied=len(applied),
            already=len(already),
            skipped=len(skipped),
        )
    return SyncOutcome(
        body=body_ref(body),
        confirmed_by=admitted.person.name,
        applied=tuple(person.name for person in applied),
        already=tuple(already),
        skipped=tuple(skipped),
    )


async def cancel_member_sync(ctx: Context, body_key: str, proposed: int) -> SyncCancelled:
    """The secretariat turns the proposal down; nothing is stored but the audit event."""
    admitted = await require_manager(ctx.uow, ctx.actor, body_key, None, SYNC_ACTION)
    await ctx.audit(
        "members.sync_cancelled", admitted.person, f"body:{admitted.body.id}", body=admitted.body.key, proposed=proposed
    )
    return SyncCancelled(body_ref(admitted.body), admitted.person.name)
