"""Markdown written in the data cannot run script, add handlers or load resources from other hosts."""

from __future__ import annotations

import json
import re

import markdown
import pytest

EXTENSIONS = ["attr_list", "tables", "generator.publishing.sanitize"]


def render(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "text",
    [
        "[ici](javascript:alert(1))",
        "[ici](JavaScript:alert(1))",
        "[ici]( javascript:alert(1))",
        "[ici](data:text/html,<script>alert(1)</script>)",
        "[ici](vbscript:msgbox)",
    ],
)
def test_script_links_lose_their_target(text):
    html = render(text)
    assert "href" not in html and "ici" in html


def test_attribute_lists_cannot_add_handlers_or_styles():
    html = render('Texte\n{: onmouseover="alert(1)" style="background:url(https://evil.example/x)" #ok }')
    assert "onmouseover" not in html and "evil.example" not in html and 'id="ok"' in html


@pytest.mark.parametrize("source", ["https://evil.example/pixel.png", "//evil.example/pixel.png"])
def test_images_from_other_hosts_are_replaced_by_their_text(source):
    html = render(f"![pixel]({source})")
    assert "<img" not in html and "evil.example" not in html and "pixel" in html


def test_ordinary_markdown_is_kept():
    html = render(
        "[article 3](../article-3/) et [site](https://example.org/) ![logo](logo.png)\n\n"
        "| a | b |\n|:-:|--|\n| 1 | 2 |\n"
    )
    assert 'href="../article-3/"' in html and 'href="https://example.org/"' in html
    assert '<img alt="logo" src="logo.png"' in html
    assert 'class="registre-align-center"' in html and "style=" not in html


def test_hostile_summary_is_inert_on_the_built_page(project, tmp_path):
    from generator.publishing.publish import build_site

    path = project / "content/conventions/smica-severac-2026cv4.yaml"
    hostile = 'summary: "[ici](javascript:alert(1)) ![x](https://evil.example/p.png) {: onclick=alert(1) }"'
    path.write_text(
        re.sub(r"^summary: .*$", hostile, path.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8"
    )
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site)
    html = (site / "conventions/smica-severac-2026cv4/index.html").read_text(encoding="utf-8")
    assert "ici" in html
    assert "javascript:" not in html.lower()
    assert "evil.example" not in html
    assert not re.search(r"<[^>]*\sonclick=", html)  # shown as text at most, never an attribute


def test_hostile_convention_title_builds_no_markup_on_the_built_pages(project, tmp_path):
    """A title is text: its Markdown builds nothing, not even inside the `title` attribute of a notice's source
    links (there Python-Markdown would build a link the sanitiser never sees, breaking out of the attribute)."""
    from html.parser import HTMLParser

    from generator.publishing.publish import build_site

    title = (
        "[a](https://x.invalid/autofocus/onfocus=window.__pwned=3//) ![i](https://evil.invalid/i.png) *b* `c` "
        '" onmouseover="alert(1) <img src=x onerror=alert(2)>'
    )
    path = project / "content/conventions/tarn-et-garonne-deux-rives.yaml"
    path.write_text(
        re.sub(
            r"^title: .*$",
            lambda _: f"title: {json.dumps(title)}",
            path.read_text(encoding="utf-8"),
            count=1,
            flags=re.M,
        ),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build_site(project / "mkdocs.yml", site)

    class Elements(HTMLParser):
        """Start tags with their attributes, and the elements inside the first `<h1>` with its text."""

        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.found: list[tuple[str, dict]] = []
            self.heading: list[str] | None = None
            self.heading_text, self.heading_done = "", False

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))
            if self.heading is not None and not self.heading_done:
                self.heading.append(tag)
            if tag == "h1" and self.heading is None:
                self.heading = []

        def handle_endtag(self, tag):
            if tag == "h1":
                self.heading_done = True

        def handle_data(self, data):
            if self.heading is not None and not self.heading_done:
                self.heading_text += data

    for page in ("donnees-personnelles/bouquet-services-referents/", "conventions/tarn-et-garonne-deux-rives/"):
        parser = Elements()
        parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
        attributes = {name for _, attrs in parser.found for name in attrs}
        assert not {name for name in attributes if name.startswith("on")} and "autofocus" not in attributes, page
        targets = [attrs.get("href") or attrs.get("src") or "" for tag, attrs in parser.found if tag in ("a", "img")]
        assert not [target for target in targets if ".invalid" in target], page
        if page.startswith("conventions/"):
            assert parser.heading == [] and parser.heading_text == title  # no link, image, emphasis or code
    notice = Elements()
    notice.feed((site / "donnees-personnelles/bouquet-services-referents/index.html").read_text(encoding="utf-8"))
    origins = [
        attrs["title"]
        for tag, attrs in notice.found
        if tag == "a" and "title" in attrs and attrs.get("href", "").startswith("../../conventions/")
    ]
    assert origins and set(origins) == {title}
