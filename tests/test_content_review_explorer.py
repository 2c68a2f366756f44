"""Owner, team and review dates in the admin's page explorer (content_review/explorer.py)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content_review.dates import today
from content_review.review import save_review_state
from tests.factories import ProgrammePageFactory
from tests.test_content_review import make_user

pytestmark = pytest.mark.django_db

PROGRAMMES = "/our-work/"
HEADINGS = ("Owner", "Next review due")  # the team and the last review are on second lines


def explore(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


def day(date):
    return f"{date:%-d %b %Y}"  # as the cells show it: "3 Mar 2027"


def row_html(html, page):
    """The table row of `page` in an explorer listing."""
    start = html.index(f'href="{reverse("wagtailadmin_pages:edit", args=[page.pk])}"')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("rev-admin", "r@example.org", "pw")
    )
    return client


@pytest.fixture
def owner(django_user_model):
    return make_user(django_user_model, "olu", "Moderators", first_name="Olu", last_name="Adeyemi")


def test_the_programmes_index_lists_owner_team_and_review_dates(admin_client, demo_page, owner):
    programme = demo_page("/our-work/mental-health/")
    team = Group.objects.get_or_create(name="Explorer test team")[0]
    last = today() - datetime.timedelta(days=400)
    due = today() - datetime.timedelta(days=35)
    save_review_state(
        programme, content_owner=owner, owning_team=team, last_reviewed=last, next_review_due=due
    )

    response = admin_client.get(explore(demo_page(PROGRAMMES)))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in HEADINGS:
        assert heading in html
    row = row_html(html, programme)
    assert "Olu Adeyemi" in row and "Explorer test team" in row
    assert f'Last reviewed <time datetime="{last:%Y-%m-%d}">{day(last)}</time>' in row
    assert day(due) in row
    assert "Overdue" in row  # editors may see it (the public site never says so)


def test_an_ended_programme_is_never_shown_overdue(admin_client, demo_page):
    ended = demo_page("/our-work/prevention/healthy-high-streets/")
    assert ended.archived
    due = today() - datetime.timedelta(days=90)
    save_review_state(ended, next_review_due=due)
    html = admin_client.get(explore(demo_page("/our-work/prevention/"))).content.decode()
    row = row_html(html, ended)
    assert day(due) in row and "Overdue" not in row


def test_posts_and_the_news_index_show_no_review_columns(admin_client, demo_page):
    for url in ("/news/", "/news/blog/"):
        parent = demo_page(url)
        response = admin_client.get(explore(parent))
        assert response.status_code == 200
        assert len(response.context["object_list"]) > 0
        html = response.content.decode()
        assert "Next review due" not in html and "Last reviewed" not in html
        assert "Overdue" not in html
    # Posts are listed as ever.
    post = demo_page("/news/blog/").get_children().live().first()
    assert post.title in html


def test_sorting_by_next_review_due(admin_client, demo_page):
    index = demo_page(PROGRAMMES)
    children = list(index.get_children().specific())
    for offset, child in enumerate(children):
        # Distinct dates in the reverse of tree order, so the sort shows.
        save_review_state(child, next_review_due=today() + datetime.timedelta(days=100 - offset))
    ascending = admin_client.get(explore(index), {"ordering": "next_review_due"})
    dates = [page.next_review_due for page in ascending.context["object_list"]]
    assert len(dates) == len(children) and dates == sorted(dates)
    descending = admin_client.get(explore(index), {"ordering": "-next_review_due"})
    dates = [page.next_review_due for page in descending.context["object_list"]]
    assert dates == sorted(dates, reverse=True)
    # When searching, the search backend orders: the date sort is set aside, not an error.
    searching = admin_client.get(explore(index), {"ordering": "next_review_due", "q": "health"})
    assert searching.status_code == 200


def test_search_results_show_the_review_columns(admin_client, demo_page):
    index = demo_page(PROGRAMMES)
    response = admin_client.get(explore(index), {"q": "mental"})
    assert response.status_code == 200
    assert "Next review due" in response.content.decode()


def test_the_page_type_listing_shows_them_too_but_not_for_posts(admin_client):
    programmes = reverse("wagtailadmin_pages:type_use", args=["programmes", "programmepage"])
    response = admin_client.get(programmes, {"ordering": "-next_review_due"})
    assert response.status_code == 200
    assert "Next review due" in response.content.decode()
    dates = [page.next_review_due for page in response.context["object_list"]]
    assert dates == sorted(dates, reverse=True)
    posts = reverse("wagtailadmin_pages:type_use", args=["blog", "articlepage"])
    response = admin_client.get(posts)
    assert response.status_code == 200
    assert "Next review due" not in response.content.decode()


@pytest.mark.parametrize("ordering", [None, "next_review_due"])
def test_explorer_queries_do_not_grow_with_the_number_of_pages(
    admin_client, demo_page, django_user_model, ordering
):
    parent = ProgrammePageFactory(parent=demo_page(PROGRAMMES), title="Explorer budget")
    params = {"ordering": ordering} if ordering else {}

    def add_children(count, start):
        for n in range(start, start + count):
            child = ProgrammePageFactory(parent=parent, title=f"Child {n}")
            # Each child its own owner and team: a lookup per row would show.
            save_review_state(
                child,
                content_owner=make_user(django_user_model, f"owner{n}", first_name=f"O{n}"),
                owning_team=Group.objects.create(name=f"Team {n}"),
                last_reviewed=today() - datetime.timedelta(days=n),
                next_review_due=today() + datetime.timedelta(days=n),
            )

    def count():
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get(explore(parent), params)
            assert response.status_code == 200
        html = response.content.decode()
        return len(captured), html

    admin_client.get(explore(parent))  # warm per-process caches (content types, sites)
    add_children(5, 0)
    five, html = count()
    assert "O4" in html and "Team 4" in html
    add_children(20, 5)
    twenty_five, html = count()
    assert "O24" in html and "Team 24" in html
    assert twenty_five == five
