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

    def __init__(self, action: str, body: str | None = None) -> None:
        super().__init__("not_allowed", action=action, body=body or "")
        self.action = action
