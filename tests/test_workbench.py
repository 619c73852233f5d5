"""The curation workbench (`make serve`, /_curate/) as an analyst uses it, and every request it must refuse."""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_project
from ruamel.yaml import YAML
from test_preview import Preview
from test_preview import start_preview as start_preview  # the fixture, used by name

from generator.commands.scaffold import NewBriefing, create
from generator.commands.workbench.guard import is_loopback
from generator.commands.workbench.writer import insert_record
from generator.content.record_kinds import KINDS
from generator.project import Project

CURATE = ROOT / "tests" / "fixtures" / "curate"
EN, FR = "wire-2024-03-06-en", "wire-2024-03-05"


def _git(content: Path, *args: str) -> str:
    """Run git in the content folder, as the analyst's repository."""
    env = {"PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(content)}
    result = subprocess.run(["git", "-C", str(content), *args], env=env, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def curate(tmp_path: Path) -> Project:
    """The workbench fixture (tiny, plus an English source and a drafts.yaml), its content committed in git."""
    project = make_project(tmp_path, CURATE)
    _git(project.content_dir, "init", "-q")
    _git(project.content_dir, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    _git(project.content_dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "fixture")
    return project


@pytest.fixture
def workbench(curate: Project, start_preview: Any) -> Iterator[Preview]:
    preview: Preview = start_preview(curate)
    preview.wait_for_line(r"full build: ")
    yield preview


SELECT_WORDS = (Path(__file__).parent / "select_words.js").read_text(encoding="utf-8")
"""Selects words in a paragraph as a mouse would (shared with bench/curation.py)."""


def _select(tab: Any, source: str, paragraph: int, words: str) -> None:
    """Select `words` in a paragraph with the mouse's result (a DOM range), a little short at both ends."""
    tab.evaluate(SELECT_WORDS, [source, paragraph, words, 1])  # a little short at both ends: the workbench snaps to whole words
    tab.wait_for_function("w => document.querySelector('#sel-quote').textContent === w", arg=words)


def _save(tab: Any) -> str:
    """Press Save and return what the form says."""
    before = tab.locator("#outcome").inner_text()
    tab.click("#save")
    tab.wait_for_function("b => document.querySelector('#outcome').innerText !== b", arg=before)
    return str(tab.locator("#outcome").inner_text())


def _records(path: Path) -> list[Any]:
    return list(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def test_an_analyst_curates_records_that_pass_check_and_diff_as_only_themselves(curate: Project, workbench: Preview, browser: Any) -> None:
    content = curate.content_dir
    before = {name: _records(content / name) for name in ("actors.yaml", "topics.yaml", "stances.yaml", "events.yaml", "figures.yaml")}
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(workbench.url + "_curate/")
    tab.wait_for_selector(".para")
    assert "0 of 2 drafted quotes used, 0 of 4 paragraphs cited" in tab.locator(f'[data-source="{EN}"] .progress').inner_text()

    # An actor from a drafted one: name, kind and aliases come from drafts.yaml.
    _select(tab, EN, 1, "fisheries commissioner")
    tab.click(".make button[data-kind=actor]")
    tab.select_option("#f-draft", "gamma")
    assert tab.input_value("#f-aliases") == "Gamma; fisheries commissioner"
    tab.fill("#f-description", "The fisheries commissioner, who weighs in on the quota deal.")
    assert "Saved to actors.yaml" in _save(tab)

    # A stance from a drafted quote: the speaker is the actor; its question is new, made on the way.
    tab.click(f'.text[data-source="{EN}"][data-paragraph="1"] mark.draft')
    assert tab.input_value("#f-actor") == "gamma"
    assert tab.input_value("#f-quote") == "cannot be signed in its current form"
    assert tab.locator("#f-translation").count() == 0  # an English source on an English site
    tab.select_option("#f-topic", "+new")
    tab.fill("#f-title", "Signing the deal as it stands")
    tab.fill("#f-question", "The quota deal should be signed in its current form.")
    assert "Saved to topics.yaml" in _save(tab)
    assert tab.input_value("#f-topic") == "signing-the-deal-as-it-stands"  # back on the stance, the new question chosen
    # Saving without a position is refused in the form with make check's positioned message, and nothing is written.
    tab.fill("#f-summary", "Gamma says the deal cannot be signed as it stands.")
    refused = _save(tab)
    assert re.search(r"stances\.yaml:\d+:\d+ stances\[2\]\.position \[missing\] required key 'position' is missing", refused), refused
    assert _records(content / "stances.yaml") == before["stances.yaml"]
    tab.select_option("#f-position", "opposes")
    assert "Saved to stances.yaml" in _save(tab)

    # A stance from the French source needs a translation.
    tab.click(f'.text[data-source="{FR}"][data-paragraph="4"] mark.draft')
    tab.select_option("#f-actor", "beta")
    tab.select_option("#f-topic", "signing-the-deal-as-it-stands")
    tab.select_option("#f-position", "opposes")
    tab.fill("#f-translation", "It is unacceptable")
    tab.fill("#f-summary", "Beta calls the deal unacceptable.")
    assert "Saved to stances.yaml" in _save(tab)

    # A third stance whose actor is new: made from the drafted speaker without leaving the stance.
    tab.click(f'.text[data-source="{EN}"][data-paragraph="2"] mark.draft')
    tab.select_option("#f-actor", "+new")
    assert tab.input_value("#f-name") == "Delta"
    tab.fill("#f-description", "The union leader.")
    assert "Saved to actors.yaml" in _save(tab)
    assert tab.input_value("#f-actor") == "delta"
    tab.select_option("#f-topic", "quota-deal")
    tab.select_option("#f-position", "conditional")
    tab.fill("#f-summary", "Delta wants the fishers put first.")
    assert "Saved to stances.yaml" in _save(tab)
    assert tab.locator("#outcome a").get_attribute("href") == "../actors/delta/"  # where the preview shows it

    # An event, its date, status and words prefilled from the drafted date.
    _select(tab, EN, 3, "will publish its revised proposal on 12 March")
    tab.click(".make button[data-kind=event]")
    assert (tab.input_value("#f-date"), tab.input_value("#f-status")) == ("2024-03-12", "planned")
    tab.fill("#f-title", "Commission publishes its revised proposal")
    tab.select_option("#f-kind", "statement")
    assert "Saved to events.yaml" in _save(tab)

    # A figure, value, unit and bound from the drafted figure.
    _select(tab, EN, 4, "About 300 boats are affected by the quotas")
    tab.click(".make button[data-kind=figure]")
    assert (tab.input_value("#f-value"), tab.input_value("#f-unit"), tab.input_value("#f-approximate")) == ("300", "boats", "true")
    tab.fill("#f-label", "Boats affected by the quotas")
    tab.fill("#f-measures", "Fishing boats the quotas apply to")
    tab.fill("#f-as_of", "2024-03-06")
    assert "Saved to figures.yaml" in _save(tab)
    # Evidence for a stance already written, in the middle of stances.yaml, from the French source.
    _select(tab, FR, 2, "Le ministre Alpha a déclaré lundi")
    tab.click(".make button[data-kind=evidence]")
    tab.select_option("#f-target", "stances.yaml#0")
    tab.fill("#f-translation", "Minister Alpha said on Monday")
    assert "Saved to stances.yaml" in _save(tab)
    assert "2 of 2 drafted quotes used, 4 of 4 paragraphs cited" in tab.locator(f'[data-source="{EN}"] .progress').inner_text()

    # make check passes, and git diff adds exactly those records and removes nothing.
    check = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(curate.root), "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "5 actors, 2 questions, 5 stances, 5 events, 3 figures" in check.stdout
    numstat = _git(content, "diff", "--numstat")
    assert all(line.split("\t")[1] == "0" for line in numstat.splitlines()), numstat  # no line deleted or changed
    after = {name: _records(content / name) for name in before}
    new_evidence = {
        "source": FR,
        "paragraph": 2,
        "quote": "Le ministre Alpha a déclaré lundi",
        "translation": "Minister Alpha said on Monday",
    }
    before["stances.yaml"][0]["evidence"].append(new_evidence)
    assert {name: after[name][: len(before[name])] == before[name] for name in before} == dict.fromkeys(before, True)
    added = {name: after[name][len(before[name]) :] for name in before}
    assert [actor["id"] for actor in added["actors.yaml"]] == ["gamma", "delta"]
    question = "The quota deal should be signed in its current form."
    assert added["topics.yaml"] == [{"id": "signing-the-deal-as-it-stands", "title": "Signing the deal as it stands", "question": question}]
    assert [(s["actor"], s["topic"], s["position"]) for s in added["stances.yaml"]] == [
        ("gamma", "signing-the-deal-as-it-stands", "opposes"),
        ("beta", "signing-the-deal-as-it-stands", "opposes"),
        ("delta", "quota-deal", "conditional"),
    ]
    translated = {"source": FR, "paragraph": 4, "quote": "C'est inacceptable", "translation": "It is unacceptable"}
    assert added["stances.yaml"][1]["evidence"] == [translated]
    assert added["events.yaml"][0]["citations"][0]["quote"] == "will publish its revised proposal on 12 March"
    assert added["figures.yaml"][0] | {"citations": None} == {
        "id": "boats-affected-by-the-quotas",
        "label": "Boats affected by the quotas",
        "kind": "count",
        "value": 300,
        "unit": "boats",
        "approximate": True,
        "measures": "Fishing boats the quotas apply to",
        "as_of": "2024-03-06",
        "citations": None,
    }

    # The preview rebuilt and shows the new records.
    page = browser.new_page()
    page.goto(workbench.url + "actors/delta/")
    assert "Delta wants the fishers put first." in page.locator("body").inner_text()


def _request(preview: Preview, method: str, path: str, body: Any = None, **headers: str) -> tuple[int, dict[str, Any]]:
    """Send one raw HTTP request to the preview, with exactly the headers given (Host included)."""
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name.replace("_", "-"), value)
    if data is not None:
        connection.putheader("Content-Length", str(len(data)))
    connection.endheaders(data)
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"{}")


def _token(preview: Preview) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=30)
    connection.request("GET", "/_curate/")
    page = connection.getresponse().read().decode()
    match = re.search(r'name="preview-token" content="([^"]+)"', page)
    assert match
    return match.group(1)


def test_the_workbench_refuses_what_is_not_a_checked_save_from_its_own_page(curate: Project, workbench: Preview) -> None:
    host = f"127.0.0.1:{workbench.port}"
    token = _token(workbench)
    good = {"Host": host, "Origin": f"http://{host}", "Content_Type": "application/json", "X_Preview_Token": token}
    stances = curate.content_dir / "stances.yaml"
    status, state = _request(workbench, "GET", "/_curate/state", Host=host, X_Preview_Token=token)
    assert status == 200
    digest = state["digests"]["stances.yaml"]
    record = {
        "actor": "alpha",
        "topic": "quota-deal",
        "position": "supports",
        "option": "smaller cut",
        "summary": "Alpha backs a smaller cut.",
        "evidence": [{"source": EN, "paragraph": 2, "quote": "would back a smaller quota cut"}],
        "reported_by": {"kind": "outlet"},
    }
    save = {"file": "stances.yaml", "digest": digest, "record": record}
    original = stances.read_bytes()

    def post(body: Any = save, drop: str = "", **changes: str) -> tuple[int, dict[str, Any]]:
        headers = {name: value for name, value in (good | changes).items() if name != drop}
        return _request(workbench, "POST", "/_curate/save", body, **headers)

    refusals = {
        "foreign host": (post(Host="attacker.example"), 403, "answers only to Host"),
        "foreign origin": (post(Origin="http://attacker.example"), 403, "page of this preview"),
        "no origin": (post(drop="Origin"), 403, "page of this preview"),
        "no token": (post(drop="X_Preview_Token"), 403, "X-Preview-Token"),
        "wrong token": (post(X_Preview_Token="x" * 43), 403, "X-Preview-Token"),
        "state without token": (_request(workbench, "GET", "/_curate/state", Host=host), 403, "X-Preview-Token"),
        "page under a foreign host": (_request(workbench, "GET", "/_curate/", Host="attacker.example:80"), 403, "answers only to Host"),
        "not JSON": (post(b"file=stances.yaml", Content_Type="text/plain"), 415, "JSON"),
        "outside the folder": (post(save | {"file": "../mkdocs.yml"}), 400, "not a content file"),
        "absolute path": (post(save | {"file": str(stances)}), 400, "not a content file"),
        "source text": (post(save | {"file": "sources/wire-en.txt"}), 400, "not a content file"),
        "invalid record": (post(save | {"record": record | {"actor": "alpah"}}), 422, "not saved"),
    }
    failed = {name: got for name, (got, want, words) in refusals.items() if got[0] != want or words not in got[1]["error"]}
    assert failed == {}
    assert stances.read_bytes() == original
    (status, body), _, _ = refusals["invalid record"]
    assert [(p["key_path"], p["rule"], p["hint"]) for p in body["problems"]] == [("stances[2].actor", "unknown-id", "did you mean alpha?")]
    assert re.fullmatch(r".*stances\.yaml:\d+:\d+", body["problems"][0]["where"])

    # The analyst saved the file in an editor since the form opened: the form's save is refused.
    stances.write_bytes(original + b"# a note typed in an editor\n")
    status, body = _request(workbench, "POST", "/_curate/save", save, **good)
    assert (status, body["error"]) == (409, "the file changed since you opened this form: reload")
    assert stances.read_bytes() == original + b"# a note typed in an editor\n"

    # Reloaded, the same save goes through, appended after the editor's note.
    _, state = _request(workbench, "GET", "/_curate/state", Host=host, X_Preview_Token=token)
    status, body = _request(workbench, "POST", "/_curate/save", save | {"digest": state["digests"]["stances.yaml"]}, **good)
    assert (status, body["saved"]) == (200, "stances.yaml")
    assert stances.read_text(encoding="utf-8").startswith(original.decode() + "# a note typed in an editor\n")
    assert not list(curate.content_dir.glob(".*tmp"))  # the atomic write left no scratch file


def test_the_built_site_has_no_workbench(tiny_site: Path) -> None:
    pages = [path for path in tiny_site.rglob("*") if path.suffix in (".html", ".js", ".json")]
    assert pages
    assert [path for path in pages if "_curate" in path.read_text(encoding="utf-8", errors="replace")] == []


def test_only_a_loopback_preview_offers_the_workbench() -> None:
    assert [is_loopback(host) for host in ("127.0.0.1", "[::1]", "localhost", "0.0.0.0", "192.168.1.20", "example.org")] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_a_record_replaces_the_empty_list_make_new_wrote_and_keeps_its_comments(tmp_path: Path) -> None:
    create(
        NewBriefing(ROOT / "tests" / "fixtures" / "tiny" / "sources" / "wire.txt", tmp_path / "new", "Quotas", "fr", "Agency", "2024-03-05")
    )
    skeleton = (tmp_path / "new" / "topics.yaml").read_text(encoding="utf-8")
    text, line = insert_record(skeleton, KINDS["topics"], {"id": "quotas", "title": "Quotas", "question": "Quotas should be cut."}, None)
    assert text == skeleton.replace("[]\n", "- id: quotas\n  title: Quotas\n  question: Quotas should be cut.\n")
    assert line == skeleton.count("\n")  # the line `[]` was on
    again, _ = insert_record(text, KINDS["topics"], {"id": "no", "title": "No", "question": "2024-03-05"}, None)
    assert again.endswith('- id: "no"\n  title: "No"\n  question: "2024-03-05"\n')  # what YAML 1.1 or a date reader would misread is quoted


def test_on_a_tablet_a_selection_without_a_mouse_opens_the_choice(workbench: Preview, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True, is_mobile=True)
    tab = context.new_page()
    tab.goto(workbench.url + "_curate/")
    tab.wait_for_selector(".para")
    tab.evaluate(
        """() => {
          const text = document.querySelector('.text[data-source="wire-2024-03-06-en"][data-paragraph="3"]').firstChild;
          const range = document.createRange();
          range.setStart(text, 6);  // "ommission will publish", snapped to whole words
          range.setEnd(text, 27);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }"""
    )
    tab.wait_for_function("() => document.querySelector('#sel-quote').textContent === 'commission will publish'")
    assert tab.locator("#panel").bounding_box()["y"] < tab.locator("#sources").bounding_box()["y"]  # the choice above the text
    context.close()


def test_content_is_shown_as_text_never_run(curate: Project, start_preview: Any, browser: Any) -> None:
    hostile = '<img src=x onerror="window.pwned=1"> <b>bold</b> {{ 7*7 }}'
    with (curate.content_dir / "sources" / "wire-en.txt").open("a", encoding="utf-8") as text:
        text.write(f"\n{hostile}\n")
    drafts = curate.content_dir / "drafts.yaml"
    drafts.write_text(
        drafts.read_text(encoding="utf-8").replace("name: Delta,", "name: '<script>window.pwned=2</script>',"), encoding="utf-8"
    )
    preview: Preview = start_preview(curate)
    preview.wait_for_line(r"full build: ")
    tab = browser.new_page()
    tab.goto(preview.url + "_curate/")
    tab.wait_for_selector(".para")
    assert tab.locator(f'.text[data-source="{EN}"][data-paragraph="5"]').inner_text() == hostile
    _select(tab, EN, 5, "bold")
    tab.click(".make button[data-kind=actor]")
    assert "<script>window.pwned=2</script>" in tab.locator("#f-draft").inner_text()
    assert tab.evaluate("() => [window.pwned, document.querySelectorAll('.para img, .para b, script:not([src])').length]") == [None, 0]
