"""Escaping of data by output context: one function per place a value can land.

The rule for templates (`generator/site/render.py` applies it):

- In a page template (`*.md.j2`), every `{{ value }}` is escaped by `markdown_text` unless it is already
  escaped for its context: the value shows as the same text in HTML text, in a quoted attribute and in
  Markdown, and never becomes a tag, an attribute or Markdown syntax (a link, an image, emphasis...).
- A field meant as Markdown (article text, notes, preamble...) is written `{{ value | markdown }}`
  (`markdown_source`): HTML-escaped, its Markdown kept for Python-Markdown, whose output the sanitiser
  (generator/publishing/sanitize.py) cleans. Never inside an attribute.
- A URL goes through `url` (the `link` helpers do): only http(s), mailto:, tel: and relative URLs.
- The other contexts have their own function: `rcdata_text` (inside `<textarea>`, `<title>`),
  `script_json` (inside `<script>`), `ics_text` (iCalendar), `xml_text` (the Atom feed), `csv_cell` (open data).

Each function returns a value marked as escaped for its context (`Markup` for HTML, `IcsText` for
iCalendar), so that the template's default escaping leaves it alone and nothing is escaped twice.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup, escape


def html_text(value: object) -> Markup:
    """Text in HTML element content: `&`, `<`, `>` and the quotes as character references."""
    return escape(value)


def html_attribute(value: object) -> Markup:
    """The value of a quoted HTML attribute (`title="…"`): the same references, quotes included."""
    return escape(value)


# Besides what HTML gives a meaning to (markupsafe's escape), what Markdown and its extensions give a
# meaning to anywhere in a line (escapes, code, emphasis, links and images, attribute lists `{: …}`), and
# line breaks, which could end the raw HTML block a value sits in or start a Markdown block. A character
# reference is text to Python-Markdown and to the browser.
_MARKDOWN_REFERENCES = {
    "\\": "&#92;",
    "`": "&#96;",
    "*": "&#42;",
    "[": "&#91;",
    "{": "&#123;",
    "\n": "&#10;",
    "\r": "&#13;",
}
_MARKDOWN_CHARACTERS = re.compile(r"[\\`*\[{\n\r]")
# `_` emphasises unless it sits between two letters or digits (`clause_anchors` stays as it is).
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# What starts a Markdown block when a value begins a line, after at most three spaces: a list (`-`, `+`,
# `1.`, `1)`), a definition (`:`), a setext underline (`=`, `-`), a table row (`|`), a heading (`#`);
# an indented code block (four spaces, a tab).
_LINE_START = re.compile(r" {0,3}(?:[-+:=|#]|\d+[.)])| {4}|\t")
_LINE_START_REFERENCES = {
    "-": "&#45;",
    "+": "&#43;",
    ":": "&#58;",
    "=": "&#61;",
    "|": "&#124;",
    "#": "&#35;",
    ".": "&#46;",
    ")": "&#41;",
    " ": "&#32;",
    "\t": "&#9;",
}
# The closing hashes of a heading: `# Titre #` is « Titre ».
_CLOSING_HASHES = re.compile(r"#+$")


def markdown_text(value: object) -> Markup:
    """Plain text placed in a Markdown page: shows as itself wherever it lands — HTML text, a quoted
    attribute, a Markdown paragraph, list item or heading, a `<textarea>` — and is never markup.

    Ordinary words are unchanged; a character with a meaning there becomes a character reference, which
    Python-Markdown passes through and the browser shows as the character itself.
    """
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    escaped = escape(value)
    text = str(escaped)
    if _MARKDOWN_CHARACTERS.search(text):
        text = _MARKDOWN_CHARACTERS.sub(lambda found: _MARKDOWN_REFERENCES[found.group()], text)
    if "_" in text:
        text = _EMPHASIS_UNDERSCORE.sub("&#95;", text)
    if text.endswith("#"):
        text = _CLOSING_HASHES.sub(lambda hashes: "&#35;" * len(hashes.group()), text)
    start = _LINE_START.match(text)
    if start is not None:
        lead = start.group()
        text = lead[:-1] + _LINE_START_REFERENCES[lead[-1]] + text[len(lead) :]
    return escaped if text == escaped else Markup(text)


def markdown_source(value: object) -> Markup:
    """A field written in Markdown, for a Markdown page: HTML-escaped, so that it can only become the HTML
    Python-Markdown builds from it (which the sanitiser cleans); its Markdown syntax is kept."""
    return escape(value)


def rcdata_text(value: object) -> Markup:
    """Text inside `<textarea>` or `<title>` (RCDATA: no tags, but character references are decoded):
    `</textarea>` cannot end the element, and the text shows as itself. Safe in a Markdown page too."""
    return markdown_text(value)


_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# Browsers drop tabs and line breaks anywhere in a URL, and C0 controls and spaces around it.
_IGNORED_BY_BROWSERS = re.compile(r"[\t\n\r]")
_AROUND = "".join(map(chr, range(0x21)))
# Characters that could end the attribute or the Markdown link the URL is written in, percent-encoded
# (the same URL for the browser).
_URL_ENCODED = re.compile(r"[ \"'<>`()\[\]{}|\\^]")
UNSAFE_URL = "#"
#: a relative URL of letters, digits and `-._~/#%` only: no scheme, no other host
_PLAIN_RELATIVE = re.compile(r"(?![/\\]{2})[A-Za-z0-9._~/#%-]*")


def url(value: object) -> Markup:
    """A URL for `href`/`src` (or a Markdown link): http(s), mailto:, tel: or relative (path, query or
    fragment); anything else — `javascript:`, `data:`, `//other.host`… — becomes `#`. Escaped for a quoted
    attribute and for Markdown."""
    text = str(value)
    if _PLAIN_RELATIVE.fullmatch(text):  # the links between the site's pages: nothing to check or escape
        return Markup(text)
    if _IGNORED_BY_BROWSERS.search(text):
        text = _IGNORED_BY_BROWSERS.sub("", text)
    text = text.strip(_AROUND)
    scheme = _SCHEME.match(text)
    if scheme is not None:
        if scheme.group(1).lower() not in _SAFE_SCHEMES:
            return Markup(UNSAFE_URL)
    elif text[:2].replace("\\", "/") == "//":  # another host, without a scheme (`\` is `/` to browsers)
        return Markup(UNSAFE_URL)
    if _URL_ENCODED.search(text):
        text = _URL_ENCODED.sub(lambda found: f"%{ord(found.group()):02X}", text)
    return Markup(text.replace("&", "&amp;"))


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: object) -> Markup:
    """JSON for the content of a `<script>` element (not HTML-decoded): `<`, `>`, `&` and the JavaScript
    line separators as `\\uXXXX` escapes, so that no string can end the script or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for character, replacement in _SCRIPT_UNSAFE.items():
        text = text.replace(character, replacement)
    return Markup(text)


class IcsText(str):
    """Text already escaped for an iCalendar property."""

    __slots__ = ()


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ICS_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def ics_text(value: object) -> IcsText:
    """An iCalendar TEXT value (RFC 5545, 3.3.11): backslash, `;` and `,` escaped, every line break as `\\n`
    (a line break in a value would start a property of its own), other control characters dropped."""
    if isinstance(value, IcsText):
        return value
    text = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return IcsText(_ICS_CONTROLS.sub("", _LINE_BREAK.sub("\\\\n", text)))


# Characters XML 1.0 does not allow at all, even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: object) -> Markup:
    """Text or attribute value in an XML document (the Atom feed): `&`, `<`, `>` and the quotes as
    references, characters XML forbids removed."""
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return escape(_NOT_XML.sub("", str(value)))


#: first characters that make a spreadsheet read a cell as a formula (or start one)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def csv_cell(value: str) -> str:
    """A cell of an open data CSV file (the one function every CSV writer uses): a cell a spreadsheet would
    read as a formula — `=`, `+`, `-`, `@`, tab or carriage return first — is prefixed with `'`, which
    spreadsheets show as text (OWASP's mitigation of CSV injection). A plain number (`-12.50`) stays a number."""
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value
