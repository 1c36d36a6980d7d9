"""The content security policy of each built page, as a `<meta http-equiv="Content-Security-Policy">`.

Everything a page loads comes from the site itself. Scripts run from the site's files, and the few inline
scripts the theme writes (Material's, whose text depends on the page's depth) run because the policy names
their SHA-256: the hashes are computed from the page's final HTML, after MkDocs. Pagefind runs WebAssembly in
a worker (under the HTTP header's policy, not the page's) or, where no worker starts, on the page: the policy
allows it only on the pages that load the search script (the header's quick search is a plain form that leads
to that page). No style attribute is allowed (a table's alignment is a class, see sanitize.py).

A meta tag cannot say `frame-ancestors` (browsers ignore it there): the server sends it, with the same
policy, as an HTTP header (README, "Hosting"). `registre serve` has no policy: the live reload script it
injects is in no page's hashes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

#: the site's scripts that run WebAssembly (Pagefind's search): their pages get 'wasm-unsafe-eval'
WASM_SCRIPTS = ("assets/registre/search.js",)
#: what every page may load, after `default-src` and `script-src`
FIXED_DIRECTIVES = (
    "style-src 'self'",
    # Material's stylesheet draws its icons from data: SVG images (mask-image)
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SOURCE = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
#: the types of script a browser runs (any other, such as application/json, is data)
_RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}
#: where the policy goes: at the top of <head>, after the character set if it opens it (the browser looks
#: for the character set in the first 1,024 bytes, and a meta tag loads nothing)
_HEAD = re.compile(r"<head\b[^>]*>(?:\s*<meta\s+charset\s*=[^>]*>)?", re.IGNORECASE)
#: a page that states its own policy (the staff's editor, say) keeps it
_OWN_POLICY = re.compile(r"<meta\s+http-equiv\s*=\s*[\"']?content-security-policy", re.IGNORECASE)


def _attribute(pattern: re.Pattern[str], attributes: str) -> str | None:
    found = pattern.search(attributes)
    return None if found is None else next(group for group in found.groups() if group is not None)


def script_hash(text: str) -> str:
    """The source expression that allows an inline script whose text is `text`."""
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_policy(html: str) -> str:
    """The policy of a page: the hashes of its inline scripts in their order, once each; WebAssembly if it
    loads the search script."""
    hashes: dict[str, None] = {}
    wasm = False
    for script in _SCRIPT.finditer(html):
        attributes, text = script.group(1), script.group(2)
        source = _attribute(_SOURCE, attributes)
        if source is not None:
            path = source.split("#")[0].split("?")[0]
            wasm = wasm or any(path.endswith(name) for name in WASM_SCRIPTS)
        elif (_attribute(_TYPE, attributes) or "").strip().lower() in _RUN_TYPES:
            hashes[script_hash(text)] = None
    script_src = " ".join(["'self'", *hashes, *(["'wasm-unsafe-eval'"] if wasm else [])])
    return "; ".join(["default-src 'self'", f"script-src {script_src}", *FIXED_DIRECTIVES])


def with_policy(html: str) -> str:
    """The page with its policy's meta tag at the top of its <head>. A document that states its own policy,
    or has no <head> element (the staff's editor, whose policy the server sends), is returned as it is."""
    head = _HEAD.search(html)
    if head is None or _OWN_POLICY.search(html):
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{page_policy(html)}">'
    return f"{html[: head.end()]}{meta}{html[head.end() :]}"


def html_pages(site_dir: Path) -> Iterable[Path]:
    return sorted(site_dir.rglob("*.html"))


def add_policies(site_dir: Path) -> None:
    """Every HTML page of the built site `site_dir` gets its policy, one page in memory at a time."""
    for path in html_pages(site_dir):
        html = path.read_bytes().decode("utf-8")
        secured = with_policy(html)
        if secured != html:
            path.write_bytes(secured.encode("utf-8"))
