"""/echeances/ lists the register's upcoming deadlines; its iCalendar file keeps every deadline, past ones too."""

from __future__ import annotations

import datetime as dt

import icalendar


def test_calendar_lists_end_and_notice_deadline_with_crlf(built_site):
    raw = (built_site / "echeances/echeances.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    events = {
        (event["DTSTART"].dt, str(event["SUMMARY"])) for event in icalendar.Calendar.from_ical(raw).walk("VEVENT")
    }
    dates = {date for date, _ in events}
    # 2026CV4: three years from 1 January 2026, two months' notice at any time.
    assert any(
        date == dt.date(2028, 12, 31) and text.startswith("Fin (la convention) : ") and "2026CV4" in text
        for date, text in events
    )
    assert any(
        date == dt.date(2028, 10, 31)
        and text.startswith("Date limite de préavis (la convention) : ")
        and "2026CV4" in text
        for date, text in events
    )
    # Tarn-et-Garonne's annex 2 ended on 13 November 2026, before the build date: its end and its four
    # notice deadlines (14 September 2023 to 2026) stay in the calendar, as subscribers already have them.
    assert {dt.date(2026, 11, 13), *(dt.date(year, 9, 14) for year in range(2023, 2027))} <= dates
    assert len(events) == 7


def test_deadlines_page_is_sorted_and_links_the_calendar(built_site):
    html = (built_site / "echeances/index.html").read_text(encoding="utf-8")
    assert 'href="echeances.ics"' in html
    assert html.index("31 octobre 2028") < html.index("31 décembre 2028")
    assert "calculées" in html and "22 novembre 2026" in html
    # Past deadlines are in the calendar only.
    assert "14 septembre 2026" not in html and "13 novembre 2026" not in html
