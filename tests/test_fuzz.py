"""Fuzzing: random and mutated content either loads or fails with positioned problems; never a traceback, a hang or a half-written site.

Each example works in a fresh copy of the tiny fixture in its own temporary folder. The runs are
derandomized (the same examples on every machine) and keep no example database in the repo.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import TINY, make_project
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from ruamel.yaml import YAML

from generator.build import build, check_content
from generator.content.load import RECORD_FILES
from generator.errors import BriefingError, ContentError
from generator.project import Project

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "briefing-hypothesis")  # Hypothesis's caches (charmaps, constants) stay outside

FILES = tuple(RECORD_FILES.values())
FIXTURE = {name: (TINY / name).read_bytes() for name in FILES}

LOADER = settings(max_examples=100, deadline=dt.timedelta(seconds=2), derandomize=True, database=None, print_blob=False)
"""Loader-only properties: a check takes ~60 ms, so 2 s means something is pathologically slow."""

BUILDER = settings(max_examples=15, deadline=None, derandomize=True, database=None, print_blob=False)
"""Full builds take ~2 s each; the hang guard below stops a stuck one."""

HANG_SECONDS = 20
"""Wall time after which one example counts as hung, whatever Hypothesis's deadline says."""

TOKENS = (
    *(b"\t", b"\x00", b"\x7f", b"\x1b", b"\r", b"\r\n", b"\n", b"  ", b"\\", b"#", b"|", b">", b"@", b"`", b",", b"'", b'"'),
    *(b"&a ", b"*a", b"!", b"!!str ", b"!!python/object/apply:os.system ", b"!<tag:x> ", b"%", b"%YAML 1.1\n", b"%TAG ! x\n"),
    *(b"---", b"\n---\n", b"\n...\n", b"{", b"}", b"[", b"]", b"- ", b": ", b"? ", b"<<: ", b"=", b"~", b"\xef\xbb\xbf"),
    *(b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"),  # invalid UTF-8: a lone byte, a cut sequence, a surrogate, > U+10FFFF
    *(ch.encode() for ch in "\u202e\u202a\u2066\u2069\u200b\u200f\u2028\u2029\x85\ufeff\u00a0\ufffe"),
)
"""Bytes that mean something to YAML or hide text: structure, anchors, tags, directives, documents, controls, bidi."""

HOSTILE_TEXT = (
    *("'<script>alert(1)</script>'", "'{{ config }}'", "'{% raw %}'", "'[x](javascript:alert(1))'", "'<img src=x onerror=alert(1)>'"),
    *("'../../etc/passwd'", "'a\\nb'", '"a\\nb"', '"\\u202e"', '"\\ud83d\\ude00"', "'" + "x" * 5000 + "'", "'  '", "'*stars*'"),
)
"""Text a page must show literally, or the schema refuse: markup, template syntax, links, bidi, surrogates, too long, blank."""

SCALARS = (
    *(".inf", "-.inf", ".nan", "1e999", "-0", "0x1F", "0o17", "0b11", "1_000", "012", "1.10", "+1", "-1", "0", "99999999999999999999"),
    *("-_", "+_", "0x_", "0b_", "0o_", "._", "-._", "=", "<<", "~", "null", "", "''", '""', "yes", "no", "true", "off", "CON", "index"),
    *("2024-02-30", "'2024-02-30'", "'0000'", "'0000-02'", "'9999-12-31'", "'2024-13'", "2024-03-05T10:00:00Z", "'12:60'", "'+15:00'"),
    *("[]", "{}", "[a, b]", "{a: 1}", "'x'", '"\\x00"', '"\\ud800"', '"sources/wire\\0.txt"', '"\\ud800.txt"', "'" + "a" * 300 + ".txt'"),
    *HOSTILE_TEXT,
)
"""Values that YAML reads in surprising ways, or that the schema and the pages must handle."""


# -- strategies ---------------------------------------------------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


@st.composite
def _delete_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[draw(st.integers(0, len(lines) - 1))]
    return b"".join(lines)


@st.composite
def _duplicate_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    index = draw(st.integers(0, len(lines) - 1))
    lines.insert(index, lines[index])
    return b"".join(lines)


@st.composite
def _swap_lines(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[first], lines[second] = lines[second], lines[first]
    return b"".join(lines)


@st.composite
def _reindent_line(draw: st.DrawFn, data: bytes) -> bytes:
    lines = _lines(data)
    index = draw(st.integers(0, len(lines) - 1))
    shift = draw(st.sampled_from([-4, -2, -1, 1, 2, 4]))
    indent = len(lines[index]) - len(lines[index].lstrip(b" "))
    lines[index] = b" " * shift + lines[index] if shift > 0 else lines[index][min(-shift, indent) :]
    return b"".join(lines)


@st.composite
def _insert(draw: st.DrawFn, data: bytes) -> bytes:
    at = draw(st.integers(0, len(data)))
    chunk = draw(st.sampled_from(TOKENS) | st.text(max_size=6).map(str.encode) | st.binary(max_size=3))
    return data[:at] + chunk + data[at:]


@st.composite
def _truncate(draw: st.DrawFn, data: bytes) -> bytes:
    return data[: draw(st.integers(0, len(data)))]


_KEY_VALUE = re.compile(rb"^(\s*(?:- )?[A-Za-z_]+:) (.+)$", re.MULTILINE)


@st.composite
def _replace_value(draw: st.DrawFn, data: bytes) -> bytes:
    """Replace one `key: value` by a surprising scalar, or by random text in double quotes."""
    matches = list(_KEY_VALUE.finditer(data))
    if not matches:
        return data
    match = draw(st.sampled_from(matches))
    value = draw(st.sampled_from(SCALARS) | st.text(max_size=20).map(json.dumps))
    return data[: match.start(2)] + value.encode("utf-8", "surrogatepass") + data[match.end(2) :]


MUTATORS: tuple[Callable[[bytes], st.SearchStrategy[bytes]], ...] = (
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _reindent_line,
    _insert,
    _truncate,
    _replace_value,
)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """One of the valid fixture files with one to three mutations applied."""
    name = draw(st.sampled_from(FILES))
    data = FIXTURE[name]
    for _ in range(draw(st.integers(1, 3))):
        data = draw(draw(st.sampled_from(MUTATORS))(data))
    return name, data


def _yaml_float(value: float) -> str:
    """Write a float as YAML reads it back, infinities and NaN included."""
    return ".nan" if value != value else ".inf" if value == float("inf") else "-.inf" if value == float("-inf") else repr(value)


def _partial_date(year: int, month: int, day: int, parts: int) -> str:
    """Write a quoted date to the year, the month or the day."""
    return json.dumps("-".join([f"{year:04d}", f"{month:02d}", f"{day:02d}"][:parts]))


DATES = st.builds(_partial_date, st.integers(0, 9999), st.integers(1, 12), st.integers(1, 28), st.integers(1, 3))
"""Dates the schema should accept or refuse with a position: every year from 0000, to the day, the month or the year."""

TYPED_VALUES: dict[bytes, st.SearchStrategy[str]] = {
    b"value": st.floats().map(_yaml_float) | st.integers().map(str),
    b"paragraph": st.integers(-1, 10**20).map(str),
    **dict.fromkeys([b"date", b"as_of", b"start", b"end", b"published"], DATES),
    **dict.fromkeys(
        [b"title", b"subtitle", b"name", b"role", b"description", b"summary", b"bluf", b"text", b"handling", b"label", b"unit", b"place"],
        st.text(min_size=1, max_size=60).map(json.dumps) | st.sampled_from(HOSTILE_TEXT),
    ),
}
"""Values of the right type for a key, so a mutation often stays valid and the build runs on it."""


@st.composite
def replaced_values(draw: st.DrawFn) -> tuple[str, bytes]:
    """One of the valid fixture files with one value replaced by one of the same type, so the build often runs."""
    name = draw(st.sampled_from(FILES))
    data = FIXTURE[name]
    matches = [match for match in _KEY_VALUE.finditer(data) if match.group(1).strip(b" -:") in TYPED_VALUES]
    if not matches:
        return name, data
    match = draw(st.sampled_from(matches))
    value = draw(TYPED_VALUES[match.group(1).strip(b" -:")])
    return name, data[: match.start(2)] + value.encode("utf-8", "surrogatepass") + data[match.end(2) :]


def _fixture_with(name: str, old: bytes, new: bytes) -> tuple[str, bytes]:
    """A fixture file with one edit, as an explicit example."""
    assert old in FIXTURE[name], f"{name} no longer holds {old!r}"
    return name, FIXTURE[name].replace(old, new, 1)


YAMLISH = st.lists(
    st.sampled_from([*"-:?,[]{}#&*!|>'\"%@`\\ \t\n\r.~<=_", "ab", "12", "0x", "- id: x\n", "  ", "\u202e", "\x85"]), max_size=80
).map("".join)
"""Text made mostly of YAML's indicators, so random input reaches the parser's corners rather than plain scalars."""

FIXTURE_KEYS = sorted(set(re.findall(r"[a-z_]+(?=:)", "".join(data.decode() for data in FIXTURE.values()))))
"""Keys the schema knows, so random records get past 'unknown key' and reach the deeper checks."""

FIELD_NAMES = st.sampled_from(FIXTURE_KEYS) | st.text(max_size=8)
SCALAR_VALUES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["alpha", "beta", "quota-deal", "wire-2024-03-05", "2024-03-05", "2024-02", "supports", "moderate", "fr", "en"])
)
VALUES = st.recursive(
    SCALAR_VALUES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(FIELD_NAMES, children, max_size=5),
    max_leaves=25,
)
"""Random YAML trees: scalars, lists and mappings keyed mostly by real field names."""


def _plain(value: Any) -> Any:
    """A YAML tree as plain JSON-like Python (dates as text)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


FIXTURE_TREES = {name: _plain(YAML(typ="safe", pure=True).load(data)) for name, data in FIXTURE.items()}


@st.composite
def _set_somewhere(draw: st.DrawFn, tree: Any) -> Any:
    """Replace one node of a fixture tree (a record, a field, a list item) by a random tree."""
    if not isinstance(tree, dict | list) or not tree or draw(st.integers(0, 3)) == 0:
        return draw(VALUES)
    keys = list(tree) if isinstance(tree, dict) else list(range(len(tree)))
    key = draw(st.sampled_from(keys))
    copy = dict(tree) if isinstance(tree, dict) else list(tree)
    copy[key] = draw(_set_somewhere(tree[key]))
    return copy


def _dump(tree: Any, style: str) -> bytes:
    """Serialise a tree as JSON (which is YAML) or as block YAML."""
    if style == "json":
        return json.dumps(tree, ensure_ascii=False).encode("utf-8", "surrogatepass")
    stream = io.StringIO()
    YAML(typ="safe", pure=True).dump(tree, stream)
    return stream.getvalue().encode("utf-8", "surrogatepass")


@st.composite
def structured_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file of random records, or a fixture file with one node replaced by a random tree."""
    name = draw(st.sampled_from(FILES))
    records = st.dictionaries(FIELD_NAMES, VALUES, max_size=8)
    root = draw(
        st.one_of(
            records if name == "briefing.yaml" else st.lists(records, max_size=4),
            VALUES,
            _set_somewhere(FIXTURE_TREES[name]),
        )
    )
    return name, _dump(root, draw(st.sampled_from(["json", "yaml"])))


# -- helpers ------------------------------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _project() -> Iterator[Project]:
    """A fresh copy of the tiny fixture project for one example."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        yield make_project(Path(folder))


@contextlib.contextmanager
def _hang_guard(seconds: float) -> Iterator[None]:
    """Fail an example that runs longer than `seconds`, instead of hanging the suite."""

    def _expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"example still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _files(root: Path) -> dict[str, str]:
    """Every file under `root` by relative path, with its SHA-256."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest() for path in root.rglob("*") if path.is_file()}


def _assert_positioned(error: ContentError) -> None:
    """Every problem names an existing file and a line and column inside it, a rule and a message."""
    assert error.problems, "a ContentError without problems"
    for problem in error.problems:
        assert problem.rule and problem.message, problem
        assert isinstance(problem.line, int) and isinstance(problem.column, int), problem
        assert problem.line >= 1 and problem.column >= 1, problem
        path = Path(problem.file)
        assert path.is_file(), f"problem names a file that does not exist: {problem}"
        raw = path.read_bytes()
        # Bounds that hold whichever characters count as line breaks: YAML's, Python's or only \n.
        lines = len(raw.decode("utf-8", "surrogateescape").splitlines())
        assert problem.line <= lines + 1, f"line past the end of the file ({lines} lines): {problem}"
        widest = max(len(line) for line in raw.split(b"\n"))
        assert problem.column <= widest + 1, f"column past the widest line ({widest} bytes): {problem}"
    str(error)  # the CLI prints it


def _check_loads_or_explains(name: str, data: bytes) -> None:
    """Write `data` as one content file; checking must succeed or raise a positioned ContentError, and write nothing."""
    with _project() as project:
        (project.content_dir / name).write_bytes(data)
        before = _files(project.root)
        with _hang_guard(HANG_SECONDS):
            try:
                check_content(project)
            except ContentError as error:
                _assert_positioned(error)
        assert _files(project.root) == before, "checking the content wrote files"


# -- properties ---------------------------------------------------------------------------------------------------------------------


TEXT_FILE = b"text_file: sources/wire.txt"
BAD_PATH = "sources.yaml:7:14: sources[0].text_file: [bad-path]"


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        ("sources.yaml", TEXT_FILE, b'text_file: "sources/wire\\0.txt"', BAD_PATH),
        ("sources.yaml", TEXT_FILE, b'text_file: "\\ud83d\\ude00.txt"', BAD_PATH),
        ("sources.yaml", TEXT_FILE, b"text_file: " + b"a" * 300 + b".txt", BAD_PATH),
        ("topics.yaml", b"  title: Quota deal", b"  <<: {title: Quota deal}", "topics.yaml:2:3: [yaml-merge] merge key << is not allowed"),
        ("figures.yaml", b"value: 12", b"value: 0x_", "figures.yaml:4:10: figures[0].value: [float-parsing]"),
    ],
)
def test_inputs_found_by_fuzzing_are_explained(name: str, old: bytes, new: bytes, expected: str) -> None:
    with _project() as project:
        (project.content_dir / name).write_bytes(_fixture_with(name, old, new)[1])
        with pytest.raises(ContentError) as caught:
            check_content(project)
    assert any(expected in str(problem) for problem in caught.value.problems), caught.value


@pytest.mark.parametrize("text", ["-_", "+_", "0x_", "._", "="])
def test_what_yaml_takes_for_a_number_but_cannot_read_stays_text(text: str) -> None:
    with _project() as project:
        (project.content_dir / "topics.yaml").write_bytes(_fixture_with("topics.yaml", b"title: Quota deal", f"title: {text}".encode())[1])
        assert check_content(project).topics[0].title == text


@settings(LOADER, max_examples=50)
@given(name=st.sampled_from(FILES), data=st.binary(max_size=400))
def test_random_bytes_load_or_explain(name: str, data: bytes) -> None:
    _check_loads_or_explains(name, data)


@settings(LOADER, max_examples=80)
@given(name=st.sampled_from(FILES), text=st.text(max_size=300) | YAMLISH)
def test_random_text_loads_or_explains(name: str, text: str) -> None:
    _check_loads_or_explains(name, text.encode("utf-8", "surrogatepass"))


@settings(LOADER, max_examples=120)
@given(mutation=mutated_files())
def test_mutated_fixture_loads_or_explains(mutation: tuple[str, bytes]) -> None:
    _check_loads_or_explains(*mutation)


@settings(LOADER, max_examples=80)
@given(structured=structured_files())
def test_random_records_load_or_explain(structured: tuple[str, bytes]) -> None:
    _check_loads_or_explains(*structured)


@BUILDER
@given(mutation=mutated_files() | replaced_values())
@example(mutation=_fixture_with("figures.yaml", b"value: 12", b"value: .inf"))  # crashed in model.format_number
@example(mutation=_fixture_with("figures.yaml", b"value: 12", b"value: .nan"))  # crashed in model.format_number
@example(mutation=_fixture_with("figures.yaml", b"value: 12", b"value: 1.000009765128916e+25"))  # crashed in Babel rounding
@example(mutation=_fixture_with("events.yaml", b'date: "2024-03-03"', b'date: "0000-02"'))  # crashed in charts._short_date
@example(mutation=_fixture_with("events.yaml", b'date: "2024-03-03"', b'date: "9999-12-31"'))  # crashed in charts._next_day
def test_build_of_mutated_content_succeeds_or_keeps_the_last_site(tiny_site: Path, mutation: tuple[str, bytes]) -> None:
    name, data = mutation
    with _project() as project:
        shutil.copytree(tiny_site, project.site_dir)  # the last good site, built once per session
        before = _files(project.site_dir)
        (project.content_dir / name).write_bytes(data)
        with _hang_guard(HANG_SECONDS * 3):
            try:
                build(project)
            except BriefingError as error:
                if isinstance(error, ContentError):
                    _assert_positioned(error)
                assert _files(project.site_dir) == before, "a failed build changed the last good site"
            else:
                assert (project.site_dir / "index.html").is_file()
        assert not list(project.root.glob(".site.*")), "a build left its scratch folder behind"
