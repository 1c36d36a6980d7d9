"""An organisation's page is its dashboard, with its own calendar; the home page finds an organisation.

Expected values come from the fixture register (tests/fixtures/register), built as of 22 November 2026:
- 2026CV4 (smica-severac-2026cv4): three years from 1 January 2026, so it ends on 31 December 2028; two
  months' notice at any time, so the last day to give notice is 31 October 2028. Séverac is its « membre
  bénéficiaire », the SMICA its « prestataire ».
- tarn-et-garonne-deux-rives: no date of its own; its annex 2 runs two years from 14 November 2022, renewed
  twice for a year (last day 13 November 2026), with two months' notice before each 14 November: deadlines
  on 14 September 2023, 2024, 2025 and 2026, all past. CC Deux Rives is its « établissement public membre ».
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from generator.build import Project, generate
from generator.site.deadlines import fold_content_line
from generator.site.organisation_pages import (
    FINDER_LISTED_UP_TO,
    FINDER_MATCHES_SHOWN,
    ConventionRow,
    most_urgent_first,
    search_key,
)

from conftest import AS_OF, REGISTER, served
from synth import synthesize

SEVERAC = "syndicat-mixte-severac-carrefour-aveyron"
DEUX_RIVES = "cc-deux-rives"
CV4 = "smica-severac-2026cv4"
TARN = "tarn-et-garonne-deux-rives"

#: every deadline of each fixture convention's life, as (date, kind in the UID)
LIFE = {
    CV4: {(dt.date(2028, 10, 31), "preavis"), (dt.date(2028, 12, 31), "fin")},
    TARN: {
        (dt.date(2023, 9, 14), "preavis"),
        (dt.date(2024, 9, 14), "preavis"),
        (dt.date(2025, 9, 14), "preavis"),
        (dt.date(2026, 9, 14), "preavis"),
        (dt.date(2026, 11, 13), "fin"),
    },
}


class _Text(HTMLParser):
    """The text of an HTML fragment, and its links as (text, href)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._link_text = dict(attrs).get("href") or "", []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._link_text).split()), self._href))
            self._href = None
        if tag in {"li", "p", "dd", "dt", "h2", "h3"}:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"[ \t]+", " ", "".join(self.parts))


def section(html: str, heading_id: str) -> _Text:
    """The content of the `<h2 id=heading_id>` section, up to the next `<h2`."""
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("<h2", start + 1)
    parser = _Text()
    parser.feed(html[start : end if end != -1 else len(html)])
    return parser


def dashboard(built_site: Path, organisation: str) -> str:
    return (built_site / "organisations" / organisation / "index.html").read_text(encoding="utf-8")


def test_dashboard_lists_each_convention_with_its_role_status_end_and_next_notice(built_site):
    conventions = section(dashboard(built_site, SEVERAC), "conventions-et-echeances")
    assert ("Convention (référence 2026CV4)", f"../../conventions/{CV4}/") in conventions.links
    lines = [line.strip() for line in conventions.text.splitlines() if line.strip()]
    assert "Préavis à donner avant le 31 octobre 2028" in lines
    assert "membre bénéficiaire" in lines and "En vigueur" in lines and "31/12/2028" in lines

    smica = section(dashboard(built_site, "smica"), "conventions-et-echeances").text
    assert "prestataire" in smica and "Préavis à donner avant le 31 octobre 2028" in smica

    deux_rives = section(dashboard(built_site, DEUX_RIVES), "conventions-et-echeances").text
    assert "établissement public membre" in deux_rives
    assert "annexe 2 : échue" in deux_rives and "13/11/2026 (annexe 2)" in deux_rives
    assert "Aucun préavis à venir" in deux_rives  # its deadlines are all past


def test_dashboard_lists_the_services_their_tariffs_and_the_privacy_notices(built_site):
    severac = section(dashboard(built_site, SEVERAC), "services-et-tarifs").links
    for service in ("ok-acte", "ok-courrier", "ok-helios", "safetender", "gestion-financiere"):
        assert any(href == f"../../services/{service}/" for _, href in severac), service
    assert (
        "Rémunération annuelle du SMICA (convention 2026CV4)",
        "../../tarifs/smica-severac-2026cv4-remuneration/",
    ) in severac

    html = dashboard(built_site, DEUX_RIVES)
    services = section(html, "services-et-tarifs").links
    assert any(href == "../../services/stockage-sauvegarde/" for _, href in services)
    assert any(href == "../../tarifs/stockage-sauvegarde-mutualisee/" for _, href in services)
    notices = section(html, "donnees-personnelles").links
    assert notices == [
        (
            "Référents des membres du bouquet de services numériques",
            "../../donnees-personnelles/bouquet-services-referents/",
        ),
        (
            "Comptes des utilisateurs du bouquet de services numériques",
            "../../donnees-personnelles/bouquet-services-utilisateurs/",
        ),
    ]
    # Séverac's convention has no notice: none of the others' is listed.
    assert section(dashboard(built_site, SEVERAC), "donnees-personnelles").links == []


def test_dashboard_puts_the_most_urgent_convention_first():
    def row(name: str, next_date: dt.date | None) -> ConventionRow:
        return ConventionRow(name, f"conventions/{name}/index.md", "membre", "En vigueur", [], None, next_date)

    rows = [row("b", None), row("c", dt.date(2027, 3, 1)), row("a", None), row("d", dt.date(2026, 12, 1))]
    assert [found.text for found in most_urgent_first(rows)] == ["d", "c", "a", "b"]


def events(raw: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(raw)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def assert_rfc5545_lines(raw: bytes) -> None:
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    too_long = [line for line in lines if len(line) > 75]
    assert too_long == []
    for line in lines:
        line.decode("utf-8")  # a fold never cuts a character in two


@pytest.mark.parametrize(
    ("organisation", "conventions"),
    [(SEVERAC, [CV4]), ("smica", [CV4]), (DEUX_RIVES, [TARN]), ("netexplorer", [TARN])],
)
def test_organisation_calendar_holds_its_conventions_deadlines_past_ones_included(
    built_site, organisation, conventions
):
    html = dashboard(built_site, organisation)
    assert 'href="echeances.ics"' in html and "Abonnez votre agenda" in html
    raw = (built_site / "organisations" / organisation / "echeances.ics").read_bytes()
    assert_rfc5545_lines(raw)
    found = events(raw)
    expected = {(date, kind, convention) for convention in conventions for date, kind in LIFE[convention]}
    got = set()
    for uid, event in found.items():
        convention = next(c for c in LIFE if uid.startswith(c + "-"))
        kind = "fin" if "-fin-" in uid else "preavis"
        got.add((event["DTSTART"].dt, kind, convention))
        assert event["URL"] == f"https://registre.conventions.test/conventions/{convention}/"
        assert event["DTSTAMP"].dt == dt.datetime(2026, 11, 22, tzinfo=dt.UTC)
    assert got == expected
    assert len(found) == len(expected)


def test_site_calendar_keeps_every_deadline_and_parses(built_site):
    raw = (built_site / "echeances/echeances.ics").read_bytes()
    assert_rfc5545_lines(raw)
    found = events(raw)
    assert {event["DTSTART"].dt for event in found.values()} == {date for dates in LIFE.values() for date, _ in dates}
    assert len(found) == sum(len(dates) for dates in LIFE.values())
    past = [event for event in found.values() if event["DTSTART"].dt < dt.date.fromisoformat(AS_OF)]
    assert len(past) == 5
    summary = next(str(event["SUMMARY"]) for uid, event in found.items() if uid.startswith(TARN) and "-fin-" in uid)
    # unfolded by the parser: the long summary is whole again
    assert summary == (
        "Fin (l’annexe 2) : Convention d’accès au bouquet de services numériques pour les membres du "
        "syndicat mixte Tarn-et-Garonne Aménagement"
    )


@pytest.mark.parametrize("line", ["SUMMARY:" + "é" * 60, "X:" + "a" * 73 + "€" * 30, "DESCRIPTION:" + "a" * 200])
def test_folding_counts_octets_and_never_cuts_a_character(line):
    folded = fold_content_line(line)
    parts = folded.split("\n")
    assert len(parts) > 1
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line


# --- the home page's « Trouver ma collectivité » ----------------------------------------

FINDER = "[data-registre-finder]"


@pytest.mark.browser
def test_home_filter_finds_an_organisation_without_accents_and_announces_the_count(page, site_url):
    from playwright.sync_api import expect

    page.goto(site_url)
    finder = page.locator(FINDER)
    field = page.get_by_label("Filtrer les organisations par leur nom")
    expect(field).to_be_visible()
    assert field.get_attribute("type") == "search"
    links = finder.locator("li a")
    expect(links).to_have_count(6)
    field.fill("severac")
    expect(finder.locator("li:visible a")).to_have_text(["Syndicat mixte Séverac Carrefour Aveyron"])
    status = finder.locator("[role=status]")
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text("1 organisation affichée sur 6.")
    field.fill("SYNDICAT mixte")
    expect(status).to_have_text("3 organisations affichées sur 6.")
    field.fill("SÉVERAC-")  # what is typed is folded as the names are
    expect(status).to_have_text("1 organisation affichée sur 6.")
    expect(finder.locator("li:visible a")).to_have_text(["Syndicat mixte Séverac Carrefour Aveyron"])
    field.fill("zzz")
    expect(status).to_have_text("Aucune organisation ne correspond.")
    expect(finder.locator("li:visible")).to_have_count(0)
    field.fill("")
    expect(finder.locator("li:visible")).to_have_count(6)


@pytest.mark.browser
def test_home_lists_every_organisation_without_javascript_members_first(browser, site_url):
    from playwright.sync_api import expect

    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(site_url)
        finder = page.locator(FINDER)
        links = finder.locator("li a")
        expect(links).to_have_count(6)
        expect(links.first).to_be_visible()
        assert links.nth(0).get_attribute("href") == f"organisations/{DEUX_RIVES}/"
        assert links.nth(1).get_attribute("href") == f"organisations/{SEVERAC}/"
        expect(page.get_by_label("Filtrer les organisations par leur nom")).to_be_hidden()
        expect(page.get_by_role("heading", name="Trouver ma collectivité")).to_be_visible()
    finally:
        context.close()


# A register too large for the home page to list its organisations: it searches their index instead.

#: the synthetic register's size: more organisations than the home page lists, more conventions than it lists
LARGE_REGISTER_CONVENTIONS = 55
#: the bound of test_search_scale.test_page_sizes_do_not_grow_with_the_register
HOME_PAGE_BOUND = 5_000
INDEX = "organisations/index.json"


@pytest.fixture(scope="module")
def large_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("large-register")
    return synthesize(root / "project", LARGE_REGISTER_CONVENTIONS, seed=2, site_config=REGISTER / "site_config")


@pytest.fixture(scope="module")
def large_site(tmp_path_factory, large_project, fixed_build_date):
    """The large register built, served on a loopback port: (site folder, its URL)."""
    from generator.publishing.publish import build_site

    site = tmp_path_factory.mktemp("large-site") / "site"
    build_site(large_project / "mkdocs.yml", site)
    with served(site) as url:
        yield site, url


def matching(entries: list[dict], typed: str) -> list[dict]:
    """The index entries the home page's search finds for `typed`: every word starts a word of the key."""
    words = search_key(typed).split()
    return [entry for entry in entries if all(f" {word}" in f" {entry['key']}" for word in words)]


def correspond(count: int) -> str:
    """The live region's words for `count` matches, up to the number shown."""
    return "1 organisation correspond." if count == 1 else f"{count} organisations correspondent."


def test_home_of_a_large_register_links_to_the_list_and_indexes_every_organisation(large_project):
    files = generate(Project(large_project)).files
    home = files["index.md"]
    assert len(home) < HOME_PAGE_BOUND
    assert "data-finder-key" not in home
    assert '<a href="organisations/">Voir toutes les organisations</a>' in home
    assert f'data-index="{INDEX}"' in home

    entries = json.loads(files[INDEX])
    pages = {path for path in files if re.fullmatch(r"organisations/(?!page/)[\w-]+/index\.md", path)}
    assert len(entries) == len(pages) > FINDER_LISTED_UP_TO
    assert {f"{entry['url']}index.md" for entry in entries} == pages
    for entry in entries:
        names = entry["name"] + (f" {entry['short_name']}" if entry["short_name"] else "")
        assert entry["key"] == search_key(names)
        assert entry["kind"]
    # What could end a script or an attribute is escaped (generator/site/escaping.py script_json).
    assert "<" not in files[INDEX] and "&" not in files[INDEX]


@pytest.mark.browser
def test_large_home_searches_the_index_fetched_only_when_the_reader_turns_to_the_field(browser, large_site):
    from playwright.sync_api import expect

    site, base = large_site
    entries = json.loads((site / INDEX).read_text(encoding="utf-8"))
    accented = next(entry for entry in entries if re.search(r"é\w", entry["name"]))
    typed = search_key(accented["name"]).upper()  # no accents, other case
    found = matching(entries, typed)
    assert accented in found

    context = browser.new_context(locale="fr-FR")
    try:
        tab = context.new_page()
        requested: list[str] = []
        tab.on("request", lambda request: requested.append(request.url))
        tab.goto(base)
        tab.wait_for_load_state("networkidle")
        assert not [url for url in requested if url.endswith(INDEX)], requested
        assert all(url.startswith(base) for url in requested), requested

        finder = tab.locator(FINDER)
        field = tab.get_by_label("Filtrer les organisations par leur nom")
        expect(field).to_be_visible()
        with tab.expect_request(lambda request: request.url == base + INDEX):
            field.focus()
        field.press_sequentially(typed[:-1])
        field.press_sequentially(typed[-1])
        results = finder.locator("#registre-finder-list li a")
        expect(results.filter(has_text=accented["name"])).to_have_count(1)
        status = finder.locator("[role=status]")
        assert status.get_attribute("aria-live") == "polite"
        expect(status).to_have_text(correspond(len(found)))
        link = results.filter(has_text=accented["name"])
        assert link.get_attribute("href") == base + accented["url"]
        word = next(word for word in re.split(r"[\s’'-]+", accented["name"]) if "é" in word[:-1])
        count = len(matching(entries, word))
        field.fill(word.upper())  # what is typed is folded as the names are
        expect(status).to_have_text(correspond(count))

        many = matching(entries, "commune")
        assert len(many) > FINDER_MATCHES_SHOWN
        field.fill("commune")
        expect(status).to_have_text(
            f"{len(many)} organisations correspondent, les {FINDER_MATCHES_SHOWN} premières sont affichées."
        )
        expect(results).to_have_count(FINDER_MATCHES_SHOWN)
        first = many[0]["name"] + (f" ({many[0]['short_name']})" if many[0]["short_name"] else "")
        expect(results.first).to_have_text(first)

        field.fill("zzz")
        expect(status).to_have_text("Aucune organisation ne correspond.")
        expect(results).to_have_count(0)
        fetched = [url for url in requested if url.endswith(INDEX)]
        assert len(fetched) == 1, "the index is fetched once"
    finally:
        context.close()


@pytest.mark.browser
def test_large_home_links_to_the_list_of_organisations_without_javascript(browser, large_site):
    from playwright.sync_api import expect

    site, base = large_site
    first = json.loads((site / INDEX).read_text(encoding="utf-8"))[0]
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        tab = context.new_page()
        tab.goto(base)
        expect(tab.get_by_role("heading", name="Trouver ma collectivité")).to_be_visible()
        expect(tab.get_by_label("Filtrer les organisations par leur nom")).to_be_hidden()
        everything = tab.locator(FINDER).get_by_role("link", name="Voir toutes les organisations")
        expect(everything).to_be_visible()
        expect(tab.locator(FINDER).locator("li")).to_have_count(0)
        everything.click()
        expect(tab).to_have_url(base + "organisations/")
        organisation = tab.get_by_role("link", name=first["name"], exact=True)
        expect(organisation).to_be_visible()
        assert organisation.get_attribute("href") == first["url"].removeprefix("organisations/")
    finally:
        context.close()
