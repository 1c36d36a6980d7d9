"""The built site is whole: the sitemap lists every page and only pages, and `404.html` exists.

(Every internal link and anchor is checked by tests/test_build_site.py.)
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from helpers import base_url

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def html_pages(site: Path) -> set[str]:
    """Site-relative URL of every HTML page MkDocs wrote (directory URLs), the 404 page excepted."""
    urls = set()
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative == "404.html" or relative.startswith(("pagefind/", "admin/")):
            continue
        urls.add(relative[: -len("index.html")] if relative.endswith("index.html") else relative)
    return urls


def sitemap_urls(site: Path) -> list[str]:
    tree = ET.parse(site / "sitemap.xml")
    return [element.text.strip() for element in tree.getroot().findall("s:url/s:loc", SITEMAP_NS)]


def test_sitemap_lists_every_page(built_site):
    base = base_url()
    listed = sitemap_urls(built_site)
    assert all(url.startswith(base) for url in listed), [url for url in listed if not url.startswith(base)]
    relative = [url[len(base) :] for url in listed]
    assert len(relative) == len(set(relative)), "a page is listed twice"
    missing = sorted(html_pages(built_site) - set(relative))
    assert missing == [], f"pages missing from the sitemap: {missing}"


def test_sitemap_lists_only_pages_that_exist(built_site):
    base = base_url()
    for url in sitemap_urls(built_site):
        relative = url[len(base) :]
        target = (
            built_site / relative / "index.html" if relative.endswith("/") or not relative else built_site / relative
        )
        assert target.is_file(), f"{url} is in the sitemap but {target.relative_to(built_site)} does not exist"


def test_sitemap_does_not_list_the_404_page(built_site):
    assert not any(url.endswith("404.html") for url in sitemap_urls(built_site))


def test_compressed_sitemap_is_the_sitemap(built_site):
    compressed = gzip.decompress((built_site / "sitemap.xml.gz").read_bytes())
    assert compressed == (built_site / "sitemap.xml").read_bytes()


def test_404_page_exists_and_is_a_page_of_the_site(built_site):
    page = built_site / "404.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert '<html lang="fr"' in html
    assert "404" in html
    # Served from any depth, its links must not be relative to the folder it was requested from.
    assert 'href="/' in html or f'href="{base_url()}' in html or "<base " in html
