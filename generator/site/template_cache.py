"""Compiled Jinja templates kept between runs, so a build does not compile the same templates again."""

from __future__ import annotations

import functools
import hashlib

import jinja2
import material  # type: ignore[import-untyped]
import mkdocs

from ..disk_cache import code_fingerprint, private_folder, warn_once


class _NoCache(jinja2.BytecodeCache):
    """No cache at all, when the user's cache folder cannot be trusted: templates are compiled every time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Find nothing."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep nothing."""


class _ForgivingCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, where an entry that cannot be read or written costs only the cache, never the build."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Load the entry, or compile again if it is unreadable."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # a corrupt entry: Jinja compiles the template again and rewrites it
            warn_once(f"warning: compiled-template cache entry for {bucket.key} is unreadable; it is ignored")
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Store the entry if the disk lets us."""
        try:
            super().dump_bytecode(bucket)
        except OSError as exc:  # a full or read-only disk costs only the cache
            warn_once(f"warning: compiled templates cannot be cached ({exc.strerror}); the build goes on without")


@functools.cache
def compiled_templates() -> jinja2.BytecodeCache:
    """Jinja's bytecode cache in the user's private cache folder (see disk_cache), or none when it cannot be trusted.

    An entry is keyed by the template's file and checked against its source; its name also
    carries a fingerprint of the code that defines the environments (this package, Jinja,
    MkDocs, Material), because compiled code depends on the filters it was compiled for.
    """
    folder = private_folder("templates")
    if folder is None:
        return _NoCache()
    return _ForgivingCache(str(folder), pattern=f"__briefing_{_fingerprint()}_%s.cache")


def _fingerprint() -> str:
    """A short hash of the generator's source and the versions of the template engines and theme."""
    versions = (code_fingerprint(), jinja2.__version__, mkdocs.__version__, material.__version__)  # cheaper than package metadata
    return hashlib.sha256(repr(versions).encode()).hexdigest()[:16]
