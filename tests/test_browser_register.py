"""The built register in real headless Chromium: navigation, Pagefind search, no foreign request, axe-core."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect  # noqa: E402

pytestmark = pytest.mark.browser

SMICA = "smica-severac-2026cv4"
TARN = "tarn-et-garonne-deux-rives"
RESULT = ".pagefind-ui__result"


def assert_only_local_requests(page, site_url: str) -> None:
    assert page.requested, "the page requested nothing: the recording is broken"
    foreign = [url for url in page.requested if not url.startswith(site_url) and not url.startswith(("data:", "blob:"))]
    assert foreign == []


def open_page(page, site_url: str, path: str) -> None:
    response = page.goto(site_url + path)
    assert response is not None and response.ok, f"/{path} answered {response and response.status}"


def search_results(page, minimum: int = 1):
    """The results once loaded: Pagefind first draws placeholders, then fills each result in."""
    expect(page.locator(f"{RESULT} .pagefind-ui__result-link").nth(minimum - 1)).to_be_visible(timeout=15000)
    expect(page.locator(f"{RESULT} .pagefind-ui__loading")).to_have_count(0, timeout=15000)
    return page.locator(RESULT)


def result_links_until(page, wanted: list[str], attempts: int = 10) -> list[str]:
    """Result links, loading more results (Pagefind shows them by fives) until every wanted one is there."""
    links: list[str] = []
    for _ in range(attempts):
        links = page.locator(f"{RESULT} a").evaluate_all("links => links.map(link => link.href)")
        if all(any(part in link for link in links) for part in wanted):
            break
        more = page.locator(".pagefind-ui__button")
        if more.count() == 0 or not more.first.is_visible():
            break
        before = page.locator(RESULT).count()
        more.first.click()
        expect(page.locator(RESULT)).not_to_have_count(before)
        search_results(page)
    return links


# --- navigation --------------------------------------------------------------


def test_from_home_to_a_convention_then_an_article(page, site_url):
    open_page(page, site_url, "")
    expect(page.locator("h1")).to_have_text("Registre des conventions")
    page.locator("main table").get_by_role("link", name="Convention (référence 2026CV4)").click()
    expect(page).to_have_url(f"{site_url}conventions/{SMICA}/")
    expect(page.locator("h1")).to_contain_text("2026CV4")

    page.locator("main").locator('a[href="article-3/"]').first.click()
    expect(page).to_have_url(f"{site_url}conventions/{SMICA}/article-3/")
    expect(page.locator("h1")).to_have_text("Article n° 3 : Durée de la convention")
    breadcrumb = page.get_by_role("navigation", name="Fil d’Ariane")
    expect(breadcrumb.locator("li")).to_have_text(["Accueil", "Conventions", re.compile("2026CV4"), "Article 3"])
    expect(breadcrumb.locator('[aria-current="page"]')).to_have_text("Article 3")
    expect(page.locator(".registre-article")).to_contain_text("préavis de deux mois")

    # The breadcrumb leads back to the convention, at the article's anchor on its full text.
    breadcrumb.get_by_role("link", name=re.compile("2026CV4")).click()
    expect(page).to_have_url(f"{site_url}conventions/{SMICA}/")
    expect(page.locator("#article-3")).to_be_visible()
    assert_only_local_requests(page, site_url)


def test_article_pages_link_previous_and_next(page, site_url):
    open_page(page, site_url, f"conventions/{TARN}/article-10/")
    pager = page.get_by_role("navigation", name="Articles précédent et suivant")
    expect(pager.locator('a[rel="prev"]')).to_contain_text("Article 9")
    pager.locator('a[rel="next"]').click()
    expect(page).to_have_url(f"{site_url}conventions/{TARN}/annexe-1-article-1/")
    expect(page.locator("h1")).to_have_text("ARTICLE 1 - CONDITIONS D’UTILISATION")
    assert_only_local_requests(page, site_url)


def test_masked_referent_in_the_browser(page, site_url):
    open_page(page, site_url, f"conventions/{TARN}/article-3/")
    text = page.locator(".registre-article").inner_text()
    assert "[donnée personnelle occultée]" in text
    assert "ALLARD" not in text.upper()


# --- search ------------------------------------------------------------------


def test_search_for_preavis_finds_both_conventions(page, site_url):
    open_page(page, site_url, "recherche/?q=préavis")
    search_results(page)
    links = result_links_until(page, [f"/conventions/{SMICA}/", f"/conventions/{TARN}/"])
    assert any(f"/conventions/{SMICA}/" in link for link in links), links
    assert any(f"/conventions/{TARN}/" in link for link in links), links
    assert all(link.startswith(site_url) for link in links)
    assert_only_local_requests(page, site_url)


def test_search_without_accents_finds_accented_words(page, site_url):
    open_page(page, site_url, "recherche/?q=resiliation")
    results = search_results(page)
    texts = results.all_inner_texts()
    assert any("résiliation" in text.lower() for text in texts), texts
    assert_only_local_requests(page, site_url)


def test_search_with_no_match_says_so(page, site_url):
    open_page(page, site_url, "recherche/?q=zzyzxquux")
    expect(page.locator(".pagefind-ui__message")).to_be_visible(timeout=15000)
    assert page.locator(RESULT).count() == 0


def test_header_search_form_submits_to_the_search_page(page, site_url):
    open_page(page, site_url, f"conventions/{SMICA}/article-1/")
    field = page.locator("#registre-header-search")
    expect(field).to_be_visible()
    field.fill("préavis")
    field.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q="))
    parts = urlsplit(page.url)
    assert f"{parts.scheme}://{parts.netloc}/" == site_url
    assert parts.path == "/recherche/"
    assert parse_qs(parts.query) == {"q": ["préavis"]}
    search_results(page)
    assert_only_local_requests(page, site_url)


def test_home_search_form_submits_to_the_search_page(page, site_url):
    open_page(page, site_url, "")
    page.locator("#home-search").fill("resiliation")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    page.wait_for_url(re.compile(r"/recherche/\?q=resiliation"))
    search_results(page)
    assert_only_local_requests(page, site_url)


# --- accessibility -----------------------------------------------------------

PAGE_KINDS = {
    "accueil": "",
    "liste des conventions": "conventions/",
    "convention": f"conventions/{TARN}/",
    "article": f"conventions/{SMICA}/article-3/",
    "article d’annexe": f"conventions/{TARN}/annexe-2-article-d/",
    "type de clause": "clauses/resiliation/",
    "organisation": "organisations/smica/",
    "service": "services/stockage-sauvegarde/",
    "recherche": "recherche/?q=préavis",
    "mentions légales": "mentions-legales/",
    "accessibilité": "accessibilite/",
    "données ouvertes": "donnees-ouvertes/",
}


@pytest.fixture(scope="module")
def axe():
    return pytest.importorskip("axe_playwright_python.sync_playwright").Axe()


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_accessibility_violation(page, site_url, axe, kind):
    path = PAGE_KINDS[kind]
    open_page(page, site_url, path)
    if path.startswith("recherche/"):
        search_results(page)  # check the page with its results shown
    results = axe.run(page)
    if results.violations_count:
        print(results.generate_report())
    assert results.violations_count == 0, f"{kind} (/{path}): " + "; ".join(
        f"{violation['id']} ({len(violation['nodes'])}): {violation['help']}"
        for violation in results.response["violations"])
    assert_only_local_requests(page, site_url)
