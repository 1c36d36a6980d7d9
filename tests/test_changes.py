"""/changements/ and its Atom feed: the register's changes, dated by the data, newest first."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.publishing.publish import build_site
from generator.site import changes as changes_module
from generator.site.changes import FEED, FEED_ENTRIES, PAGE, UPCOMING_SHOWN, change_pages, collect_changes

from conftest import AS_OF, REGISTER
from helpers import base_url

ATOM = {"a": "http://www.w3.org/2005/Atom"}
CONVENTION = "content/conventions/smica-severac-2026cv4.yaml"


def feed_entries(site: Path) -> list[ET.Element]:
    return ET.parse(site / "changements" / "atom.xml").getroot().findall("a:entry", ATOM)


def test_changes_are_dated_by_the_data_newest_first(project):
    data, problems = check(Project(project))
    assert data is not None, problems
    changes = collect_changes(data)
    assert changes, "the real content has signature, entry-into-force, tariff and notice dates"
    dates = [change.date for change in changes]
    assert dates == sorted(dates, reverse=True)
    assert len({change.key for change in changes}) == len(changes), "keys are the page's anchors: unique"
    convention = data.conventions["smica-severac-2026cv4"].convention
    kinds = {(change.kind, change.date) for change in changes}
    assert ("signature", convention.signature.date) in kinds
    assert ("entree-en-vigueur", convention.entry_into_force.date) in kinds
    for tariff in data.register.items("tariffs"):
        for version in tariff.versions:
            assert ("tarif", version.valid_from) in kinds
    for notice in data.register.items("notices"):
        assert ("notice", notice.last_reviewed) in kinds


def test_future_changes_are_announced_but_not_in_the_feed(project):
    data, _ = check(Project(project), as_of=dt.date(2026, 1, 15))
    page, feed = change_pages(data)
    assert (page.src, feed.src) == (PAGE, FEED)
    assert all(change.date > data.as_of for change in page.context["upcoming"])
    assert next(change.kind for change in page.context["upcoming"]) == "signature"  # 2026-02-17, the soonest
    assert all(change.date <= data.as_of for change in feed.context["changes"])
    assert feed.context["updated"] == feed.context["changes"][0].date


@pytest.fixture(scope="module")
def amended_site(tmp_path_factory) -> Path:
    """The project with an amendment whose summary holds markup, built with MkDocs."""
    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("changes") / "project")
    path = project / CONVENTION
    text = path.read_text(encoding="utf-8")
    assert "\namendments:" not in text
    text += (
        "\namendments:\n  - reference: Avenant n° 1\n    signature: {date: 2026-06-30}\n"
        "    summary: 'Ajoute le module <script>alert(1)</script> & « R&D »'\n"
    )
    path.write_text(text, encoding="utf-8")
    site = project.parent / "site"
    build_site(project / "mkdocs.yml", site)
    return site


def test_feed_is_well_formed_atom_with_absolute_urls(built_site):
    root = ET.parse(built_site / "changements" / "atom.xml").getroot()
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    base = base_url()
    self_link = root.find("a:link[@rel='self']", ATOM).get("href")
    assert self_link == base + "changements/atom.xml"
    for field in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert root.find(field, ATOM) is not None and root.find(field, ATOM).text, field
    entries = feed_entries(built_site)
    assert entries
    updated = [entry.find("a:updated", ATOM).text for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert root.find("a:updated", ATOM).text == updated[0]
    ids = [entry.find("a:id", ATOM).text for entry in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        link = entry.find("a:link[@rel='alternate']", ATOM).get("href")
        assert link.startswith(base), link
        path, _, anchor = link[len(base) :].partition("#")
        target = built_site / path / "index.html"
        assert target.is_file(), link
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), link
        entry_anchor = entry.find("a:id", ATOM).text.partition("#")[2]
        assert f'id="{entry_anchor}"' in (built_site / "changements" / "index.html").read_text(encoding="utf-8")


def test_changes_page_lists_the_feed_and_every_change(built_site):
    html = (built_site / "changements" / "index.html").read_text(encoding="utf-8")
    assert 'href="atom.xml"' in html
    for entry in feed_entries(built_site):
        assert entry.find("a:title", ATOM).text.split(" — ")[0] in html


def test_amendment_is_listed_in_date_order_and_its_text_is_escaped(amended_site):
    entries = feed_entries(amended_site)
    [amendment] = [entry for entry in entries if "Avenant n° 1" in entry.find("a:title", ATOM).text]
    assert amendment.find("a:title", ATOM).text.startswith("Avenant n° 1 à la convention 2026CV4")
    assert amendment.find("a:updated", ATOM).text == "2026-06-30T00:00:00Z"
    assert amendment.find("a:summary", ATOM).text == (
        "Ajoute le module <script>alert(1)</script> & « R&D » Il entre en vigueur à sa signature."
    )
    dates = [entry.find("a:updated", ATOM).text for entry in entries]
    assert dates == sorted(dates, reverse=True)
    html = (amended_site / "changements" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_changes_page_is_in_the_navigation(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="changements/"' in html


def test_a_long_history_is_split_into_pages_and_the_feed_keeps_the_newest(tmp_path):
    from generator.build import generate

    from synth import synthesize

    project = synthesize(tmp_path / "synth", 120, seed=4, site_config=REGISTER / "site_config")
    data, _ = check(Project(project))
    changes = collect_changes(data)
    past = [change for change in changes if change.date <= data.as_of]
    upcoming = [change for change in reversed(changes) if change.date > data.as_of]
    assert len(past) > 2 * FEED_ENTRIES and upcoming
    files = generate(Project(project)).files
    ordered = sorted(
        (path for path in files if path.startswith("changements/") and path.endswith(".md")),
        key=lambda path: (len(path), path),
    )
    pages = [path for path in ordered if not path.startswith("changements/a-venir/")]
    assert pages[:2] == [PAGE, "changements/page/2/index.md"]
    listed = [re.findall(r'<tr id="([^"]+)"', files[path]) for path in pages]
    expected = [change.key for change in upcoming[:UPCOMING_SHOWN] + past]
    assert [key for keys in listed for key in keys] == expected, "each change once, in order"
    assert "À venir" in files[PAGE] and all("À venir" not in files[path] for path in pages[1:])
    assert all(len(keys) <= FEED_ENTRIES for keys in listed[1:])
    assert 'rel="next"' in files[PAGE] and "(page 1 sur" in files[PAGE]
    upcoming_shown = min(len(upcoming), UPCOMING_SHOWN)

    feed = ET.fromstring(files[FEED]).findall("a:entry", ATOM)
    assert len(feed) == FEED_ENTRIES
    ids = [entry.find("a:id", ATOM).text.partition("#")[2] for entry in feed]
    assert ids == [change.key for change in past[:FEED_ENTRIES]] == listed[0][upcoming_shown:], (
        "the feed's entries are on page 1"
    )


def test_many_upcoming_changes_get_pages_of_their_own(tmp_path, monkeypatch):
    """Beyond the first upcoming changes, the others are listed on pages of their own (here beyond 2, so
    that a register checked as of its build date, whose publication dates cannot be later, has enough)."""
    from synth import synthesize

    monkeypatch.setattr(changes_module, "UPCOMING_SHOWN", 2)
    project = synthesize(tmp_path / "synth", 60, seed=4, site_config=REGISTER / "site_config")
    data, _ = check(Project(project), as_of=dt.date.fromisoformat(AS_OF))
    upcoming = [change for change in reversed(collect_changes(data)) if change.date > data.as_of]
    assert len(upcoming) > 2
    specs = {spec.src: spec for spec in change_pages(data)}
    first = specs[PAGE].context
    assert first["upcoming"] == upcoming[:2] and first["upcoming_total"] == len(upcoming)
    assert first["upcoming_src"] == "changements/a-venir/index.md"
    later = sorted(
        (spec for src, spec in specs.items() if src.startswith("changements/a-venir/")),
        key=lambda spec: spec.context["pager"].number,
    )
    assert [change for spec in later for change in spec.context["upcoming"]] == upcoming
