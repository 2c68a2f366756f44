"""The Posts listing's filters work by mouse and keyboard at laptop widths (issue 21.3):
the date inputs sit clear of each other, every programme can be reached, and filling the
filters from the keyboard filters the listing."""

import re

import pytest

from tests.browser.test_editor_journey import sign_in

pytestmark = [pytest.mark.browser]

PROGRAMME = "HIV Fast-Track City"
IN_2021_WITH_PROGRAMME = "World AIDS Day: three years as a Fast-Track City"
IN_2021_WITHOUT_PROGRAMME = "Thrive LDN: Londoners on what helps them cope"

# True when a click at the middle of the element would land on it: in the viewport, not
# clipped by a scrolling panel, not covered by another element (a date picker, say).
CLICKABLE_AT_CENTRE = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return hit !== null && (hit === element || element.contains(hit) || hit.control === element);
}"""


def overlaps(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def open_filter(page, name):
    """Open the filter panel and one filter in it, by keyboard."""
    if not page.locator(".w-drilldown__menu").is_visible():
        page.get_by_role("button", name="Show filters").focus()
        page.keyboard.press("Enter")
    toggle = page.get_by_role("button", name=name, exact=True)
    submenu = page.locator(f"#{toggle.get_attribute('aria-controls')}")
    toggle.focus()
    page.keyboard.press("Enter")
    submenu.wait_for()
    return submenu


@pytest.mark.parametrize("width", [1280, 1024])
def test_posts_filters_by_keyboard_at_laptop_widths(open_page, live_site, width):
    page = open_page("desktop")
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_site)
    page.goto("/admin/posts/")
    results = page.locator("#listing-results")
    assert IN_2021_WITHOUT_PROGRAMME in results.inner_text()

    dates = open_filter(page, "Date")
    date_from, date_to = dates.locator("input[type=date]").all()
    for field in (date_from, date_to):
        field.focus()  # a JavaScript picker would open here and cover the field below
        assert field.evaluate(CLICKABLE_AT_CENTRE), "a date input is covered or cut off"
    assert not overlaps(date_from.bounding_box(), date_to.bounding_box())
    date_from.focus()
    page.keyboard.type("01012021")  # Chromium's en-US date input: mm dd yyyy
    date_to.focus()
    page.keyboard.type("12312021")
    assert (date_from.input_value(), date_to.input_value()) == ("2021-01-01", "2021-12-31")
    page.keyboard.press("Shift+Tab")  # leaving the field commits it; the listing reloads
    page.get_by_role("button", name="Back").filter(visible=True).click()

    programmes = open_filter(page, "Programme")
    options = programmes.get_by_role("radio")
    assert options.count() > 10
    for option in options.all():
        option.scroll_into_view_if_needed()
        assert option.evaluate(CLICKABLE_AT_CENTRE), "a programme cannot be reached"
        label = page.locator(f"label[for='{option.get_attribute('id')}']")
        box, panel = label.bounding_box(), programmes.bounding_box()
        assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 1, "label cut off"
    choice = programmes.get_by_role("radio", name=PROGRAMME, exact=True)
    choice.focus()
    page.keyboard.press("Space")
    assert choice.is_checked()

    page.wait_for_url(re.compile(r"date_from=2021-01-01.*programme=\d+|programme=\d+.*date_from"))
    page.wait_for_function(
        "(title) => !document.querySelector('#listing-results').innerText.includes(title)",
        arg=IN_2021_WITHOUT_PROGRAMME,
    )
    listed = results.inner_text()
    assert IN_2021_WITH_PROGRAMME in listed
    assert IN_2021_WITHOUT_PROGRAMME not in listed
