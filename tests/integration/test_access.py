"""Who may act on which body, read from stored memberships and the secretariat by Entra object id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from governance.access import Actor, require_manager, require_participant
from governance.rules.errors import DomainError, NotAllowed
from storage.unit_of_work import SqlUnitOfWork
from tests.support.structure import LEADER_AAD, MEMBER_AAD, OUTSIDER_AAD, SECRETARIAT_AAD

UoW = Callable[[], SqlUnitOfWork]
CHANNEL = "19:ssu-channel@thread.tacv2"

pytestmark = pytest.mark.usefixtures("structure")


@dataclass(frozen=True)
class Admitted:
    body_key: str
    person_aad: str | None
    manager: bool


async def admit(
    unit_of_work: UoW, aad: str | None, body_key: str | None, *, manage: bool = False, conversation: str | None = None
) -> Admitted:
    check = require_manager if manage else require_participant
    async with unit_of_work() as uow:
        admission = await check(uow, Actor(aad), body_key, conversation, "test")
        return Admitted(admission.body.key, admission.person.aad_object_id, admission.manager)


@pytest.mark.parametrize(
    ("aad", "body_key", "participant", "manager"),
    [
        (SECRETARIAT_AAD, "SSU", True, True),  # the community's secretariat, in no body
        (SECRETARIAT_AAD, "PM", True, True),
        (LEADER_AAD, "SSU", True, True),
        (LEADER_AAD, "LSU", False, False),  # a role in one body gives nothing in another
        (MEMBER_AAD, "SSU", True, False),
        (MEMBER_AAD, "lsu", True, True),  # leader of LSU; keys are matched without case
        (OUTSIDER_AAD, "SSU", False, False),
        (None, "SSU", False, False),
    ],
)
async def test_standing_in_a_body_follows_the_stored_roles(
    unit_of_work: UoW, aad: str | None, body_key: str, participant: bool, manager: bool
) -> None:
    if participant:
        admitted = await admit(unit_of_work, aad, body_key)
        assert admitted.body_key == body_key.upper()
        assert admitted.person_aad == aad
        assert admitted.manager is manager
    else:
        with pytest.raises(NotAllowed) as refused:
            await admit(unit_of_work, aad, body_key)
        assert refused.value.code == "not_allowed_participant"  # the message says membership is needed
    if manager:
        assert (await admit(unit_of_work, aad, body_key, manage=True)).manager
    else:
        with pytest.raises(NotAllowed):
            await admit(unit_of_work, aad, body_key, manage=True)


async def test_without_a_key_the_linked_body_is_used(unit_of_work: UoW) -> None:
    with pytest.raises(DomainError) as unlinked:
        await admit(unit_of_work, MEMBER_AAD, None, conversation=CHANNEL)
    assert unlinked.value.code == "body_required" and "SSU" in str(unlinked.value.params["known"])
    async with unit_of_work() as uow:
        ssu = await uow.bodies.by_key("SSU")
        assert ssu is not None
        ssu.linked_conversation_id = CHANNEL
        await uow.commit()
    admitted = await admit(unit_of_work, MEMBER_AAD, None, conversation=CHANNEL)
    assert (admitted.body_key, admitted.manager) == ("SSU", False)
    assert (await admit(unit_of_work, MEMBER_AAD, "LSU", conversation=CHANNEL)).body_key == "LSU"  # a key wins


async def test_an_unknown_body_is_named_with_the_known_ones(unit_of_work: UoW) -> None:
    with pytest.raises(DomainError) as unknown:
        await admit(unit_of_work, SECRETARIAT_AAD, "XYZ")
    assert unknown.value.code == "unknown_body"
    assert unknown.value.params == {"body": "XYZ", "known": "LSU, PM, SSU"}


async def test_without_a_key_or_a_linked_conversation_a_persons_only_body_is_used(unit_of_work: UoW) -> None:
    # Issue 13.16: Lise sits in SSU alone; Tien in SSU and LSU; the secretariat acts for every body.
    assert (await admit(unit_of_work, LEADER_AAD, None, conversation="a:personal-chat")).body_key == "SSU"
    for aad in (MEMBER_AAD, SECRETARIAT_AAD, OUTSIDER_AAD):
        with pytest.raises(DomainError) as unnamed:
            await admit(unit_of_work, aad, None, conversation="a:personal-chat")
        assert unnamed.value.code == "body_required"
    async with unit_of_work() as uow:
        lsu = await uow.bodies.by_key("LSU")
        assert lsu is not None
        lsu.linked_conversation_id = CHANNEL
        await uow.commit()
    # A linked conversation still says which body is meant.
    with pytest.raises(NotAllowed):
        await admit(unit_of_work, LEADER_AAD, None, conversation=CHANNEL)
