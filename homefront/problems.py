"""The one shape every data or config problem takes: file, line, field, message.

Loading, validation, the CLI and the app's error page all speak this type, so a
curator sees the same words whether the mistake is found by a test, the command
line or the running app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Unicode's control and format characters (categories Cc and Cf) that a message must not
# echo: NUL and ESC; the bidirectional overrides and isolates, which reverse the text after
# them ("\u202e" mirrored the rest of a notice); invisible ones and tags. Not the zero-width
# joiners, which scripts and emoji need
UNSHOWN = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f"
    "\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


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


def shown_text(value: str) -> str:
    """A value from a link or a text box as a reader's text: control and format characters
    dropped (UNSHOWN), so it can neither reverse nor hide what a message says around it."""
    return UNSHOWN.sub("", value)


def clip(value: str, limit: int = 40) -> str:
    """A value from a file or a link, shortened for a message (shown as text, never markup,
    without control or format characters)."""
    head = shown_text(value[: limit * 4])  # a long value's head: the rest is cut anyway
    if len(head) <= limit and len(value) <= limit * 4:
        return head
    return head[: limit - 1] + "…"


def name_some(values: Iterable[str], limit: int = 5) -> str:
    """Values for a message: each once, clipped, at most `limit`, then how many more.

    A link or a file may hold thousands of unknown ids; the message stays a line, not a page.
    """
    unique = list(dict.fromkeys(values))
    named = ", ".join(clip(v) for v in unique[:limit])
    return named if len(unique) <= limit else f"{named} and {len(unique) - limit} more"
