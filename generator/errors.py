"""The generator's exceptions: one base class, one subclass per way a run can fail."""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the content, at a position an editor can jump to."""

    file: str
    line: int
    column: int
    key_path: str
    rule: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        key = f" {self.key_path}:" if self.key_path else ""
        hint = f"\n    fix: {self.hint}" if self.hint else ""
        return f"{where}:{key} [{self.rule}] {self.message}{hint}"


class BriefingError(Exception):
    """Base of every error the generator reports to a user without a traceback."""

    exit_code = 1


class ContentError(BriefingError):
    """The content folder holds one or more problems; nothing was written."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the content; nothing was written."
        super().__init__("\n".join([*(str(p) for p in self.problems), header]))


class OutputError(BriefingError):
    """The output folder is unsafe to replace."""


class SiteBuildError(BriefingError):
    """MkDocs failed, or the built site failed a post-build check; the last good site is kept."""


class ChartError(BriefingError):
    """A chart's figure cannot be drawn (a developer's error, not the content's); nothing was written."""


class BrowserNotFoundError(BriefingError):
    """No Chromium-family browser could be found to print the PDF."""


class PreviewError(BriefingError):
    """The live preview cannot start (its address is taken or malformed)."""


class DiskError(BriefingError):
    """A folder cannot be written (full, read-only, not ours); what was there before is kept."""

    @classmethod
    def from_os_error(cls, exc: OSError) -> DiskError:
        """Say which file could not be written, why, and what to do."""
        target = exc.filename2 or exc.filename  # a copy names its source first, the file it could not write second
        where = f" {target}" if target else ""
        full = exc.errno in {errno.ENOSPC, errno.EDQUOT}
        fix = "free some space" if full else "make the folder writable or choose another one"
        return cls(f"cannot write{where}: {exc.strerror or exc}; {fix}, then run again (the previous site, PDF and content are kept)")


DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})
"""Ways a disk refuses a write that a user, not the code, must fix."""


class PrintError(BriefingError):
    """Printing the PDF failed; the last good PDF is kept."""


ECHO_LIMIT = 120
"""Most characters of a typed value an error message repeats; longer values are cut with an ellipsis."""


def echo(value: str, mark: str = '"', limit: int = ECHO_LIMIT) -> str:
    """Quote a value for a message, cut to `limit` characters with an ellipsis and its total length."""
    if len(value) <= limit:
        return f"{mark}{value}{mark}"
    return f"{mark}{value[:limit].rstrip()}…{mark} ({len(value):,} characters)"


def relative_name(path: Path, root: Path) -> str:
    """Name a file relative to the working directory when possible, for clickable errors."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)
