"""Time the quote checks on hostile input: a wrong quote in a 1.5 MB paragraph, and repetitive text.

Run: .venv/bin/python bench/quote_search.py [--baseline]
Prints the whole `make check` command on the 1.5 MB case, then each search in-process; with
--baseline, also the previous closest-passage search (difflib over every word start), side by side.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content import provenance  # noqa: E402

WORDS = ["le", "ministre", "a", "dit", "que", "les", "quotas", "sont", "un", "accord", "acceptable"]
WORDS += ["pour", "les", "pays", "représentés", "à", "Genève"]


def huge_paragraph() -> str:
    """A 1.5 MB paragraph of numbered words, with no blank line."""
    return " ".join(WORDS[i % len(WORDS)] + str(i % 97) for i in range(200_000))[:1_500_000]


def make_project(folder: Path) -> Path:
    """The tiny fixture with the huge paragraph appended and a wrong quote citing it."""
    content = folder / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", content)
    source = next((content / "sources").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8") + "\n\n" + huge_paragraph() + "\n", encoding="utf-8")
    stances = content / "stances.yaml"
    text = stances.read_text(encoding="utf-8").replace("paragraph: 4", "paragraph: 5", 1)
    stances.write_text(text.replace('quote: "« C’est inacceptable »"', "quote: les quotas sont un accord inacceptable pour tous"))
    return content


def old_closest_passage(quote: str, paragraph: str) -> str:
    """The search before issue 10: a difflib ratio at every word start (quadratic)."""
    needle, haystack = provenance.normalise(quote), provenance.normalise(paragraph)
    starts = [0] + [i + 1 for i, c in enumerate(haystack) if c.isspace()]
    best_ratio, best = -1.0, haystack[: len(needle)]
    for start in starts:
        window = haystack[start : start + len(needle)]
        ratio = SequenceMatcher(None, needle, window, autojunk=False).ratio()
        if ratio > best_ratio:
            best_ratio, best = ratio, window
    return best.strip()


def timed(call: object, runs: int) -> tuple[float, float, float]:
    """Median, min and max wall time of `runs` calls."""
    times = []
    for _ in range(runs):
        provenance.normalise.cache_clear()
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    """Print the timings as Markdown lines for BENCHMARKS.md."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", action="store_true", help="also time the old quadratic search once (minutes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        content = make_project(Path(folder))
        command = [sys.executable, "-m", "generator", "--content", str(content), "check"]
        check = timed(lambda: subprocess.run(command, cwd=ROOT, capture_output=True, check=False), args.runs)
        print(f"- `make check`, wrong quote in a 1.5 MB paragraph (whole command): median {check[0]:.2f} s ({check[1]:.2f}–{check[2]:.2f})")
    paragraph = huge_paragraph()
    cases = {
        "wrong 49-character quote, 1.5 MB of words": ("les quotas sont un accord inacceptable pour tous", paragraph),
        "wrong 4,000-character quote, 1.5 MB of words": (paragraph[5000:9000] + " ZZZ", paragraph),
        'quote cutting a word, 1.5 MB of "aaaa…"': ("aaa", "a" * 1_500_000),
        'wrong 4,000-character quote, 1.5 MB of "aaaa…"': ("ab" * 2000, "a" * 1_500_000),
        'wrong quote, 1.5 MB of "ab ab ab …"': ("ab ab ab ab abc", "ab " * 500_000),
    }
    for name, (quote, text) in cases.items():

        def search(quote: str = quote, text: str = text) -> None:
            miss = provenance.find_quote(quote, text)
            provenance.closest_passage(quote, text, miss.after if miss else 0)

        median, low, high = timed(search, args.runs)
        print(f"- {name}: find + closest passage median {median:.3f} s ({low:.3f}–{high:.3f})")
    if args.baseline:
        quote = "les quotas sont un accord inacceptable pour tous"
        start = time.perf_counter()
        old_closest_passage(quote, paragraph)
        print(f"- baseline, old difflib search, wrong 49-character quote, 1.5 MB: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
