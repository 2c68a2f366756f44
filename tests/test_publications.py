"""HTML publications: cover, chapters, contents, anchors, print view, formats, search, API."""

import json
import re
import time

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from programmes.models import ProgrammePage
from publications.blocks import assign_anchors
from publications.demo_content import CHAPTERS, PATH
from publications.models import PublicationChapterPage, PublicationPage
from resources.models import ResourceIndexPage
from tests.editing import edit_form, post_edit, set_body
from tests.factories import PublicationChapterPageFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db

BUDGET = 15


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("pub-admin", "p@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def demo_publication():
    return PublicationPage.objects.get(url_path=f"/home{PATH}")


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def ids_in(html):
    return re.findall(r'\sid="([^"]+)"', html)


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def make_publication(chapters, parent=None, **fields):
    parent = parent or ResourceIndexPage.objects.get()
    publication = PublicationPageFactory(parent=parent, **fields)
    for n in range(chapters):
        PublicationChapterPageFactory(
            parent=publication,
            title=f"Chapter {n + 1}",
            slug=f"chapter-{n + 1}",
            body=[
                ("heading", {"text": "Background", "level": "h2", "anchor": ""}),
                ("paragraph", f"<p>Text of chapter {n + 1}, with a <b>bold</b> word.</p>"),
                ("heading", {"text": "What we found", "level": "h2", "anchor": ""}),
                ("heading", {"text": "Details", "level": "h3", "anchor": ""}),
                ("paragraph", "<p>More text.</p>"),
            ],
        )
    return publication


def make_linked_publication(chapters, **fields):
    """Chapters whose rich text links to a page (the chapter before; the first chapter, a
    programme) and to a document of its own, with an image, and an inset text (rich text
    inside another block) linking the programme: all that the print view must fetch once
    for the whole publication, not once per chapter."""
    images = list(get_image_model().objects.order_by("pk")[:3])
    programme = ProgrammePage.objects.order_by("path").first()
    publication = PublicationPageFactory(parent=ResourceIndexPage.objects.get(), **fields)
    previous = programme
    for n in range(1, chapters + 1):
        annex = document(f"Annex {n}", f"annex-{n}.pdf", b"%PDF-1.4\n" + b"x" * 100)
        previous = PublicationChapterPageFactory(
            parent=publication,
            title=f"Chapter {n}",
            slug=f"chapter-{n}",
            body=[
                ("heading", {"text": "Background", "level": "h2", "anchor": ""}),
                (
                    "paragraph",
                    f'<p>Following <a linktype="page" id="{previous.pk}">{previous.title}</a>, '
                    f'read <a linktype="document" id="{annex.pk}">annex {n}</a>.</p>',
                ),
                (
                    "image",
                    {
                        "image": images[n % len(images)],
                        "alt_text": f"Figure {n}",
                        "decorative": False,
                        "caption": "",
                    },
                ),
                (
                    "inset_text",
                    {
                        "body": f'<p>Part of <a linktype="page" id="{programme.pk}">our work</a>.</p>'
                    },
                ),
            ],
        )
    return publication


# Cover, contents and pagination ----------------------------------------------------------


def test_demo_publication_has_its_chapters_in_order(demo_publication):
    titles = [c.title for c in demo_publication.public_chapters()]
    assert titles == [title for _, title, _, _ in CHAPTERS]
    assert len(titles) >= 4


def test_cover_shows_metadata_contents_and_print_link(client, demo_publication):
    html = html_of(client, demo_publication.url)
    assert "<h1>" in html and demo_publication.title in html
    assert 'datetime="2015-10-01"' in html and "1 October 2015" in html
    assert "Last updated" in html and "17 September 2018" in html
    assert "NHS England" in html  # the owner organisation
    assert "HLP-CYP-2015-03" in html
    for slug, title, _, _ in CHAPTERS:
        assert f'href="{PATH}{slug}/"' in html and title in html
    assert f'href="{PATH}print/"' in html
    assert 'href="/our-work/children-and-young-people/asthma/"' in html  # programmes by tag


def test_chapter_contents_headings_and_pagination(client, demo_publication):
    chapters = list(demo_publication.public_chapters())
    middle = chapters[2]
    html = html_of(client, middle.url)
    # Every chapter in the contents list, the current one marked and not linked.
    assert html.count('class="nhsuk-contents-list__item"') == len(chapters)
    assert f'<span class="nhsuk-contents-list__current">{middle.title}</span>' in html
    for other in chapters:
        if other.pk != middle.pk:
            assert f'href="{other.url}"' in html
    # "On this page": the chapter's level 2 headings, linking to their stored anchors.
    for heading in middle.specific.headings():
        assert f'href="#{heading["anchor"]}"' in html
        assert f'id="{heading["anchor"]}"' in html
    # NHS.UK pagination to the chapters either side.
    pagination = html[html.index('class="nhsuk-pagination"') :]
    assert f'href="{chapters[1].url}"' in pagination and chapters[1].title in pagination
    assert f'href="{chapters[3].url}"' in pagination and chapters[3].title in pagination


def test_first_and_last_chapters_have_one_pagination_link(client, demo_publication):
    chapters = list(demo_publication.public_chapters())
    first = html_of(client, chapters[0].url)
    assert "nhsuk-pagination-item--next" in first
    assert "nhsuk-pagination-item--previous" not in first
    last = html_of(client, chapters[-1].url)
    assert "nhsuk-pagination-item--previous" in last
    assert "nhsuk-pagination-item--next" not in last


def test_chapter_without_headings_still_in_the_contents(client, demo_publication):
    introduction = demo_publication.public_chapters().first().specific
    assert introduction.headings() == []
    html = html_of(client, introduction.url)
    assert "On this page" not in html
    assert introduction.title in html
    cover = html_of(client, demo_publication.url)
    assert f'href="{introduction.url}"' in cover


def test_draft_chapter_left_out_of_contents(client):
    publication = make_publication(2)
    draft = PublicationChapterPageFactory(parent=publication, title="Not yet", live=False)
    html = html_of(client, publication.url)
    assert "Chapter 2" in html and "Not yet" not in html
    assert client.get(draft.url).status_code == 404


def test_ids_on_a_chapter_are_unique(client, demo_publication):
    for chapter in demo_publication.public_chapters():
        ids = ids_in(html_of(client, chapter.url))
        assert len(ids) == len(set(ids)), chapter.url


# Stored anchors ---------------------------------------------------------------------------


def test_duplicate_headings_get_distinct_anchors():
    publication = make_publication(0)
    chapter = PublicationChapterPageFactory(
        parent=publication,
        body=[
            ("heading", {"text": "Summary", "level": "h2", "anchor": ""}),
            ("heading", {"text": "Summary", "level": "h2", "anchor": ""}),
            ("heading", {"text": "Contents", "level": "h2", "anchor": ""}),  # a reserved id
            ("heading", {"text": "2024 results", "level": "h2", "anchor": ""}),
            ("heading", {"text": "!!!", "level": "h3", "anchor": ""}),
        ],
    )
    chapter.refresh_from_db()
    anchors = [b.value["anchor"] for b in chapter.body]
    assert anchors == ["summary", "summary-2", "contents-2", "section-2024-results", "section"]


def test_a_copied_heading_gets_its_own_anchor():
    publication = make_publication(0)
    chapter = PublicationChapterPageFactory(
        parent=publication,
        body=[
            ("heading", {"text": "Aims", "level": "h2", "anchor": "aims"}),
            ("heading", {"text": "Aims (copy)", "level": "h2", "anchor": "aims"}),
        ],
    )
    assert [b.value["anchor"] for b in chapter.body] == ["aims", "aims-copy"]
    assert assign_anchors(chapter.body) is False  # already settled


def body_items(chapter):
    """The chapter's blocks as the editor posts them back (headings and paragraphs)."""
    return [
        (b.block_type, dict(b.value) if b.block_type == "heading" else b.value.source)
        for b in chapter.body
    ]


def test_anchor_kept_when_the_editor_changes_the_heading(admin_client, client):
    publication = make_publication(1)
    chapter = PublicationChapterPage.objects.child_of(publication).get()
    before = [b.value["anchor"] for b in chapter.body if b.block_type == "heading"]
    assert before == ["background", "what-we-found", "details"]

    data = edit_form(admin_client, chapter)
    # The editor rewrites the first heading's text; the form posts each block's stored
    # values back (the StreamField editor is built by JavaScript, so set here), the
    # anchor among them.
    items = body_items(chapter)
    items[0][1]["text"] = "Background and context"
    set_body(data, items)
    response = post_edit(admin_client, chapter, data, action="publish")
    assert response.status_code == 302

    chapter = PublicationChapterPage.objects.get(pk=chapter.pk)
    headings = [b.value for b in chapter.body if b.block_type == "heading"]
    assert headings[0]["text"] == "Background and context"
    assert [h["anchor"] for h in headings] == before  # links to #background still work
    html = html_of(client, chapter.url)
    assert 'id="background">Background and context</h2>' in html


def test_new_heading_added_in_the_editor_gets_an_anchor(admin_client):
    publication = make_publication(0)
    chapter = PublicationChapterPageFactory(parent=publication, body=[])
    data = edit_form(admin_client, chapter)
    set_body(
        data,
        [
            ("heading", {"text": "Key findings", "level": "h2", "anchor": ""}),
            ("paragraph", "<p>Findings.</p>"),
            ("heading", {"text": "Key findings", "level": "h2", "anchor": ""}),
        ],
    )
    assert post_edit(admin_client, chapter, data, action="save").status_code == 302
    draft = PublicationChapterPage.objects.get(pk=chapter.pk).get_latest_revision_as_object()
    assert [b.value["anchor"] for b in draft.body if b.block_type == "heading"] == [
        "key-findings",
        "key-findings-2",
    ]


def test_chapter_slug_print_is_refused(admin_client):
    publication = make_publication(1)
    chapter = PublicationChapterPage.objects.child_of(publication).get()
    data = set_body(edit_form(admin_client, chapter), body_items(chapter))
    data["slug"] = "print"
    response = post_edit(admin_client, chapter, data, action="publish")
    assert response.status_code == 200
    assert "whole-publication view" in response.content.decode()
    assert PublicationChapterPage.objects.get(pk=chapter.pk).slug == "chapter-1"


# Print view ------------------------------------------------------------------------------


def test_print_view_has_every_chapter_and_a_contents_list(client, demo_publication):
    html = html_of(client, f"{demo_publication.url}print/")
    chapters = list(demo_publication.public_chapters().specific())
    for number, chapter in enumerate(chapters, start=1):
        assert f'<a href="#chapter-{chapter.slug}">{chapter.title}</a>' in html
        assert f'id="chapter-{chapter.slug}">{number}. {chapter.title}</h2>' in html
        for heading in chapter.headings():
            # One level down (the chapter title is level 2), ids unique across chapters.
            assert (
                f'<h3 class="nhsuk-heading-m" id="chapter-{chapter.slug}--{heading["anchor"]}">'
                in html
            )
    assert "Every school should have an asthma policy" in html
    assert "HLP-CYP-2015-03" in html and "1 October 2015" in html  # metadata in print
    assert "publications/publication.css" in html
    assert '<meta name="robots" content="noindex, follow">' in html
    ids = ids_in(html)
    assert len(ids) == len(set(ids))


def test_print_stylesheet_prints_link_addresses(client):
    from django.contrib.staticfiles import finders

    with open(finders.find("publications/publication.css")) as handle:
        css = handle.read()
    print_rules = css[css.index("@media print") :]
    assert 'a[href]::after { content: " (" attr(href) ")"' in print_rules
    assert ".nhsuk-header" in print_rules and "display: none" in print_rules


def test_print_view_renders_each_chapters_links_and_images(client):
    publication = make_linked_publication(5, title="Linked", slug="linked")
    chapter = PublicationChapterPage.objects.child_of(publication).get(slug="chapter-2")
    chapter.body = [
        *[(child.block_type, child.value) for child in chapter.body],
        ("paragraph", '<p>See <a linktype="page" id="999999">a page since deleted</a>.</p>'),
    ]
    chapter.save_revision().publish()
    html = html_of(client, publication.url + "print/")
    programme = ProgrammePage.objects.order_by("path").first()
    chapters = list(publication.public_chapters())
    for n in range(1, len(chapters) + 1):
        target = chapters[n - 2] if n > 1 else programme
        annex = get_document_model().objects.get(title=f"Annex {n}")
        assert f'Following <a href="{target.url}">{target.title}</a>' in html
        assert f'read <a href="{annex.url}">annex {n}</a>' in html
        assert f'alt="Figure {n}"' in html
    assert html.count(f'Part of <a href="{programme.url}">our work</a>') == 5
    assert html.count("<picture") == 5
    assert "See <a>a page since deleted</a>" in html  # as Wagtail renders a missing page
    # The chapter's own page expands the same links.
    chapter_html = html_of(client, chapters[2].url)
    assert f'Following <a href="{chapters[1].url}">Chapter 2</a>' in chapter_html
    annex = get_document_model().objects.get(title="Annex 3")
    assert f'read <a href="{annex.url}">annex 3</a>' in chapter_html


def test_print_view_of_an_unknown_publication_path_is_404(client, demo_publication):
    assert client.get(f"{demo_publication.url}print/extra/").status_code == 404
    assert client.get(f"{demo_publication.url}no-such-chapter/").status_code == 404


# Alternative formats ---------------------------------------------------------------------


def document(title, filename, content):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file = ContentFile(content, name=filename)
    doc._set_document_file_metadata()
    doc.save()
    return doc


def test_alternative_format_shown_with_type_and_size(client):
    pdf = document("Asthma standards (PDF)", "standards.pdf", b"%PDF-1.4\n" + b"x" * 3100)
    publication = make_publication(2, alternative_format=pdf)
    for url in (publication.url, publication.url + "chapter-1/", publication.url + "print/"):
        html = html_of(client, url)
        assert f'href="{pdf.url}"' in html
        assert "(PDF, 3.0\xa0KB)" in html, url
    # The web pages stay: the cover still lists the chapters.
    assert 'href="/resources/' in html_of(client, publication.url)


def test_alternative_format_must_be_an_office_or_pdf_file(admin_client):
    archive = document("Archive", "bundle.zip", b"PK\x03\x04rest")
    publication = make_publication(1)
    data = edit_form(admin_client, publication)
    data["alternative_format"] = str(archive.pk)
    response = post_edit(admin_client, publication, data, action="publish")
    assert response.status_code == 200
    assert "An alternative format must be one of these file types" in response.content.decode()
    assert PublicationPage.objects.get(pk=publication.pk).alternative_format_id is None


def test_isbn_is_checked(admin_client):
    publication = make_publication(1)
    data = edit_form(admin_client, publication)
    data["isbn"] = "978-0-00-000000-1"
    response = post_edit(admin_client, publication, data, action="publish")
    assert "This is not a valid ISBN" in response.content.decode()
    data["isbn"] = "978-0-306-40615-7"
    assert post_edit(admin_client, publication, data, action="publish").status_code == 302
    assert PublicationPage.objects.get(pk=publication.pk).isbn == "978-0-306-40615-7"


# Structured data, tags, listings, search, API ---------------------------------------------


def test_json_ld_report_with_chapters_as_parts(client, demo_publication):
    data = json_ld(html_of(client, demo_publication.url))
    (report,) = [d for d in data if d["@type"] == "Report"]
    assert report["name"] == demo_publication.title
    assert report["datePublished"] == "2015-10-01" and report["dateModified"] == "2018-09-17"
    assert report["author"]["name"] == "NHS England"
    parts = report["hasPart"]
    assert [p["name"] for p in parts] == [title for _, title, _, _ in CHAPTERS]
    assert all(p["@type"] == "Chapter" and p["url"].startswith("http") for p in parts)
    chapter = demo_publication.public_chapters()[1]
    (part,) = [d for d in json_ld(html_of(client, chapter.url)) if d["@type"] == "Chapter"]
    assert part["isPartOf"]["name"] == demo_publication.title and part["position"] == 2


def test_programme_page_lists_publications_tagged_with_its_tags(client, demo_publication):
    # The Asthma programme's own tag, and its parent programme through its sub-programme.
    for url in (
        "/our-work/children-and-young-people/asthma/",
        "/our-work/children-and-young-people/",
    ):
        assert f'href="{demo_publication.url}"' in html_of(client, url), url
    assert f'href="{demo_publication.url}"' not in html_of(client, "/our-work/digital/")


def test_publication_filed_under_a_programme(client):
    programme = ProgrammePage.objects.get(url_path="/home/our-work/digital/")
    publication = make_publication(1, parent=programme, title="Digital playbook")
    assert client.get(publication.url).status_code == 200
    assert f'href="{publication.url}"' in html_of(client, programme.url)


def test_resource_index_lists_publications_and_follows_filters(client, demo_publication):
    link = f'href="{demo_publication.url}"'
    assert link in html_of(client, "/resources/")
    assert link in html_of(client, "/resources/?type=publication&programme=asthma")
    assert link not in html_of(client, "/resources/?type=toolkit")
    assert link not in html_of(client, "/resources/?programme=digital")
    assert client.get("/resources/?programme=nonsense").status_code == 200


def test_search_finds_text_inside_chapters(client, demo_publication):
    html = html_of(client, "/search/?q=salbutamol")
    schools = PublicationChapterPage.objects.get(url_path=f"/home{PATH}schools/")
    assert f'href="{schools.url}"' in html
    assert "Publication chapter" in html  # its type, under the result


def test_api_lists_publications_and_chapters(client, demo_publication):
    response = client.get(
        "/api/v2/pages/?type=publications.PublicationPage&fields=date,owner,chapters,print_url,tags,alternative_format"
    )
    assert response.status_code == 200
    (item,) = [i for i in response.json()["items"] if i["id"] == demo_publication.pk]
    assert item["owner"] == "NHS England"
    assert item["print_url"].endswith(f"{PATH}print/")
    assert [c["title"] for c in item["chapters"]] == [title for _, title, _, _ in CHAPTERS]
    assert "Asthma" in item["tags"]  # tag names, as readers see them
    assert item["alternative_format"] is None
    by_programme = client.get("/api/v2/pages/?type=publications.PublicationPage&programme=asthma")
    assert demo_publication.pk in [i["id"] for i in by_programme.json()["items"]]
    chapter_id = item["chapters"][2]["id"]
    chapter = client.get(f"/api/v2/pages/{chapter_id}/").json()
    assert "Every school should have an asthma policy" in chapter["body"]


# Query budgets and speed -----------------------------------------------------------------


def queries_for(client, url):
    """Queries of a warm request, counted as they run (CaptureQueriesContext slices
    Django's query log, which stops growing at 9,000 entries in a long run)."""
    assert client.get(url).status_code == 200
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url)
    assert response.status_code == 200
    return len(executed)


@pytest.mark.parametrize("make", [make_publication, make_linked_publication])
@pytest.mark.parametrize("view", ["chapter", "print", "cover"])
def test_query_budget_is_flat_in_the_number_of_chapters(client, view, make):
    """Linked chapters too: the print view fetches the pages and documents all chapters
    link to, and their images, once for the whole publication."""
    counts = {}
    for size in (5, 20):
        publication = make(size, title=f"Budget {size}", slug=f"budget-{size}")
        url = {
            "chapter": publication.url + "chapter-3/",
            "print": publication.url + "print/",
            "cover": publication.url,
        }[view]
        counts[size] = queries_for(client, url)
    assert counts[5] == counts[20], counts
    assert 0 < counts[20] <= BUDGET, counts


@pytest.mark.parametrize("make", [make_publication, make_linked_publication])
def test_print_view_of_twenty_chapters_renders_quickly(client, make):
    publication = make(20, title="Speed", slug="speed")
    url = publication.url + "print/"
    client.get(url)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200
    assert response.content.decode().count('class="hlp-chapter"') == 20
    assert min(timings) < 0.3, timings


def test_parent_and_child_rules():
    assert PublicationPage.can_create_at(ResourceIndexPage.objects.get())
    assert PublicationPage.can_create_at(ProgrammePage.objects.first())
    assert not PublicationPage.can_create_at(Page.objects.get(depth=2))
    assert PublicationChapterPage.allowed_parent_page_models() == [PublicationPage]


def test_feed_of_publications(client, demo_publication):
    import feedparser

    pdf = document("Standards (PDF)", "standards.pdf", b"%PDF-1.4\n" + b"x" * 100)
    demo_publication.alternative_format = pdf
    demo_publication.save_revision().publish()
    html = html_of(client, demo_publication.url)
    assert re.search(r'title="Publications \(RSS\)" href="http://[^"/]+/publications/feed/"', html)
    for url in ("/publications/feed/", "/publications/feed/atom/"):
        feed = feedparser.parse(html_of(client, url))
        (entry,) = [e for e in feed.entries if e.title == demo_publication.title]
        assert entry.link.endswith(PATH)
        assert entry.summary == demo_publication.summary
        assert entry.author == "NHS England"
        assert entry.enclosures[0].href.endswith(pdf.url)
    assert entry.updated.startswith("2018-09-17")  # Atom: the publication's last update
