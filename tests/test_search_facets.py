"""The search facet table and the "Did you mean" vocabulary follow every change that
moves a page in or out of a search's counts and filters (or its suggestions): each test
checks what changed, and that what the signal handlers kept up to date is exactly what a
rebuild from scratch gives."""

import datetime

import pytest
from wagtail.models import Page, PageViewRestriction

from news.models import ArticleIndexPage
from programmes.models import ProgrammePage
from sitesearch import facets, suggestions
from sitesearch.models import SearchFacet, SearchWord
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

CYP = "/our-work/children-and-young-people/"


def rows():
    return set(
        SearchFacet.objects.values_list(
            "page_id",
            "programme_id",
            "direct",
            "content_type_id",
            "parent_id",
            "year",
            "visible",
            "expire_at",
        )
    )


def assert_same_as_rebuilt():
    kept = rows()
    facets.rebuild()
    rebuilt = rows()
    assert kept == rebuilt, {"stale": kept - rebuilt, "missing": rebuilt - kept}


def own_row(page):
    return SearchFacet.objects.get(page_id=page.pk, programme_id=0)


def programmes_of(page):
    return set(
        SearchFacet.objects.filter(page_id=page.pk)
        .exclude(programme_id=0)
        .values_list("programme_id", flat=True)
    )


def test_the_demo_site_rows_match_a_rebuild():
    assert (
        SearchFacet.objects.filter(programme_id=0).count()
        == Page.objects.filter(depth__gt=1).count()
    )
    assert_same_as_rebuilt()


def test_a_new_post_with_a_programme_tag_is_counted_in_the_programme(demo_page):
    programme = demo_page(CYP)
    tag = programme.tags.first()
    blog = ArticleIndexPage.objects.get(kind="blog")
    post = ArticlePageFactory(
        parent=blog, title="Facet post", tag_names=[tag.slug], date=datetime.date(2019, 5, 1)
    )
    row = own_row(post)
    assert (row.visible, row.year, row.parent_id) == (True, 2019, blog.pk)
    assert programme.pk in programmes_of(post)
    assert SearchFacet.objects.get(page_id=post.pk, programme_id=programme.pk).direct
    assert_same_as_rebuilt()


def test_publish_and_unpublish(demo_page):
    post = demo_page("/news/news/london-asthma-standards-for-children-and-young-people/")
    post.date = datetime.date(2011, 3, 4)
    post.save_revision().publish()
    assert own_row(post).year == 2011
    post.unpublish()
    assert not own_row(post).visible
    assert_same_as_rebuilt()
    post.refresh_from_db()
    post.save_revision().publish()
    assert own_row(post).visible
    assert_same_as_rebuilt()


def test_tags_changed_on_publish_change_the_programmes(demo_page):
    post = demo_page("/news/news/london-asthma-standards-for-children-and-young-people/")
    assert programmes_of(post)
    post.tags.clear()
    post.save_revision().publish()
    assert programmes_of(post) == set()
    assert_same_as_rebuilt()


def test_a_programme_tag_added_brings_in_the_posts_carrying_it(demo_page):
    programme = demo_page(CYP)
    blog = ArticleIndexPage.objects.get(kind="blog")
    post = ArticlePageFactory(parent=blog, title="Facet post", tag_names=["facet-only-tag"])
    assert programme.pk not in programmes_of(post)
    programme.tags.add("facet-only-tag")
    programme.save_revision().publish()
    assert programme.pk in programmes_of(post)
    assert_same_as_rebuilt()


def test_move(demo_page):
    post = demo_page("/news/news/london-asthma-standards-for-children-and-young-people/")
    blog = ArticleIndexPage.objects.get(kind="blog")
    post.move(blog, pos="last-child")
    assert own_row(post).parent_id == blog.pk
    assert_same_as_rebuilt()
    # A programme moved under another: its pages now count for the new parent too.
    programme = demo_page(CYP)
    other = ProgrammePage.objects.exclude(path__startswith=programme.path).filter(depth=4).first()
    other.move(programme, pos="last-child")
    assert programme.pk in programmes_of(other)
    assert_same_as_rebuilt()


def test_delete(demo_page):
    post = demo_page("/news/news/london-asthma-standards-for-children-and-young-people/")
    post.delete()
    assert not SearchFacet.objects.filter(page_id=post.pk).exists()
    programme = demo_page(CYP)
    programme.delete()
    assert not SearchFacet.objects.filter(programme_id=programme.pk).exists()
    assert not SearchFacet.objects.filter(page_id=programme.pk).exists()
    assert_same_as_rebuilt()


def test_privacy_change(demo_page):
    programme = demo_page(CYP)
    child = programme.get_children().first()
    restriction = PageViewRestriction.objects.create(
        page=programme, restriction_type="password", password="x"
    )
    assert not own_row(programme).visible
    assert not own_row(child).visible
    assert_same_as_rebuilt()
    restriction.delete()
    assert own_row(programme).visible and own_row(child).visible
    assert_same_as_rebuilt()


def test_search_follows_a_privacy_change(client, demo_page):
    programme = demo_page("/our-work/mental-health/thrive-ldn/")
    PageViewRestriction.objects.create(page=programme, restriction_type="login")
    urls = [p.url for p in client.get("/search/?q=Thrive").context["results"]]
    assert "/our-work/mental-health/thrive-ldn/" not in urls


# The "Did you mean" vocabulary (SearchWord) -------------------------------------------


def stored_words():
    return set(SearchWord.objects.values_list("word", flat=True))


def test_the_stored_vocabulary_is_the_contents():
    assert stored_words() == suggestions.content_vocabulary()


def test_a_new_pages_words_are_suggested_at_once(client):
    blog = ArticleIndexPage.objects.get(kind="blog")
    ArticlePageFactory(parent=blog, title="Zebrafish research")
    assert "zebrafish" in stored_words()
    response = client.get("/search/", {"q": "zebrafisk"})
    assert response.context["suggestion"] == "zebrafish"


def test_publish_rename_and_delete_rebuild_the_vocabulary(
    demo_page, django_capture_on_commit_callbacks
):
    post = demo_page("/news/news/london-asthma-standards-for-children-and-young-people/")
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Quokkas everywhere"
        post.save_revision().publish()
    assert "quokkas" in stored_words()
    assert stored_words() == suggestions.content_vocabulary()
    with django_capture_on_commit_callbacks(execute=True):
        post.delete()
    assert "quokkas" not in stored_words()
    assert stored_words() == suggestions.content_vocabulary()
