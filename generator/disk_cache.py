"""Results kept between runs: what was computed from a file's bytes, reused while the bytes and the code are the same.

Entries live in the user's own cache folder (`platformdirs`: `$XDG_CACHE_HOME/briefing-generator`,
`~/.cache/briefing-generator` on Linux, `~/Library/Caches` on macOS), never at a predictable path in
a temp folder everyone can write to. Entries are pickles, so a folder or file that is not the
user's own, that others can write to, or that is a symlink is never read: it is ignored with one
warning line, and the build goes on without the cache (nothing is chmod-ed or deleted).
An entry's name is a hash of the file's bytes, its name and the generator's code, so an edited
file or an updated generator never meets an old entry. Entries unused for a month are deleted.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import platformdirs

T = TypeVar("T")

APP_NAME = "briefing-generator"
"""The name of the cache folder inside the user's cache folder."""

MAX_AGE_DAYS = 30
"""Entries not used for this long are deleted when a new one is written."""


@functools.cache
def code_fingerprint() -> str:
    """A short hash of the generator's source, the interpreter's version and pydantic's (its pickles change with it)."""
    # pydantic's version file, found without importing pydantic: `--help` and `new --help` read catalogues but need no model
    pydantic_spec = importlib.util.find_spec("pydantic")
    digest = hashlib.sha256(sys.version.encode())
    if pydantic_spec is not None and pydantic_spec.origin is not None:
        digest.update((Path(pydantic_spec.origin).parent / "version.py").read_bytes())
    for source in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def cached(kind: str, path: Path, compute: Callable[[bytes], T]) -> T:
    """`compute(the file's bytes)`, or what it returned last time for the same bytes, name and code."""
    data = path.read_bytes()
    return remembered(kind, data + b"\0" + path.name.encode(), lambda: compute(data))


def remembered(kind: str, key: bytes, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned last time for the same key and code."""
    folder = private_folder(kind)
    if folder is None:
        return compute()
    entry = _entry_path(folder, key)
    data = _read_entry(entry)
    if data is not None:
        try:
            with paused_gc():
                value: T = pickle.loads(data)
            os.utime(entry)
            return value
        except Exception:  # a truncated or corrupt entry is computed again and rewritten
            warn_once(f"warning: cache entry {entry} is unreadable; it is ignored and written again", key="unreadable entry")
    value = compute()
    _store(folder, entry, value)
    return value


def recall(kind: str, key: bytes) -> object | None:
    """What `keep` stored under this key with the same code, or None (missing, unreadable or untrusted)."""
    folder = private_folder(kind)
    entry = None if folder is None else _entry_path(folder, key)
    data = None if entry is None else _read_entry(entry)
    if entry is None or data is None:
        return None
    try:
        with paused_gc():
            value: object = pickle.loads(data)
        os.utime(entry)  # in use: not swept with the month-old entries
        return value
    except Exception:  # a truncated or corrupt entry is as good as none: it is written again
        return None


def keep(kind: str, key: bytes, value: object) -> None:
    """Store a value under a key for later runs of the same code; a failure (full or read-only disk) only costs the cache."""
    folder = private_folder(kind)
    if folder is not None:
        _store(folder, _entry_path(folder, key), value, sweep=kind not in _SWEPT)
        _SWEPT.add(kind)


_SWEPT: set[str] = set()
"""The kinds whose old entries this process has already looked for (once is enough)."""


def _entry_path(folder: Path, key: bytes) -> Path:
    """Where the entry of a key lives: a hash of the key and the code, so other code never meets it."""
    digest = hashlib.sha256(key + b"\0" + code_fingerprint().encode()).hexdigest()
    return folder / f"{digest}.pickle"


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


_WARNED: set[str] = set()


def warn_once(line: str, key: str = "") -> None:
    """Print a warning line on stderr, once per process (per `key`, else per line) however often its cause is met."""
    if (key or line) not in _WARNED:
        _WARNED.add(key or line)
        print(line, file=sys.stderr, flush=True)


def cache_root() -> Path:
    """The generator's folder in the user's cache folder (XDG_CACHE_HOME on Linux)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def private_folder(kind: str) -> Path | None:
    """The user's private cache folder for one kind of entry, or None (with one warning) when it cannot be trusted."""
    root = cache_root()
    for path in (root, root / kind):
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            warn_once(f"warning: cache folder {path} cannot be made ({exc.strerror}); the build goes on without a cache")
            return None
        reason = _untrusted(path)
        if reason:
            warn_once(f"warning: cache folder {path} is ignored: {reason}; the build goes on without a cache")
            return None
    return root / kind


def _untrusted(path: Path) -> str:
    """Why a cache folder must not be trusted (a link, another owner, writable by others), or "" when it is the user's own."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return "it is a symbolic link"
    if not stat.S_ISDIR(info.st_mode):
        return "it is not a folder"
    if info.st_uid != os.getuid():
        return f"it belongs to another user (uid {info.st_uid})"
    if info.st_mode & 0o022:
        return f"others can write to it (mode {stat.S_IMODE(info.st_mode):o}; it should be 700)"
    return ""


def _read_entry(entry: Path) -> bytes | None:
    """An entry's bytes, or None when it is missing, a link, or not a regular file of the user's own."""
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        if entry.is_symlink():
            warn_once(f"warning: cache entry {entry} is a symbolic link; it is ignored")
        elif not isinstance(exc, FileNotFoundError):
            warn_once(f"warning: cache entry {entry} cannot be read ({exc.strerror}); it is ignored")
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
            warn_once(f"warning: cache entry {entry} is not a file of your own; it is ignored")
            return None
        return file.read()


def _store(folder: Path, entry: Path, value: object, sweep: bool = True) -> None:
    """Write an entry atomically and (with `sweep`) delete the ones unused for MAX_AGE_DAYS; any failure only costs the cache."""
    with contextlib.suppress(Exception):  # a full disk, a value that will not pickle: the build goes on without
        scratch = entry.with_name(f".{entry.name}.{os.getpid()}")
        scratch.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(scratch, entry)
        if not sweep:
            return
        cutoff = time.time() - MAX_AGE_DAYS * 86400
        for old in folder.glob("*.pickle"):
            if old.stat().st_mtime < cutoff:
                old.unlink()
