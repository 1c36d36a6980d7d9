"""The words the pages say, decided in Python (generator/site/summary.py and the page modules) and only placed
by the templates: termination rules and their deadlines, terms, statuses, tariffs, plurals, list cut-offs; and
the URL functions every link target comes from (generator/site/urls.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.build import Project, generate
from generator.formatting import period
from generator.register import models
from generator.register.clauses import Clause
from generator.register.derive import ConventionFacts, TermFacts, latest_notice_before_end, term_facts
from generator.site import summary, urls
from generator.site.deadlines import Deadline
from generator.site.pages import counted_noun, home_counts
from generator.site.paging import Pager, paginate
from generator.site.tariff_pages import (
    amounts_text,
    indicative_amounts_text,
    listed_amounts_text,
    short_terms_text,
    tax_basis_words,
    until_text,
    validity_text,
)

AS_OF = dt.date(2026, 11, 22)
SOURCE = models.ClauseRef(article="3")
THREE_YEARS = models.Term(duration=models.Period(years=3), source=SOURCE)
ANY_TIME = models.Termination(
    kind="any_time",
    notice=models.Period(months=2),
    by="chaque partie",
    form="lettre recommandée avec avis de réception",
    source=SOURCE,
)
BEFORE_ANNIVERSARY = models.Termination(
    kind="before_anniversary",
    notice=models.Period(months=3),
    anchor=dt.date(2022, 11, 14),
    anchor_label="signature du marché",
    anchor_date_note="le registre retient le premier jour du marché",
    by="l’établissement public membre",
    source=models.ClauseRef(annex="2", article="C"),
)


def facts_of(
    termination: models.Termination,
    start: dt.date = dt.date(2026, 1, 1),
    term: models.Term = THREE_YEARS,
    as_of: dt.date = AS_OF,
) -> TermFacts:
    return term_facts(start, term, termination, as_of)


# --- termination: the rule in words ------------------------------------------------


def test_an_any_time_rule_says_who_when_with_what_notice_and_how():
    line = summary.termination_line(ANY_TIME, facts_of(ANY_TIME), AS_OF)
    assert line.rule_text == "Chaque partie peut résilier à tout moment, avec un préavis de 2 mois"
    assert line.notification_text == ", notifié par lettre recommandée avec avis de réception"
    assert line.anchor_note is None
    assert line.source == SOURCE


def test_a_before_anniversary_rule_says_the_anniversary_and_the_registers_reading_of_it():
    line = summary.termination_line(
        BEFORE_ANNIVERSARY,
        facts_of(BEFORE_ANNIVERSARY, term=models.Term(description="Jusqu’à l’échéance du marché", source=SOURCE)),
        AS_OF,
        scope="Annexe 2",
    )
    assert line.rule_text == (
        "Annexe 2 : L’établissement public membre peut résilier en respectant un préavis de "
        "3 mois avant chaque date anniversaire du 14 novembre (date de référence : signature "
        "du marché)"
    )
    assert line.anchor_note == "(ajout du registre : le registre retient le premier jour du marché)"
    assert line.notification_text == ""


def test_without_a_form_of_notice_nothing_is_said_of_it():
    rule = ANY_TIME.model_copy(update={"form": None})
    assert summary.notification_text(rule) == ""


# --- termination: the next deadline, the effect date and their order ---------------


def test_an_any_time_rule_notified_today_takes_effect_after_the_notice():
    notice = summary.termination_line(ANY_TIME, facts_of(ANY_TIME), AS_OF).next_notice
    assert (notice.deadline, notice.effect) == (AS_OF, dt.date(2027, 1, 22))
    assert notice.text == "Notifiée le 22 novembre 2026, une résiliation prendrait effet le 22 janvier 2027"


def test_a_before_anniversary_rule_gives_the_deadline_first_then_the_end():
    facts = facts_of(
        BEFORE_ANNIVERSARY,
        start=dt.date(2022, 11, 14),
        term=models.Term(description="Jusqu’à l’échéance du marché", source=SOURCE),
    )
    notice = summary.next_notice(BEFORE_ANNIVERSARY, facts)
    assert (notice.deadline, notice.effect) == (dt.date(2027, 8, 14), dt.date(2027, 11, 14))
    assert notice.deadline < notice.effect
    assert notice.text == "Prochaine date limite pour notifier : 14 août 2027, pour une fin au 14 novembre 2027"


@pytest.mark.parametrize("rule", [ANY_TIME, BEFORE_ANNIVERSARY], ids=["any_time", "before_anniversary"])
def test_the_deadline_is_told_before_the_effect_date(rule):
    """Distinct dates in the facts, each said where its words say: swapping them would be seen."""
    facts = TermFacts(
        dt.date(2026, 1, 1),
        None,
        None,
        "en-vigueur",
        notice_deadline=dt.date(2027, 3, 1),
        notice_effect=dt.date(2027, 6, 30),
    )
    text = summary.next_notice(rule, facts).text
    assert text.index("1er mars 2027") < text.index("30 juin 2027")
    if rule.kind == "any_time":
        assert "Notifiée le 1er mars 2027" in text and "prendrait effet le 30 juin 2027" in text
    else:
        assert "notifier : 1er mars 2027" in text and "une fin au 30 juin 2027" in text


def test_once_the_term_is_over_no_notice_is_left_to_give():
    facts = facts_of(ANY_TIME, as_of=dt.date(2030, 1, 1))
    line = summary.termination_line(ANY_TIME, facts, dt.date(2030, 1, 1))
    assert facts.status == "echue" and line.next_notice is None
    assert line.term_reached_text == "Terme atteint : plus de préavis à calculer (au 1er janvier 2030)."


def test_a_term_still_running_is_not_said_to_be_reached():
    assert summary.term_reached_text(facts_of(ANY_TIME), AS_OF) is None


def test_the_last_day_to_notify_before_the_term_comes_with_the_term_it_ends():
    facts = facts_of(ANY_TIME)
    latest = latest_notice_before_end(ANY_TIME, facts)
    line = summary.termination_line(ANY_TIME, facts, AS_OF, latest_notice=latest)
    assert line.latest_notice_text == (
        "Dernier jour pour notifier une résiliation qui prenne effet au plus tard "
        "au terme du 31 décembre 2028 : le 31 octobre 2028."
    )


def test_the_last_day_to_notify_is_said_of_any_time_rules_only():
    facts = facts_of(BEFORE_ANNIVERSARY)
    assert summary.latest_notice_text(BEFORE_ANNIVERSARY, facts, dt.date(2028, 10, 31), AS_OF) is None
    assert summary.termination_line(ANY_TIME, facts_of(ANY_TIME), AS_OF).latest_notice_text is None


def test_a_last_day_to_notify_already_past_is_not_shown():
    facts = facts_of(ANY_TIME)
    latest = latest_notice_before_end(ANY_TIME, facts)
    assert summary.latest_notice_text(ANY_TIME, facts, latest, latest) is not None
    assert summary.latest_notice_text(ANY_TIME, facts, latest, latest + dt.timedelta(days=1)) is None


# --- terms, ends and statuses --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (models.Period(years=1), "1 an"),
        (models.Period(years=2), "2 ans"),
        (models.Period(months=1), "1 mois"),
        (models.Period(days=1), "1 jour"),
        (models.Period(days=15), "15 jours"),
        (models.Period(years=1, months=6), "1 an et 6 mois"),
    ],
)
def test_periods_agree_with_their_number(value, words):
    assert period(value) == words


def test_a_term_says_its_duration_and_how_many_times_it_renews():
    term = models.Term(
        duration=models.Period(years=2), renewals=3, renewal_period=models.Period(years=1), source=SOURCE
    )
    assert summary.term_text(term) == "2 ans, renouvelable 3 fois 1 an"
    assert summary.renewals_text(THREE_YEARS) == ""


def test_an_annex_term_says_its_start_duration_renewals_and_both_ends():
    annex = models.Annex.model_construct(
        number="2",
        title="Stockage",
        term=models.Term(
            start=dt.date(2022, 11, 14),
            duration=models.Period(years=2),
            renewals=2,
            renewal_period=models.Period(years=1),
            source=SOURCE,
        ),
    )
    facts = term_facts(None, annex.term, None, AS_OF)
    assert summary.annex_term_text(annex, facts) == (
        "Annexe 2 (Stockage) : du 14 novembre 2022 pour 2 ans, renouvelable 2 fois 1 an ; échéance initiale le "
        "13 novembre 2024, au plus tard le 13 novembre 2026 avec les renouvellements"
    )


def test_an_annex_term_without_renewals_has_one_end():
    annex = models.Annex.model_construct(
        number="1", title="SIG", term=models.Term(duration=models.Period(years=1), source=SOURCE)
    )
    facts = term_facts(dt.date(2026, 1, 1), annex.term, None, AS_OF)
    assert summary.annex_term_text(annex, facts) == "Annexe 1 (SIG) : pour 1 an ; échéance initiale le 31 décembre 2026"


def test_the_end_is_a_date_or_not_fixed():
    assert summary.end_text(facts_of(ANY_TIME)) == "31 décembre 2028"
    assert (
        summary.end_text(facts_of(ANY_TIME, term=models.Term(description="Sans terme", source=SOURCE)))
        == "Non fixée par la convention"
    )


def test_the_status_names_each_annex_with_its_own_status():
    facts = ConventionFacts(facts_of(ANY_TIME), {"2": facts_of(ANY_TIME, as_of=dt.date(2030, 1, 1))})
    assert summary.status_text(facts) == "En vigueur ; annexe 2 : échue"


def test_table_cells_mark_dates_up_or_say_what_stands_for_them():
    assert summary.entry_into_force_cell(
        models.EntryIntoForce(date=dt.date(2026, 1, 1), source=SOURCE)
    ) == summary.DatedText(dt.date(2026, 1, 1), "01/01/2026")
    assert summary.entry_into_force_cell(models.EntryIntoForce(on_signature=True, source=SOURCE)) == summary.DatedText(
        None, "À la signature"
    )
    assert summary.end_cells([(dt.date(2028, 12, 31), ""), (dt.date(2027, 6, 30), "annexe 2")]) == [
        summary.DatedText(dt.date(2028, 12, 31), "31/12/2028"),
        summary.DatedText(dt.date(2027, 6, 30), "30/06/2027", " (annexe 2)"),
    ]
    assert summary.end_cells([]) == [summary.DatedText(None, "Non fixée")]


# --- who -------------------------------------------------------------------------------


def test_a_party_is_represented_by_someone_with_or_without_civility():
    representative = models.Representative(civility="Madame", name="Anne Martin", function="Présidente")
    party = models.Party(
        organisation="smica", role="prestataire", representative=representative, mandate="dûment habilitée"
    )
    assert summary.party_text(party) == "(prestataire), représenté par Madame Anne Martin, Présidente, dûment habilitée"
    anonymous = party.model_copy(update={"representative": representative.model_copy(update={"civility": None})})
    assert summary.party_text(anonymous) == "(prestataire), représenté par Anne Martin, Présidente, dûment habilitée"


def test_a_referent_is_named_only_when_published():
    referent = models.Contact(
        function="DSI", name="Jeanne Exemple", phone="05 00 00 00 00", email="dsi@example.org", publish=True
    )
    assert summary.referent_text(referent) == summary.ReferentText(
        "DSI : Jeanne Exemple, 05 00 00 00 00, dsi@example.org", None
    )
    assert summary.referent_text(referent.model_copy(update={"publish": False})) == summary.ReferentText(
        "DSI", "nom et coordonnées directes non publiés"
    )


def test_an_amendment_says_its_reference_date_and_what_it_changes():
    amendment = models.Amendment(
        reference="Avenant n° 1", signature=models.ActSignature(date=dt.date(2026, 3, 3)), summary="ajout du SIG"
    )
    assert summary.amendment_text(amendment) == "Avenant n° 1 du 3 mars 2026 : ajout du SIG"


# --- tariffs -----------------------------------------------------------------------------


def tariff(tax_basis: str | None, amounts: tuple[tuple[int, str], ...] = ()) -> models.Tariff:
    indicative = [
        models.IndicativeAmount(year=year, amount=Decimal(amount), description="indicatif") for year, amount in amounts
    ]
    return models.Tariff.model_construct(id="t", title="T", tax_basis=tax_basis, unit="par an", indicative=indicative)


@pytest.mark.parametrize(
    ("basis", "words", "short"),
    [
        ("TTC", "toutes taxes comprises (TTC)", "(TTC, par an)"),
        ("HT", "hors taxes (HT)", "(HT, par an)"),
        (None, "TTC ou HT : non précisé par la convention", "(par an)"),
    ],
)
def test_the_tax_basis_in_words(basis, words, short):
    assert tax_basis_words(tariff(basis)) == words
    assert amounts_text(tariff(basis)) == f"{words}, en euros, par an"
    assert short_terms_text(tariff(basis)) == short


def test_indicative_amounts_follow_one_another():
    two = tariff(None, ((2025, "1130.00"), (2026, "1200.50")))
    assert indicative_amounts_text(two) == (
        " — à titre indicatif, 1\u202f130,00\u00a0€ en 2025 — à titre indicatif, 1\u202f200,50\u00a0€ en 2026"
    )
    assert indicative_amounts_text(tariff(None)) == ""


def test_the_tariffs_list_says_grid_or_indicative_amount():
    assert listed_amounts_text(tariff("HT"), has_grid=True) == "Grille HT, par an, avec calculateur"
    assert listed_amounts_text(tariff("TTC"), has_grid=False) == "Montant indicatif TTC, par an"
    assert listed_amounts_text(tariff(None), has_grid=False) == "Montant indicatif, par an"


def test_a_grid_version_says_how_long_it_is_valid():
    open_ended = models.TariffVersion.model_construct(valid_from=dt.date(2022, 11, 14), valid_until=None)
    bounded = models.TariffVersion.model_construct(valid_from=dt.date(2026, 1, 1), valid_until=dt.date(2026, 12, 31))
    assert validity_text(open_ended) == "Valable à partir du 14 novembre 2022, sans date de fin connue."
    assert validity_text(bounded) == "Valable du 1er janvier 2026 au 31 décembre 2026."
    assert until_text(open_ended) == ", sans date de fin connue"
    assert until_text(bounded) == ", jusqu’au 31 décembre 2026"


# --- plurals and cut-offs of lists ------------------------------------------------------


@pytest.mark.parametrize(("count", "noun"), [(0, "convention"), (1, "convention"), (2, "conventions")])
def test_a_count_agrees_with_its_noun_the_french_way(count, noun):
    assert counted_noun(count, "convention", "conventions") == noun


def test_a_list_on_one_page_has_no_pager_and_a_long_one_says_where_the_reader_is():
    first, second = (spec.context["pager"] for spec in paginate("conventions", "t", {}, "items", range(60), 50))
    assert (first.is_split, second.position_text) == (True, "Page 2 sur 2 : éléments 51 à 60 sur 60.")
    assert not Pager(1, ("conventions/index.md",), 3, 50).is_split


def test_a_deadline_is_titled_by_its_kind_and_scope():
    deadline = Deadline(dt.date(2028, 12, 31), "Fin", "x", "l’annexe 2", "terme", "2026CV4 — Convention")
    assert deadline.title == "Fin (l’annexe 2)"
    assert deadline.calendar_summary == "Fin (l’annexe 2) : 2026CV4 — Convention"


# --- the fixture register, end to end -----------------------------------------------------


@pytest.fixture(scope="module")
def generated(fixture_project):
    return generate(Project(fixture_project), AS_OF)


def test_the_summary_card_places_the_sentences_python_decides(generated):
    view = generated.data.conventions["smica-severac-2026cv4"]
    page = generated.files[view.src]
    (line,) = view.termination_lines
    assert line.next_notice.text == "Notifiée le 22 novembre 2026, une résiliation prendrait effet le 22 janvier 2027"
    assert f"<br><strong>{line.next_notice.text}</strong> <small>(calculé au 22 novembre 2026)</small>" in page
    assert f"<br>{line.latest_notice_text}</dd>" in page
    assert f"<dd>{view.status_text} <small>(au 22 novembre 2026)</small></dd>" in page


def test_an_annexs_own_rule_has_no_last_day_before_the_conventions_term(generated):
    view = generated.data.conventions["tarn-et-garonne-deux-rives"]
    (line,) = view.termination_lines
    assert line.rule_text.startswith("Annexe 2 : ") and line.latest_notice_text is None
    assert line.term_reached_text == "Terme atteint : plus de préavis à calculer (au 22 novembre 2026)."
    assert home_counts(generated.data)[0].noun == "conventions"


# --- URLs ----------------------------------------------------------------------------------


def test_every_kind_of_page_has_its_url_function():
    assert [
        urls.organisation("smica"),
        urls.service("gfu"),
        urls.topic("duree"),
        urls.tariff("t"),
        urls.notice("n"),
        urls.convention("c"),
        urls.article("c", "article-3"),
    ] == [
        "organisations/smica/index.md",
        "services/gfu/index.md",
        "clauses/duree/index.md",
        "tarifs/t/index.md",
        "donnees-personnelles/n/index.md",
        "conventions/c/index.md",
        "conventions/c/article-3.md",
    ]


def test_a_clause_lives_where_the_url_functions_say():
    article = models.Article.model_construct(number="3", label=None)
    assert Clause("c", None, article).src == urls.article("c", Clause("c", None, article).slug)


def test_the_pages_of_a_list_follow_its_first_page():
    assert urls.folder(urls.organisation("smica")) == "organisations/smica"
    assert [urls.list_page("organisations/smica", n) for n in (1, 2)] == [
        "organisations/smica/index.md",
        "organisations/smica/page/2/index.md",
    ]
