"""The "Partner organisations" panel's chooser, in the editor's browser, does not offer the
partners the programme already has (issue 20; Wagtail's MultipleChooserPanel offers all)."""

import re

import pytest

from tests.browser.test_editor_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.editor]

ROWS = "#id_partnerships-FORMS"
MODAL = ".modal-content"


def programme_id(page, slug):
    response = page.request.get(f"/api/v2/pages/?type=programmes.ProgrammePage&slug={slug}")
    (item,) = response.json()["items"]
    return item["id"]


def offered(page):
    """The partners the open chooser lists to tick, by name."""
    modal = page.locator(MODAL)
    modal.get_by_role("button", name="Confirm selection").wait_for()
    return {label.strip() for label in modal.locator("td.title label").all_inner_texts()}


def test_the_panel_chooser_leaves_out_the_programmes_partners(page, live_site):
    sign_in(page, live_site)
    page.goto(f"/admin/pages/{programme_id(page, 'digital')}/edit/")
    rows = page.locator(f"{ROWS} [data-chooser-title]")
    linked = {title.strip() for title in rows.all_inner_texts()}
    assert linked

    page.get_by_role("button", name="Add partner organisation").click()
    listed = offered(page)
    assert listed, "other partners are offered"
    assert not listed & linked

    # Its search leaves them out too.
    name = sorted(linked)[0]
    page.locator(MODAL).get_by_label("Search term").fill(name)
    page.locator(MODAL).get_by_text(re.compile(r"There (is|are) \d+ match")).wait_for()
    found = page.locator(f"{MODAL} .page-results td.title").all_inner_texts()
    assert name not in {text.strip() for text in found}

    # Choosing one adds its row.
    page.locator(MODAL).get_by_label("Search term").fill("")
    choice = sorted(listed)[0]
    page.locator(MODAL).get_by_text(choice, exact=True).click()
    page.locator(MODAL).get_by_role("button", name="Confirm selection").click()
    page.locator(MODAL).wait_for(state="detached")
    assert choice in {title.strip() for title in rows.all_inner_texts()}
