"""Importing an article as a reader saved it: a web page or a text, through the real Makefile, nothing guessed."""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

from conftest import ROOT, make_project

from generator.build import build, check_content
from generator.commands.saved_page import read_saved_page
from generator.project import Project

PAGES = ROOT / "tests" / "fixtures" / "saved-pages"
STRIKE = PAGES / "harbour-strike.html"
"""An English news page saved with "Web page, complete": nav, ads, comments, captions, sub-headings, JSON-LD."""
GREVE = PAGES / "greve-port.html"
"""A French follow-up page that declares no language."""
STRIKE_ID = "the-northern-ledger-2025-03-11-dockers-walk-out"


def _make(*arguments: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `make -s …` in the project as a user would, with the shell's own locale in LANG."""
    environment = {**os.environ, "LANG": "C.UTF-8", **(env or {})}
    return subprocess.run(
        ["make", "-s", *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )


def _new_from_the_strike_page(tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path / "briefings" / "strike"
    run = _make("new", f"ARTICLE={STRIKE}", f"DIR={folder}")
    assert run.returncode == 0, run.stderr
    return folder, run


def test_make_new_takes_the_article_and_its_metadata_from_a_saved_page(tmp_path: Path) -> None:
    folder, run = _new_from_the_strike_page(tmp_path)
    source = check_content(Project.at(ROOT, content=str(folder))).sources[0]
    assert source.id == STRIKE_ID
    assert (source.title, source.outlet, source.author) == (
        "Dockers walk out at Port of Haldane as pay talks collapse",
        "The Northern Ledger",
        "Maria Okonkwo",
    )
    assert source.url == "https://www.northernledger.example/news/business/2025/03/11/dockers-strike-port-of-haldane"
    assert (source.published, source.published_inferred, source.language) == ("2025-03-11", False, "en")
    assert (source.captions, source.headings) == ([8], [5, 11])
    # the output says where each fact came from, the language above all
    assert '<html lang="en-GB">' in run.stdout and "py3langid agrees" in run.stdout
    assert "13 paragraphs (2 sub-headings, 1 caption)" in run.stdout and "(htmldate)" in run.stdout


def test_the_stored_text_is_the_article_alone_paragraph_per_block(tmp_path: Path) -> None:
    folder, _ = _new_from_the_strike_page(tmp_path)
    paragraphs = (folder / "sources" / f"{STRIKE_ID}.txt").read_text(encoding="utf-8").split("\n\n")
    assert paragraphs[0].startswith("Around 1,800 dockers at the Port of Haldane walked out at 6am on Tuesday")
    assert paragraphs[2] == (
        "“We did not want to be here, but the company left us no choice,” said Gráinne Doyle, the union's regional "
        "secretary, speaking to reporters outside the main gate. “Our members have had a real-terms pay cut three years running.”"
    )
    assert (paragraphs[4], paragraphs[10]) == ("Ships diverted", "What happens next")
    assert paragraphs[7] == "Union members on the picket line at the north gate. Photograph: Tom Reyes/Northern Ledger"
    assert paragraphs[-1] == "Shares in Haldane Port Holdings fell 2.3% in early trading.\n"
    text = "\n\n".join(paragraphs)
    for clutter in ("cookies", "Advertisement", "energy supplier", "harbourwatcher", "Most read", "Read more", "newsletter", "Subscribe"):
        assert clutter not in text
    # the briefing is current to the publication day, never to today
    briefing = (folder / "briefing.yaml").read_text(encoding="utf-8")
    assert "as_of: 2025-03-11\n" in briefing and "covers:\n  start: 2025-03-11\n  end: 2025-03-11\n" in briefing


def _finish(folder: Path) -> None:
    """Write the text of make new's TODO placeholders, which make check and build refuse as [unfinished]."""
    for name in ("briefing.yaml", "sources.yaml"):
        path = folder / name
        path.write_text(re.sub(r"TODO ?: ", "", path.read_text(encoding="utf-8")), encoding="utf-8")


def test_the_built_site_does_not_publish_the_page(tmp_path: Path) -> None:
    folder, _ = _new_from_the_strike_page(tmp_path)
    _finish(folder)
    project = make_project(tmp_path / "project", folder)
    (project.content_dir / "actors.yaml").write_text(
        "- id: doyle\n  name: Gráinne Doyle\n  kind: person\n  description: Regional secretary of the dockers' union.\n", encoding="utf-8"
    )
    (project.content_dir / "topics.yaml").write_text("- id: offer\n  title: Pay offer\n  question: The 4.5% offer is accepted.\n")
    (project.content_dir / "stances.yaml").write_text(
        f"""- actor: doyle
  topic: offer
  position: opposes
  summary: The union rejects the offer.
  evidence:
    - source: {STRIKE_ID}
      paragraph: 3
      quote: the company left us no choice
  reported_by:
    kind: actor
""",
        encoding="utf-8",
    )
    build(project)
    published = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in project.site_dir.rglob("*") if p.is_file())
    assert "the company left us no choice" in published  # the cited excerpt is shown
    sources_page = next(p for p in project.site_dir.rglob("index.html") if "Maria Okonkwo" in p.read_text(encoding="utf-8"))
    assert "northernledger.example/news/business/2025/03/11" in sources_page.read_text(encoding="utf-8")
    for unpublished in ("Accept all cookies", "harbourwatcher", "analytics.js", "Shares in Haldane Port Holdings fell", "Port Carrick"):
        assert unpublished not in published
    assert not [p for p in project.site_dir.rglob("*") if "harbour-strike" in p.name]


def test_a_bbc_style_page_keeps_its_captions_as_seen_and_drops_related_links() -> None:
    page = read_saved_page(PAGES / "sewage-fines.html")
    captions = [block.text for block in page.blocks if block.kind == "caption"]
    assert captions == [
        "Sewage outflows discharged into rivers more than 3,000 times last year",  # without the screen readers' "Image caption, "
        "Campaigners protested outside the regulator's offices in Birmingham",
    ]
    assert [block.text for block in page.blocks if block.kind == "heading"] == ["Water firms fined over sewage spills", "'A first step'"]
    assert 'The companies "let their customers down", Ofwat\'s chief executive David Black said on Wednesday.' in [
        b.text for b in page.blocks
    ]
    assert not [block for block in page.blocks if "Most read" in block.text or "Related" in block.text or "Copyright" in block.text]
    assert (page.outlet, page.author, page.published, page.declared_language) == (
        "BBC News",
        "Jane Smith",
        "2025-06-18",
        ("en-GB", '<html lang="en-GB">'),
    )


def test_without_an_address_in_its_metadata_a_page_gives_the_one_its_browser_noted(tmp_path: Path) -> None:
    html = STRIKE.read_text(encoding="utf-8")
    address = "https://www.northernledger.example/news/business/2025/03/11/dockers-strike-port-of-haldane"
    page = tmp_path / "no-address.html"
    page.write_text(
        re.sub(r'<link rel="canonical"[^>]*>|<meta property="og:url"[^>]*>|"mainEntityOfPage":[^}]*},', "", html), encoding="utf-8"
    )
    assert (read_saved_page(page).url, read_saved_page(page).url_origin) == (address, "from the browser's 'saved from url' note")
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- saved from url=(0094)", "<!-- "), encoding="utf-8")
    assert read_saved_page(page).url is None


def test_make_add_source_takes_a_page_that_declares_no_language_and_says_it_identified_it(tmp_path: Path) -> None:
    folder, _ = _new_from_the_strike_page(tmp_path)
    run = _make("add-source", f"ARTICLE={GREVE}", f"DIR={folder}")
    assert run.returncode == 0, run.stderr
    assert "fr — identified from the text by py3langid (probability" in run.stdout
    second = check_content(Project.at(ROOT, content=str(folder))).sources[1]
    assert (second.outlet, second.author, second.published, second.language) == (
        "Le Courrier maritime",
        "Claire Dubois",
        "2025-03-12",
        "fr",
    )
    paragraphs = check_content(Project.at(ROOT, content=str(folder))).paragraphs[second.id]
    assert paragraphs[second.captions[0] - 1] == "Des grévistes devant l'entrée nord du port de Haldane, le 11 mars 2025."
    assert [paragraphs[n - 1] for n in second.headings][-1] == "Des navires détournés"


def test_a_text_whose_language_cannot_be_told_is_refused_with_the_fix(tmp_path: Path) -> None:
    article = tmp_path / "table.txt"
    article.write_text("12 345\n\n67,8 %\n\n2025-03-11\n", encoding="utf-8")
    folder = tmp_path / "numbers"
    run = _make("new", f"ARTICLE={article}", f"DIR={folder}", "PUBLISHED=2025-03-11")
    assert run.returncode != 0 and "Traceback" not in run.stderr
    assert "cannot tell the language of" in run.stderr and "LANG=en" in run.stderr
    assert not folder.exists()
    run = _make("new", f"ARTICLE={article}", f"DIR={folder}", "PUBLISHED=2025-03-11", "LANG=fr")
    assert run.returncode == 0, run.stderr
    assert "language:  fr — as given (LANG=)" in run.stdout


def test_a_text_is_identified_and_a_missing_date_is_refused_never_today(tmp_path: Path) -> None:
    article = tmp_path / "wire.txt"
    article.write_text(
        "Ministers split on quotas\n\nLa ministre Beta s'y oppose : « C'est inacceptable », a-t-elle déclaré mardi devant la presse.\n",
        encoding="utf-8",
    )
    folder = tmp_path / "quotas"
    run = _make("new", f"ARTICLE={article}", f"DIR={folder}")
    assert run.returncode != 0 and "no publication date" in run.stderr and "PUBLISHED=YYYY-MM-DD" in run.stderr
    assert not folder.exists()
    run = _make("new", f"ARTICLE={article}", f"DIR={folder}", "PUBLISHED=2024-03")
    assert run.returncode == 0, run.stderr
    assert "fr — identified from the text by py3langid" in run.stdout
    briefing = (folder / "briefing.yaml").read_text(encoding="utf-8")
    assert "as_of: 2024-03-31\n" in briefing and "start: 2024-03-01\n  end: 2024-03-31\n" in briefing


def test_a_page_whose_text_contradicts_its_declared_language_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "mislabelled.html"
    page.write_text(GREVE.read_text(encoding="utf-8").replace("<html>", '<html lang="en">'), encoding="utf-8")
    run = _make("new", f"ARTICLE={page}", f"DIR={tmp_path / 'x'}")
    assert run.returncode != 0 and 'declares its language as en (<html lang="en">), but its text reads as fr' in run.stderr
    assert "LANG=fr or LANG=en" in run.stderr


def test_make_check_warns_when_as_of_falls_outside_covers_with_both_positions(tmp_path: Path) -> None:
    folder, _ = _new_from_the_strike_page(tmp_path)
    _finish(folder)
    briefing = folder / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("as_of: 2025-03-11", "as_of: 2025-03-20"), encoding="utf-8")
    lines = briefing.read_text(encoding="utf-8").splitlines()
    as_of_line = next(n for n, line in enumerate(lines, 1) if line.startswith("as_of:"))
    end_line = next(n for n, line in enumerate(lines, 1) if line.startswith("  end:"))
    run = _make("check", f"CONTENT={folder}")
    assert run.returncode == 0, run.stderr  # a warning, not an error
    assert re.search(
        rf"warning: \S*briefing\.yaml:{as_of_line}:8: briefing\.as_of: \[as-of-outside-covers\] as_of 2025-03-20 is after "
        rf"the period the briefing covers \(covers\.end 2025-03-11 at \S*briefing\.yaml:{end_line}:8\)",
        run.stderr,
    ), run.stderr
    assert "as-of-outside-covers" not in _make("check").stderr  # the seed's as_of is inside its period


HOSTILE = 'it\'s a "quoted" $HOME `touch {marker}` $(touch {marker}) ; & | (x) #1 \\ -n $$ é'


def test_every_argument_is_stored_exactly_as_typed(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    value = HOSTILE.format(marker=marker)
    named = HOSTILE.format(marker="ran")  # a file name holds no slash
    folder = tmp_path / f"dir {named}"
    article = tmp_path / f"page {named}.html"
    article.write_bytes(STRIKE.read_bytes())
    url = "https://example.org/a?b=$(touch%20x)&c=\"d\"'e'`f`"
    run = _make(
        "new",
        f"ARTICLE={article}",
        f"DIR={folder}",
        f"TITLE={value}",
        f"OUTLET=-{value}",
        f"AUTHOR={value}",
        f"URL={url}",
        "PUBLISHED=2025-03-11",
        "LANG=en",
        "SITE_LANG=en",
    )
    assert run.returncode == 0, run.stderr
    source = check_content(Project.at(ROOT, content=str(folder))).sources[0]
    assert (source.title, source.outlet, source.author, source.url) == (value, f"-{value}", value, url)
    assert not marker.exists()  # no command inside a value ran
    run = _make("add-source", f"ARTICLE={GREVE}", f"DIR={folder}", f"TITLE={value} 2", "OUTLET=$(id)")
    assert run.returncode == 0, run.stderr
    second = check_content(Project.at(ROOT, content=str(folder))).sources[1]
    assert (second.title, second.outlet) == (f"{value} 2", "$(id)")
    for name in ("LANG", "PUBLISHED", "SITE_LANG"):
        run = _make("new", f"ARTICLE={article}", f"DIR={tmp_path / name}", f"{name}=$(touch {marker})`touch {marker}`")
        assert run.returncode != 0 and "Traceback" not in run.stderr and not (tmp_path / name).exists()
        assert "$(touch" in run.stderr  # refused, and named as typed
    assert not marker.exists()


def _page_with_body(tmp_path: Path, name: str, paragraphs: str) -> Path:
    """The strike page with its body replaced by `paragraphs`."""
    html = STRIKE.read_text(encoding="utf-8")
    start, end = html.index('<div class="story-body"'), html.index('<div class="newsletter-signup">')
    page = tmp_path / name
    page.write_text(html[:start] + '<div class="story-body" itemprop="articleBody">' + paragraphs + html[end:], encoding="utf-8")
    return page


def test_one_megabyte_pages_are_read_whole_in_bounded_time(tmp_path: Path) -> None:
    many = "".join(
        f"<p>Dockers at berth {i} said on day {i % 31 + 1} that the talks over pay had “collapsed” again.</p>\n" for i in range(12_000)
    )
    pages = {
        "many": (_page_with_body(tmp_path, "many.html", many), 12_000),
        "one": (_page_with_body(tmp_path, "one.html", "<p>" + "word " * 210_000 + "end.</p>"), None),
        "same": (
            _page_with_body(tmp_path, "same.html", "<p>“No, we will not go back to work until the offer changes,” he said.</p>\n" * 15_000),
            None,
        ),
    }
    for name, (page, count) in pages.items():
        assert page.stat().st_size > 1_000_000
        started = time.monotonic()
        run = _make("new", f"ARTICLE={page}", f"DIR={tmp_path / name}", "LANG=en", timeout=120)
        assert run.returncode == 0, run.stderr
        assert time.monotonic() - started < 120
        text = next((tmp_path / name / "sources").glob("*.txt")).read_text(encoding="utf-8")
        if count is not None:
            assert len(text.split("\n\n")) == count
    one = next((tmp_path / "one" / "sources").glob("*.txt")).read_text(encoding="utf-8").split("\n\n")
    assert "word " * 210_000 + "end." in one  # the 1 MB paragraph, stored whole
    assert "# … ¶2001 to ¶12000: see sources/" in (tmp_path / "many" / "sources.yaml").read_text(encoding="utf-8")
    assert "the talks over pay" in next((tmp_path / "many" / "sources").glob("*.txt")).read_text(encoding="utf-8").split("\n\n")[11_999]


def test_a_page_past_the_size_limit_or_without_an_article_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "huge.html"
    with big.open("wb") as handle:
        handle.truncate(20_000_001)
    run = _make("new", f"ARTICLE={big}", f"DIR={tmp_path / 'a'}")
    assert run.returncode != 0 and "20,000,001 bytes; a saved page is read up to 20,000,000 bytes" in run.stderr
    long = _page_with_body(tmp_path, "long.html", "<p>" + "strike " * 300_000 + "</p>")
    run = _make("new", f"ARTICLE={long}", f"DIR={tmp_path / 'c'}", "LANG=en")
    assert run.returncode != 0 and "bytes; a source text holds at most 2,000,000" in run.stderr and not (tmp_path / "c").exists()
    many = _page_with_body(tmp_path, "many.html", "<p>On strike.</p>\n" * 20_001)
    run = _make("new", f"ARTICLE={many}", f"DIR={tmp_path / 'd'}", "LANG=en")
    assert run.returncode != 0 and "paragraphs; a saved page is read up to 20,000" in run.stderr and not (tmp_path / "d").exists()
    empty = tmp_path / "empty.htm"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    run = _make("new", f"ARTICLE={empty}", f"DIR={tmp_path / 'b'}", "LANG=en", "PUBLISHED=2025-01-01")
    assert run.returncode != 0 and "holds no article text trafilatura can find" in run.stderr and "Traceback" not in run.stderr
