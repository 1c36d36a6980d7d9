"""The history of a convention: one version per avenant, the text in force on any date, each clause's
wordings, and the changes that cannot apply at their point in time."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from generator.register import models
from generator.register.versions import convention_history, text_in_force

from conftest import REGISTER
from helpers import AVENANTS

D = dt.date.fromisoformat
SIGNED = REGISTER / "content" / "conventions" / "smica-severac-2026cv4.yaml"


def convention(*amendments: dict, fixture: bool = True) -> models.Convention:
    """The fixture's SMICA convention with the avenants of tests/fixtures/avenants (if `fixture`), then
    `amendments`."""
    data = yaml.safe_load(SIGNED.read_text(encoding="utf-8"))
    listed = yaml.safe_load((AVENANTS / "amendments.yaml").read_text(encoding="utf-8"))["amendments"]
    data["amendments"] = (listed if fixture else []) + list(amendments)
    return models.Convention.model_validate(data)


def avenant(reference: str, in_force: str, *changes: dict, signed: str | None = None) -> dict:
    return {
        "reference": reference,
        "signature": {"date": signed or in_force},
        "entry_into_force": {"date": in_force},
        "summary": "Avenant d’essai.",
        "changes": list(changes),
    }


def numbers(text: models.Convention) -> list[str]:
    return [article.number for article in text.articles]


def test_the_text_in_force_follows_each_avenant_from_its_entry_into_force():
    amended = convention()
    assert numbers(text_in_force(amended, D("2026-03-31"))) == ["1", "2", "3", "4", "5", "6"]
    april = text_in_force(amended, D("2026-04-01"))
    assert numbers(april) == ["1", "2", "3", "4", "5", "5 bis", "6"]
    assert "OK-MARCHES" in april.articles[0].text
    october = text_in_force(amended, D("2026-10-01"))
    assert numbers(october) == ["1", "2", "3", "4", "5", "5 bis"]
    assert october.term.duration == models.Period(years=4)
    assert "4 ans" in october.articles[2].text
    january = text_in_force(amended, D("2027-01-01"))
    assert january.articles[3].title == "Rémunération et révision"
    # The signed text is untouched: it is what the word-for-word check compares with the signed document.
    assert numbers(amended) == ["1", "2", "3", "4", "5", "6"]
    assert amended.term.duration == models.Period(years=3)


def test_versions_have_consecutive_dates_and_permanent_slugs():
    history = convention_history(convention())
    assert [(v.slug, v.start, v.end) for v in history.versions] == [
        ("version-2026-01-01", D("2026-01-01"), D("2026-03-31")),
        ("version-2026-04-01", D("2026-04-01"), D("2026-09-30")),
        ("version-2026-10-01", D("2026-10-01"), D("2026-12-31")),
        ("version-2027-01-01", D("2027-01-01"), None),
    ]
    assert [v.act.reference if v.act else None for v in history.versions] == [
        None,
        "Avenant n° 1",
        "Avenant n° 2",
        "Avenant n° 3",
    ]
    assert history.versions[2].changed == ((None, "3"), (None, "6"))
    assert history.versions[2].changed_facts == ("term",)
    assert history.problems == ()


def test_an_abrogated_article_stays_listed_with_its_last_wording_and_act():
    version = convention_history(convention()).in_force(D("2026-11-22"))
    state = version.state((None, "6"))
    assert state is not None and not state.in_force
    assert state.abrogated_by is not None and state.abrogated_by.reference == "Avenant n° 2"
    assert state.article.title == "Règlement contentieux"
    assert [s.key[1] for s in version.states] == ["1", "2", "3", "4", "5", "5 bis", "6"]


def test_each_clause_has_the_history_of_its_wordings():
    history = convention_history(convention())
    article_4 = history.wordings((None, "4"))
    assert [(v.slug, s.act.reference if s.act else None) for v, s in article_4] == [
        ("version-2026-01-01", None),
        ("version-2027-01-01", "Avenant n° 3"),
    ]
    inserted = history.wordings((None, "5 bis"))
    assert [v.slug for v, _ in inserted] == ["version-2026-04-01"]
    abrogated = history.wordings((None, "6"))
    assert [(v.slug, s.in_force) for v, s in abrogated] == [("version-2026-01-01", True), ("version-2026-10-01", False)]


def test_avenants_apply_in_order_of_entry_into_force_not_of_listing():
    later = avenant("Avenant B", "2026-06-01", {"replace": {"article": "2"}, "text": "Deuxième rédaction."})
    earlier = avenant("Avenant A", "2026-05-01", {"replace": {"article": "2"}, "text": "Première rédaction."})
    history = convention_history(convention(later, earlier, fixture=False))
    assert [v.act.reference for v in history.versions[1:] if v.act] == ["Avenant A", "Avenant B"]
    assert text_in_force(history.convention, D("2026-07-01")).articles[1].text == "Deuxième rédaction."


def test_sections_insert_into_annexes_and_annexes_are_added():
    annex = {
        "number": "1",
        "heading": "ANNEXE 1",
        "title": "Niveau de service",
        "articles": [{"number": "A", "heading": "A. Délais", "title": "Délais", "text": "Sous deux jours."}],
    }
    added = avenant("Avenant n° 1", "2026-05-01", {"add_annex": annex})
    section = {"annex": "1", "after": "A", "number": "B", "title": "Astreinte", "text": "Le samedi."}
    inserted = avenant("Avenant n° 2", "2026-06-01", {"insert": section})
    text = text_in_force(convention(added, inserted, fixture=False), D("2026-06-01"))
    assert [(a.number, a.heading) for a in text.annexes[0].articles] == [
        ("A", "A. Délais"),
        ("B", "Article B – Astreinte"),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"replace": {"article": "9"}, "text": "x"}, "L’article 9 n’existe pas à cette date"),
        ({"delete": {"article": "6"}}, "L’article 6 est déjà abrogé à cette date (par « Avenant n° 2 »)"),
        ({"insert": {"after": "12", "number": "12 bis", "title": "t", "text": "x"}}, "L’article 12 n’existe pas"),
        ({"insert": {"after": "1", "number": "5 bis", "title": "t", "text": "x"}}, "L’article 5 bis existe déjà"),
        ({"replace": {"article": "2", "annex": "3"}, "text": "x"}, "La section 2 de l’annexe 3 n’existe pas"),
        (
            {"services": ["ok-acte", "ok-courrier", "ok-helios", "safetender", "gestion-financiere"]},
            "Ce changement reprend les services déjà en vigueur",
        ),
    ],
)
def test_a_change_that_cannot_apply_at_its_date_is_a_problem_at_its_place(change, message):
    late = avenant("Avenant n° 4", "2027-02-01", change)
    (problem,) = convention_history(convention(late)).problems
    assert problem.path == ("amendments", 3, "changes", 0, next(iter(change)))
    assert message in problem.message


def test_a_replace_that_changes_nothing_is_a_problem():
    signed = yaml.safe_load(SIGNED.read_text(encoding="utf-8"))["articles"][1]["text"]
    same = avenant("Avenant n° 1", "2026-05-01", {"replace": {"article": "2"}, "text": signed})
    (problem,) = convention_history(convention(same, fixture=False)).problems
    assert "Le remplacement laisse l’article 2 inchangé" in problem.message


def test_two_avenants_of_the_same_day_must_agree_on_a_clause():
    first = avenant("Avenant A", "2026-05-01", {"replace": {"article": "2"}, "text": "Une rédaction."})
    second = avenant("Avenant B", "2026-05-01", {"replace": {"article": "2"}, "text": "Une autre."})
    (problem,) = convention_history(convention(first, second, fixture=False)).problems
    assert problem.path == ("amendments", 1, "changes", 0, "replace")
    assert "« Avenant A » et « Avenant B » entrent en vigueur le même jour" in problem.message
    agreeing = avenant("Avenant C", "2026-05-01", {"replace": {"article": "3"}, "text": "Une rédaction."})
    assert convention_history(convention(first, agreeing, fixture=False)).problems == ()


def test_an_avenant_in_force_before_the_convention_is_a_problem():
    early = avenant("Avenant n° 1", "2025-12-01", {"replace": {"article": "2"}, "text": "x"}, signed="2025-11-01")
    (problem,) = convention_history(convention(early, fixture=False)).problems
    assert problem.path == ("amendments", 0, "entry_into_force")
    assert "avant la convention (1er janvier 2026)" in problem.message
