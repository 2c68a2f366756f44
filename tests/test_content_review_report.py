"""The "Content review" report, its filters, export and query budget; the dashboard panel."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content_review.dates import today
from content_review.review import save_review_state
from tests.factories import ResourcePageFactory
from tests.test_content_review import make_user

pytestmark = pytest.mark.django_db

REPORT = reverse("content_review:report")


@pytest.fixture
def moderator(django_user_model):
    return make_user(django_user_model, "mona", "Moderators", "Programmes team")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def pages(demo_page, moderator, django_user_model):
    """Three resources: overdue (mine), due in 10 days (my team's), due in 200 days."""
    resources = demo_page("/resources/")
    someone = make_user(django_user_model, "sam", "Editors")
    team = Group.objects.get(name="Programmes team")
    other_team = Group.objects.get_or_create(name="Partnerships team")[0]
    day = today()
    made = {}
    for key, due, owner, owning_team in [
        ("overdue", day - datetime.timedelta(days=3), moderator, other_team),
        ("soon", day + datetime.timedelta(days=10), someone, team),
        ("later", day + datetime.timedelta(days=200), someone, other_team),
    ]:
        page = ResourcePageFactory(parent=resources, title=f"Review test {key}")
        save_review_state(
            page,
            content_owner=owner,
            owning_team=owning_team,
            last_reviewed=due - datetime.timedelta(days=365),
            next_review_due=due,
        )
        made[key] = page
    return made


def titles(response):
    return {row.title for row in response.context["object_list"]}


def test_the_report_lists_pages_with_owner_team_and_dates(moderator_client, pages):
    response = moderator_client.get(REPORT, {"ordering": "next_review_due"})
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Owner", "Team", "Last reviewed", "Next review due"):
        assert heading in html
    assert {"Review test overdue", "Review test soon", "Review test later"} <= titles(response)
    dates = [row.next_review_due for row in response.context["object_list"]]
    assert dates == sorted(dates)
    assert "Mona" in html or "mona" in html
    descending = moderator_client.get(REPORT, {"ordering": "-next_review_due"})
    dates = [row.next_review_due for row in descending.context["object_list"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"due": "overdue"}, {"Review test overdue"}),
        ({"due": "soon"}, {"Review test soon"}),
        ({"whose": "mine"}, {"Review test overdue"}),
        ({"whose": "team"}, {"Review test soon"}),
    ],
)
def test_the_filters(moderator_client, pages, query, expected):
    response = moderator_client.get(REPORT, query)
    assert response.status_code == 200
    shown = {title for title in titles(response) if title.startswith("Review test")}
    assert shown == expected
    if query.get("due") == "overdue":
        assert all(row.next_review_due < today() for row in response.context["object_list"])


def test_unknown_filter_and_ordering_values_are_not_errors(moderator_client, pages):
    for query in (
        {"due": "yesterday"},
        {"whose": "theirs"},
        {"ordering": "owner;drop"},
        {"p": "x"},
    ):
        assert moderator_client.get(REPORT, query).status_code == 200


def test_csv_and_xlsx_export(moderator_client, pages):
    response = moderator_client.get(REPORT, {"export": "csv", "due": "overdue"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:7] == [
        "Page",
        "Type",
        "Owner",
        "Owner’s email",
        "Team",
        "Last reviewed",
        "Next review due",
    ]
    row = next(row for row in rows if row[0] == "Review test overdue")
    assert row[3] == "mona@example.org" and row[4] == "Partnerships team"
    assert row[8].endswith(f"/admin/pages/{pages['overdue'].pk}/edit/")
    xlsx = moderator_client.get(REPORT, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_editors_see_only_their_sections(client, django_user_model, pages):
    editor = make_user(django_user_model, "eddie", "Editors")
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    shown = titles(response)
    assert "Review test overdue" in shown
    assert "About us" not in shown  # standard pages are outside the Editors' sections


def test_people_without_page_permissions_cannot_see_the_report(client, django_user_model):
    visitor = make_user(django_user_model, "visitor")
    client.force_login(visitor)
    assert client.get(REPORT).status_code in (302, 403)


def _report_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(REPORT, {"ordering": "next_review_due"})
    assert response.status_code == 200
    return len(queries), len(response.context["object_list"])


def test_report_query_budget_does_not_grow_with_500_pages(client, demo_page, django_user_model):
    editor = make_user(django_user_model, "eddie", "Editors")
    client.force_login(editor)
    resources = demo_page("/resources/")
    owners = [make_user(django_user_model, f"owner{n}", "Editors") for n in range(5)]
    teams = [Group.objects.get_or_create(name=f"Team {n}")[0] for n in range(5)]
    ResourcePageFactory(parent=resources)
    _report_queries(client)  # warm Django's content type cache, as a running site has
    small, _ = _report_queries(client)
    for n in range(500):
        page = ResourcePageFactory(parent=resources, title=f"Bulk resource {n}")
        save_review_state(page, content_owner=owners[n % 5], owning_team=teams[n % 5])
    _report_queries(client)  # new pages cleared the cached site root paths: warm again
    large, rows = _report_queries(client)
    assert rows == 50  # one page of results
    assert large == small
    assert large <= 16


def test_dashboard_shows_my_pages_overdue_or_due_in_30_days(moderator_client, pages):
    response = moderator_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Your pages due for review" in html
    assert "Review test overdue" in html
    assert "Review test soon" not in html  # due soon, but someone else's
    assert reverse("content_review:mark_reviewed", args=[pages["overdue"].pk]) in html


def test_the_report_is_in_the_reports_menu(moderator_client):
    response = moderator_client.get(reverse("wagtailadmin_home"))
    assert REPORT in response.content.decode()
