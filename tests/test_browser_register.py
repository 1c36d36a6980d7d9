"""The built register in real headless Chromium: navigation, Pagefind search, no foreign request, axe-core."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

from helpers import axe_violations

pytestmark = pytest.mark.browser

SMICA = "smica-severac-2026cv4"
TARN = "tarn-et-garonne-deux-rives"
RESULT = ".registre-result"
STATUS = "#registre-search-status"


def assert_only_local_requests(page, site_url: str) -> None:
    assert page.requested, "the page requested nothing: the recording is broken"
    foreign = [url for url in page.requested if not url.startswith(site_url) and not url.startswith(("data:", "blob:"))]
    assert foreign == []


def open_page(page, site_url: str, path: str) -> None:
    response = page.goto(site_url + path)
    assert response is not None and response.ok, f"/{path} answered {response and response.status}"


def search_results(page, minimum: int = 1):
    """The results once shown and announced."""
    expect(page.locator(f"{RESULT} .registre-result__link").nth(minimum - 1)).to_be_visible(timeout=15000)
    expect(page.locator(STATUS)).to_contain_text("trouvée", timeout=15000)
    return page.locator(RESULT)


def result_links_until(page, wanted: list[str], attempts: int = 10) -> list[str]:
    """Result links, loading more results (shown by fives) until every wanted one is there."""
    links: list[str] = []
    for _ in range(attempts):
        links = page.locator(f"{RESULT} a").evaluate_all("links => links.map(link => link.href)")
        if all(any(part in link for link in links) for part in wanted):
            break
        more = page.locator(".registre-results__more")
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
    expect(page.locator(STATUS)).to_have_text("Aucune convention ne correspond à « zzyzxquux ».", timeout=15000)
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


def test_results_follow_the_typing_and_stay_in_the_url(page, site_url):
    open_page(page, site_url, "recherche/")
    field = page.get_by_label("Rechercher dans les conventions")
    field.press_sequentially("preavis", delay=120)  # slower than the pause that starts a search
    expect(page.locator(STATUS)).to_have_text("2 conventions trouvées pour « preavis ».", timeout=15000)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["preavis"]}
    excerpts = page.locator(f"{RESULT} .registre-result__excerpt")
    assert excerpts.count() >= 2
    tags = excerpts.evaluate_all("nodes => nodes.flatMap(node => [...node.querySelectorAll('*')].map(e => e.tagName))")
    assert set(tags) == {"MARK"}, "an excerpt holds text and the marks of the words found, nothing else"
    assert "préavis" in [text.lower() for text in page.locator(f"{RESULT} mark").all_inner_texts()]

    field.fill("zzyzxquux")
    expect(page.locator(STATUS)).to_have_text("Aucune convention ne correspond à « zzyzxquux ».", timeout=15000)
    expect(page.locator(RESULT)).to_have_count(0)
    field.fill("")
    expect(page.locator(STATUS)).to_have_text("")
    assert urlsplit(page.url).query == ""


def test_results_shown_while_typing_are_announced_once_typing_pauses(page, site_url):
    open_page(page, site_url, "recherche/")
    page.evaluate("""() => {
      window.announced = [];
      window.listed = [];
      const status = document.getElementById('registre-search-status');
      new MutationObserver(() => window.announced.push(status.textContent))
        .observe(status, {childList: true, characterData: true, subtree: true});
      new MutationObserver(() => document.querySelectorAll('.registre-results').forEach(
          list => window.listed.push(list.getAttribute('data-query'))))
        .observe(document.getElementById('registre-search-results'), {childList: true});
    }""")
    page.get_by_label("Rechercher dans les conventions").press_sequentially("preavis", delay=250)
    expect(page.locator(STATUS)).to_have_text("2 conventions trouvées pour « preavis ».", timeout=15000)
    page.wait_for_timeout(1000)
    assert len(set(page.evaluate("window.listed"))) > 1, "results of the partial words were shown"
    assert page.evaluate("window.announced") == ["2 conventions trouvées pour « preavis »."]


def test_filters_narrow_the_results_and_can_be_shared(page, site_url):
    open_page(page, site_url, "recherche/?q=préavis")
    search_results(page, 2)
    organisation = page.get_by_label("Organisation partie")
    expect(organisation.locator("option", has_text="SMICA (1)")).to_have_count(1)
    organisation.select_option("SMICA")
    expect(page.locator(STATUS)).to_have_text("1 convention trouvée pour « préavis » avec ces filtres.")
    links = page.locator(f"{RESULT} a").evaluate_all("links => links.map(link => link.href)")
    assert links and all(f"/conventions/{SMICA}/" in link for link in links), links
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"q": ["préavis"], "organisation": ["SMICA"]}

    page.goto(shared)
    search_results(page)
    expect(page.get_by_label("Organisation partie")).to_have_value("SMICA")
    expect(page.locator(RESULT)).to_have_count(1)

    # Filters alone ask for a word (Pagefind would download its whole index to answer them).
    page.requested.clear()
    open_page(page, site_url, "recherche/?organisation=SMICA")
    expect(page.locator(STATUS)).to_have_text(
        "Saisissez un mot à rechercher : les filtres affinent les résultats.", timeout=15000
    )
    expect(page.get_by_label("Organisation partie")).to_have_value("SMICA")
    expect(page.locator(RESULT)).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.requested if "/pagefind/index/" in url]
    assert_only_local_requests(page, site_url)


def test_clause_type_labels_are_not_searched_as_text(page, site_url):
    # 2026CV4 has a clause of the « Litiges » type whose text does not use the word.
    open_page(page, site_url, "recherche/?q=litige")
    expect(page.locator(STATUS)).to_have_text("1 convention trouvée pour « litige ».", timeout=15000)
    expect(page.locator(f"{RESULT} .registre-result__link")).to_have_attribute("href", f"/conventions/{TARN}/")


def article_links(page) -> list[str]:
    return page.locator(f"{RESULT} .registre-result__articles a").evaluate_all(
        "links => links.map(link => new URL(link.href).pathname + new URL(link.href).hash)"
    )


def test_clause_type_filter_shows_the_articles_of_that_type(page, site_url):
    def filter_requests() -> list[str]:
        return [url for url in page.requested if "/pagefind/filter/" in url]

    open_page(page, site_url, "recherche/?q=préavis")
    search_results(page, 2)
    clause_type = page.get_by_label("Type de clause")
    # Its values are in the page; Pagefind counts them only once the filter is used.
    expect(clause_type.locator("option", has_text="Résiliation")).to_have_text("Résiliation")
    assert len(filter_requests()) == 2, filter_requests()

    clause_type.select_option("Résiliation")
    expect(page.locator(STATUS)).to_have_text(
        "2 conventions trouvées pour « préavis » avec ces filtres.", timeout=15000
    )
    expect(clause_type.locator("option", has_text="Résiliation")).to_have_text("Résiliation (2)")
    assert len(filter_requests()) == 3, filter_requests()
    # Only the termination articles where « préavis » was found, not the annex heading that also mentions it.
    assert sorted(article_links(page)) == [
        f"/conventions/{SMICA}/#article-3",
        f"/conventions/{TARN}/#annexe-2-article-c",
    ]

    # Words found elsewhere in the convention: its termination articles are listed, without excerpt.
    open_page(page, site_url, "recherche/?q=tribunal&clause=R%C3%A9siliation")
    expect(page.locator(STATUS)).to_have_text(
        "2 conventions trouvées pour « tribunal » avec ces filtres.", timeout=15000
    )
    expect(page.locator(f"{RESULT} .registre-result__excerpt")).to_have_count(0)
    expect(page.locator(f"{RESULT} .registre-result__note").first).to_have_text(
        "Les mots cherchés figurent ailleurs dans cette convention. Ses articles « Résiliation » :"
    )
    assert sorted(article_links(page)) == [
        f"/conventions/{SMICA}/#article-3",
        f"/conventions/{TARN}/#annexe-2-article-c",
        f"/conventions/{TARN}/#article-7",
    ]
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


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_no_accessibility_violation(page, site_url, kind):
    path = PAGE_KINDS[kind]
    open_page(page, site_url, path)
    if path.startswith("recherche/"):
        search_results(page)  # check the page with its results shown
    assert axe_violations(page) == [], f"{kind} (/{path})"
    assert_only_local_requests(page, site_url)
