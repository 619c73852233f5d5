"""Results kept between runs: what was computed from a file's bytes, reused while the bytes and the code are the same.

Entries live in a folder of the user's own (mode 0700) under the system temp folder, as Jinja's
bytecode cache does; a folder anyone else could write to is never read (entries are pickles).
An entry's name is a hash of the file's bytes, its name and the generator's code, so an edited
file or an updated generator never meets an old entry. Entries unused for a month are deleted.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import pickle
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

MAX_AGE_DAYS = 30
"""Entries not used for this long are deleted when a new one is written."""


@functools.cache
def code_fingerprint() -> str:
    """A short hash of the generator's source and the interpreter's and pydantic's versions."""
    import pydantic  # already imported by the content model; only its version is read

    digest = hashlib.sha256(repr((sys.version, pydantic.VERSION)).encode())
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def cached(kind: str, path: Path, compute: Callable[[bytes], T]) -> T:
    """`compute(the file's bytes)`, or what it returned last time for the same bytes, name and code."""
    data = path.read_bytes()
    return remembered(kind, data + b"\0" + path.name.encode(), lambda: compute(data))


def remembered(kind: str, key: bytes, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned last time for the same key and code."""
    folder = _folder(kind)
    if folder is None:
        return compute()
    digest = hashlib.sha256(key + b"\0" + code_fingerprint().encode()).hexdigest()
    entry = folder / f"{digest}.pickle"
    with contextlib.suppress(Exception):  # a missing, truncated or foreign entry is computed again
        with paused_gc():
            value: T = pickle.loads(entry.read_bytes())
        os.utime(entry)
        return value
    value = compute()
    _store(folder, entry, value)
    return value


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while millions of acyclic objects are made: it would walk them all again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _folder(kind: str) -> Path | None:
    """The private cache folder for one kind of entry, or None when no safe one can be had."""
    root = Path(tempfile.gettempdir()) / f"_briefing-cache-{os.getuid()}"
    try:
        root.mkdir(mode=0o700, exist_ok=True)
        info = root.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            return None  # a link, or a folder someone else owns or can write to
        folder = root / kind
        folder.mkdir(mode=0o700, exist_ok=True)
        return folder
    except OSError:
        return None


def _store(folder: Path, entry: Path, value: object) -> None:
    """Write an entry atomically and delete the ones unused for MAX_AGE_DAYS; any failure only costs the cache."""
    with contextlib.suppress(Exception):  # a full disk, a value that will not pickle: the build goes on without
        scratch = entry.with_name(f".{entry.name}.{os.getpid()}")
        scratch.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(scratch, entry)
        cutoff = time.time() - MAX_AGE_DAYS * 86400
        for old in folder.glob("*.pickle"):
            if old.stat().st_mtime < cutoff:
                old.unlink()
