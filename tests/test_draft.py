"""`make draft`: the four lists on the seed and the English fixtures, the file it writes, and hostile text."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.content.provenance import quote_in

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("draft_quality", ROOT / "bench" / "draft_quality.py")
assert _spec and _spec.loader
quality: Any = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(quality)


def _run_draft(folder: Path, timeout: float = 120) -> dict[str, Any]:
    """Run the real command on a folder and read back what it wrote."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "draft", "--dir", str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    data: dict[str, Any] = YAML(typ="safe").load((folder / "drafts.yaml").read_text(encoding="utf-8"))
    return data


def _folder(tmp_path: Path, text: str, language: str = "en", published: str = "2025-08-20") -> Path:
    """A content folder holding one source text, as `make new` would leave it."""
    folder = tmp_path / "briefing"
    (folder / "sources").mkdir(parents=True)
    (folder / "sources" / "a.txt").write_text(text, encoding="utf-8")
    (folder / "sources.yaml").write_text(
        f"- id: a\n  outlet: t\n  title: t\n  published: {published}\n  language: {language}\n  text_file: sources/a.txt\n",
        encoding="utf-8",
    )
    (folder / "briefing.yaml").write_text("language: en\n", encoding="utf-8")
    return folder


def test_seed_meets_the_issue_figures() -> None:
    """On the seed, drafted without its actors.yaml: all 26 curated actors, all 9 evidence quotations with their speaker, every quote verbatim."""
    seed = quality.score_seed()
    assert seed["actors"] == [26, 26]
    assert seed["quotes_right_speaker"] == [9, 9]
    verbatim, proposed = seed["quotes_verbatim"]
    assert verbatim == proposed == 9


def test_english_fixtures_meet_the_issue_figures() -> None:
    """Over the three annotated English fixtures, each list clears the issue's bar."""
    results = {name: quality.score_fixture(name) for name in quality.fixtures()}
    assert len(results) >= 3
    for key, bar in (("actors", 0.9), ("quotes_right_speaker", 0.8), ("quotes_real", 0.8), ("dates", 0.7), ("figures", 0.7)):
        hit, count = quality._total(results, key)
        assert count and hit / count >= bar, (key, hit, count)


def test_draft_writes_beside_the_content_and_reuses_its_actors(tmp_path: Path) -> None:
    """The seed folder keeps its content files byte for byte; drafts name existing actors by their ids; a rerun replaces the file; check still passes."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    before = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.rglob("*") if path.is_file()}
    (folder / "drafts.yaml").write_text("stale: true\n", encoding="utf-8")
    drafts = _run_draft(folder)
    assert set(drafts) == {"actors", "quotes", "dates", "figures"}
    assert {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in before} == before
    ids = [actor["id"] for actor in drafts["actors"]]
    assert "vladimir-putin" in ids and "vladimir-poutine" not in ids and len(ids) == len(set(ids))
    assert all(set(actor) == {"id", "name", "kind", "aliases", "paragraphs"} for actor in drafts["actors"])
    assert all(set(quote) == {"source", "paragraph", "quote", "speaker"} for quote in drafts["quotes"])
    assert {"speaker": "emmanuel-macron", "quote": "un prédateur, un ogre à nos portes"}.items() <= next(
        q for q in drafts["quotes"] if q["paragraph"] == 17
    ).items()
    check = subprocess.run(
        [sys.executable, "-m", "generator", "--content", str(folder), "check"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 0, check.stderr


def test_seed_dates_resolve_against_publication() -> None:
    """Mardi is the 19th, la veille of that Tuesday the 18th, and 'dans les prochaines semaines' a planned range."""
    folder = ROOT / "content"
    from generator.draft.dates import find_dates
    from generator.draft.languages import lexicon
    from generator.draft.reading import read_sources

    source = read_sources(folder)[0]
    found = {(d.paragraph, d.text): d for d in find_dates(source.id, source.paragraphs, source.published, "fr", lexicon("fr"))}
    assert found[(4, "Mardi")].date == "2025-08-19"
    assert found[(5, "la veille")].date == "2025-08-18"
    weeks = found[(9, "dans les prochaines semaines")]
    assert (weeks.precision, weeks.planned) == ("range", True)


def test_seed_figures_carry_value_unit_and_bound() -> None:
    """ "une trentaine de pays" is about 30 countries, "près de 20%" about 20 %, "trois sources" exactly 3; no year or clock time is a figure."""
    from generator.draft.figures import find_figures
    from generator.draft.languages import lexicon
    from generator.draft.reading import read_sources

    source = read_sources(ROOT / "content")[0]
    found = {(f.paragraph, f.text): (f.value, f.unit, f.bound) for f in find_figures(source.id, source.paragraphs, "fr", lexicon("fr"), {})}
    assert found[(14, "une trentaine de pays")] == (30, "pays", "about")
    assert found[(19, "près de 20%")] == (20, "%", "about")
    assert found[(10, "trois sources")] == (3, "sources", "exact")
    assert not [text for _, text in found if re.search(r"2014|2025|14H30|12H30|août|février", text)]


def test_english_quotation_marks_and_speaker_rules(tmp_path: Path) -> None:
    """Straight and curly marks, a quotation run over two paragraphs, "he added", "said Mr X", and no speaker at all."""
    text = "\n\n".join(
        [
            'Prime Minister Keir Starmer said: "We will stand by Ukraine for as long as it takes.',
            '"Nobody should doubt our resolve," he added.',
            "“This is a decisive moment for Europe,” said Mr Starmer on Tuesday.",
            '"A ceasefire without guarantees would be worthless for everyone", one banner read in the crowd.',
        ]
    )
    drafts = _run_draft(_folder(tmp_path, text))
    by_quote = {q["quote"]: q for q in drafts["quotes"]}
    starmer = next(a["id"] for a in drafts["actors"] if a["name"] == "Keir Starmer")
    assert by_quote["We will stand by Ukraine for as long as it takes"]["speaker"] == starmer
    assert by_quote["Nobody should doubt our resolve"]["speaker"] == starmer
    assert by_quote["This is a decisive moment for Europe"]["speaker"] == starmer
    assert by_quote["A ceasefire without guarantees would be worthless for everyone"]["speaker"] is None
    paragraphs = text.split("\n\n")
    assert all(quote_in(q["quote"], paragraphs[q["paragraph"] - 1]) for q in drafts["quotes"])


def test_french_guillemets_and_speaker_rules(tmp_path: Path) -> None:
    """« » with and without inner spaces, "a martelé", "selon", and "a-t-il" resolved to the sentence's subject."""
    text = "\n\n".join(
        [
            "Le président français Emmanuel Macron a déclaré : «Nous sommes prêts à agir maintenant».",
            "Selon M. Macron, « la paix passe par la force ».",
            "Le chancelier allemand, Friedrich Merz, juge que Moscou est « une menace durable », a-t-il martelé devant la presse.",
            "« Nous ne céderons rien », a martelé le président français.",
        ]
    )
    drafts = _run_draft(_folder(tmp_path, text, language="fr"))
    by_quote = {q["quote"]: q["speaker"] for q in drafts["quotes"]}
    assert by_quote == {
        "Nous sommes prêts à agir maintenant": "emmanuel-macron",
        "la paix passe par la force": "emmanuel-macron",
        "une menace durable": "friedrich-merz",
        "Nous ne céderons rien": "emmanuel-macron",
    }
    aliases = next(a["aliases"] for a in drafts["actors"] if a["id"] == "emmanuel-macron")
    assert "président français" in aliases


@pytest.mark.parametrize(
    "text",
    [
        'Mr Smith said: "this quote is never closed and the paragraph just ends here',
        " ".join(['"word"'] * 5_000),
        "Talks resumed, Mr Smith said. " * 35_000,
    ],
    ids=["unclosed-quote", "10000-quotation-marks", "one-megabyte-paragraph"],
)
def test_hostile_text_is_drafted_in_bounded_time(tmp_path: Path, text: str) -> None:
    """A quote never closed, 10,000 quotation marks, a 1 MB paragraph: the draft finishes (the subprocess has a time limit) and stays verbatim."""
    drafts = _run_draft(_folder(tmp_path, text), timeout=60)
    assert all(quote_in(q["quote"], text) for q in drafts["quotes"][:50])
    if "never closed" in text:
        assert drafts["quotes"] == []


def test_make_draft_takes_a_folder_with_spaces_and_quotes(tmp_path: Path) -> None:
    """`make draft DIR=…` reaches the command through the environment: a folder named with spaces, quotes and a semicolon works and runs nothing."""
    folder = _folder(tmp_path / 'my "brief"; touch pwned é', 'Mr Smith said: "We will not give up on this plan."')
    done = subprocess.run(["make", "-s", "draft", f"DIR={folder}"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (folder / "drafts.yaml").is_file()
    assert not (ROOT / "pwned").exists() and not (tmp_path / "pwned").exists()
    assert "wrote" in done.stdout


def test_make_draft_without_a_folder_says_how() -> None:
    """No DIR: the usage line and exit status 2, nothing written."""
    done = subprocess.run(["make", "-s", "draft"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert "usage: make draft DIR=" in done.stdout


def test_draft_of_a_folder_without_sources_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """A folder with no sources.yaml is refused with the fix, exit status non-zero, no traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "draft", "--dir", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "no sources.yaml" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "drafts.yaml").exists()
