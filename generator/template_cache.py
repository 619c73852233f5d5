"""Compiled Jinja templates kept between runs, so a build does not compile the same templates again."""

from __future__ import annotations

import functools

import jinja2


@functools.cache
def compiled_templates() -> jinja2.BytecodeCache:
    """Jinja's bytecode cache in a folder of the user's own (mode 0700) under the system temp folder.

    An entry is keyed by the template's file and checked against its source, so an edited
    template is compiled afresh; a cache that cannot be made only costs the compile time.
    """
    return jinja2.FileSystemBytecodeCache()
