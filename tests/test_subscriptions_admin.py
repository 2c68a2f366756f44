"""Email updates in the admin: the report (Moderators, no addresses) and data requests
(Administrators only: export and erase one person's data)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from subscriptions.models import Message, SignupAttempt, Subscriber, Subscription
from subscriptions.sending import Run
from tests.subscriptions_helpers import publish_post, subscribe_confirmed

pytestmark = pytest.mark.django_db

REPORT = "/admin/email-updates/"
PERSON = "/admin/email-updates/person/"


@pytest.fixture
def login(client, django_user_model):
    def as_member(group):
        user = django_user_model.objects.create_user(group.lower(), f"{group}@example.org", "pw")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return as_member


@pytest.fixture
def subscribers(demo_page):
    subscribe_confirmed(
        "secret.person@example.org", "programme", programme=demo_page("/our-work/mental-health/")
    )
    subscribe_confirmed("secret.person@example.org", "tag", tag="hiv", frequency="weekly")
    subscribe_confirmed("other@example.org", "everything", frequency="daily")
    publish_post(tags=["mental-health"])
    Run().run()


def test_moderators_see_counts_but_no_addresses(login, subscribers):
    client = login("Moderators")
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mental health" in html and "HIV" in html
    assert "Emails sent per day" in html
    assert "@example.org" not in html
    assert PERSON not in html  # no way in to the data requests
    assert client.get(PERSON).status_code in (302, 403)
    assert client.get(PERSON + "?email=secret.person@example.org&format=json").status_code in (
        302,
        403,
    )


def test_editors_do_not_see_the_report(login, subscribers):
    assert login("Editors").get(REPORT).status_code in (302, 403)


def test_administrators_export_one_persons_data(login, subscribers):
    client = login("Administrators")
    assert PERSON in client.get(REPORT).content.decode()
    page = client.get(PERSON + "?email=Secret.Person@example.org")
    assert page.status_code == 200
    assert b"secret.person@example.org" in page.content
    assert b"other@example.org" not in page.content
    export = client.get(PERSON + "?email=secret.person@example.org&format=json")
    assert export["Content-Disposition"].startswith("attachment")
    data = json.loads(export.content)
    assert data["email"] == "secret.person@example.org"
    assert {s["follows"] for s in data["subscriptions"]} == {"Mental health", "posts tagged “HIV”"}
    assert data["emails"] and data["emails"][0]["pages"]


def test_administrators_erase_one_persons_data(login, subscribers, client):
    client.post(
        "/subscribe/?tag=hiv",
        {
            "email": "secret.person@example.org",
            "follow": "tag",
            "frequency": "daily",
            "website": "",
        },
    )
    assert SignupAttempt.objects.exists()
    admin = login("Administrators")
    sent_before = Message.objects.filter(status="sent").count()
    response = admin.post(PERSON, {"email": "secret.person@example.org", "action": "erase"})
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="secret.person@example.org").exists()
    assert not Subscription.objects.filter(subscriber__email="secret.person@example.org").exists()
    assert not SignupAttempt.objects.exists()  # the rate-limit digests of that address too
    # The report's counts keep the sends, with nothing linking them to the person.
    assert Message.objects.filter(status="sent").count() == sent_before
    assert Subscriber.objects.filter(email="other@example.org").exists()
    # Links already sent to the person stop working.
    manage_links = [
        line
        for m in mail.outbox
        if "secret.person@example.org" in m.to
        for line in m.body.split()
        if "/subscribe/manage/" in line
    ]
    assert manage_links
    assert client.get(manage_links[0].removeprefix("http://testserver")).status_code == 400


def test_erasing_an_unknown_address_changes_nothing(login, subscribers):
    admin = login("Administrators")
    admin.post(PERSON, {"email": "nobody@example.org", "action": "erase"})
    assert Subscriber.objects.count() == 2
