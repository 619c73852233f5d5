"""The fast YAML path loads exactly what ruamel loads, positions included, or declines and leaves the file to ruamel."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.content.fast_yaml import Declined, load_plain
from generator.content.load import MAX_DEPTH, YAML11_BOOLEANS, _parse_with_ruamel
from generator.errors import Problem

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "briefing-hypothesis")  # no caches in the repo

TRICKY = [
    "a: no\n",
    "a: yes\n",
    "a: On\n",
    "a: 012\n",
    "a: 0x1F\n",
    "a: 1_000\n",
    "a: 1e3\n",
    "a: .inf\n",
    "a: -.5\n",
    "a: 2025-08-20\n",
    "a: 2025-8-2\n",
    "a: 2025-08-20T10:00:00Z\n",
    "a: ~\n",
    "a: null\n",
    "a: True\n",
    "a: FALSE\n",
    "a: 12\n",
    "a: -3\n",
    "a: 1.50\n",
    "a:\n",
    "a: =\n",
    "yes: 1\n",
    "1: a\n",
    "? [a]\n: b\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "%YAML 1.1\n---\na: 1\n",
    "b: &m {x: 1}\n<<: *m\n",
    "a: 1\na: 2\n",
    "a:\n\t- 1\n",
    "a: x\u2028y\n",
    "---\na: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "a: {b: 1, c: [1, 2]}\n",
    "a: |\n  one\n  two\n",
    "a: >-\n  one\n  two\n\n  three\n",
    "a: |+\n  kept\n\n",
    'a: "x\\/y"\n',
    'a: "\\x41\\u00e9"\n',
    "a: 'it''s'\n",
    "a: one\n  two\n  three\n",
    "- id: x\n  v: [1, 2]\n- id: y\n",
    "a: \x07\n",
    "a: 'x\x85y'\n",
    "\ufeffa: 1\n",
    "a: b: c\n",
    "- a\n-b\n",
    "a: [1, 2\n",
    "a: -x\n",
    "a: +1\n",
    "a: .5\n",
    "a: 0\n",
    "a: 00\n",
    "a: 'no'\n",
    "k: - x\n",
    "a:    spaced   \n",
    "a: x # comment\n",
    "  - 1\n  - 2\n",
    "[1, 2]\n",
    "x\n",
    'a: "multi\n  line"\n',
    'a: ""\n',
    "'': 1\n",
    "a: null\nb: Null\n",
    "a: y\n",
    "a: N\n",
    "a: off\n",
    "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
]


def _same(fast: Any, slow: Any, where: str = "") -> None:
    """Equal values of the same kind, and equal line/column records at every level."""
    if isinstance(slow, CommentedMap):
        assert isinstance(fast, CommentedMap) and list(fast) == list(slow), where
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), where
        for key in slow:
            assert fast.lc.data[key] == slow.lc.data[key], f"{where}.{key}"
            _same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(slow, CommentedSeq):
        assert isinstance(fast, CommentedSeq) and len(fast) == len(slow), where
        assert (fast.lc.line, fast.lc.col) == (slow.lc.line, slow.lc.col), where
        for index, item in enumerate(slow):
            assert fast.lc.data[index] == slow.lc.data[index], f"{where}[{index}]"
            _same(fast[index], item, f"{where}[{index}]")
    else:
        # ruamel marks block scalars and decimals with subclasses of str and float: the same values
        assert fast == slow and isinstance(slow, type(fast)), f"{where}: {fast!r} vs {slow!r}"
        assert type(fast) in {str, int, float, bool, type(None)}, where


def _check(text: str) -> bool:
    """Compare both paths on `text`; return whether the fast path took it."""
    try:
        fast = load_plain(text, YAML11_BOOLEANS, MAX_DEPTH)
    except Declined:
        return False
    slow = _parse_with_ruamel(text, "x.yaml")
    assert not isinstance(slow, Problem), f"fast path accepted what ruamel refuses: {text!r}: {slow}"
    _same(fast, slow.data)
    return True


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_yaml_loads_as_ruamel_loads_it_or_is_declined(text: str) -> None:
    _check(text)


def test_refused_and_ambiguous_yaml_is_always_left_to_ruamel() -> None:
    for text in ("a: no\n", "a: &x 1\n", "a: !!str 1\n", "%YAML 1.1\n---\na: 1\n", "a: 1\na: 2\n", "b: {x: 1}\n<<: {y: 2}\n", "a: 012\n"):
        with pytest.raises(Declined):
            load_plain(text, YAML11_BOOLEANS, MAX_DEPTH)


def test_every_real_content_file_takes_the_fast_path_with_identical_positions(tmp_path: Path) -> None:
    from synthetic import write_content

    write_content(tmp_path / "synthetic", 1)
    files = [*(ROOT / "content").glob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml"), *(tmp_path / "synthetic").glob("*.yaml")]
    taken = {path: _check(path.read_text(encoding="utf-8")) for path in files}
    assert all(taken[path] for path in (ROOT / "content").glob("*.yaml")), taken
    assert all(taken[path] for path in (tmp_path / "synthetic").glob("*.yaml")), taken


_FIXTURE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "fixtures" / "tiny").glob("*.yaml"))]
_YAML_BITS = st.sampled_from(
    [":", " ", "\n", "- ", "'", '"', "#", "&a ", "*a", "!", "|", ">-", "{", "}", "[", "]", ",", "?", "no", "0", "1.5", "~", "\t", "  "]
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(_FIXTURE_TEXTS), st.lists(st.tuples(st.integers(min_value=0), _YAML_BITS), min_size=1, max_size=4))
def test_mutated_content_loads_as_ruamel_loads_it_or_is_declined(text: str, edits: list[tuple[int, str]]) -> None:
    for at, bit in edits:
        at %= len(text) + 1
        text = text[:at] + bit + text[at:]
    _check(text)
