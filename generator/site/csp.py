"""Post-build step: give every page a Content-Security-Policy that allows only the site's own scripts.

GitHub Pages sends no headers, so the policy goes into a <meta> tag. The theme's few
inline scripts are allowed by their SHA-256 hashes, computed from the built page, so
nothing a content string could inject would run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>(.*?)</script>", re.DOTALL)
_HEAD = re.compile(r"<head[^>]*>", re.IGNORECASE)

POLICY = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'none'"
)
"""The policy; `style-src 'unsafe-inline'` because the theme and Plotly set inline styles (not scripts)."""


def policy_for(html: str) -> str:
    """The policy for one page: the site's own scripts plus the hashes of its inline scripts."""
    hashes = sorted({_sha256(body) for body in _INLINE_SCRIPT.findall(html)})
    return POLICY.format(hashes="".join(f" '{h}'" for h in hashes))


def with_csp(html: str) -> str:
    """A page with the policy meta tag at the start of its head (unchanged without a head or when it has one)."""
    head = _HEAD.search(html)
    if head is None or 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: head.end()] + meta + html[head.end() :]


def add_csp(site_dir: Path, pages: list[str] | None = None) -> int:
    """Insert the policy into the HTML pages of a built site (all, or those listed); return how many pages got one."""
    count = 0
    paths = sorted(site_dir.rglob("*.html")) if pages is None else [site_dir / page for page in pages]
    for page in paths:
        html = page.read_text(encoding="utf-8")
        secured = with_csp(html)
        if secured is not html:
            page.write_text(secured, encoding="utf-8")
            count += 1
    return count


def _sha256(script: str) -> str:
    """The CSP source expression for an inline script's exact text."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
