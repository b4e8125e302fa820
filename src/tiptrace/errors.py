"""Errors that the CLI and API turn into clear messages (never tracebacks)."""

from __future__ import annotations


class TiptraceError(Exception):
    """Base class: the message is meant for the user as it is."""


class UnknownCountryError(TiptraceError, LookupError):
    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown country {query!r}.{hint}")


class NoDataError(TiptraceError, LookupError):
    """The record holds nothing for what was asked (a gap, or outside coverage)."""


class StoreError(TiptraceError):
    """The store cannot be opened or is of another schema version."""


class ValidationError(TiptraceError):
    """An import file failed validation; `problems` lists each one."""

    def __init__(self, path: str, problems: list[str]):
        self.path = path
        self.problems = problems
        head = f"{path}: {len(problems)} problem(s); nothing was written."
        super().__init__("\n".join([head, *problems[:50]]))
