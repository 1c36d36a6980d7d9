"""Every article of both seed conventions is shown on its page exactly as the signed document says.

That the content transcribes the document word for word is a rule of `registre check`
(generator/documents/transcription.py, tested in tests/test_transcription.py). What this file tests is the software:
the built page of each article shows that text, once Markdown is rendered as HTML.

For each article (and annex article) the seed's text is cut between the article's heading and the next
heading (both taken from the content's `heading` fields), then both sides are normalised the same way:

- every whitespace is removed (the PDF extraction wraps lines, doubles spaces, adds blank lines);
- the Wingdings bullets U+F0B7 and U+F0D8 are removed, and so are the bullets ". ", "- " and "o " that
  start a line of the seed: the content turns them into Markdown lists, which the page shows as HTML
  lists without a bullet character;
- the referent's name, phone and e-mail (from the convention's `referent`, unpublished) are replaced in
  the seed by the mask the page shows, « [donnée personnelle occultée] ».

Ordered lists are shown with their numbers ("1.", "2.") in the browser; the HTML holds them as <ol><li>,
so the page's text is read with those numbers put back, as a reader sees them. A price grid the content
marks as rebuilt (`transcription: table_rebuilt`) is compared on its euro amounts, as the check does.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT

MASK = "[donnée personnelle occultée]"
WINGDINGS_BULLETS = "\uf0b7\uf0d8"
LINE_BULLET = re.compile(r"^\s*(?:\. |- |o )")
AMOUNT = re.compile(r"\d+,\d\d €")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def normalise_seed(text: str, masked: list[str]) -> str:
    for value in sorted(masked, key=len, reverse=True):
        text = re.sub(re.escape(value), MASK, text, flags=re.I)
    lines = []
    for line in text.splitlines():
        for bullet in WINGDINGS_BULLETS:
            line = line.replace(bullet, " ")
        lines.append(LINE_BULLET.sub("", line))
    return compact("\n".join(lines))


class ArticleText(HTMLParser):
    """The text of the page's `.registre-article` block, ordered list items numbered as displayed."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.found = 0
        self._depth = 0  # open <div>s inside the article block
        self._lists: list[list] = []  # per open list: [ordered, next number]
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._depth == 0:
            if tag == "div" and "registre-article" in (attributes.get("class") or "").split():
                self.found += 1
                self._depth = 1
            return
        if tag == "div":
            self._depth += 1
        elif tag in ("ol", "ul"):
            self._lists.append([tag == "ol", int(attributes.get("start") or 1)])
        elif tag == "li" and self._lists and self._lists[-1][0]:
            self.parts.append(f" {self._lists[-1][1]}. ")
            self._lists[-1][1] += 1
        elif tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if self._depth == 0:
            return
        if tag == "div":
            self._depth -= 1
        elif tag in ("ol", "ul") and self._lists:
            self._lists.pop()
        elif tag in ("script", "style", "template"):
            self._skip -= 1

    def handle_data(self, data):
        if self._depth and not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def shown_text(site: Path, url: str) -> str:
    path = site / url / "index.html"
    assert path.is_file(), f"/{url} was not built"
    parser = ArticleText(path.read_text(encoding="utf-8"))
    assert parser.found == 1, f"/{url} should have exactly one .registre-article block"
    return parser.text


# --- the seeds, cut into articles ---------------------------------------------


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def clauses(convention: dict) -> list[dict]:
    """Every article and annex article in document order, with its URL and the headings around it."""
    found = []
    for article in convention["articles"]:
        found.append(
            {
                "kind": "article",
                "url": f"article-{article['number'].lower()}",
                "article": article,
                "heading": article["heading"],
            }
        )
    for annex in convention.get("annexes", []):
        found.append({"kind": "annex", "annex": annex, "heading": annex["heading"]})
        for article in annex["articles"]:
            found.append(
                {
                    "kind": "article",
                    "article": article,
                    "heading": article["heading"],
                    "url": f"annexe-{annex['number'].lower()}-article-{article['number'].lower()}",
                }
            )
    return found


def cut_seed(convention: dict) -> dict[str, str]:
    """Normalised seed text following each heading, up to the next heading (or the end of the document)."""
    referent = convention.get("referent") or {}
    masked = [referent[key] for key in ("name", "phone", "email") if referent.get(key) and not referent.get("publish")]
    seed = normalise_seed((CONTENT / convention["source"]["file"]).read_text(encoding="utf-8"), masked)
    positions = []
    cursor = 0
    for clause in clauses(convention):
        heading = compact(clause["heading"])
        start = seed.find(heading, cursor)
        assert start >= 0, f"heading {clause['heading']!r} not found in the seed after position {cursor}"
        positions.append((clause, start, start + len(heading)))
        cursor = start + len(heading)
    segments = {}
    for index, (clause, _, end) in enumerate(positions):
        following = positions[index + 1][1] if index + 1 < len(positions) else len(seed)
        key = clause["url"] if clause["kind"] == "article" else f"annex-{clause['annex']['number']}"
        segments[key] = seed[end:following]
    return segments


def cases() -> list[tuple[str, str]]:
    return [
        (convention["id"], clause["url"])
        for convention in (load(path) for path in sorted((CONTENT / "conventions").glob("*.yaml")))
        for clause in clauses(convention)
        if clause["kind"] == "article"
    ]


def last_of_main_body(convention: dict) -> str:
    return f"article-{convention['articles'][-1]['number'].lower()}"


def article_at(convention: dict, url: str) -> dict:
    return next(clause["article"] for clause in clauses(convention) if clause.get("url") == url)


def seed_for(convention: dict, url: str) -> str:
    """The seed's text of one article; the signature block that follows the main body is not part of it."""
    segment = cut_seed(convention)[url]
    closing = compact(convention.get("closing") or "")
    if closing and url == last_of_main_body(convention):
        assert segment.endswith(closing), f"the signature block should follow {url} in the seed"
        segment = segment[: -len(closing)]
    return segment


# --- the tests -----------------------------------------------------------------


def test_both_seeds_are_covered():
    ids = {convention_id for convention_id, _ in cases()}
    assert ids == {"smica-severac-2026cv4", "tarn-et-garonne-deux-rives"}
    assert len(cases()) == 6 + 10 + 6 + 5


#: SHA-256 of the two seed documents' text as extracted from the signed PDFs
SEED_DIGESTS = {
    "2026cv4.txt": "f750a6dd37ecb280f5aa9f534c9770650b73e186cc44fbd3175c2b582750d39a",
    "tarn-et-garonne-deux-rives.txt": "abb1e7357215ec83b82d4ac0f26f7c2d0536b6dc95c4a10c42661995d1ea5693",
}


def test_fixture_sources_are_the_seed_documents():
    found = {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted((CONTENT / "sources").glob("*.txt"))
    }
    assert found == SEED_DIGESTS


@pytest.mark.parametrize(("convention_id", "url"), cases())
def test_article_page_shows_the_seed_text(built_site, convention_id, url):
    convention = load(CONTENT / "conventions" / f"{convention_id}.yaml")
    expected = seed_for(convention, url)
    shown = compact(shown_text(built_site, f"conventions/{convention_id}/{url}"))
    if (article_at(convention, url).get("transcription") or {}).get("kind") == "table_rebuilt":
        # A tariff grid the PDF's text extraction jumbles: row labels, the category header and the amounts
        # come out of order and split from each other, so the text cannot be compared in order. What must
        # be faithful is every price: the same amounts, each as many times as printed.
        assert (convention_id, url) == ("tarn-et-garonne-deux-rives", "annexe-2-article-d")
        seed_amounts = Counter(AMOUNT.findall(_spaced(cut_seed_raw(convention, url))))
        shown_amounts = Counter(AMOUNT.findall(_spaced(shown_text(built_site, f"conventions/{convention_id}/{url}"))))
        assert sum(seed_amounts.values()) == 11 + 11 + 5 * 11
        assert shown_amounts == seed_amounts
        return
    assert expected, f"no seed text found for {convention_id}/{url}"
    assert shown == expected, _difference(shown, expected)


def test_signature_blocks_are_shown_on_the_convention_page(built_site):
    for path in sorted((CONTENT / "conventions").glob("*.yaml")):
        convention = load(path)
        closing = convention.get("closing")
        assert closing, convention["id"]
        page = (built_site / "conventions" / convention["id"] / "index.html").read_text(encoding="utf-8")
        lines = [line for line in closing.splitlines() if line.strip()]
        assert all(line.strip() in page for line in lines), convention["id"]


def test_normalisation_keeps_real_differences():
    """The comparison is not blind: a changed word, a dropped sentence or an unmasked name are all seen."""
    seed = "Article 1 : Objet\n\uf0b7 Les parties\nconviennent.\n- TEL : 05 63 29 92 37\n"
    assert normalise_seed(seed, ["05 63 29 92 37"]) == compact(
        f"Article 1 : Objet Les parties conviennent. TEL : {MASK}"
    )
    assert normalise_seed(seed, []) != normalise_seed(seed, ["05 63 29 92 37"])
    assert compact("Les parties convienent.") != compact("Les parties conviennent.")
    assert normalise_seed("o mot\nmot o suite\n", []) == "motmotosuite"
    parser = ArticleText(
        '<div class="registre-article"><ol start="2"><li>a</li><li>b</li></ol><ul><li>c</li></ul>'
        "<div>d</div></div><p>hors</p>"
    )
    assert compact(parser.text) == "2.a3.bcd"


# --- helpers -------------------------------------------------------------------


def cut_seed_raw(convention: dict, url: str) -> str:
    """The seed's raw text (spaces kept) between an article's heading and the next heading."""
    text = (CONTENT / convention["source"]["file"]).read_text(encoding="utf-8")
    headings = [clause["heading"] for clause in clauses(convention)]
    urls = [clause.get("url") for clause in clauses(convention)]
    index = urls.index(url)
    flexible = [r"\s*".join(map(re.escape, compact(heading))) for heading in headings]
    start = re.search(flexible[index], text)
    assert start, headings[index]
    end = re.search(flexible[index + 1], text[start.end() :]) if index + 1 < len(headings) else None
    return text[start.end() : start.end() + end.start()] if end else text[start.end() :]


def _spaced(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _difference(shown: str, expected: str) -> str:
    common = 0
    while common < min(len(shown), len(expected)) and shown[common] == expected[common]:
        common += 1
    return (
        f"first difference at character {common}:\n"
        f"  page: …{shown[max(0, common - 60) : common + 80]}\n"
        f"  seed: …{expected[max(0, common - 60) : common + 80]}"
    )
