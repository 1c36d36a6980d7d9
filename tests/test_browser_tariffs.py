"""The calculator in real headless Chromium: keyboard only, totals checked against the published grid, state in
the URL, graceful without JavaScript, accessible, and safe with hostile labels."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import served
from helpers import NBSP, NNBSP, axe_violations, euros, replace_in

pytestmark = pytest.mark.browser

TARIFF = "tarifs/stockage-sauvegarde-mutualisee/"


def grid_cell(page, anchor: str) -> Decimal:
    return euros(page.locator(f"td#{anchor}").inner_text())


def total(page, name: str) -> str:
    return page.locator(f"#estimation td[data-total={name}]").inner_text()


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id: str, limit: int = 200) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return
    raise AssertionError(f"#{element_id} is not reachable with Tab")


def choose_by_keyboard(page) -> None:
    """Category 3, 2 To, 12 users, GFU, 12 months: Tab, arrow keys and typing only."""
    tab_to(page, "champ-categorie")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert focused_id(page) == "champ-volume"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert focused_id(page) == "champ-utilisateurs"
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    assert focused_id(page) == "champ-gfu"
    page.keyboard.press("Space")  # GFU is checked by default: off, then on again
    assert not page.locator("#champ-gfu").is_checked()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert focused_id(page) == "champ-mois"
    page.keyboard.press("Control+A")
    page.keyboard.type("12")


def test_keyboard_estimate_matches_the_published_grid(page, site_url):
    page.goto(site_url + TARIFF)
    choose_by_keyboard(page)
    assert page.locator("#champ-categorie").input_value() == "3"
    assert page.locator("#champ-volume").input_value() == "2"
    assert page.locator("#champ-gfu").is_checked()
    # The figure a finance officer computes from the grid printed on the same page.
    per_user = (
        grid_cell(page, "grille-2022-11-14-netexplorer-2-3")
        + grid_cell(page, "grille-2022-11-14-gfu-of-3")
        + grid_cell(page, "grille-2022-11-14-gfu-exploitant-3")
    )
    assert per_user == Decimal("23.40")  # 12,96 + 8,64 + 1,80
    assert euros(total(page, "period")) == per_user * 12 == Decimal("280.80")
    assert total(page, "period") == f"280,80{NBSP}€"
    assert total(page, "year") == f"3{NNBSP}369,60{NBSP}€"
    assert total(page, "periods") == f"3{NNBSP}369,60{NBSP}€"
    summary = page.locator("#estimation .registre-estimate__summary").inner_text()
    assert "280,80" in summary and "par mois TTC" in summary
    rows = page.locator("#estimation tbody tr")
    assert rows.count() == 3
    for index, (anchor, unit) in enumerate(
        [("gfu-of-3", "8,64"), ("gfu-exploitant-3", "1,80"), ("netexplorer-2-3", "12,96")]
    ):
        row = rows.nth(index)
        link = row.locator("a")
        assert link.get_attribute("href") == f"#grille-2022-11-14-{anchor}"
        assert page.locator(f"td#grille-2022-11-14-{anchor}").inner_text() == f"{unit}{NBSP}€"
        assert f"{unit}{NBSP}€" in row.inner_text()
    assert "Catégorie 3, Volume NetExplorer 2 To" in rows.nth(2).inner_text()


def test_the_url_keeps_the_estimate(page, site_url):
    page.goto(site_url + TARIFF)
    choose_by_keyboard(page)
    page.keyboard.press("Tab")
    query = parse_qs(urlsplit(page.url).query)
    assert {key: values[0] for key, values in query.items() if key != "date"} == {
        "categorie": "3",
        "volume": "2",
        "utilisateurs": "12",
        "gfu": "oui",
        "mois": "12",
    }
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", query["date"][0])
    shared = page.url
    page.reload()
    assert total(page, "period") == f"280,80{NBSP}€"
    assert page.locator("#champ-categorie").input_value() == "3"
    # The shared link in another browser session, and the link the calculator offers.
    other = page.context.browser.new_context(locale="fr-FR")
    try:
        tab = other.new_page()
        tab.goto(shared)
        assert tab.locator("#estimation td[data-total=year]").inner_text() == f"3{NNBSP}369,60{NBSP}€"
        offered = tab.locator("#estimation .registre-estimate__share a").get_attribute("href")
        assert parse_qs(offered.lstrip("?")) == query
    finally:
        other.close()


def test_a_shared_link_without_gfu_over_36_months(page, site_url):
    page.goto(site_url + TARIFF + "?categorie=3&volume=2&utilisateurs=12&gfu=non&mois=36&date=2026-11-22")
    assert page.locator("#estimation tbody tr").count() == 1
    assert total(page, "period") == f"155,52{NBSP}€"
    assert total(page, "periods") == f"5{NNBSP}598,72{NBSP}€"
    assert "pour 36 mois" in page.locator("#estimation tfoot").inner_text()


def test_wrong_inputs_are_explained(page, site_url):
    page.goto(site_url + TARIFF + "?utilisateurs=12&date=2020-01-01")
    assert (
        "aucune version de la grille n’est en vigueur le 1er janvier 2020" in page.locator("#estimation").inner_text()
    )
    page.fill("#champ-date", "2026-11-22")
    page.fill("#champ-utilisateurs", "")
    message = page.locator("#estimation").inner_text()
    assert "« Nombre d’utilisateurs » : indiquez un nombre entier de 0 à 100\u202f000." in message
    page.fill("#champ-utilisateurs", "2")
    assert total(page, "period") == f"44,40{NBSP}€"  # category 1, 1 To: 2 × (9,60 + 1,80 + 10,80)


def test_calculator_is_labelled_and_announced(page, site_url):
    page.goto(site_url + TARIFF)
    detail = page.locator("#estimation")
    assert page.locator("#estimation-annonce").get_attribute("aria-live") == "polite"
    assert detail.locator("table caption").inner_text().startswith("Détail de l’estimation")
    controls = page.locator(".registre-calculator form select, .registre-calculator form input")
    assert controls.count() == 6
    for index in range(controls.count()):
        control = controls.nth(index)
        label = control.evaluate("element => element.labels.length ? element.labels[0].textContent.trim() : ''")
        assert label, control.get_attribute("name")
    assert page.locator(".registre-calculator").is_visible()
    assert not page.locator("noscript p").is_visible()


def test_no_request_leaves_the_site(page, site_url):
    page.goto(site_url + TARIFF)
    page.wait_for_load_state("networkidle")
    assert page.requested and all(url.startswith(site_url) for url in page.requested)
    scripts = [url.removeprefix(site_url) for url in page.requested if "/registre/tarifs-" in url]
    assert scripts == ["assets/registre/tarifs-moteur.js", "assets/registre/tarifs-calculateur.js"]
    assert not any(re.search(r"/tarifs/.*\.js$", url) for url in page.requested)  # the data is in the page


def test_without_the_engine_or_its_data_the_calculator_stays_hidden(browser, site_url):
    """An engine that did not load, or data it cannot read, leave the page as without JavaScript: the grid only."""

    def unknown_format(route):
        response = route.fetch()
        body = response.text().replace('"format":1,', '"format":99,', 1)
        assert body != response.text()
        route.fulfill(response=response, body=body)

    for name, pattern, handler in [
        ("no engine", "**/tarifs-moteur.js", lambda route: route.abort()),
        ("unknown data format", "**/" + TARIFF, unknown_format),
    ]:
        context = browser.new_context(locale="fr-FR")
        try:
            tab = context.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            tab.route(pattern, handler)
            tab.goto(site_url + TARIFF)
            tab.wait_for_load_state("load")
            assert not tab.locator(".registre-calculator").is_visible(), name
            assert tab.locator("td#grille-2022-11-14-netexplorer-2-3").inner_text() == f"12,96{NBSP}€"
            assert not errors, name
        finally:
            context.close()


def test_tariff_pages_pass_axe(page, site_url):
    for url in (
        TARIFF + "?categorie=3&volume=2&utilisateurs=12&gfu=oui&mois=12",
        "tarifs/",
        "tarifs/smica-severac-2026cv4-remuneration/",
    ):
        page.goto(site_url + url)
        assert axe_violations(page) == [], url


def test_without_javascript_the_grid_stays_readable(browser, site_url):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        tab = context.new_page()
        tab.goto(site_url + TARIFF)
        notice = tab.locator("noscript p")
        assert notice.is_visible() and "Le calculateur a besoin de JavaScript" in notice.inner_text()
        assert not tab.locator(".registre-calculator").is_visible()
        assert tab.locator("td#grille-2022-11-14-netexplorer-2-3").inner_text() == f"12,96{NBSP}€"
    finally:
        context.close()


def serve(site):
    """Serve a built site on a loopback port for the time of a fixture: yields its URL."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A copy of the project whose NetExplorer grid label holds a </script>, built and served."""
    from generator.publishing.publish import build_site

    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    replace_in(
        project,
        "content/tariffs/stockage-sauvegarde-mutualisee.yaml",
        "label: Tarif NetExplorer (€ TTC/mois) — NetExplorer (hors GFU)",
        "label: 'Net </script><script>window.pwned=1</script> & <b>co</b>'",
    )
    replace_in(project, "mkdocs.yml", "  - registre\n", "  - registre:\n      search: false\n")
    site = project / "site"
    build_site(project / "mkdocs.yml", site)
    yield from serve(site)


def test_a_script_in_a_label_cannot_break_out(browser, hostile_site):
    context = browser.new_context(locale="fr-FR")
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(hostile_site + TARIFF + "?categorie=3&volume=2&utilisateurs=12&gfu=oui&mois=12&date=2026-11-22")
        assert tab.evaluate("window.pwned") is None
        assert not errors
        label = "Net </script><script>window.pwned=1</script> & <b>co</b>"
        assert tab.locator("#estimation tbody tr").nth(2).locator("th").inner_text() == label
        assert label in tab.locator(".registre-grid caption").nth(2).inner_text()
        assert tab.locator("#estimation td[data-total=period]").inner_text() == f"280,80{NBSP}€"
        assert tab.locator("article b").count() == 0
    finally:
        context.close()


@pytest.fixture(scope="module")
def more_tariffs_site(tmp_path_factory):
    """A copy of the project with a yearly grid and a grid with two versions (tests/test_tariff_js.py), built
    and served."""
    from test_tariff_js import add_tariffs

    from generator.publishing.publish import build_site

    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("more-tariffs") / "project")
    add_tariffs(project)
    replace_in(project, "mkdocs.yml", "  - registre\n", "  - registre:\n      search: false\n")
    site = project / "site"
    build_site(project / "mkdocs.yml", site)
    yield from serve(site)


def test_a_yearly_grid_counts_in_years(page, more_tariffs_site):
    page.goto(
        more_tariffs_site + "tarifs/abonnement-annuel/?formule=complet&sites=2&postes=3&support=oui&annees=3"
        "&date=2026-11-22"
    )
    assert page.locator("label[for=champ-annees]").inner_text() == "Nombre d’années"
    assert page.locator("#champ-postes").input_value() == "3" and page.locator("#champ-support").is_checked()
    assert total(page, "period") == total(page, "year") == f"29{NNBSP}998,23{NBSP}€"
    assert total(page, "periods") == f"89{NNBSP}994,69{NBSP}€"
    summary = page.locator("#estimation .registre-estimate__summary").inner_text()
    assert "par an HT" in summary and "pour 3 ans" in summary
    rows = page.locator("#estimation tbody tr")
    assert rows.count() == 3
    single = rows.nth(0)
    assert single.locator("a").inner_text() == "montant unique"
    assert single.locator("a").get_attribute("href") == "#grille-2024-01-01-forfait"
    assert page.locator("td#grille-2024-01-01-forfait").inner_text() == f"12{NNBSP}500,00{NBSP}€"
    assert "Prix unitaire par an" in page.locator("#estimation thead").inner_text()
    page.fill("#champ-annees", "1")
    assert "pour 1 an." in page.locator("#estimation .registre-estimate__summary").inner_text()
    assert parse_qs(urlsplit(page.url).query)["annees"] == ["1"]


def test_more_tariff_pages_pass_axe(page, more_tariffs_site):
    for url in (
        "tarifs/abonnement-annuel/?formule=complet&sites=2&postes=3&support=oui&annees=3",
        "tarifs/hebergement-deux-versions/?palier=b&comptes=10&mois=12&date=2024-06-30",
    ):
        page.goto(more_tariffs_site + url)
        assert axe_violations(page) == [], url


def test_the_date_chooses_the_version_in_force(page, more_tariffs_site):
    page.goto(more_tariffs_site + "tarifs/hebergement-deux-versions/?palier=b&comptes=10&mois=12&date=2024-06-30")
    version = page.locator("#estimation .registre-estimate__version")
    assert total(page, "period") == f"29,00{NBSP}€"
    assert "version en vigueur depuis le 1er janvier 2023 et jusqu’au 30 juin 2024" in version.inner_text()
    assert version.locator("a").get_attribute("href") == "#grille-2023-01-01"
    assert page.locator("#grille-2023-01-01").count() == 1
    assert page.locator("#estimation tbody a").get_attribute("href") == "#grille-2023-01-01-hebergement-b"
    page.fill("#champ-date", "2024-07-01")  # the first day of the second version
    assert total(page, "period") == f"30,50{NBSP}€"
    assert total(page, "periods") == f"366,00{NBSP}€"
    assert "depuis le 1er juillet 2024 et jusqu’au 31 décembre 2026" in version.inner_text()
    assert version.locator("a").get_attribute("href") == "#grille-2024-07-01"
    assert page.locator("td#grille-2024-07-01-hebergement-b").inner_text() == f"3,05{NBSP}€"
    page.fill("#champ-date", "2027-01-01")
    message = page.locator("#estimation").inner_text()
    assert "aucune version de la grille n’est en vigueur le 1er janvier 2027" in message


def live_regions_changed_while(page, action) -> dict[str, int]:
    """How many times each live region of the page (by id) changed while `action` ran and the page settled."""
    page.evaluate(
        """() => {
          window.liveChanges = {};
          document.querySelectorAll("[aria-live], [role=status], [role=alert]").forEach((region, index) => {
            const name = region.id || "region-" + index;
            new MutationObserver(() => { window.liveChanges[name] = (window.liveChanges[name] || 0) + 1; })
              .observe(region, {childList: true, subtree: true, characterData: true});
          });
        }"""
    )
    action()
    page.wait_for_timeout(1500)
    return page.evaluate("window.liveChanges")


def test_typing_announces_only_the_total_once_typing_pauses(page, site_url):
    page.goto(site_url + TARIFF + "?categorie=3&volume=2&utilisateurs=1&gfu=oui&mois=12&date=2026-11-22")
    detail = page.locator("#estimation")
    assert detail.evaluate("node => node.closest('[aria-live], [role=status]') === null")
    assert detail.locator("[aria-live], [role=status]").count() == 0
    announce = page.locator("#estimation-annonce")
    assert announce.get_attribute("aria-live") == "polite" and announce.get_attribute("role") == "status"
    assert announce.inner_text() == ""  # nothing is announced on arrival

    def type_twelve():
        page.locator("#champ-utilisateurs").press("Control+A")
        page.locator("#champ-utilisateurs").press_sequentially("12", delay=60)

    changes = live_regions_changed_while(page, type_twelve)
    assert changes == {"estimation-annonce": 1}  # one announcement, after the last keystroke
    summary = page.locator("#estimation .registre-estimate__summary").inner_text()
    assert announce.text_content() == summary
    assert summary.startswith("Estimation : 280,80") and "table" not in announce.inner_html()


def test_an_invalid_field_is_marked_and_tied_to_its_message(page, site_url):
    page.goto(site_url + TARIFF)
    field = page.locator("#champ-utilisateurs")
    assert field.get_attribute("aria-invalid") is None
    page.fill("#champ-utilisateurs", "-3")
    assert field.get_attribute("aria-invalid") == "true"
    ids = field.get_attribute("aria-describedby").split()
    messages = [page.locator(f"#{name}").inner_text() for name in ids]
    expected = "« Nombre d’utilisateurs » : indiquez un nombre entier de 0 à 100\u202f000."
    assert expected in messages
    assert page.locator(f"#{ids[messages.index(expected)]}").is_visible()
    page.fill("#champ-utilisateurs", "12")
    assert field.get_attribute("aria-invalid") is None
    assert field.get_attribute("aria-describedby") is None
    # the number of months keeps its help text, and adds the error while it is wrong
    page.fill("#champ-mois", "0")
    assert page.locator("#champ-mois").get_attribute("aria-describedby") == "erreur-champ-mois aide-mois"
    page.fill("#champ-mois", "12")
    assert page.locator("#champ-mois").get_attribute("aria-describedby") == "aide-mois"


def test_the_date_is_written_the_french_way(page, site_url):
    page.goto(site_url + TARIFF + "?utilisateurs=12&date=2026-11-22")
    date = page.locator("#champ-date")
    assert date.input_value() == "22/11/2026"
    assert "jj/mm/aaaa" in page.locator("#aide-date").inner_text()
    page.fill("#champ-date", "14/11/2022")
    assert "Grille appliquée le 14 novembre 2022" in page.locator("#estimation").inner_text()
    assert parse_qs(urlsplit(page.url).query)["date"] == ["2022-11-14"]
    page.fill("#champ-date", "31/02/2026")
    assert date.get_attribute("aria-invalid") == "true"
    assert "jj/mm/aaaa" in page.locator("#erreur-champ-date").inner_text()


def test_the_form_has_no_empty_action(page, site_url):
    page.goto(site_url + TARIFF)
    assert page.locator(".registre-calculator form").get_attribute("action") is None
