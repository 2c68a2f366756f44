"""Editorial guard rails: a bad save is refused with a clear message, a good one passes.

Each case posts the real page editor form, as the admin's JavaScript would, and reads the
message the editor is shown.
"""

from html import unescape

import pytest
from wagtail.images import get_image_model

from hlp_site.core.blocks import ArticleBodyBlock, ProgrammeBodyBlock, StandardBodyBlock
from news.forms import INTRO_REQUIRED, TAG_REQUIRED
from tests.editing import GOOD_BODY, draft_post, edit_form, post_edit, set_body

pytestmark = pytest.mark.django_db

H2 = ("heading", {"text": "Background", "level": "h2"})


@pytest.fixture
def post():
    return draft_post(title="Guard rails")


@pytest.fixture
def image():
    return get_image_model().objects.first()


def save(admin_client, page, body=None, action="publish", **fields):
    data = edit_form(admin_client, page)
    set_body(data, GOOD_BODY if body is None else body)
    for name, value in fields.items():
        data[name] = value
    return post_edit(admin_client, page, data, action)


def refused(response, *fragments):
    assert response.status_code == 200, "the save should have been refused"
    shown = unescape(response.content.decode())
    for fragment in fragments:
        assert fragment in shown, fragment
    return response


def passed(response, page):
    assert response.status_code == 302, unescape(response.content.decode())[:3000]
    page.refresh_from_db()
    return page


def image_block(image, alt_text="", decorative=False):
    value = {"image": image.pk, "alt_text": alt_text, "caption": ""}
    if decorative:
        value["decorative"] = "on"
    return ("image", value)


# Images ------------------------------------------------------------------------------------


def test_image_without_alt_text_is_refused(admin_client, post, image):
    refused(
        save(admin_client, post, [H2, image_block(image)]),
        "Add alt text describing the image for people who cannot see it",
    )


def test_decorative_image_with_alt_text_is_refused(admin_client, post, image):
    refused(
        save(admin_client, post, [H2, image_block(image, "A chart", decorative=True)]),
        "A decorative image has no alt text",
    )


@pytest.mark.parametrize("alt_text, decorative", [("Staff at a London clinic", False), ("", True)])
def test_image_with_alt_text_or_decorative_passes(admin_client, post, image, alt_text, decorative):
    page = passed(save(admin_client, post, [H2, image_block(image, alt_text, decorative)]), post)
    assert page.live


# Headings ----------------------------------------------------------------------------------


def test_first_heading_must_be_level_2(admin_client, post):
    body = [("heading", {"text": "Details", "level": "h3"})]
    refused(save(admin_client, post, body), "Start with a level 2 heading")


def test_heading_levels_cannot_be_skipped(admin_client, post):
    body = [H2, ("heading", {"text": "Small print", "level": "h4"})]
    refused(save(admin_client, post, body), "do not skip levels (use level 3)")


def test_headings_in_order_pass(admin_client, post):
    body = [
        H2,
        ("heading", {"text": "Part one", "level": "h3"}),
        ("heading", {"text": "A detail", "level": "h4"}),
        ("heading", {"text": "Next steps", "level": "h2"}),
    ]
    assert passed(save(admin_client, post, body), post).live


# Posts: intro and tags ---------------------------------------------------------------------


def test_post_needs_an_intro(admin_client, post):
    refused(save(admin_client, post, intro=""), INTRO_REQUIRED)


def test_post_needs_a_tag_to_publish(admin_client, post):
    refused(save(admin_client, post, tags=""), TAG_REQUIRED)


def test_post_needs_a_tag_to_submit_for_sign_off(admin_client, post):
    refused(save(admin_client, post, action="submit", tags=""), TAG_REQUIRED)


def test_a_draft_may_be_saved_before_it_is_tagged(admin_client, post):
    page = passed(save(admin_client, post, action="save", tags=""), post)
    assert not page.live


def test_post_with_intro_and_tag_passes(admin_client, post):
    page = passed(save(admin_client, post, intro="What happened.", tags="prevention"), post)
    assert page.live and [tag.slug for tag in page.tags.all()] == ["prevention"]


# Link text ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "link_text, message",
    [
        ("click here", "does not say where the link goes"),
        ("Read more", "does not say where the link goes"),
        ("https://www.england.nhs.uk/long-term-plan/", "is a bare web address"),
        ("www.england.nhs.uk", "is a bare web address"),
    ],
)
def test_vague_or_bare_link_text_is_refused(admin_client, post, link_text, message):
    paragraph = f'<p>See <a href="https://www.england.nhs.uk/">{link_text}</a>.</p>'
    refused(save(admin_client, post, [H2, ("paragraph", paragraph)]), message)


def test_link_left_on_one_letter_after_retyping_is_refused(admin_client, post):
    """Typing over a selected "click here" leaves the link on the first letter typed."""
    paragraph = '<p>See <a href="https://www.england.nhs.uk/">t</a>he Prevention programme.</p>'
    revisions = post.revisions.count()
    refused(
        save(admin_client, post, [H2, ("paragraph", paragraph)]),
        "A link is on the single character",
    )
    post.refresh_from_db()
    assert not post.live and post.revisions.count() == revisions


def test_link_ending_inside_a_word_is_refused(admin_client, post):
    paragraph = '<p>See <a href="https://www.england.nhs.uk/">the Prev</a>ention programme.</p>'
    refused(save(admin_client, post, [H2, ("paragraph", paragraph)]), "inside a word")


def test_one_letter_call_to_action_text_is_refused(admin_client, post):
    block = ("call_to_action", {"text": "t", "url": "https://example.org/", "page": ""})
    refused(save(admin_client, post, [H2, block]), "A link is on the single character")


def test_call_to_action_link_text_is_checked(admin_client, post):
    block = ("call_to_action", {"text": "Click here", "url": "https://example.org/", "page": ""})
    refused(save(admin_client, post, [H2, block]), "does not say where the link goes")


def test_link_text_inside_other_blocks_is_checked():
    """Blocks from the NHS.UK package (inset text here) are checked by the body as a whole."""
    inset = {"body": '<p>Details: <a href="https://example.org/">read more</a></p>'}
    body = [H2, ("inset_text", inset)]
    value = ArticleBodyBlock().to_python([{"type": t, "value": v} for t, v in body])
    with pytest.raises(Exception) as raised:
        ArticleBodyBlock().clean(value)
    assert "Block 2 (Inset text)" in str(raised.value.non_block_errors)
    assert "does not say where the link goes" in str(raised.value.non_block_errors)


def test_descriptive_link_text_passes(admin_client, post):
    paragraph = '<p>Read <a href="https://www.england.nhs.uk/">the NHS Long Term Plan</a>.</p>'
    assert passed(save(admin_client, post, [H2, ("paragraph", paragraph)]), post).live


@pytest.mark.parametrize("block", [ArticleBodyBlock, ProgrammeBodyBlock, StandardBodyBlock])
def test_every_demo_body_passes_the_guard_rails(block, demo_page):
    """The shipped content follows the rules it asks of editors."""
    from hlp_site.core.models import StandardPage
    from news.models import ArticlePage
    from programmes.models import ProgrammePage
    from resources.models import ResourcePage

    models = {
        ArticleBodyBlock: [ArticlePage, ResourcePage],
        ProgrammeBodyBlock: [ProgrammePage],
        StandardBodyBlock: [StandardPage],
    }[block]
    checked = 0
    for model in models:
        for page in model.objects.all():
            block().clean(page.body)
            checked += 1
    assert checked
