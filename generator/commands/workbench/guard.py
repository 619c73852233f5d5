"""What the workbench asks of a request beyond the preview's own guard (`request_guard.py`): this machine, the token, JSON.

The preview's guard refuses a foreign Host always, and a write without the page's Origin and
the run's token; the workbench also wants the token to read its state, a request from this
machine only, and JSON for a save.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Mapping
from typing import Any

from ..request_guard import TOKEN_HEADER, Refusal, RequestGuard


def is_loopback(host: str) -> bool:
    """True for a loopback address or the name localhost."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refusal(environ: Mapping[str, Any], guard: RequestGuard, needs_token: bool) -> Refusal | None:
    """Say why a workbench request must be refused, or None: the preview's guard first, then the workbench's own rules."""
    if not is_loopback(str(environ.get("REMOTE_ADDR", ""))):
        return Refusal("403 Forbidden", "refused: the workbench answers only to this machine")
    refused = guard.check(environ)
    if refused is not None:
        return refused
    sent = str(environ.get("HTTP_" + TOKEN_HEADER.upper().replace("-", "_"), ""))
    if needs_token and not hmac.compare_digest(sent.encode(), guard.token.encode()):
        return Refusal("403 Forbidden", f"refused: the request lacks this run's {TOKEN_HEADER}; reload the workbench")
    write = str(environ.get("REQUEST_METHOD", "GET")).upper() not in {"GET", "HEAD"}
    if write and str(environ.get("CONTENT_TYPE", "")).split(";")[0].strip().lower() != "application/json":
        return Refusal("415 Unsupported Media Type", "refused: the workbench takes JSON requests only")
    return None
