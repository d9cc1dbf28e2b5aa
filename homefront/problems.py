"""The one shape every data or config problem takes: file, line, field, message.

Loading, validation, the CLI and the app's error page all speak this type, so a
curator sees the same words whether the mistake is found by a test, the command
line or the running app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place of one file."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '-'}: {self.message}"


class DataError(Exception):
    """Raised when files cannot be turned into a dataset; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field))
        super().__init__("\n".join(str(p) for p in self.problems))


def clip(value: str, limit: int = 40) -> str:
    """A value from a file or a link, shortened for a message (shown as text, never markup)."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def name_some(values: Iterable[str], limit: int = 5) -> str:
    """Values for a message: each once, clipped, at most `limit`, then how many more.

    A link or a file may hold thousands of unknown ids; the message stays a line, not a page.
    """
    unique = list(dict.fromkeys(values))
    named = ", ".join(clip(v) for v in unique[:limit])
    return named if len(unique) <= limit else f"{named} and {len(unique) - limit} more"
