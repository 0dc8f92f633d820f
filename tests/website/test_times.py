"""The export rule for every CSV and XLSX (website/spreadsheets.py applies website/times.py)."""

import datetime
import io

from website import spreadsheets, times


def test_every_export_cell_follows_the_time_and_yes_no_rule():
    file = io.StringIO()
    writer = spreadsheets.csv_writer(file)
    writer.writerow(
        [
            datetime.datetime(2026, 1, 15, 17, 0, 0, 654321, tzinfo=datetime.UTC),
            datetime.datetime(2026, 7, 15, 17, 0, 0, 1, tzinfo=datetime.UTC),
            datetime.date(2028, 6, 30),
            True,
            False,
            3,
            "=HYPERLINK(1)",
        ]
    )
    assert file.getvalue().strip() == (
        "2026-01-15T12:00:00-05:00,2026-07-15T13:00:00-04:00,2028-06-30,Yes,No,3,'=HYPERLINK(1)"
    )


def test_the_screen_rule_uses_the_site_zone_whatever_zone_is_active():
    from django.utils import timezone

    moment = datetime.datetime(2026, 1, 15, 17, 0, tzinfo=datetime.UTC)
    with timezone.override("UTC"):
        assert times.display_datetime(moment) == "15 Jan 2026, 12:00 EST"
        assert times.display_date(datetime.date(2028, 6, 30)) == "30 Jun 2028"
