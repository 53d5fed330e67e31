"""Delegated authority: a final decision saying "<ORGAN> gis myndighet til å <sak>" hands that
body the authority, and later decisions of that body on the matter name it."""

from __future__ import annotations

import re

from governance.context import Context
from governance.rules.model import Body, Decision, Delegation, Person
from governance.views import DelegationView

# "SSU gis myndighet til å vedta endelig handlingsplan." The matter runs to the end of the sentence.
_GRANT = re.compile(r"(?P<key>[^\s,.;:()]+)\s+gis\s+myndighet\s+til\s+å\s+(?P<matter>[^.;\n]+)", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\b(20\d\d)\b")
MIN_KEYWORD = 4


def granted(text: str) -> list[tuple[str, str]]:
    """(body key, matter) for each grant of authority the decision text makes."""
    return [(match["key"], match["matter"].strip()) for match in _GRANT.finditer(text)]


def covers(matter: str, text: str) -> bool:
    """Whether a decision's text is about the delegated matter: it holds every significant word of
    the matter after its verb ("vedta endelig handlingsplan": "endelig" and "handlingsplan")."""
    words = [word.lower() for word in _WORD.findall(matter)]
    keywords = [word for word in words[1:] if len(word) >= MIN_KEYWORD] or words
    lowered = text.lower()
    return bool(keywords) and all(keyword in lowered for keyword in keywords)


def concerns_plan_adoption(matter: str, year: int) -> bool:
    """Whether a delegated matter is adopting the action plan ("vedta endelig handlingsplan");
    one that names a year ("vedta handlingsplan 2027") covers that year's plan only."""
    lowered = matter.lower()
    years = {int(found) for found in _YEAR.findall(lowered)}
    return "vedta" in lowered and "handlingsplan" in lowered and (not years or year in years)


async def record_grants(ctx: Context, decision: Decision, body: Body, person: Person | None) -> None:
    """Stores the authority a decision that just became final gives other bodies."""
    assert decision.id is not None and body.id is not None
    for key, matter in granted(decision.text):
        receiver = await ctx.uow.bodies.by_key(key)
        if receiver is None or receiver.id is None or receiver.id == body.id:
            continue
        await ctx.uow.delegations.add(
            Delegation(
                from_body_id=body.id,
                to_body_id=receiver.id,
                matter=matter,
                decision_id=decision.id,
                granted_at=ctx.now(),
            )
        )
        await ctx.audit("delegation.granted", person, f"decision:{decision.id}", body=body.key, to_body=receiver.key)


async def authority_for(ctx: Context, body: Body, text: str) -> DelegationView | None:
    """The delegated authority a decision of this body with this text is taken under, if any."""
    assert body.id is not None
    for delegation in await ctx.uow.delegations.to_bodies([body.id]):
        if covers(delegation.matter, text):
            return delegation
    return None
