"""A fast path for reading content files: libyaml's C parser, building the tree ruamel would build.

ruamel's pure-Python round-trip loader is what keeps every value's line and column, and it
is the largest share of a build's own time. libyaml (through PyYAML) reports the same
positions in its events, 50–100 times faster. This module takes only the plain YAML that
content is written in and declines everything else (anchors, aliases, tags, directives,
duplicate keys, YAML 1.1 words, numbers other than plain integers and decimals, deep nesting,
parse errors): the loader then reads the file with ruamel, which gives the exact messages.
So a file either loads exactly as ruamel loads it, positions included, or goes the slow way.
"""

from __future__ import annotations

import re
from typing import Any

import yaml  # type: ignore[import-untyped]  # PyYAML, with libyaml (a dependency of MkDocs)
from ruamel.yaml.comments import CommentedMap, CommentedSeq

_Event = Any

_NULL = frozenset({"~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NOT_TEXT = re.compile(r"[-+.0-9~=<]")
"""First characters of plain scalars that YAML may read as something other than text: left to ruamel."""
_OTHER_BREAKS = re.compile("[\t\x85\u2028\u2029\ufeff]")
"""Characters YAML 1.1 (libyaml) and 1.2 (ruamel) treat differently, or that deserve ruamel's message."""


class Declined(Exception):
    """The text uses something the fast path leaves to ruamel."""


def load_plain(text: str, refused_words: frozenset[str], max_depth: int) -> Any:
    """The tree of a plain YAML document, as ruamel's round-trip loader builds it; raise Declined otherwise."""
    if _OTHER_BREAKS.search(text) or text.lstrip().startswith("%"):
        raise Declined
    try:
        events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        raise Declined from None
    documents = sum(isinstance(event, yaml.DocumentStartEvent) for event in events)
    if documents != 1:
        raise Declined
    builder = _Builder(events, refused_words, max_depth)
    return builder.document()


class _Builder:
    """Turn a list of parse events into CommentedMap/CommentedSeq with ruamel's line/column records."""

    def __init__(self, events: list[_Event], refused_words: frozenset[str], max_depth: int) -> None:
        self.events, self.at = events, 0
        self.refused, self.max_depth = refused_words, max_depth

    def document(self) -> Any:
        """Build the one document's root node."""
        while not isinstance(self.events[self.at], yaml.DocumentStartEvent):
            self.at += 1
        start = self.events[self.at]
        if start.version or start.tags:
            raise Declined
        self.at += 1
        return self.node(0)

    def node(self, depth: int) -> Any:
        """Build the node that starts at the current event."""
        event = self.events[self.at]
        self.at += 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None):
            raise Declined
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if depth >= self.max_depth:
            raise Declined
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(event, depth)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(event, depth)
        raise Declined

    def sequence(self, start: _Event, depth: int) -> CommentedSeq:
        """Build a list, recording each item's position."""
        seq = CommentedSeq()
        seq._yaml_set_line_col(start.start_mark.line, start.start_mark.column)
        while not isinstance(self.events[self.at], yaml.SequenceEndEvent):
            mark = self.events[self.at].start_mark
            seq._yaml_set_idx_line_col(len(seq), [mark.line, mark.column])
            seq.append(self.node(depth + 1))
        self.at += 1
        return seq

    def mapping(self, start: _Event, depth: int) -> CommentedMap:
        """Build a mapping, recording each key's and value's position."""
        mapping = CommentedMap()
        mapping._yaml_set_line_col(start.start_mark.line, start.start_mark.column)
        while not isinstance(self.events[self.at], yaml.MappingEndEvent):
            key_event = self.events[self.at]
            key = self.node(depth + 1)
            if not isinstance(key, str) or key in mapping or key == "<<":
                raise Declined
            value_mark = self.events[self.at].start_mark
            mapping._yaml_set_kv_line_col(key, [key_event.start_mark.line, key_event.start_mark.column, value_mark.line, value_mark.column])
            mapping[key] = self.node(depth + 1)
        self.at += 1
        return mapping

    def scalar(self, event: _Event) -> Any:
        """A scalar's value under YAML 1.2's core schema with dates kept as text, as the ruamel loader reads it."""
        value: str = event.value
        if event.style:  # quoted or block: always text (libyaml marks plain scalars with "", PyYAML with None)
            return value
        if not value or value.lower() in self.refused:  # ruamel places an empty value on the next line: left to it
            raise Declined
        if value in _NULL:
            return None
        if value in _BOOL:
            return _BOOL[value]
        if _INT.fullmatch(value):
            return int(value)
        if _DECIMAL.fullmatch(value) or _DATE.fullmatch(value):
            return float(value) if "." in value else value
        if _NOT_TEXT.match(value):
            raise Declined
        return value
