"""Statuses as of the build date (à venir, en vigueur, en vigueur jusqu’au, renouvelée, échue, résiliée), the
deadlines and calendars that follow avenants and terminations, and the publication dates of a notice: what a
reader sees on the pages built at several dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest

from generator.build import Generated, Project, generate
from generator.cli import main
from generator.formatting import french_date
from generator.register import models
from generator.register.derive import term_facts
from generator.site import summary, urls

from conftest import copy_project
from helpers import add_avenants, replace_in

D = dt.date.fromisoformat
SMICA = "smica-severac-2026cv4"
CONVENTION_FILE = f"content/conventions/{SMICA}.yaml"
PAGE = urls.convention(SMICA)
SOURCE = models.ClauseRef(article="3")
TERMINATED = """terminated:
  by: syndicat-mixte-severac-carrefour-aveyron
  notified: 2027-03-15
  effective: 2027-06-01
  form: lettre recommandée avec avis de réception du 15 mars 2027
"""


NOTIFIED = (
    "En vigueur jusqu’au 31 mai 2027 (résiliation notifiée le 15 mars 2027 "
    "par le Syndicat mixte Séverac Carrefour Aveyron)"
)


def built(project: Path, day: str) -> Generated:
    return generate(Project(project), D(day))


def status_of(page: str) -> str:
    """The summary card's status, as the reader reads it."""
    found = re.search(r"<dt>Statut</dt>\n<dd>(.*?) <small>\(au (.*?)\)</small></dd>", page)
    assert found, "the summary card has no status"
    return f"{found[1]} (au {found[2]})"


def list_row(generated: Generated, convention_id: str = SMICA) -> str:
    """The convention's row in the conventions list."""
    page = generated.files[urls.conventions()]
    row = next(row for row in page.split("<tr>") if f'{convention_id}/"' in row)
    return re.sub(r"<[^>]+>", " ", row)


def events(generated: Generated, convention_id: str = SMICA) -> set[tuple[dt.date, str]]:
    """The calendar's events of one convention, read by an iCalendar parser."""
    calendar = icalendar.Calendar.from_ical(generated.files[urls.deadlines_calendar()])
    return {
        (event["DTSTART"].dt, str(event["SUMMARY"]).split(" : ")[0])
        for event in calendar.walk("VEVENT")
        if f"/{convention_id}/" in str(event["URL"])
    }


def deadline_rows(generated: Generated) -> list[str]:
    """The deadlines page's rows of the SMICA convention, tags removed: « 1 juin 2027 Prise d’effet … »."""
    page = generated.files[urls.deadlines()]
    rows = [row for row in page.split("<tr>") if f"conventions/{SMICA}/" in row]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


# --- avenants move the dates ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def amended(tmp_path_factory) -> Path:
    """The three avenants of tests/fixtures/avenants, without their publication dates: the check refuses a
    publication after the build date, and these builds are dated before some of them."""
    project = copy_project(tmp_path_factory.mktemp("amended") / "project")
    path = add_avenants(project)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("    publication:")), encoding="utf-8")
    return project


def test_an_avenant_that_changes_the_term_moves_the_end_and_the_deadlines(amended):
    before = built(amended, "2026-09-01")  # avenant 2 (four years) enters into force on 1 October 2026
    after = built(amended, "2026-11-22")
    assert "<dd>31 décembre 2028</dd>" in before.files[PAGE]
    assert "<dd>31 décembre 2029</dd>" in after.files[PAGE]
    assert "31/12/2028" in list_row(before) and "31/12/2029" in list_row(after)
    assert (D("2028-12-31"), "Fin (la convention)") in events(before)
    assert (D("2028-10-31"), "Date limite de préavis (la convention)") in events(before)
    assert (D("2029-12-31"), "Fin (la convention)") in events(after)
    assert (D("2029-10-31"), "Date limite de préavis (la convention)") in events(after)
    # The three-year term's dates are gone: they will not happen.
    assert not {
        (D("2028-12-31"), "Fin (la convention)"),
        (D("2028-10-31"), "Date limite de préavis (la convention)"),
    } & events(after)
    assert any(row.startswith("31 décembre 2029 Fin (la convention)") for row in deadline_rows(after))
    assert not any("31 décembre 2028" in row for row in deadline_rows(after))


def test_an_avenant_to_come_is_a_dated_event_and_a_past_one_stays_in_the_calendar(amended):
    generated = built(amended, "2026-11-22")
    rows = deadline_rows(generated)
    assert any(
        row.startswith("1er janvier 2027 Entrée en vigueur (Avenant n° 3)") and "révision annuelle" in row
        for row in rows
    )
    assert not any("Avenant n° 2" in row for row in rows)  # in force since 1 October: not to come
    assert {
        (D("2026-04-01"), "Entrée en vigueur (Avenant n° 1)"),
        (D("2026-10-01"), "Entrée en vigueur (Avenant n° 2)"),
        (D("2027-01-01"), "Entrée en vigueur (Avenant n° 3)"),
    } <= events(generated)
    assert "entrées en vigueur des avenants" in generated.files[urls.deadlines()]


def test_the_status_is_said_with_its_date_on_every_page_that_shows_it(amended):
    generated = built(amended, "2026-11-22")
    assert status_of(generated.files[PAGE]) == "En vigueur (au 22 novembre 2026)"
    assert "En vigueur" in list_row(generated)
    assert "Statuts et échéances calculés au 22 novembre 2026" in generated.files[urls.conventions()]
    organisation = generated.files[urls.organisation("syndicat-mixte-severac-carrefour-aveyron")]
    assert "Statuts et échéances calculés au 22 novembre 2026" in organisation
    assert "<dt>Statut</dt><dd>En vigueur</dd>" in organisation


# --- a termination -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def terminated(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("terminated") / "project")
    add_avenants(project)
    path = project / CONVENTION_FILE
    path.write_text(path.read_text(encoding="utf-8") + TERMINATED, encoding="utf-8")
    return project


def test_before_its_notification_a_termination_changes_nothing(terminated):
    generated = built(terminated, "2027-03-01")
    assert status_of(generated.files[PAGE]) == "En vigueur (au 1er mars 2027)"
    assert "<dd>31 décembre 2029</dd>" in generated.files[PAGE]
    assert (D("2029-12-31"), "Fin (la convention)") in events(generated)
    assert not any("Prise d’effet" in summary for _, summary in events(generated))


def test_once_notified_the_convention_is_in_force_until_the_day_before_its_effect(terminated):
    generated = built(terminated, "2027-04-01")
    page = generated.files[PAGE]
    assert status_of(page) == (f"{NOTIFIED} (au 1er avril 2027)")
    assert "<dd>31 mai 2027 (résiliation à effet du 1er juin 2027)</dd>" in page
    assert (
        "Résiliation notifiée le 15 mars 2027 ; elle prend effet le 1er juin 2027 : plus de préavis à calculer." in page
    )
    assert "une résiliation prendrait effet" not in page and "Dernier jour pour notifier" not in page
    assert "résiliation notifiée" in list_row(generated)
    # The deadlines: the termination's effect to come, no notice deadline, no end after it.
    rows = deadline_rows(generated)
    assert rows == [
        "1er juin 2027 Prise d’effet de la résiliation (la convention) Convention (référence 2026CV4) "
        "résiliation notifiée le 15/03/2027"
    ]
    calendar = events(generated)
    assert (D("2027-06-01"), "Prise d’effet de la résiliation (la convention)") in calendar
    assert not [event for event in calendar if event[0] > D("2027-06-01")]
    assert not [summary for _, summary in calendar if summary.startswith(("Fin", "Date limite"))]
    assert "Aucun" in list_row(generated)  # no next notice in the list either


def test_a_termination_ends_the_notice_deadlines_before_each_anniversary(tmp_path):
    """Under a before-anniversary rule, the calendar keeps the deadlines up to the notification, none after."""
    project = copy_project(tmp_path / "project")
    replace_in(
        project,
        CONVENTION_FILE,
        "termination:\n  kind: any_time\n",
        "termination:\n  kind: before_anniversary\n  anchor: 2026-01-01\n  anchor_label: entrée en vigueur\n",
    )
    before = events(built(project, "2027-04-01"))
    assert {
        (D("2026-11-01"), "Date limite de préavis (la convention)"),
        (D("2027-11-01"), "Date limite de préavis (la convention)"),
    } <= before
    path = project / CONVENTION_FILE
    path.write_text(path.read_text(encoding="utf-8") + TERMINATED, encoding="utf-8")
    after = events(built(project, "2027-04-01"))
    assert (D("2026-11-01"), "Date limite de préavis (la convention)") in after
    assert [day for day, _ in after if day > D("2027-03-15")] == [D("2027-06-01")]


def test_from_its_effective_date_the_convention_is_terminated(terminated):
    generated = built(terminated, "2027-06-01")
    page = generated.files[PAGE]
    assert status_of(page).startswith("Résiliée le 1er juin 2027 (")
    assert "notifiée le 15 mars 2027) (au 1er juin 2027)" in status_of(page)
    assert "elle a pris effet le 1er juin 2027" in page
    assert "Résiliée" in list_row(generated)
    assert [row.split(" (")[0] for row in deadline_rows(generated)] == ["1er juin 2027 Prise d’effet de la résiliation"]
    later = built(terminated, "2027-07-01")
    assert status_of(later.files[PAGE]).startswith("Résiliée le 1er juin 2027 (")
    assert deadline_rows(later) == []
    # The calendar keeps the day it took effect, as subscribers already have it.
    assert (D("2027-06-01"), "Prise d’effet de la résiliation (la convention)") in events(later)


def test_the_day_before_the_effect_it_is_still_in_force(terminated):
    assert status_of(built(terminated, "2027-05-31").files[PAGE]).startswith("En vigueur jusqu’au 31 mai 2027")


# --- a tacit renewal ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def renewable(tmp_path_factory) -> Path:
    """The SMICA convention for one year from 1 January 2026, renewable twice for one year."""
    project = copy_project(tmp_path_factory.mktemp("renewable") / "project")
    replace_in(
        project,
        CONVENTION_FILE,
        "term:\n  duration:\n    years: 3\n",
        "term:\n  duration:\n    years: 1\n  renewals: 2\n  renewal_period:\n    years: 1\n",
    )
    return project


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2025-12-31", "À venir"),
        ("2026-12-31", "En vigueur"),
        ("2027-01-01", "Renouvelée (1er renouvellement, en cours jusqu’au 31 décembre 2027)"),
        ("2028-06-30", "Renouvelée (2e renouvellement, en cours jusqu’au 31 décembre 2028)"),
        ("2029-01-01", "Échue"),
    ],
)
def test_a_tacitly_renewed_convention_says_which_renewal_runs(renewable, day, status):
    generated = built(renewable, day)
    assert status_of(generated.files[PAGE]) == f"{status} (au {french_date(D(day))})"
    assert status.split(" (")[0] in list_row(generated)


def test_a_real_build_shows_the_status_and_the_calendar_of_a_terminated_convention(terminated, tmp_path, monkeypatch):
    monkeypatch.setenv("REGISTRE_DATE", "2027-04-01")
    site = tmp_path / "site"
    assert main(["--project", str(terminated), "build", "--site-dir", str(site)]) == 0
    html = (site / "conventions" / SMICA / "index.html").read_text(encoding="utf-8")
    assert f"{NOTIFIED} <small>(au 1er avril 2027)</small>" in html
    listing = (site / "conventions" / "index.html").read_text(encoding="utf-8")
    assert NOTIFIED in listing
    calendar = icalendar.Calendar.from_ical((site / "echeances" / "echeances.ics").read_bytes())
    effect = [e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).startswith("Prise d’effet de la résiliation")]
    assert [e["DTSTART"].dt for e in effect] == [D("2027-06-01")]
    assert str(effect[0]["UID"]) == f"{SMICA}-convention-resiliation-2027-06-01@registre"


# --- the words, unit by unit ----------------------------------------------------------------------------


def event(notified: str, effective: str) -> models.TerminationEvent:
    return models.TerminationEvent(by="smica", notified=D(notified), effective=D(effective))


THREE_YEARS = models.Term(duration=models.Period(years=3), source=SOURCE)
ANY_TIME = models.Termination(kind="any_time", notice=models.Period(months=2), by="chaque partie", source=SOURCE)


@pytest.mark.parametrize(
    ("day", "status", "final_end"),
    [
        ("2027-03-14", "en-vigueur", "2028-12-31"),
        ("2027-03-15", "en-vigueur-jusqu-au", "2027-05-31"),
        ("2027-05-31", "en-vigueur-jusqu-au", "2027-05-31"),
        ("2027-06-01", "resiliee", "2027-05-31"),
    ],
)
def test_a_termination_counts_from_its_notification_and_ends_the_term_the_day_before_its_effect(day, status, final_end):
    facts = term_facts(D("2026-01-01"), THREE_YEARS, ANY_TIME, D(day), event("2027-03-15", "2027-06-01"))
    assert (facts.status, facts.final_end, facts.term_end) == (status, D(final_end), D("2028-12-31"))
    assert (facts.notice_deadline is None) == (status != "en-vigueur")


def test_a_termination_taking_effect_after_the_term_has_ended_changes_nothing():
    facts = term_facts(D("2026-01-01"), THREE_YEARS, ANY_TIME, D("2029-02-01"), event("2028-12-01", "2029-01-01"))
    assert (facts.status, facts.final_end, facts.terminated) == ("echue", D("2028-12-31"), None)


def test_the_status_words_name_who_terminated_and_when():
    facts = term_facts(D("2026-01-01"), THREE_YEARS, ANY_TIME, D("2027-07-01"), event("2027-03-15", "2027-06-01"))
    by = summary.by_organisation("SMICA", "syndicat mixte")
    assert by == "par le SMICA"
    assert summary.status_label(facts, by) == "Résiliée le 1er juin 2027 (par le SMICA, notifiée le 15 mars 2027)"
    assert summary.status_label(facts) == "Résiliée le 1er juin 2027 (notifiée le 15 mars 2027)"
    notified = term_facts(D("2026-01-01"), THREE_YEARS, ANY_TIME, D("2027-04-01"), event("2027-03-15", "2027-06-01"))
    assert summary.status_label(notified, by) == (
        "En vigueur jusqu’au 31 mai 2027 (résiliation notifiée le 15 mars 2027 par le SMICA)"
    )
    assert summary.end_text(notified) == "31 mai 2027 (résiliation à effet du 1er juin 2027)"


@pytest.mark.parametrize(
    ("name", "kind", "words"),
    [
        (
            "Communauté de communes des Deux Rives",
            "communauté de communes",
            "par la Communauté de communes des Deux Rives",
        ),
        (
            "Syndicat mixte Séverac Carrefour Aveyron",
            "syndicat mixte",
            "par le Syndicat mixte Séverac Carrefour Aveyron",
        ),
        ("Octogone Fibre", "entreprise", "par Octogone Fibre"),
    ],
)
def test_who_terminated_takes_the_article_french_wants(name, kind, words):
    assert summary.by_organisation(name, kind) == words


# --- publication dates of a privacy notice ------------------------------------------------------------


def test_a_privacy_notice_says_when_it_was_put_online_and_updated(tmp_path):
    project = copy_project(tmp_path / "project")
    notice = "bouquet-services-referents"
    path = project / "content" / "notices" / f"{notice}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "publication: {first: 2026-03-01, last: 2026-10-02}\n", encoding="utf-8"
    )
    generated = built(project, "2026-11-22")
    page = generated.files[urls.notice(notice)]
    assert "Mis en ligne le 1er mars 2026, mis à jour le 2 octobre 2026." in page
    other = generated.files[urls.notice("bouquet-services-utilisateurs")]
    assert "Mis en ligne" not in other
