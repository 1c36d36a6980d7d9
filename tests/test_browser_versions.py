"""A convention's versions in a real Chromium: a version page's marked words and an article's history, their
text alternatives, every link of these pages answered by the server, and axe-core on both."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")

from conftest import copy_project, served
from helpers import add_avenants, axe_violations

CONVENTION = "conventions/smica-severac-2026cv4/"


@pytest.fixture(scope="module")
def amended_url(tmp_path_factory, fixed_build_date):
    """The fixture register with its three avenants, built on the tests' date and served."""
    from generator.publishing.publish import build_site

    root = tmp_path_factory.mktemp("browser-versions")
    project = copy_project(root / "project")
    add_avenants(project)
    site = root / "site"
    build_site(project / "mkdocs.yml", site)
    with served(site) as url:
        yield url


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    yield page
    context.close()


def _links_resolve(tab, base: str) -> list[str]:
    """Every link of the open page that the server does not answer, or whose anchor is missing."""
    hrefs = tab.eval_on_selector_all("main a[href]", "links => links.map(a => a.href)")
    broken = []
    for href in sorted(set(hrefs)):
        if not href.startswith(base):
            continue
        address, _, fragment = href.partition("#")
        response = tab.request.get(address)
        if not response.ok:
            broken.append(f"{href}: {response.status}")
            continue
        if fragment and f'id="{fragment}"' not in response.text():
            broken.append(f"{href}: no #{fragment}")
    return broken


def test_version_page_marks_removed_and_added_words(tab, amended_url):
    tab.goto(amended_url + CONVENTION + "version-2026-10-01/")
    compared = tab.locator("section[aria-labelledby='comparaison-article-3'] .registre-diff")
    deleted = compared.locator("del").first
    inserted = compared.locator("ins").first
    own_words = "e => [...e.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.data).join('')"
    assert deleted.evaluate(own_words) == "3"
    assert inserted.evaluate(own_words) == "4"
    # The text alternatives are in the accessibility tree's text, not on screen.
    assert deleted.text_content() == "[début de suppression] 3 [fin de suppression]"
    assert inserted.text_content() == "[début d’insertion] 4 [fin d’insertion]"
    hidden = deleted.locator(".registre-sr").first
    assert hidden.bounding_box()["width"] <= 1
    # Not colour alone: the removed words are struck through, the added ones underlined.
    assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert _links_resolve(tab, amended_url) == []
    assert axe_violations(tab) == []


def test_article_history_in_the_browser(tab, amended_url):
    tab.goto(amended_url + CONVENTION)
    tab.get_by_role("link", name="rédaction antérieure de l’article 3").click()
    tab.wait_for_url("**/article-3/#historique")
    history = tab.locator("section.registre-history li")
    assert history.count() == 2
    assert "durée de 3 ans" in history.nth(0).inner_text()
    assert "durée de 4 ans" in history.nth(1).inner_text()
    history.nth(0).get_by_role("link").click()
    tab.wait_for_url("**/version-2026-01-01/#article-3")
    assert "Texte signé" in tab.locator("h1").inner_text()
    tab.goto(amended_url + CONVENTION + "article-3/")
    assert _links_resolve(tab, amended_url) == []
    assert axe_violations(tab) == []


def test_versions_list_and_convention_page_links_resolve(tab, amended_url):
    for path in ("versions/", "", "article-6/"):
        tab.goto(amended_url + CONVENTION + path)
        assert _links_resolve(tab, amended_url) == [], path
    tab.goto(amended_url + CONVENTION + "versions/")
    assert axe_violations(tab) == []
