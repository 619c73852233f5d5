"""The post-build checks catch broken links and anchors, links out of the site and outside resources."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import SiteBuildError
from generator.site.checks import check_site


def _page(site: Path, name: str, body: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><head></head><body>{body}</body></html>", encoding="utf-8")


def test_a_sound_site_passes(tmp_path: Path) -> None:
    _page(tmp_path, "index.html", '<a href="actors/x/#bio">x</a> <a href="#top" id="top">t</a> <a href="https://example.org">e</a>')
    _page(tmp_path, "actors/x/index.html", '<h2 id="bio">Bio</h2><a href="../../">home</a> <a href="../../index.html#top">top</a>')
    check_site(tmp_path)


def test_every_kind_of_breakage_is_reported(tmp_path: Path) -> None:
    _page(
        tmp_path,
        "index.html",
        '<a href="actors/y/">missing page</a> <a href="actors/x/#nope">missing anchor</a> <a href="../../etc/">out</a>'
        '<script src="https://cdn.example.org/x.js"></script><link rel="stylesheet" href="missing.css">'
        '<link rel="canonical" href="https://example.org/">',
    )
    _page(tmp_path, "actors/x/index.html", '<h2 id="bio">Bio</h2>')
    with pytest.raises(SiteBuildError) as caught:
        check_site(tmp_path)
    message = str(caught.value)
    assert "index.html: broken link actors/y/" in message
    assert "index.html: broken anchor actors/x/#nope" in message
    assert "index.html: link ../../etc/ leaves the site" in message
    assert "index.html: loads https://cdn.example.org/x.js from another host" in message
    assert "index.html: loads missing.css, which is not in the site" in message
    assert "canonical" not in message and "example.org/\n" not in message
