"""The organisation's reference post, held faithfully and linked to its programmes."""

import datetime

import pytest

pytestmark = pytest.mark.django_db

REVIEW_URL = "/news/blog/partners-working-together-to-improve-health-and-care-in-2018/"
TITLE = "Partners working together to improve health and care in 2018"
SECTION_HEADINGS = [
    "Prevention",
    "Digital",
    "Mental Health",
    "Tackling health inequalities",
    "Children and young people",
]
LINKED_PROGRAMMES = [
    "/our-work/prevention/",
    "/our-work/digital/",
    "/our-work/mental-health/",
    "/our-work/children-and-young-people/",
]
SPOKEN_OF = [
    *LINKED_PROGRAMMES,
    "/our-work/mental-health/thrive-ldn/",
    "/our-work/health-inequalities/",
]


@pytest.fixture
def review(demo_page):
    return demo_page(REVIEW_URL)


@pytest.fixture
def review_html(client):
    response = client.get(REVIEW_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_stored_as_a_blog_post_dated_18_december_2018(review):
    assert review.title == TITLE
    assert review.date == datetime.date(2018, 12, 18)
    assert review.get_parent().specific.kind == "blog"


def test_rendered_title_date_and_quote(review_html):
    assert "<h1" in review_html and TITLE in review_html
    assert 'datetime="2018-12-18"' in review_html
    assert "18 December 2018" in review_html
    assert "<blockquote" in review_html
    assert "None of this would be possible without key agencies" in review_html
    assert "Shaun Danielli" in review_html
    assert "HLP director" in review_html


def test_quote_is_a_quote_block_with_attribution(review):
    quotes = [block.value for block in review.body if block.block_type == "quote"]
    assert any(q["attribution"] == "Shaun Danielli" and q["role"] == "HLP director" for q in quotes)


def test_five_themed_sections_are_headings(review, review_html):
    headings = [block.value["text"] for block in review.body if block.block_type == "heading"]
    for heading in SECTION_HEADINGS:
        assert heading in headings
        assert f">{heading}</h2>" in review_html


def test_bullet_points_are_kept(review, review_html):
    assert str(review.body).count("<li") == 17  # 4 + 4 + 3 + 2 + 4 bullets in the five sections
    assert "95-98-97" in review_html
    assert "#AskAboutAsthma" in review_html


@pytest.mark.parametrize("url", LINKED_PROGRAMMES)
def test_visit_the_section_links_are_page_links(review, review_html, url):
    assert f'href="{url}"' in review_html
    # Stored as Wagtail page links, so they follow the page if it moves.
    assert 'linktype="page"' in str(review.body.raw_data)


@pytest.mark.parametrize("url", SPOKEN_OF)
def test_listed_on_each_programme_page_it_speaks_of(client, url):
    html = client.get(url).content.decode()
    assert REVIEW_URL in html


def test_listed_on_its_tag_pages(client, review):
    tags = list(review.tags.all())
    assert len(tags) >= 6
    for tag in tags:
        html = client.get(f"/news/tags/{tag.slug}/").content.decode()
        assert REVIEW_URL in html, tag.slug


def test_tags_link_to_tag_pages_and_programmes(review_html):
    assert 'href="/news/tags/mental-health/"' in review_html
    assert 'href="/our-work/mental-health/thrive-ldn/"' in review_html


def test_listed_under_year_2018(client):
    html = client.get("/news/?year=2018").content.decode()
    assert REVIEW_URL in html


def test_found_by_search_for_good_thinking(client):
    html = client.get("/search/?q=Good+Thinking").content.decode()
    assert REVIEW_URL in html
