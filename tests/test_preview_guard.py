"""The preview answers only this person's browser, and leaves nothing behind however it is stopped."""

from __future__ import annotations

import http.client
import re
import signal
from pathlib import Path
from typing import Any

import pytest
import test_preview

from generator.project import Project

start_preview = test_preview.start_preview  # the fixture that starts a real `python -m generator serve`


def _request(port: int, host: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, str]:
    """Send one request to the preview with the given Host header; the status and the body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, "/", body=b"{}" if method == "POST" else None, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def test_a_foreign_host_is_refused_and_the_preview_address_is_served(tiny: Project, start_preview: Any) -> None:
    preview = start_preview(tiny)
    preview.wait_for_line(r"full build: 14 of 14 pages in")
    port = preview.port
    for own in (f"127.0.0.1:{port}", f"localhost:{port}"):
        status, body = _request(port, own)
        assert status == 200 and "Minister" in body, own
    # DNS rebinding: a name the attacker owns, pointed at 127.0.0.1; and the json export behind it.
    for foreign in (f"rebind.attacker.example:{port}", "rebind.attacker.example", f"127.0.0.1:{port + 1}", ""):
        status, body = _request(port, foreign)
        assert status == 403, foreign
        assert f"refused: this preview answers only to Host 127.0.0.1:{port}" in body
        assert "Minister" not in body
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/data/briefing.json", headers={"Host": f"evil.example:{port}"})
    assert connection.getresponse().status == 403
    connection.close()


def test_a_change_needs_the_preview_origin_and_the_run_secret(tiny: Project, start_preview: Any) -> None:
    preview = start_preview(tiny)
    preview.wait_for_line(r"full build: 14 of 14 pages in")
    port, own = preview.port, f"127.0.0.1:{preview.port}"
    TOKEN_HEADER = "X-Preview-Token"  # what a page of the preview sends its secret in
    page = _request(port, own)[1]
    token = re.search(r'<meta name="preview-token" content="([^"]+)">', page)
    assert token is not None
    good = {"Origin": f"http://{own}", TOKEN_HEADER: token.group(1)}
    status, body = _request(port, own, "POST")
    assert status == 403 and "refused: a change must come from a page of this preview" in body
    status, body = _request(port, own, "POST", {"Origin": "http://attacker.example"})
    assert status == 403 and "'http://attacker.example'" in body
    status, body = _request(port, own, "POST", {**good, TOKEN_HEADER: "guessed"})
    assert status == 403 and f"must carry this run's {TOKEN_HEADER}" in body
    status, body = _request(port, f"attacker.example:{port}", "POST", good)
    assert status == 403 and "answers only to Host" in body
    # Origin, Host and secret right: the guard lets it through (nothing accepts a change yet).
    assert _request(port, own, "POST", good)[0] == 405


def test_the_guard_knows_its_own_addresses() -> None:
    from generator.commands.request_guard import RequestGuard

    guard = RequestGuard("127.0.0.1", 8000)
    assert guard.check({"HTTP_HOST": "[::1]:8000"}) is None
    assert guard.check({"HTTP_HOST": "localhost:8000"}) is None
    assert guard.check({"HTTP_HOST": "127.0.0.1.nip.io:8000"}) is not None
    wildcard = RequestGuard("0.0.0.0", 8000)  # chosen with --dev-addr to show a phone on the LAN
    assert wildcard.check({"HTTP_HOST": "192.168.1.20:8000"}) is None
    assert wildcard.check({"HTTP_HOST": "rebind.example:8000"}) is not None
    assert RequestGuard("127.0.0.1", 8000).token != RequestGuard("127.0.0.1", 8000).token


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl-c", "sigterm", "sighup"])
def test_stopping_the_preview_leaves_nothing_in_the_temp_folder(tiny: Project, start_preview: Any, tmp_path: Path, stop: int) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    preview = start_preview(tiny, {"TMPDIR": str(temp), "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    preview.wait_for_line(r"full build: 14 of 14 pages in")
    assert [p.name for p in temp.iterdir() if p.name.startswith("briefing-preview-")]  # the site it serves
    preview.process.send_signal(stop)
    preview.process.wait(timeout=30)
    assert [p.name for p in temp.iterdir()] == []
