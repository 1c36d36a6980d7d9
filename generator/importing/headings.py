"""The headings of a convention, in every common style: articles, sub-articles, annexes, annex sections.

Each matcher is told the number it expects next, so that a line of the text that merely names an article
(« l’article 5 de la convention ») is not taken for a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.wording import fold

NUMBER_WORDS = {
    "premier": 1,
    "un": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
}
ROMAN = {
    "I": 1,
    "II": 2,
    "III": 3,
    "IV": 4,
    "V": 5,
    "VI": 6,
    "VII": 7,
    "VIII": 8,
    "IX": 9,
    "X": 10,
    "XI": 11,
    "XII": 12,
    "XIII": 13,
    "XIV": 14,
    "XV": 15,
    "XVI": 16,
    "XVII": 17,
    "XVIII": 18,
    "XIX": 19,
    "XX": 20,
}
SEPARATOR = r"[:\-–—.]"
ARTICLE = re.compile(
    r"(?P<keyword>ARTICLE|Article|Art\.)\s*(?:[nN][°oO]\.?\s*)?"
    r"(?P<number>\d{1,3}|premier|Premier|PREMIER|[IVX]{1,5}\b)(?:\s*(?:er|ER)\b)?"
    rf"\s*(?P<separator>{SEPARATOR})?\s*(?P<rest>.*)",
    re.DOTALL,
)
INLINE_ARTICLE = re.compile(r"(?<=[.;!?»)])\s+(?=(?:ARTICLE|Article)\s+(?:[nN]°\s*)?\d{1,3}(?:er)?\s*[:\-–—])")
ANNEX = re.compile(
    r"(?P<keyword>ANNEXE|Annexe)\s*(?:[nN][°oO]\.?\s*)?(?P<number>\d{1,2}|[IVX]{1,4}\b|[A-Z]\b)"
    rf"\s*(?:{SEPARATOR}\s*(?P<rest>.*))?",
    re.DOTALL,
)
SECTION = re.compile(r"(?P<letter>[A-Z])\s*[\])]\s*(?P<rest>\S.*)")
TERMINAL = ".;:,!?"


@dataclass(frozen=True)
class Heading:
    number: str
    heading: str
    title: str
    #: body text that follows the title on the heading's own line (« ARTICLE 2 : DURÉE La présente… »)
    run_in: str = ""


def collapse(text: str) -> str:
    return " ".join(text.split())


def _value(number: str) -> int:
    if number.isdigit():
        return int(number)
    return NUMBER_WORDS.get(fold(number), ROMAN.get(number.upper(), 0))


def _title_and_body(rest: str) -> tuple[str, str]:
    """A heading's title and the body run in after it on the same line, if any."""
    words = rest.split()
    capitals = 0
    while capitals < len(words) and any(c.isalpha() for c in words[capitals]) and words[capitals].isupper():
        capitals += 1
    if 0 < capitals < len(words) and words[capitals][:1].isupper() and not words[capitals].isupper():
        return " ".join(words[:capitals]), " ".join(words[capitals:])
    if len(rest) > 90:
        stop = re.search(r"[.:]\s+(?=[A-ZÀ-Ý])", rest[:90])
        if stop:
            return rest[: stop.start() + 1].strip(), rest[stop.end() :].strip()
    return collapse(rest), ""


def article(line: str, expected: int) -> Heading | None:
    found = ARTICLE.fullmatch(line.strip())
    if not found or _value(found.group("number")) != expected:
        return None
    rest = found.group("rest").strip()
    if not (found.group("separator") or not rest or rest[0].isupper() or found.group("keyword").isupper()):
        return None
    if rest[:1].islower() and not found.group("separator"):
        return None
    title, run_in = _title_and_body(rest)
    title = title.rstrip(" .:–-") if title.endswith((".", ":")) else title
    heading = collapse(line)
    if run_in:
        run_in = collapse(run_in)
        heading = heading[: len(heading) - len(run_in)].strip()
    return Heading(str(expected), heading, title, run_in)


def split_inline_article(line: str, expected: int) -> tuple[str, str] | None:
    """A line whose text runs into the next article's heading (« …proposé. Article 2 : Objectifs »), cut there."""
    for cut in INLINE_ARTICLE.finditer(line):
        if article(line[cut.end() :], expected):
            return line[: cut.start()], line[cut.end() :]
    return None


def annex(line: str, expected: int, after_closing: bool) -> Heading | None:
    """The `expected`-th annex: « ANNEXE N° 1 », « ANNEXE II », « ANNEXE B » (« Annexe 1 » only once the
    signature block is past: before it, the words name an annex in the text)."""
    found = ANNEX.fullmatch(line.strip())
    if not found or (found.group("keyword") != "ANNEXE" and not after_closing):
        return None
    number = found.group("number")
    lettered = len(number) == 1 and number.isalpha() and number not in "IVX"
    if (ord(number) - ord("A") + 1 if lettered else _value(number)) != expected:
        return None
    return Heading(
        str(int(number)) if number.isdigit() else number, collapse(line), collapse(found.group("rest") or "")
    )


def section(line: str, expected: int) -> Heading | None:
    """An annex section lettered A], B)…, the `expected`-th letter."""
    found = SECTION.fullmatch(line.strip())
    if not found or ord(found.group("letter")) - ord("A") + 1 != expected:
        return None
    return Heading(found.group("letter"), collapse(line), collapse(found.group("rest")))


def sub_article(line: str, parent: str) -> bool:
    """A numbered sub-article of `parent`: « 3.1 : Désignation d’un référent », « 3.2. Contribution »."""
    return re.match(rf"\s*{re.escape(parent)}\.\d{{1,2}}\.?(?:\s|$)", line) is not None


def looks_like_title(line: str) -> bool:
    """A short line without final punctuation: the title of a heading printed on its own line."""
    text = collapse(line)
    return 0 < len(text) <= 100 and text[-1] not in TERMINAL and not text[0].islower()
