"""Lighthouse mobile scores of built pages, served with gzip on localhost, with Debian's chromium.

Lighthouse comes from npm, pinned in bench/lighthouse/package-lock.json; `make bench` installs it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "matrix": "matrix/",
    "a question": "questions/territorial-concessions/",
    "an actor": "actors/donald-trump/",
    "timeline": "timeline/",
    "charts": "charts/",
    "actors": "actors/",
    "questions": "questions/",
    "sources": "sources/",
    "method": "method/",
    "data downloads": "data/",
    "editions": "editions/",
}
"""The pages scored: one of every page kind the site has (the print page is for Chromium's printer only)."""

_COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", ".csv")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files as a static host does: gzip for text when the browser accepts it."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not path.name.endswith(_COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """A file-like body for send_head's caller."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *args: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve `site` with gzip on a free port of 127.0.0.1; return the server and its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def scores(url: str) -> dict[str, float]:
    """Lighthouse's mobile performance and accessibility scores (0–100) and layout shift of one page."""
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium", "HOME": tmp, "XDG_CONFIG_HOME": tmp, "XDG_CACHE_HOME": tmp}
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             "--only-categories=performance,accessibility", "--chrome-flags=--headless=new --no-sandbox"],
            env=env, capture_output=True, check=True, timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    categories, audits = data["categories"], data["audits"]
    return {
        "performance": round(100 * (categories["performance"]["score"] or 0)),
        "accessibility": round(100 * (categories["accessibility"]["score"] or 0)),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
    }


def site_scores(site: Path) -> dict[str, dict[str, float]]:
    """Scores of every page in PAGES of a built site."""
    server, url = serve(site)
    try:
        return {label: scores(url + page) for label, page in PAGES.items()}
    finally:
        server.shutdown()


if __name__ == "__main__":
    import sys

    for label, result in site_scores(Path(sys.argv[1])).items():
        print(label, result, flush=True)
