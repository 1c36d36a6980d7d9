"""/echeances/ and its iCalendar file list the register's upcoming deadlines."""

from __future__ import annotations


def test_calendar_lists_end_and_notice_deadline_with_crlf(built_site):
    raw = (built_site / "echeances/echeances.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8")
    # 2026CV4: three years from 1 January 2026, two months' notice at any time.
    assert "DTSTART;VALUE=DATE:20281231\r\nSUMMARY:Fin (la convention) : 2026CV4" in text
    assert "DTSTART;VALUE=DATE:20281031\r\nSUMMARY:Date limite de préavis (la convention) : 2026CV4" in text
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 2


def test_deadlines_page_is_sorted_and_links_the_calendar(built_site):
    html = (built_site / "echeances/index.html").read_text(encoding="utf-8")
    assert 'href="echeances.ics"' in html
    assert html.index("31 octobre 2028") < html.index("31 décembre 2028")
    assert "calculées" in html and "22 novembre 2026" in html
