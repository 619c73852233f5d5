"""Which requests the workbench answers: from this machine, to this preview's address, with this run's token.

One function, `refusal`, so the preview's own request checks can take its place in one line.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

TOKEN_HEADER = "X-Briefing-Token"
"""The header every workbench request (but the page itself) carries the run's secret in."""


@dataclass(frozen=True)
class Refused:
    """Why a request is not answered: its HTTP status and a sentence saying what would be accepted."""

    status: str
    message: str


def loopback_hosts(host: str, port: int) -> frozenset[str]:
    """The Host headers a loopback preview answers to: its own address and the loopback names, with the port."""
    names = {host, "127.0.0.1", "localhost", "[::1]"} if is_loopback(host) else {host}
    return frozenset(f"{name}:{port}".lower() for name in names)


def is_loopback(host: str) -> bool:
    """True for a loopback address or the name localhost."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def refusal(environ: Mapping[str, Any], hosts: frozenset[str], token: str | None, write: bool) -> Refused | None:
    """Say why a request must be refused, or None: a foreign Host or Origin, another machine, no token, not JSON."""
    if not is_loopback(str(environ.get("REMOTE_ADDR", ""))):
        return Refused("403 Forbidden", "the workbench answers only to this machine")
    if str(environ.get("HTTP_HOST", "")).lower() not in hosts:
        return Refused("403 Forbidden", f"the workbench answers only at {', '.join(sorted(hosts))}")
    origin = environ.get("HTTP_ORIGIN")
    if (origin is not None or write) and str(origin).lower() not in {f"http://{host}" for host in hosts}:
        return Refused("403 Forbidden", "the request does not come from the preview's own pages")
    if token is not None and not hmac.compare_digest(str(environ.get("HTTP_X_BRIEFING_TOKEN", "")), token):
        return Refused("403 Forbidden", "the request lacks this run's token: reload the workbench")
    if write and str(environ.get("CONTENT_TYPE", "")).split(";")[0].strip().lower() != "application/json":
        return Refused("415 Unsupported Media Type", "the workbench takes JSON requests only")
    return None
