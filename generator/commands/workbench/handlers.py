"""The workbench's HTTP side, mounted by the preview under /_curate/: the page, its state, and saves.

The page is the only answer without the token (it carries it); a foreign page can neither
read it (no CORS headers) nor reach it under another name (Host checked), so it cannot learn
the token that every other request needs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from importlib import resources
from typing import Any

from ...project import Project
from ...site.pages.routes import page_path, page_url
from ..request_guard import RequestGuard
from . import guard
from .state import problem_json, workbench_state
from .writer import Refusal, SaveRequest, save

PREFIX = "/_curate/"
"""Where the workbench lives in the preview; the built site has no such address."""

MAX_BODY = 1_000_000
"""Largest save request read: a record is a few kilobytes."""

StartResponse = Callable[..., Any]

_ASSETS = {"workbench.js": "text/javascript; charset=utf-8", "workbench.css": "text/css; charset=utf-8"}
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self';"
    " base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""The page runs only its own script and talks only to the preview; nothing may frame it."""

_STATUS = {400: "400 Bad Request", 409: "409 Conflict", 422: "422 Unprocessable Content"}


class Workbench:
    """Answer the workbench's requests for one previewed project, with a secret made for this run."""

    def __init__(self, project: Project, request_guard: RequestGuard) -> None:
        self.project = project
        self.guard = request_guard

    def handles(self, path: str) -> bool:
        """True for the workbench's addresses."""
        return path == PREFIX.rstrip("/") or path.startswith(PREFIX)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Route a request to the page, an asset, the state or a save, after the checks each needs."""
        path, method = str(environ.get("PATH_INFO", "")), str(environ.get("REQUEST_METHOD", "GET"))
        name = path[len(PREFIX) :] if path.startswith(PREFIX) else ""
        write = method != "GET"
        refused = guard.refusal(environ, self.guard, needs_token=write or name not in ("", *_ASSETS))
        if refused is not None:
            return _json(start_response, refused.status, {"error": refused.reason})
        if method == "POST" and name == "save":
            return self._save(environ, start_response)
        if write:
            return _json(start_response, "405 Method Not Allowed", {"error": "the workbench takes GET and POST /_curate/save only"})
        if name == "":
            return _send(start_response, "200 OK", "text/html; charset=utf-8", self._page())
        if name in _ASSETS:
            return _send(start_response, "200 OK", _ASSETS[name], _asset(name))
        if name == "state":
            return _json(start_response, "200 OK", workbench_state(self.project))
        return _json(start_response, "404 Not Found", {"error": "no such workbench address"})

    def _page(self) -> bytes:
        """The workbench's page, with this run's token in it."""
        return _asset("workbench.html").replace(b"{{token}}", self.guard.meta_tag())

    def _save(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Check and write one record; say where it went, or why not with every problem."""
        try:
            request = _save_request(environ)
            saved = save(self.project, request)
        except Refusal as refusal:
            status = {400: "400 Bad Request", 409: "409 Conflict", 422: "422 Unprocessable Content"}.get(
                refusal.status, "500 Internal Server Error"
            )
            body = {"error": refusal.message, "problems": [problem_json(problem) for problem in refusal.problems]}
            return _json(start_response, status, body)
        return _json(start_response, "200 OK", {"saved": saved.file, "line": saved.line, "shown_at": shown_at(request)})


_SHOWN_ON = {
    "actors.yaml": ("actor", "id"),
    "topics.yaml": ("question", "id"),
    "stances.yaml": ("actor", "actor"),
    "events.yaml": ("timeline", ""),
}
"""The page a new record shows on: its kind of page and the record's key that names it (the figures are on the home page)."""


def shown_at(request: SaveRequest) -> str:
    """The preview's address (relative to its root) of the page a saved record shows on."""
    kind, key = _SHOWN_ON.get(request.file, ("home", ""))
    if request.add_to is not None or (key and not isinstance(request.record.get(key), str)):
        kind, key = ("home", "") if kind != "timeline" else (kind, key)
    return page_url(page_path(kind, str(request.record.get(key, "")) if key else ""))


def _save_request(environ: dict[str, Any]) -> SaveRequest:
    """Read a save request's JSON body, or refuse it."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if not 0 < length <= MAX_BODY:
        raise Refusal(400, f"the request body must be 1 to {MAX_BODY:,} bytes of JSON")
    try:
        body = json.loads(environ["wsgi.input"].read(length))
    except (ValueError, UnicodeDecodeError):
        raise Refusal(400, "the request body is not JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("record"), dict):
        raise Refusal(400, "the request must be a JSON object with file, digest and record")
    add_to = body.get("add_to")
    if add_to is not None and (not isinstance(add_to, int) or isinstance(add_to, bool)):
        raise Refusal(400, "add_to must be a record's number")
    return SaveRequest(file=str(body.get("file", "")), record=body["record"], digest=str(body.get("digest", "")), add_to=add_to)


def _asset(name: str) -> bytes:
    """A file of the workbench's page, from the package."""
    return resources.files(__package__).joinpath("assets", name).read_bytes()


def _json(start_response: StartResponse, status: str, body: dict[str, Any]) -> list[bytes]:
    """Answer with a JSON body."""
    return _send(start_response, status, "application/json", json.dumps(body, ensure_ascii=False).encode())


def _send(start_response: StartResponse, status: str, content_type: str, body: bytes) -> list[bytes]:
    """Answer with a body the browser must not cache, sniff or frame."""
    headers = [
        ("Content-Type", content_type),
        ("Content-Length", str(len(body))),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Security-Policy", _CSP),
        ("Referrer-Policy", "no-referrer"),
    ]
    start_response(status, headers)
    return [body]
