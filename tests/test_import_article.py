"""`import_article` turns an existing article into a draft post shaped like the demo content."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from hlp_site.demo.content import review_2018
from news.models import ArticlePage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
REVIEW_FILE = FIXTURES / "2018-review.txt"
THEMED_SECTIONS = [
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


def run(*args):
    out = StringIO()
    call_command("import_article", *map(str, args), stdout=out)
    return out.getvalue()


def without_ids(stream):
    """Blocks without their ids, and rich text without the editor's per-paragraph
    `data-block-key`s (random; the demo stores its bodies as the editor saves them)."""
    blocks = [{key: value for key, value in block.items() if key != "id"} for block in stream]
    return json.loads(re.sub(r' data-block-key=\\"[^"\\]*\\"', "", json.dumps(blocks)))


@pytest.fixture
def imported():
    # The demo already holds the review under /news/blog/, so import it under /news/news/.
    report = run(REVIEW_FILE, "--parent", "/news/", "--kind", "news")
    page = ArticlePage.objects.get(url_path__startswith="/home/news/news/partners-working")
    return page, report


def test_import_gives_the_structure_of_the_demo_content(imported, demo_page):
    page, _report = imported
    demo = demo_page(f"{review_2018.PARENT}{review_2018.SLUG}/")
    assert page.title == review_2018.TITLE
    assert page.date == review_2018.DATE
    assert page.intro == review_2018.INTRO
    headings = [block.value["text"] for block in page.body if block.block_type == "heading"]
    assert headings[:5] == THEMED_SECTIONS
    # Block for block, the same body the demo content builds by hand (less the highlights
    # video, which the demo adds to the article's text).
    demo_text = [block for block in demo.body.raw_data if block["type"] != "video"]
    assert without_ids(page.body.raw_data) == without_ids(demo_text)


def test_quotes_keep_their_attribution(imported):
    page, _report = imported
    quotes = [block.value for block in page.body if block.block_type == "quote"]
    assert [q["quote"] for q in quotes] == [review_2018.PULL_QUOTE, review_2018.STATEMENT]
    assert {(q["attribution"], q["role"]) for q in quotes} == {("Shaun Danielli", "HLP director")}


def test_visit_the_section_phrases_become_programme_links(imported, demo_page):
    page, _report = imported
    linked = set()
    html = "".join(block.value.source for block in page.body if block.block_type == "paragraph")
    for path in LINKED_PROGRAMMES:
        programme = demo_page(path)
        assert f'linktype="page" id="{programme.pk}"' in html, path
        linked.add(programme.pk)
    assert len(linked) == 4
    assert "visit the " in html and ">Prevention section</a> of our website" in html


def test_tags_are_suggested_from_the_linked_programmes(imported):
    page, report = imported
    tags = {tag.slug for tag in page.tags.all()}
    assert tags == {"prevention", "digital", "mental-health", "children-and-young-people"}
    assert "suggested tags (applied): Prevention, Digital, Mental health" in report


def test_it_is_a_draft_and_reports_what_it_could_not_map(imported, client):
    page, report = imported
    assert not page.live and page.latest_revision is not None
    assert client.get(page.url).status_code == 404
    assert "Could not map" in report
    assert "breadcrumb" in report and "« Back to blogs & videos listing" in report
    assert "used “Prevention” from the link that follows it" in report


def test_html_articles_import_too(tmp_path, demo_page):
    article = tmp_path / "article.html"
    article.write_text(
        "<html><body><nav>Home &gt; News</nav><article>"
        "<h1>Digital front door opens</h1><p><time datetime='2024-03-05'>5 March</time></p>"
        "<p>Londoners can now book online.</p>"
        "<h2>What changes</h2><ul><li>Book appointments</li><li>Order repeat prescriptions</li></ul>"
        "<blockquote><p>“A big step.”</p><cite>Ada Lovelace</cite></blockquote>"
        "<p>See <a href='https://www.nhs.uk/nhs-app/'>the NHS App pages</a>, "
        "or visit the Digital section of our website.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    run(article, "--parent", "/news/news/")
    page = ArticlePage.objects.get(slug="digital-front-door-opens")
    assert str(page.date) == "2024-03-05"
    assert page.intro == "Londoners can now book online."
    kinds = [block.block_type for block in page.body]
    assert kinds == ["heading", "paragraph", "quote", "paragraph"]
    assert page.body[2].value["attribution"] == "Ada Lovelace"
    last = page.body[3].value.source
    assert '<a href="https://www.nhs.uk/nhs-app/">the NHS App pages</a>' in last
    assert f'id="{demo_page("/our-work/digital/").pk}"' in last


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"   \n\n  \n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("Caf\u00e9 news".encode("latin-1") + b"\n", "not UTF-8"),
    ],
)
def test_bad_files_fail_cleanly_with_nothing_created(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    pages = Page.objects.count()
    with pytest.raises(CommandError, match=message):
        run(bad, "--parent", "/news/blog/")
    assert Page.objects.count() == pages


@pytest.mark.parametrize(
    "parent, kind, message",
    [
        ("/news/podcasts/", None, "No page at /news/podcasts/"),
        ("/our-work/", None, "posts go under News, Blog or Videos"),
        ("/news/", None, "add --kind"),
        ("/news/blog/", "video", "holds blog posts, not video"),
        # The demo already has this post here: importing again must not duplicate it.
        ("/news/blog/", None, "already exists"),
    ],
)
def test_bad_parents_fail_cleanly_with_nothing_created(parent, kind, message):
    pages = Page.objects.count()
    args = [REVIEW_FILE, "--parent", parent] + (["--kind", kind] if kind else [])
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert Page.objects.count() == pages


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.txt", "--parent", "/news/blog/")
