"""Errors the domain raises for the user to read.

Each carries a message code and its parameters, never prose: the presentation layer turns the
code into a sentence in the user's language (cards/texts.py).
"""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __repr__(self) -> str:
        return f"DomainError({self.code!r}, {self.params!r})"


class NotAllowed(DomainError):
    """The acting person lacks the role the action needs; audited by the caller."""

    def __init__(
        self,
        action: str,
        body: str | None = None,
        *,
        needs_membership: bool = False,
        code: str | None = None,
        **params: object,
    ) -> None:
        # Most actions need the secretariat or leader, some only membership; approving a decision
        # needs a place among its approvers (`code` names that message).
        default = "not_allowed_participant" if needs_membership else "not_allowed"
        super().__init__(code or default, body=body or "", **params)
        self.action = action
