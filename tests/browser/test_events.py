"""A visitor finds an upcoming event from the home page and downloads its calendar file."""

import re
from pathlib import Path

import icalendar
import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["desktop", "mobile"])
def test_find_an_upcoming_event_from_home_and_download_its_calendar_file(open_page, viewport):
    page = open_page(viewport)
    page.goto("/")

    section = page.locator("main section", has=page.get_by_role("heading", name="Upcoming events"))
    cards = section.locator(".nhsuk-card__link")
    assert cards.count() == 3
    title = cards.first.inner_text()
    cards.first.click()
    page.wait_for_url(re.compile(r"/events/[\w-]+/$"))
    assert page.locator("main h1").inner_text() == title

    link = page.get_by_role("link", name=re.compile(r"^Download a calendar file"))
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = icalendar.Calendar.from_ical(Path(download.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]

    # And back to every upcoming event.
    page.get_by_role("link", name="Back to all events").click()
    page.wait_for_url(re.compile(r"/events/$"))
    assert title in page.locator("main .nhsuk-card__link").all_inner_texts()
