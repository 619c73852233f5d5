"""Score `make draft` against hand-curated content: the seed (French) and the English fixtures.

    .venv/bin/python bench/draft_quality.py          # a table, and the figures as JSON

The seed is drafted from a copy of its folder without actors.yaml, so the draft cannot
reuse the curated actors it is scored against. A curated actor counts as proposed when one
of its name or aliases equals one of a proposed actor's (case, accents and a leading article
aside); a quote, when a proposed quote of the same paragraph contains it or is contained in
it, with a speaker that is the same actor.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.provenance import normalise, quote_in  # noqa: E402
from generator.draft.drafts import draft  # noqa: E402
from generator.draft.places import fold  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "draft"
_MARKS = re.compile(r"[\"“«]\s*([^\"”»]+?)\s*[\"”»]")


def _key(form: str) -> str:
    """Compare actor forms without case, accents or a leading article."""
    return re.sub(r"^(?:le |la |les |l'|the |un |une |a |an )", "", fold(form))


def _load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _forms(actor: dict[str, Any]) -> set[str]:
    return {_key(form) for form in (actor.get("name") or "", *(actor.get("aliases") or []), *(actor.get("names") or [])) if form}


def _match_actor(forms: set[str], proposed: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((actor for actor in proposed if forms & _forms(actor)), None)


def _same_words(a: str, b: str) -> bool:
    a, b = normalise(a).casefold(), normalise(b).casefold()
    return bool(a) and bool(b) and (a in b or b in a)


def score_seed() -> dict[str, Any]:
    """Draft the seed from its sources alone and compare with its curated actors and stance evidence."""
    content = ROOT / "content"
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "seed"
        folder.mkdir()
        for name in ("sources.yaml", "briefing.yaml"):
            shutil.copy(content / name, folder / name)
        shutil.copytree(content / "sources", folder / "sources")
        drafts = _load(draft(folder)[0])
        paragraphs = {s["id"]: _paragraphs(folder, s) for s in _load(folder / "sources.yaml")}
    curated = _load(content / "actors.yaml")
    proposed = drafts["actors"]
    found = [actor["id"] for actor in curated if _match_actor(_forms(actor), proposed)]
    missed = [actor["id"] for actor in curated if actor["id"] not in found]
    expected = _evidence_quotes(_load(content / "stances.yaml"))
    right = [q for q in expected if _proposed_with_speaker(q, drafts, curated)]
    verbatim = [q for q in drafts["quotes"] if quote_in(q["quote"], paragraphs[q["source"]][q["paragraph"] - 1])]
    return {
        "actors": [len(found), len(curated)],
        "actors_missed": missed,
        "quotes_right_speaker": [len(right), len(expected)],
        "quotes_missed": [q["quote"] for q in expected if q not in right],
        "quotes_verbatim": [len(verbatim), len(drafts["quotes"])],
    }


def _paragraphs(folder: Path, source: dict[str, Any]) -> list[str]:
    from generator.content.load import split_paragraphs

    return split_paragraphs((folder / source["text_file"]).read_text(encoding="utf-8"))


def _evidence_quotes(stances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The direct quotations inside the stances' evidence, with the actors they may be attributed to."""
    quotes = []
    for stance in stances:
        for evidence in stance.get("evidence") or []:
            speakers = {
                stance["actor"],
                (evidence.get("reported_by") or {}).get("actor"),
                (stance.get("reported_by") or {}).get("actor"),
            } - {None}
            for match in _MARKS.finditer(evidence["quote"]):
                quotes.append({"paragraph": evidence["paragraph"], "quote": match.group(1), "speakers": sorted(speakers)})
    return quotes


def _proposed_with_speaker(expected: dict[str, Any], drafts: dict[str, Any], curated: list[dict[str, Any]]) -> bool:
    by_id = {actor["id"]: actor for actor in drafts["actors"]}
    allowed = [actor for actor in curated if actor["id"] in expected["speakers"]]
    for quote in drafts["quotes"]:
        if quote["paragraph"] == expected["paragraph"] and _same_words(quote["quote"], expected["quote"]) and quote["speaker"] in by_id:
            if any(_forms(actor) & _forms(by_id[quote["speaker"]]) for actor in allowed):
                return True
    return False


def score_fixture(name: str) -> dict[str, Any]:
    """Draft one English fixture and compare each list with its hand annotation."""
    notes = _load(FIXTURES / f"{name}.yaml")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / name
        (folder / "sources").mkdir(parents=True)
        shutil.copy(FIXTURES / f"{name}.txt", folder / "sources" / f"{name}.txt")
        (folder / "sources.yaml").write_text(
            f"- id: {name}\n  outlet: fixture\n  title: {name}\n  published: {notes['published']}\n  language: en\n  text_file: sources/{name}.txt\n",
            encoding="utf-8",
        )
        (folder / "briefing.yaml").write_text("language: en\n", encoding="utf-8")
        drafts = _load(draft(folder)[0])
    by_id = {actor["id"]: actor for actor in drafts["actors"]}
    actors = [a for a in notes["actors"] if _match_actor(_forms(a), drafts["actors"])]
    quotes = [q for q in notes["quotes"] if _quote_found(q, drafts, notes, by_id)]
    real = [
        q
        for q in drafts["quotes"]
        if any(q["paragraph"] == n["paragraph"] and _same_words(q["quote"], n["quote"]) for n in notes["quotes"])
    ]
    dates = [d for d in notes["dates"] if any(_date_ok(d, p) for p in drafts["dates"])]
    figures = [f for f in notes["figures"] if any(_figure_ok(f, p) for p in drafts["figures"])]
    return {
        "actors": [len(actors), len(notes["actors"])],
        "quotes_right_speaker": [len(quotes), len(notes["quotes"])],
        "quotes_real": [len(real), len(drafts["quotes"])],
        "dates": [len(dates), len(notes["dates"])],
        "figures": [len(figures), len(notes["figures"])],
        "missed": {
            "actors": [a["names"][0] for a in notes["actors"] if a not in actors],
            "quotes": [q["quote"] for q in notes["quotes"] if q not in quotes],
            "dates": [d["text"] for d in notes["dates"] if d not in dates],
            "figures": [f["text"] for f in notes["figures"] if f not in figures],
        },
    }


def _quote_found(expected: dict[str, Any], drafts: dict[str, Any], notes: dict[str, Any], by_id: dict[str, Any]) -> bool:
    speaker = next(a for a in notes["actors"] if expected["speaker"] in a["names"])
    return any(
        q["paragraph"] == expected["paragraph"]
        and _same_words(q["quote"], expected["quote"])
        and q["speaker"] in by_id
        and bool(_forms(speaker) & _forms(by_id[q["speaker"]]))
        for q in drafts["quotes"]
    )


def _date_ok(expected: dict[str, Any], proposed: dict[str, Any]) -> bool:
    return (
        proposed["paragraph"] == expected["paragraph"]
        and _same_words(proposed["text"], expected["text"])
        and str(proposed["date"]) == str(expected["date"])
        and proposed["precision"] == expected["precision"]
    )


def _figure_ok(expected: dict[str, Any], proposed: dict[str, Any]) -> bool:
    return (
        proposed["paragraph"] == expected["paragraph"]
        and _same_words(proposed["text"], str(expected["text"]))
        and proposed["value"] == expected["value"]
        and proposed["bound"] == expected["bound"]
    )


def fixtures() -> list[str]:
    """The English fixtures: every annotated text under tests/fixtures/draft/."""
    return sorted(path.stem for path in FIXTURES.glob("*.yaml"))


def _total(results: dict[str, dict[str, Any]], key: str) -> list[int]:
    return [sum(r[key][0] for r in results.values()), sum(r[key][1] for r in results.values())]


def main() -> int:
    seed = score_seed()
    english = {name: score_fixture(name) for name in fixtures()}
    totals = {key: _total(english, key) for key in ("actors", "quotes_right_speaker", "quotes_real", "dates", "figures")}
    for label, (hit, count) in [
        ("seed actors", seed["actors"]),
        ("seed evidence quotes, right speaker", seed["quotes_right_speaker"]),
        ("seed quotes verbatim", seed["quotes_verbatim"]),
    ] + [(f"English {key}", value) for key, value in totals.items()]:
        print(f"{label:40} {hit:3}/{count:<3} {100 * hit / max(count, 1):5.1f} %")
    print(json.dumps({"seed": seed, "english": english}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
