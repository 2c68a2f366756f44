"""An editor writes, tags, previews and publishes a blog post in the Wagtail admin.

Issue 4 (roles and moderation) is not built yet, so the editor here is a superuser who
publishes directly.
"""

import datetime
import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.editor]

TITLE = "Keyboard-tested post about community support"
SLUG = "keyboard-tested-post-about-community-support"
HEADING = "What we learned this month"
PARAGRAPH = "Link workers helped more people than ever find support close to home."
QUOTE = "Working together is the only way we tackle problems this big."
ATTRIBUTION = "A London link worker"
ALT_TEXT = "Abstract blue shapes"
# Tag (its name, as editors read it) -> the programme page it points to.
TAGS = {
    "Thrive LDN": "/our-work/mental-health/thrive-ldn/",
    "Social prescribing": "/our-work/prevention/social-prescribing/",
}


def sign_in(page, live_site):
    page.goto("/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.get_by_label("Username").fill(live_site.admin_username)
    page.get_by_label("Password").fill(live_site.admin_password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_site("/admin/"))


def open_new_blog_post_form(page):
    """Through the page explorer, as an editor finds it: Home > News > Blog > Add child page."""
    page.goto("/admin/pages/")
    for section in ["Healthy London Partnership", "News, blogs & videos", "Blog"]:
        listing = page.url
        page.get_by_role("link", name=f"Explore child pages of '{section}'").click()
        page.wait_for_url(lambda url, listing=listing: url != listing)
    page.get_by_role("link", name="Add child page").click()
    page.wait_for_url(re.compile(r"/admin/pages/add/blog/articlepage/\d+/"))


def add_tag_with_autocomplete(page, tag):
    tag_input = page.locator("#id_tags").locator("xpath=..").locator("input.ui-autocomplete-input")
    tag_input.click()
    tag_input.press_sequentially(tag[:4], delay=50)
    suggestion = page.locator(".ui-autocomplete:visible li").get_by_text(tag, exact=True)
    suggestion.click()
    chosen = page.locator("#id_tags").locator("xpath=..").locator(".tagit-choice .tagit-label")
    # Tag-it shows a name with spaces in quotes, as it will be submitted.
    assert tag in [label.strip('"') for label in chosen.all_inner_texts()]


def insert_block(page, name):
    page.get_by_role("button", name="Insert a block").last.click()
    page.get_by_role("option", name=name, exact=True).click()


def test_editor_writes_previews_and_publishes_a_tagged_post(page, live_site):
    sign_in(page, live_site)
    open_new_blog_post_form(page)

    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Post date*").fill(datetime.date.today().isoformat())
    page.keyboard.press("Escape")  # close the date picker
    for tag in TAGS:
        add_tag_with_autocomplete(page, tag)
    page.get_by_role("textbox", name="Intro*").fill("What link workers told us this month.")

    insert_block(page, "Heading")
    page.locator("#body-0-value-text").fill(HEADING)
    insert_block(page, "Paragraph")
    page.locator("#body-1-value").locator("xpath=..").locator("[contenteditable=true]").click()
    page.keyboard.type(PARAGRAPH)
    insert_block(page, "Quote")
    page.locator("#body-2-value-quote").fill(QUOTE)
    page.locator("#body-2-value-attribution").fill(ATTRIBUTION)
    insert_block(page, "Image")
    page.locator("#body-3-value-image-chooser").get_by_role(
        "button", name="Choose an image"
    ).click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("link", name="Hero: Healthy London Partnership").click()
    page.locator("#body-3-value-image-title").filter(
        has_text="Hero: Healthy London Partnership"
    ).wait_for()
    page.locator("#body-3-value-alt_text").fill(ALT_TEXT)

    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail swaps in a fresh iframe as the preview refreshes: read the newest one.
    preview = page.frame_locator("iframe[title='Preview'] >> nth=-1")
    preview.locator("h2", has_text=HEADING).wait_for()
    assert QUOTE in preview.locator("blockquote").inner_text()

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    # "created and published", or "has been published" once autosave has made a draft.
    page.get_by_text(
        re.compile(rf"Post '{re.escape(TITLE)}' (created and published|has been published)")
    ).wait_for()

    page.goto(f"/news/blog/{SLUG}/")
    article = page.locator("main article")
    assert article.locator("h1").inner_text() == TITLE
    assert article.locator("h2").inner_text() == HEADING
    assert PARAGRAPH in article.inner_text()
    assert QUOTE in article.locator("blockquote").inner_text()
    assert ATTRIBUTION in article.locator("figcaption").inner_text()
    assert article.get_by_role("img", name=ALT_TEXT).count() == 1
    for tag in TAGS:
        assert page.locator("main .hlp-tag-list").get_by_text(tag).count() == 1

    for programme_path in TAGS.values():
        page.goto(programme_path)
        assert page.locator(f'main a[href="/news/blog/{SLUG}/"]').count() == 1, (
            f"the new post is not listed on {programme_path}"
        )
