"""Calendar arithmetic of terms and notice periods, on plain dates and on the two real conventions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.register import models
from generator.register.dates import add_period, anniversary, last_day, next_anniversary_with_notice, subtract_period
from generator.register.derive import TermFacts, latest_notice_before_end, term_facts

from conftest import REGISTER

ROOT = Path(__file__).resolve().parent.parent
D = dt.date.fromisoformat
TWO_MONTHS = models.Period(months=2)


def period(**units) -> models.Period:
    return models.Period(**units)


# --- add_period and friends ----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "units", "times", "expected"),
    [
        ("2023-01-31", {"months": 1}, 1, "2023-02-28"),  # past the end of February: its last day
        ("2024-01-31", {"months": 1}, 1, "2024-02-29"),  # leap year
        ("2100-01-31", {"months": 1}, 1, "2100-02-28"),  # 2100 is not a leap year
        ("2000-01-31", {"months": 1}, 1, "2000-02-29"),  # 2000 is
        ("2026-03-31", {"months": 1}, 1, "2026-04-30"),
        ("2026-08-31", {"months": 6}, 1, "2027-02-28"),
        ("2026-01-31", {"months": 1}, 2, "2026-03-31"),  # two months at once, not month by month (no drift to 28)
        ("2024-02-29", {"years": 1}, 1, "2025-02-28"),
        ("2024-02-29", {"years": 4}, 1, "2028-02-29"),
        ("2026-11-14", {"months": 11}, 1, "2027-10-14"),  # across the year end
        ("2026-12-15", {"months": 1}, 1, "2027-01-15"),
        ("2026-01-01", {"years": 3}, 1, "2029-01-01"),
        ("2026-01-30", {"days": 3}, 1, "2026-02-02"),
        ("2026-01-31", {"months": 1, "days": 1}, 1, "2026-03-01"),  # months first, then days
        ("2022-11-14", {"years": 1}, 2, "2024-11-14"),
    ],
)
def test_add_period(start, units, times, expected):
    assert add_period(D(start), period(**units), times) == D(expected)


@pytest.mark.parametrize(
    ("end", "units", "expected"),
    [
        ("2026-11-14", {"months": 2}, "2026-09-14"),
        ("2027-11-14", {"months": 2}, "2027-09-14"),
        ("2026-05-31", {"months": 3}, "2026-02-28"),
        ("2024-04-30", {"months": 2}, "2024-02-29"),
        ("2027-01-15", {"months": 2}, "2026-11-15"),
        ("2026-03-01", {"days": 1}, "2026-02-28"),
    ],
)
def test_subtract_period(end, units, expected):
    assert subtract_period(D(end), period(**units)) == D(expected)


def test_last_day_of_a_term():
    assert last_day(D("2026-01-01"), period(years=3)) == D("2028-12-31")
    assert last_day(D("2022-11-14"), period(years=2)) == D("2024-11-13")
    assert last_day(D("2024-02-29"), period(years=1)) == D("2025-02-27")  # 28 Feb 2025 is the next term's first day


def test_anniversary_of_29_february():
    assert anniversary(D("2024-02-29"), 2025) == D("2025-02-28")
    assert anniversary(D("2024-02-29"), 2028) == D("2028-02-29")


def test_empty_period_is_refused():
    with pytest.raises(ValueError, match="at least one of years, months, days"):
        models.Period()


# --- notice before an anniversary (annex 2 of the Tarn-et-Garonne convention) -------


ANCHOR = D("2022-11-14")


@pytest.mark.parametrize(
    ("as_of", "anniversary_date", "deadline"),
    [
        ("2026-06-22", "2026-11-14", "2026-09-14"),
        ("2026-09-14", "2026-11-14", "2026-09-14"),  # the deadline day itself is still in time
        ("2026-09-15", "2027-11-14", "2027-09-14"),  # one day late: next year's anniversary
        ("2026-11-22", "2027-11-14", "2027-09-14"),
        ("2023-01-10", "2023-11-14", "2023-09-14"),
        ("2022-11-14", "2023-11-14", "2023-09-14"),  # the anchor itself is not an anniversary
    ],
)
def test_next_anniversary_with_notice(as_of, anniversary_date, deadline):
    assert next_anniversary_with_notice(ANCHOR, TWO_MONTHS, D(as_of)) == (D(anniversary_date), D(deadline))


def test_notice_before_an_anniversary_at_a_month_end():
    # Anniversary 30 April, two months' notice: the deadline is 28 February (there is no 30 February).
    assert next_anniversary_with_notice(D("2020-04-30"), period(months=2), D("2026-01-01")) == (
        D("2026-04-30"),
        D("2026-02-28"),
    )


# --- the real conventions ----------------------------------------------------


@pytest.fixture(scope="module")
def register_at():
    """The site data of the real content as of a given day."""

    def load(as_of: str):
        data, problems = check(Project(REGISTER), D(as_of))
        assert data is not None, [str(problem) for problem in problems]
        return data

    return load


def test_2026cv4_runs_three_years_from_1_january_2026(register_at):
    facts = register_at("2026-06-22").conventions["smica-severac-2026cv4"].facts.convention
    assert facts.start == D("2026-01-01")
    assert facts.initial_end == facts.final_end == D("2028-12-31")
    assert facts.status == "en-vigueur"


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        ("2025-12-31", "a-venir"),
        ("2026-01-01", "en-vigueur"),
        ("2028-12-31", "en-vigueur"),
        ("2029-01-01", "echue"),
    ],
)
def test_2026cv4_status(register_at, as_of, status):
    assert register_at(as_of).conventions["smica-severac-2026cv4"].facts.convention.status == status


@pytest.mark.parametrize(
    ("as_of", "deadline", "effect"),
    [
        ("2026-06-22", "2026-06-22", "2026-08-22"),  # notice given today ends the convention two months later
        ("2026-11-22", "2026-11-22", "2027-01-22"),
        ("2026-12-31", "2026-12-31", "2027-02-28"),  # clamped to the end of February
        ("2027-12-31", "2027-12-31", "2028-02-29"),  # leap year
        ("2025-11-01", "2026-01-01", "2026-03-01"),  # before the entry into force: counted from 1 January 2026
        ("2028-10-31", "2028-10-31", "2028-12-31"),
    ],
)
def test_2026cv4_any_time_notice(register_at, as_of, deadline, effect):
    facts = register_at(as_of).conventions["smica-severac-2026cv4"].facts.convention
    assert (facts.notice_deadline, facts.notice_effect) == (D(deadline), D(effect))


def test_2026cv4_no_notice_once_it_would_outlast_the_term(register_at):
    facts = register_at("2028-11-01").conventions["smica-severac-2026cv4"].facts.convention
    assert (facts.notice_deadline, facts.notice_effect) == (None, None)


def test_2026cv4_latest_notice_agrees_with_the_daily_deadline():
    """The page's « notifier au plus tard le … » is the last day on which a deadline is still shown."""
    convention = _convention("smica-severac-2026cv4")
    start = D("2026-01-01")
    facts = term_facts(start, convention.term, convention.termination, D("2026-11-22"))
    latest = latest_notice_before_end(convention.termination, facts)
    assert latest == D("2028-10-31")
    for offset in range(-3, 4):
        day = latest + dt.timedelta(days=offset)
        daily = term_facts(start, convention.term, convention.termination, day)
        assert (daily.notice_deadline is not None) == (day <= latest), day


def test_annex_2_term_ends_13_november_2026_at_the_latest(register_at):
    facts = register_at("2026-06-22").conventions["tarn-et-garonne-deux-rives"].facts.annexes["2"]
    assert facts.start == D("2022-11-14")
    assert facts.initial_end == D("2024-11-13")
    assert facts.final_end == D("2026-11-13")  # 2 years, then 2 renewals of 1 year
    assert (facts.status, facts.renewal, facts.period_end) == ("renouvelee", 2, D("2026-11-13"))


@pytest.mark.parametrize(
    ("as_of", "deadline", "effect"),
    [
        ("2026-06-22", "2026-09-14", "2026-11-14"),
        ("2025-06-22", "2025-09-14", "2025-11-14"),
        ("2024-09-15", "2025-09-14", "2025-11-14"),
    ],
)
def test_annex_2_notice_before_the_anniversary(register_at, as_of, deadline, effect):
    facts = register_at(as_of).conventions["tarn-et-garonne-deux-rives"].facts.annexes["2"]
    assert (facts.notice_deadline, facts.notice_effect) == (D(deadline), D(effect))


def test_annex_2_no_deadline_after_its_last_possible_end(register_at):
    """After 14 September 2026 the next anniversary (2027) is beyond the market's last day: no deadline to show."""
    facts = register_at("2026-09-15").conventions["tarn-et-garonne-deux-rives"].facts.annexes["2"]
    assert facts.status == "renouvelee"
    assert (facts.notice_deadline, facts.notice_effect) == (None, None)
    ended = register_at("2026-11-22").conventions["tarn-et-garonne-deux-rives"].facts.annexes["2"]
    assert ended.status == "echue"
    assert ended.notice_deadline is None


def test_tarn_convention_itself_has_no_fixed_dates(register_at):
    """Unsigned and undated: it takes effect on signature, so no end or deadline can be computed for it."""
    facts = register_at("2026-06-22").conventions["tarn-et-garonne-deux-rives"].facts.convention
    assert facts.status == "indeterminee"
    assert facts.final_end is None and facts.notice_deadline is None


def _convention(identifier: str) -> models.Convention:
    data, _ = check(Project(REGISTER), D("2026-11-22"))
    return data.conventions[identifier].convention


@pytest.mark.parametrize(
    ("end", "notice", "latest"),
    [
        ("2029-02-28", {"months": 1}, "2029-01-31"),  # 31 January + 1 month is clamped to 28 February
        ("2029-03-05", {"months": 1, "days": 10}, "2029-01-23"),
        ("2028-12-31", {"months": 2}, "2028-10-31"),
        ("2028-04-30", {"months": 2}, "2028-02-29"),  # leap day
    ],
)
def test_latest_notice_is_the_last_day_whose_effect_falls_within_the_term(end, notice, latest):
    from generator.register.dates import add_period
    from generator.register.models import ClauseRef, Period, Termination

    rule = Termination(kind="any_time", notice=Period(**notice), by="chaque partie", source=ClauseRef(article="3"))
    facts = TermFacts(None, D(end), D(end), "en-vigueur", None, None)
    day = latest_notice_before_end(rule, facts)
    assert day == D(latest)
    assert add_period(day, rule.notice) <= D(end) < add_period(day + dt.timedelta(days=1), rule.notice)
