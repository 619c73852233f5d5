"""Rendered pages kept between plans: a page is rendered again only when something it read has changed.

A page's body is a function of its template (and every template that one includes, imports or
extends), the catalogue, its view record, its title and path, the globals its templates name, and
whatever it reads of the model, the helpers and the stances' anchors while it renders. The first
ones make the entry's key (`_static_key`): a digest of the template sources, the catalogue files,
the view record and the named globals, each serialised canonically (`Fingerprints`). The reads
are recorded as the page renders (`_Reads`: the model and the helpers are handed to the template
behind recording wrappers) with a digest of what each returned; the next plan reuses the body only
if its key is the same and every recorded read gives the same digest again. Anything that cannot
be serialised canonically (a value of an unknown type) makes the page render every time.

The preview keeps one memo for its whole session. A memo made with `disk=True` also keeps its
entries in the user's cache folder (`disk_cache.recall`/`keep`), keyed by the generator's code,
for a new process; measured (BENCHMARKS.md), reading them back and checking their reads cost as
much as rendering at 10x and more at 100x, so no command uses it by default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import jinja2
import jinja2.meta
from pydantic import BaseModel

from ...disk_cache import keep, recall
from ...i18n import CATALOGUE_DIR

CATALOGUE_ONLY = frozenset(
    {
        "catalogue", "t", "count", "number", "colon", "position", "confidence", "label", "meaning", "strength",
        "likelihood", "reason_text", "figure_value", "event_when", "event_date",
    }
)  # fmt: skip
"""Template globals that read only the catalogue and their arguments (common.template_globals): the key's catalogue covers them.
Any other callable global is recorded call by call."""

_MISSING = object()
"""What a recorded lookup found when the key was not there."""

DISK_KIND = "pages"
"""The cache folder of rendered pages (one entry per page and key)."""


Refs = tuple[str, ...] | None
"""The templates a template names, or None when it chooses one at run time."""


class Unkeyable(Exception):
    """A value the memo cannot serialise canonically: the page that holds it is rendered every time."""


class Fingerprints:
    """Canonical digests of values during one plan (records and views are not changed while a plan renders)."""

    def __init__(self) -> None:
        self._objects: dict[int, tuple[object, str]] = {}

    def of(self, value: object) -> str:
        """A digest of a value: equal for equal content, in any process."""
        return hashlib.blake2b(self._canon(value).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _canon(self, value: object) -> str:
        """The value as text that differs whenever its content (or type) does."""
        kind = type(value)
        if kind is str:
            return f"S{len(value)}:{value}"  # type: ignore[arg-type]
        if kind in (int, float, bool) or value is None:
            return repr(value)
        if kind is list or kind is tuple:
            return ("L[" if kind is list else "T[") + ",".join(map(self._canon, value)) + "]"  # type: ignore[call-overload,operator]
        if kind is dict:
            return "D{" + ",".join(f"{self._canon(k)}:{self._canon(v)}" for k, v in value.items()) + "}"  # type: ignore[attr-defined]
        return self._other(value)

    def _other(self, value: object) -> str:
        """The text of a value of a less common type: enums, markup, sets, dates and records."""
        if isinstance(value, Enum):
            return f"E{type(value).__qualname__}.{value.value!r}"
        if isinstance(value, str):
            return f"{type(value).__name__}{len(value)}:{value}"  # Markup is not the same text as str: it is not escaped again
        if isinstance(value, (list, tuple, dict)):
            return type(value).__name__ + self._canon(list(value.items()) if isinstance(value, dict) else list(value))
        if isinstance(value, (set, frozenset)):
            return "Z{" + ",".join(sorted(map(self._canon, value))) + "}"
        if isinstance(value, (dt.date, dt.datetime)):
            return f"d{value.isoformat()}"
        if isinstance(value, BaseModel) or (dataclasses.is_dataclass(value) and not isinstance(value, type)):
            return self._record(value)
        raise Unkeyable(type(value).__qualname__)

    def _record(self, value: Any) -> str:
        """A record's digest, worked out once per plan (records are shared by many pages)."""
        hit = self._objects.get(id(value))
        if hit is not None and hit[0] is value:
            return hit[1]
        names = _field_names(type(value))  # type: ignore[arg-type]
        text = (
            f"{type(value).__module__}.{type(value).__qualname__}(" + ",".join(f"{n}={self._canon(getattr(value, n))}" for n in names) + ")"
        )
        digest = "O" + hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        self._objects[id(value)] = (value, digest)
        return digest


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a record type, in their declared order."""
    return tuple(kind.model_fields) if issubclass(kind, BaseModel) else tuple(f.name for f in dataclasses.fields(kind))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Read:
    """One thing a page read while it rendered, and the digest of what it found."""

    ident: str
    """The read itself (where, what, with which arguments), canonically: the same read on every page."""
    source: str
    """`model`, `anchors` or `call` (a template global)."""
    kind: str
    """`item` (one key), `has` (whether a key is there), `field` (one field of a key's record), `whole` (the whole value) or `call`."""
    name: str
    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...]
    digest: str


@dataclass(frozen=True)
class Entry:
    """A rendered body, the key it was rendered under and what it read."""

    key: str
    reads: tuple[Read, ...]
    body: str


@dataclass
class State:
    """What one plan renders from: the model, the template globals and the stances' anchors."""

    model: Any
    shared: dict[str, Any]
    anchors: dict[Any, Any]
    prints: Fingerprints = field(default_factory=Fingerprints)
    current: dict[str, str] = field(default_factory=dict)
    """The digest each read gives in this plan, by its `ident` (a read is checked once per plan)."""
    calls: dict[str, Any] = field(default_factory=dict)
    """What each helper call returned in this plan, by its `ident` (the same call on another page is not repeated)."""
    globals_: dict[str, str] = field(default_factory=dict)
    closures: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    catalogue: str = ""


class RenderMemo:
    """Page bodies kept between plans, each reused while what it read is the same."""

    def __init__(self, disk: bool = True) -> None:
        self.disk = disk
        self._entries: dict[str, Entry] = {}
        self.state: State | None = None
        self.rendered: list[str] = []
        """The pages the last plan rendered (the others came from the memo)."""

    def begin(self, model: Any, shared: dict[str, Any], anchors: dict[Any, Any]) -> None:
        """Start a plan: digests and checks are worked out afresh for its model."""
        self.state = State(model, shared, anchors, catalogue=f"{shared['catalogue'].language}:{_catalogue_digest()}")
        self.rendered = []

    def render(
        self, env: jinja2.Environment, template: str, path: str, title: str, view: dict[str, Any], routes: Callable[[Any], Any]
    ) -> str:
        """A page's body: the memo's when nothing it read changed, else rendered (and kept)."""
        state = self.state
        assert state is not None, "begin() first"
        try:
            key = self._key(env, state, template, path, title, view)
        except Unkeyable:
            self.rendered.append(path)
            return env.get_template(template).render(state.shared | {"link": routes(state.anchors), "page_title": title} | view)
        entry = self._entries.get(path)
        if entry is None or entry.key != key:
            entry = self._load(key)
        if entry is not None and entry.key == key and self._still_true(state, entry.reads):
            self._entries[path] = entry
            return entry.body
        return self._render(env, state, template, path, title, view, routes, key)

    def _render(
        self,
        env: jinja2.Environment,
        state: State,
        template: str,
        path: str,
        title: str,
        view: dict[str, Any],
        routes: Callable[[Any], Any],
        key: str,
    ) -> str:
        """Render a page with its reads recorded, and keep it."""
        self.rendered.append(path)
        reads = _Reads(state)
        shared = {name: reads.wrap(name, value) for name, value in state.shared.items()}
        context = shared | {"link": routes(_Mapping(reads, "anchors", state.anchors)), "page_title": title} | view
        body = env.get_template(template).render(context)
        try:
            entry = Entry(key, tuple(reads.done()), body)
        except Unkeyable:
            return body  # it read something the memo cannot compare: rendered every time
        self._entries[path] = entry
        if self.disk:
            keep(DISK_KIND, key.encode(), entry)
        return body

    def _load(self, key: str) -> Entry | None:
        """The entry a previous process kept under this key, if any."""
        if not self.disk:
            return None
        entry = recall(DISK_KIND, key.encode())
        return entry if isinstance(entry, Entry) else None

    def _still_true(self, state: State, reads: tuple[Read, ...]) -> bool:
        """Whether every read of an entry gives what it gave when the page was rendered."""
        for read in reads:
            now = state.current.get(read.ident)
            if now is None:
                now = state.current[read.ident] = _read_again(state, read)
            if now != read.digest:
                return False
        return True

    def _key(self, env: jinja2.Environment, state: State, template: str, path: str, title: str, view: dict[str, Any]) -> str:
        """What a page's body depends on besides its reads: templates, catalogue, path, title, view, named globals."""
        closure, names = self._closure(env, state, template)
        parts = [closure, state.catalogue, path, title, state.prints.of(view)]
        for name in sorted(names & state.shared.keys()):
            value = state.shared[name]
            if name in CATALOGUE_ONLY or name == "model" or callable(value):
                continue  # the catalogue is in the key; the model and the helpers are recorded read by read
            if name not in state.globals_:
                state.globals_[name] = state.prints.of(value)
            parts.append(f"{name}={state.globals_[name]}")
        return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def _closure(self, env: jinja2.Environment, state: State, template: str) -> tuple[str, frozenset[str]]:
        """A digest of a template and every template it reaches (all, if one is chosen at run time), and the variables they name."""
        if template in state.closures:
            return state.closures[template]
        assert env.loader is not None
        seen: dict[str, str] = {}
        names: set[str] = set()
        todo = [template]
        while todo:
            name = todo.pop()
            if name in seen:
                continue
            source, filename, _ = env.loader.get_source(env, name)
            seen[name] = source
            refs, variables = self._parse(env, source, name, filename)
            names |= variables
            todo += env.list_templates(extensions=["j2"]) if refs is None else refs
        digest = hashlib.blake2b("\0".join(f"{n}\0{s}" for n, s in sorted(seen.items())).encode(), digest_size=20).hexdigest()
        state.closures[template] = (digest, frozenset(names))
        return state.closures[template]

    def _parse(
        self, env: jinja2.Environment, source: str, name: str, filename: str | None
    ) -> tuple[tuple[str, ...] | None, frozenset[str]]:
        """The templates a template names (None when one is chosen at run time) and its undeclared variables."""
        if source not in _PARSED:
            tree = env.parse(source, name, filename)  # a syntax error names the template's file, as rendering would
            refs = list(jinja2.meta.find_referenced_templates(tree))
            found = None if any(ref is None for ref in refs) else tuple(str(ref) for ref in refs)
            _PARSED[source] = (found, frozenset(jinja2.meta.find_undeclared_variables(tree)))
        return _PARSED[source]


_PARSED: dict[str, tuple[Refs, frozenset[str]]] = {}
"""What each template source names, parsed once per process (by its text)."""


class _Reads:
    """What one page reads while it renders: the model, the helpers and the anchors, behind recording wrappers."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.reads: dict[str, tuple[str, str, str, tuple[Any, ...], tuple[tuple[str, Any], ...], Any]] = {}

    def wrap(self, name: str, value: Any) -> Any:
        """A template global as the page sees it: the model and the helpers recorded, the rest as it is."""
        if name == "model":
            return _Model(self, value)
        if callable(value):
            return _Unwrapping(value) if name in CATALOGUE_ONLY else _Call(self, "call", name, value)
        return value

    def note(self, source: str, kind: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any], value: Any) -> None:
        """Remember a read and what it found (its digest is worked out when the page is kept)."""
        items = tuple(sorted(kwargs.items()))
        ident = self._ident(source, kind, name, args, items)
        self.reads.setdefault(ident, (source, kind, name, args, items, value))

    def call(self, source: str, name: str, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """Call a helper (once per plan for the same arguments) and remember the call."""
        items = tuple(sorted(kwargs.items()))
        ident = self._ident(source, "call", name, args, items)
        if ident not in self.state.calls:
            self.state.calls[ident] = fn(*args, **kwargs)
        value = self.state.calls[ident]
        self.reads.setdefault(ident, (source, "call", name, args, items, value))
        return value

    def _ident(self, source: str, kind: str, name: str, args: tuple[Any, ...], items: tuple[tuple[str, Any], ...]) -> str:
        """A read's identity: its words when its arguments are plain strings (most are ids), else a digest."""
        if all(type(arg) is str for arg in args) and not items:
            return f"{source}|{kind}|{name}|{args!r}"
        return self.state.prints.of((source, kind, name, args, items))

    def done(self) -> Iterator[Read]:
        """Every read with the digest of what it found."""
        prints, current = self.state.prints, self.state.current
        for ident, (source, kind, name, args, kwargs, value) in self.reads.items():
            digest = current.get(ident) or ("-" if value is _MISSING else prints.of(value))
            current.setdefault(ident, digest)
            yield Read(ident, source, kind, name, args, kwargs, digest)


def _read_again(state: State, read: Read) -> str:
    """What a read gives in this plan's state, as a digest ("!" when it fails: the page renders and says why)."""
    try:
        if read.kind == "call":
            if read.ident not in state.calls:
                fn = state.shared[read.name] if read.source == "call" else getattr(state.model, read.name)
                state.calls[read.ident] = fn(*read.args, **dict(read.kwargs))
            value = state.calls[read.ident]
        else:
            data = state.anchors if read.source == "anchors" else getattr(state.model, read.name)
            value = data if read.kind == "whole" else data.get(read.args[0], _MISSING)
            if read.kind == "has":
                value = value is not _MISSING
            elif read.kind == "field":
                value = _MISSING if value is _MISSING else getattr(value, read.args[1])
        return "-" if value is _MISSING else state.prints.of(value)
    except Exception:
        return "!"


class _Model:
    """The model as a template sees it: every attribute, key and method call it reads is recorded."""

    def __init__(self, reads: _Reads, model: Any) -> None:
        self._reads, self._model = reads, model

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._model, name)
        if isinstance(value, dict):
            return _Mapping(self._reads, "model", value, name)
        if callable(value):
            return _Call(self._reads, "model", name, value)
        self._reads.note("model", "whole", name, (), {}, value)
        return value


class _Mapping:
    """A dictionary of the model (or the anchors) whose lookups are recorded key by key, and whose iteration as a whole."""

    def __init__(self, reads: _Reads, source: str, data: dict[Any, Any], name: str = "") -> None:
        self._reads, self._source, self._data, self._name = reads, source, data, name or source

    def _item(self, key: Any) -> Any:
        value = self._data.get(key, _MISSING)
        if isinstance(value, BaseModel):  # a record: what the page reads of it is recorded field by field
            self._reads.note(self._source, "has", self._name, (key,), {}, True)
            return _Record(self._reads, self._source, self._name, key, value)
        self._reads.note(self._source, "item", self._name, (key,), {}, value)
        return value

    def _whole(self) -> dict[Any, Any]:
        self._reads.note(self._source, "whole", self._name, (), {}, self._data)
        return self._data

    def __getitem__(self, key: Any) -> Any:
        value = self._item(key)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._item(key)
        return default if value is _MISSING else value

    def __contains__(self, key: Any) -> bool:
        return self._item(key) is not _MISSING

    def __iter__(self) -> Iterator[Any]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self) -> Any:
        return self._whole().keys()

    def values(self) -> Any:
        return self._whole().values()

    def items(self) -> Any:
        return self._whole().items()


class _Record:
    """A record of the model as a template sees it: each field it reads is recorded, so a change to another field
    (an actor's description, for the matrix that shows only its name) does not render the page again."""

    def __init__(self, reads: _Reads, source: str, name: str, key: Any, record: BaseModel) -> None:
        self._reads, self._source, self._name, self._key, self._record = reads, source, name, key, record

    def __getattr__(self, field: str) -> Any:
        value = getattr(self._record, field)
        if callable(value):  # a method may read any field: the whole record counts
            self._reads.note(self._source, "item", self._name, (self._key,), {}, self._record)
        else:
            self._reads.note(self._source, "field", self._name, (self._key, field), {}, value)
        return value

    def __eq__(self, other: object) -> bool:
        self._reads.note(self._source, "item", self._name, (self._key,), {}, self._record)
        return bool(self._record == unwrap(other))

    __hash__ = None  # type: ignore[assignment]  # as the records themselves


def unwrap(value: Any) -> Any:
    """The record behind a recorded one (helpers and filters get the real thing)."""
    if isinstance(value, _Record):
        value._reads.note(value._source, "item", value._name, (value._key,), {}, value._record)  # a helper may read any field
        return value._record
    return value


class _Call:
    """A helper (or a method of the model) whose calls are recorded with their arguments."""

    def __init__(self, reads: _Reads, source: str, name: str, fn: Callable[..., Any]) -> None:
        self._reads, self._source, self._name, self._fn = reads, source, name, fn

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        args = tuple(map(unwrap, args))
        kwargs = {key: unwrap(value) for key, value in kwargs.items()}
        return self._reads.call(self._source, self._name, self._fn, args, kwargs)


class _Unwrapping:
    """A catalogue-only helper, handed the real records (it reads the catalogue and its arguments only)."""

    def __init__(self, fn: Callable[..., Any]) -> None:
        self._fn = fn

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._fn(*map(unwrap, args), **{key: unwrap(value) for key, value in kwargs.items()})


def _catalogue_digest() -> str:
    """A digest of every catalogue file (a page's words may come from its language's or from English)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(CATALOGUE_DIR.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
