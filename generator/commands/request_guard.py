"""Who may talk to the preview: only this person's browser, on the address the preview serves.

A page elsewhere can point a DNS name of its own at 127.0.0.1 and read the unpublished briefing
through it (DNS rebinding): such a request carries that name in its `Host` header, so every
request whose Host is not the preview's own address is refused. A request that changes state
(anything but GET and HEAD, such as a save from a curation workbench) must also come from a page
of the preview itself (its `Origin`) and carry the secret this run made at start (`token`), which
only a page served by the preview can read: pages get it in a `<meta name="preview-token">`.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import echo

TOKEN_HEADER = "X-Preview-Token"
"""The request header a state-changing request carries the run's secret in."""

TOKEN_META = "preview-token"
"""The name of the `<meta>` element that hands the run's secret to the preview's own pages."""

SAFE_METHODS = frozenset({"GET", "HEAD"})
"""Methods that only read; every other method changes state and needs the origin and the token."""

_LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class Refusal:
    """Why a request was refused: the HTTP status and one line for the person who sent it."""

    status: str
    reason: str


@dataclass(frozen=True)
class RequestGuard:
    """The hosts and origins one preview run answers to, and its per-run secret."""

    host: str
    port: int
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Every `Host` header value that names this preview: its address, and the loopback aliases when it is loopback."""
        names = {_bracketed(self.host)}
        if _is_loopback(self.host):
            names.update(_LOOPBACK_NAMES)
        return frozenset(f"{name}:{self.port}" for name in names)

    def check_host(self, environ: Mapping[str, Any]) -> Refusal | None:
        """Refuse a request whose Host header is not this preview's address (DNS rebinding)."""
        host = str(environ.get("HTTP_HOST", "")).lower()
        if host in self.allowed_hosts or (_is_wildcard(self.host) and _is_ip_literal_with_port(host, self.port)):
            return None
        given = echo(host or "(none)", mark="'", limit=60)
        reason = f"refused: this preview answers only to Host {self.expected_host}, not {given}; open http://{self.expected_host}/"
        return Refusal("403 Forbidden", reason)

    def check_state_change(self, environ: Mapping[str, Any]) -> Refusal | None:
        """Refuse a state-changing request unless its Host, Origin and token are this run's."""
        refused = self.check_host(environ)
        if refused:
            return refused
        origin = str(environ.get("HTTP_ORIGIN", "")).lower()
        if origin.removeprefix("http://") not in self.allowed_hosts and not (
            _is_wildcard(self.host) and origin == f"http://{environ.get('HTTP_HOST', '')}".lower()
        ):
            given = echo(origin or "(none)", mark="'", limit=60)
            return Refusal(
                "403 Forbidden", f"refused: a change must come from a page of this preview (http://{self.expected_host}), not {given}"
            )
        sent = str(environ.get("HTTP_" + TOKEN_HEADER.upper().replace("-", "_"), ""))
        if not hmac.compare_digest(sent.encode(), self.token.encode()):
            return Refusal("403 Forbidden", f"refused: a change must carry this run's {TOKEN_HEADER}; reload the page and try again")
        return None

    def check(self, environ: Mapping[str, Any]) -> Refusal | None:
        """Refuse what this preview must not answer: a foreign Host always, and a foreign or tokenless write."""
        if str(environ.get("REQUEST_METHOD", "GET")).upper() in SAFE_METHODS:
            return self.check_host(environ)
        return self.check_state_change(environ)

    @property
    def expected_host(self) -> str:
        """The Host header a browser sends for the address the preview printed."""
        return f"{_bracketed(self.host)}:{self.port}"

    def meta_tag(self) -> bytes:
        """The `<meta>` element that gives the preview's own pages the run's secret."""
        return f'<meta name="{TOKEN_META}" content="{self.token}">'.encode()


def _bracketed(host: str) -> str:
    """An IPv6 address as a Host header writes it, in brackets; anything else lower-cased as it is."""
    host = host.lower()
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a host names literally, or None for a DNS name."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _is_loopback(host: str) -> bool:
    """Whether the preview listens on loopback only."""
    address = _ip(host)
    return host.lower() == "localhost" or (address is not None and address.is_loopback)


def _is_wildcard(host: str) -> bool:
    """Whether the preview listens on every interface (0.0.0.0 or ::), chosen by the user with --dev-addr."""
    address = _ip(host)
    return address is not None and address.is_unspecified


def _is_ip_literal_with_port(host: str, port: int) -> bool:
    """Whether a Host header names an IP address and the preview's port: a rebinding attack needs a DNS name."""
    name, _, given = host.rpartition(":")
    return given == str(port) and _ip(name) is not None
