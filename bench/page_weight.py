"""What a reader downloads for one page: its HTML and every local script and style it loads, gzipped.

Shared by `bench/compare.py` (a chart page's weight, before and after) and `tests/test_phone.py`
(the page-weight budget), so the figure written down and the figure asserted are the same measure.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path


def page_files(site: Path, page: str, on_demand: bool = True) -> list[Path]:
    """A built page and the local scripts and styles it loads; with `on_demand`, also plotly.js, which the
    chart loader fetches (its data-plotly) when a reader reaches for a chart."""
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    files = [html_path]
    refs = re.findall(r'<(?:script[^>]+src|link[^>]+href)="([^"#?]+)', html)
    refs += re.findall(r'<script[^>]+data-plotly="([^"#?]+)', html) if on_demand else []
    for ref in refs:
        path = (html_path.parent / ref).resolve()
        if ref.endswith((".js", ".css")) and path.is_file():
            files.append(path)
    return files


def page_gzip(site: Path, page: str = "charts/index.html", on_demand: bool = True) -> int:
    """Gzip bytes (level 9) of a page and every local script and style it loads (with plotly.js unless `on_demand` is False)."""
    return sum(len(gzip.compress(path.read_bytes(), 9)) for path in page_files(site, page, on_demand))
