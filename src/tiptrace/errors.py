"""Errors that the CLI and API turn into clear messages (never tracebacks).

Each class carries the HTTP status the API answers with (as Datasette's `NotFound(Base400)`
does), so a route raises the error and one handler renders it: JSON for the API, a page for a
browser. The CLI ignores the status and prints the message.
"""

from __future__ import annotations


class TiptraceError(Exception):
    """Base class: the message is meant for the user as it is. Unprocessable by default: the
    request was understood but cannot be done (a rule not in force, an unknown what-if key)."""

    status = 422


class BadRequestError(TiptraceError):
    """A parameter outside its allowed values (a format, a ranking key, a tier code)."""

    status = 400


class NotFoundError(TiptraceError, LookupError):
    """What was asked for does not exist."""

    status = 404


class UnknownCountryError(NotFoundError):
    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown country {query!r}.{hint}")


class NoDataError(NotFoundError):
    """The record holds nothing for what was asked (a gap, or outside coverage)."""


class AuthError(TiptraceError):
    """A write without a valid token."""

    status = 401


class TooLargeError(TiptraceError):
    """A request body or a result over its limit."""

    status = 413


class StoreError(TiptraceError):
    """The store cannot be opened or is of another schema version."""

    status = 503


class ValidationError(TiptraceError):
    """An import file failed validation; `problems` lists each one."""

    def __init__(self, path: str, problems: list[str], total: int | None = None):
        self.path = path
        self.problems = problems
        self.total = len(problems) if total is None else total  # when `problems` is cut short
        head = f"{path}: {self.total} problem(s); nothing was written."
        # A caller that gives `total` has cut the list short itself (and says so in it).
        super().__init__("\n".join([head, *(problems if total is not None else problems[:50])]))
