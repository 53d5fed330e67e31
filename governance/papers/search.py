"""`saker søk`: cases found by the words of their title and paper, in the bodies where the user
has a seat."""

from __future__ import annotations

from governance.access import identify
from governance.context import Context
from governance.rules.errors import DomainError, NotAllowed
from governance.rules.model import Role
from governance.views import CaseSearchView

# A search answers in one card; 30 lines of up to 200-character titles stay far under its limit.
MAX_CASE_HITS = 30


async def search_cases(ctx: Context, words: str) -> CaseSearchView:
    """Cases whose title or paper holds every word, across the years, in every body where the user
    is a member, or in every body of a helsefellesskap whose secretariat they are."""
    terms = words.split()
    if not terms:
        raise DomainError("search_words_missing")
    person = await identify(ctx.uow, ctx.actor)
    if person is None or person.id is None:
        raise NotAllowed("search_cases", needs_membership=True, code="not_in_any_body_cases")
    body_ids = set(await ctx.uow.memberships.bodies_with_role(person.id, list(Role)))
    for community_id in await ctx.uow.persons.communities_of(person.id):
        secretariat = await ctx.uow.secretariat.members(community_id)
        if any(member.person_id == person.id for member in secretariat):
            body_ids |= {
                body.id for body in await ctx.uow.bodies.all() if body.community_id == community_id and body.id
            }
    if not body_ids:
        raise NotAllowed("search_cases", needs_membership=True, code="not_in_any_body_cases")
    hits, total = await ctx.uow.cases.search(sorted(body_ids), terms, MAX_CASE_HITS)
    return CaseSearchView(words=" ".join(terms), hits=tuple(hits), more=max(0, total - len(hits)))
