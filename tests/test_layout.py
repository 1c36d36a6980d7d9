"""The layout in real headless Chromium at a phone's and a desktop's width, on one page of every kind of the
fixture site: the page is never wider than the screen, and no text of a table, a heading or a figure is cut or
off-screen, unless it sits in a box that scrolls and says so (a hint « Faites défiler le tableau », a focusable
named region). At 1280 px the seed's tariff grid shows every cell without scrolling; on a phone the lists are
cards whose values are labelled by their column."""

from __future__ import annotations

import pytest
from test_conformance import WIDTHS, existing_pages, page_url

pytestmark = pytest.mark.browser

TARIFF = "tarifs/stockage-sauvegarde-mutualisee/"

#: every problem of the page's layout, as sentences; an empty list when it has none
LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const width = window.innerWidth;
  const root = document.documentElement;
  if (root.scrollWidth > width) problems.push(`the page is ${root.scrollWidth}px wide in a ${width}px window`);
  const main = document.querySelector(".md-content");
  if (!main) return problems;
  const describe = (node) => node.tagName.toLowerCase() + (node.id ? "#" + node.id : "") +
    (typeof node.className === "string" && node.className.trim()
      ? "." + node.className.trim().split(/\\s+/).join(".") : "");
  const hidden = (node) => {
    for (let e = node; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (e.hidden || style.display === "none" || style.visibility === "hidden") return true;
      if (e.classList.contains("registre-sr")) return true;
    }
    return false;
  };
  const scroller = (node) => {
    for (let e = node.parentElement; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (["auto", "scroll"].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1) return e;
    }
    return null;
  };
  const says = (box) => {
    const hint = Array.from(box.querySelectorAll(".registre-scroll__hint")).find((node) => !hidden(node));
    return box.getAttribute("tabindex") === "0" && box.getAttribute("aria-label") && hint !== undefined &&
      hint.getBoundingClientRect().width > 0 && /faites défiler le tableau/i.test(hint.textContent);
  };
  for (const element of main.querySelectorAll("td, th, caption, h1, h2, h3, h4, h5, h6, figure")) {
    if (hidden(element)) continue;
    const label = `${describe(element)} « ${element.textContent.trim().slice(0, 40)} »`;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const rects = [];
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (!text.textContent.trim() || hidden(text.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(text);
      rects.push(...Array.from(range.getClientRects()).filter((rect) => rect.width > 0));
    }
    if (!rects.length) continue;
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (["hidden", "clip"].includes(style.overflowX) && e.scrollWidth > e.clientWidth + 1) {
        problems.push(`${describe(e)} (overflow: ${style.overflowX}) cuts ${label}`);
        break;
      }
    }
    const box = scroller(element);
    if (box) {
      if (!says(box)) problems.push(`${label} scrolls in ${describe(box)}, which does not say so`);
      continue;
    }
    const left = Math.min(...rects.map((rect) => rect.left));
    const right = Math.max(...rects.map((rect) => rect.right));
    if (left < -0.5 || right > width + 0.5) {
      problems.push(`${label} is off-screen (${Math.round(left)}–${Math.round(right)}px)`);
    }
  }
  return problems;
}"""


def open_at(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    tab = context.new_page()
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    return context, tab


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_no_page_is_wider_than_the_screen_nor_cuts_its_text(browser, built_site, site_url, width):
    found = []
    for kind, path in existing_pages(built_site).items():
        context, tab = open_at(browser, page_url(site_url, kind, path), width)
        try:
            found += [f"{kind} ({width} px): {problem}" for problem in tab.evaluate(LAYOUT_PROBLEMS)]
        finally:
            context.close()
    assert found == []


def test_the_seed_grid_shows_every_cell_at_1280_px(browser, site_url):
    context, tab = open_at(browser, site_url + TARIFF, 1280)
    try:
        grid = tab.locator(".registre-grid").filter(has_text="Tarif NetExplorer").first
        cells = grid.locator("tbody td")
        assert cells.count() == 11 * 5
        headers = grid.locator("thead th[scope=col]").all_text_contents()[1:]
        assert [text.split()[-1] for text in headers] == [str(n) for n in range(1, 12)]
        assert grid.locator("tbody th").all_inner_texts() == [f"{n} To" for n in range(1, 6)]
        assert grid.evaluate("box => box.scrollWidth <= box.clientWidth")  # nothing to scroll to
        box = grid.bounding_box()
        for index in range(cells.count()):
            cell = cells.nth(index).bounding_box()
            assert box["x"] <= cell["x"] and cell["x"] + cell["width"] <= box["x"] + box["width"] <= 1280
        assert not grid.locator(".registre-scroll__hint").is_visible()
    finally:
        context.close()


def test_a_grid_too_wide_for_a_phone_scrolls_in_its_box_and_says_so(browser, site_url):
    context, tab = open_at(browser, site_url + TARIFF, 390)
    try:
        grid = tab.locator(".registre-grid").filter(has_text="Tarif NetExplorer").first
        assert grid.get_attribute("role") == "region" and grid.get_attribute("tabindex") == "0"
        assert grid.get_attribute("aria-label") == (
            "Grille : Tarif NetExplorer (€ TTC/mois) — NetExplorer (hors GFU), version du 14 novembre 2022"
        )
        hint = grid.locator(".registre-scroll__hint")
        assert (
            hint.is_visible()
            and hint.inner_text() == "Faites défiler le tableau horizontalement pour voir toutes ses colonnes."
        )
        assert grid.get_attribute("aria-describedby") == hint.get_attribute("id")
        assert grid.evaluate("box => getComputedStyle(box).backgroundImage").count("gradient") == 4  # the edge shadows
        grid.focus()
        row_header = grid.locator("tbody th").first
        before = row_header.bounding_box()["x"]
        tab.keyboard.press("ArrowRight")
        tab.wait_for_function("box => box.scrollLeft > 0", arg=grid.element_handle())
        assert abs(row_header.bounding_box()["x"] - before) <= 1  # the first column stays in view
        grid.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
        last = grid.locator("tbody tr").first.locator("td").last.bounding_box()
        assert last["x"] + last["width"] <= 390
    finally:
        context.close()


@pytest.mark.parametrize(
    ("path", "first_labels"),
    [
        ("conventions/", ["Statut", "Fin", "Prochain préavis"]),
        ("echeances/", ["Date"]),
    ],
)
def test_lists_are_labelled_cards_on_a_phone(browser, site_url, path, first_labels):
    context, tab = open_at(browser, site_url + path, 390)
    try:
        rows = tab.locator(".registre-list tbody tr")
        assert rows.count() > 0
        headers = tab.locator(".registre-list thead th").all_inner_texts()
        for index in range(rows.count()):
            row = rows.nth(index)
            cells = row.locator("td, th").all()
            shown = sorted(cells, key=lambda cell: (cell.bounding_box()["y"], cell.bounding_box()["x"]))
            labels = [cell.evaluate("cell => getComputedStyle(cell, '::before').content") for cell in shown]
            assert labels[0] == "none"  # the card's title: its row header
            assert [label.split('"')[1].removesuffix(" : ") for label in labels[1:]][
                : len(first_labels)
            ] == first_labels
            assert {cell.get_attribute("data-label") for cell in cells} - {None} <= set(headers)
            assert row.bounding_box()["width"] <= 390
    finally:
        context.close()
    context, tab = open_at(browser, site_url + path, 1280)
    try:
        assert tab.locator(".registre-list thead").is_visible()
    finally:
        context.close()
