"""Compiled Jinja templates kept between runs, so a build does not compile the same templates again."""

from __future__ import annotations

import functools
import hashlib

import jinja2
import material  # type: ignore[import-untyped]
import mkdocs

from ..disk_cache import code_fingerprint


@functools.cache
def compiled_templates() -> jinja2.BytecodeCache:
    """Jinja's bytecode cache in a folder of the user's own (mode 0700) under the system temp folder.

    An entry is keyed by the template's file and checked against its source; its name also
    carries a fingerprint of the code that defines the environments (this package, Jinja,
    MkDocs, Material), because compiled code depends on the filters it was compiled for.
    """
    return jinja2.FileSystemBytecodeCache(pattern=f"__briefing_{_fingerprint()}_%s.cache")


def _fingerprint() -> str:
    """A short hash of the generator's source and the versions of the template engines and theme."""
    versions = (code_fingerprint(), jinja2.__version__, mkdocs.__version__, material.__version__)  # cheaper than package metadata
    return hashlib.sha256(repr(versions).encode()).hexdigest()[:16]
