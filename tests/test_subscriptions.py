"""Email updates: subscribe, double opt-in, signed links, rate limits, honeypot."""

import datetime
import time
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from subscriptions import tokens
from subscriptions.models import Message, SignupAttempt, Subscriber, Subscription
from subscriptions.sending import Run
from tests.subscriptions_helpers import confirm_link, outbox_to, publish_post

pytestmark = pytest.mark.django_db

SUBSCRIBE = "/subscribe/"


def form(email="ann@example.org", follow="programme", frequency="immediate", **extra):
    return {"email": email, "follow": follow, "frequency": frequency, "website": "", **extra}


def sign_up(client, query="?programme=mental-health", **fields):
    return client.post(SUBSCRIBE + query, form(**fields))


def path_of(url):
    return urlsplit(url).path


def confirm(client, link):
    page = client.get(path_of(link))
    assert page.status_code == 200
    return client.post(path_of(link))


# The form and its links -----------------------------------------------------------------


def test_programme_tag_and_news_pages_link_to_the_subscribe_page_and_set_no_cookie(client):
    for url, link in [
        ("/our-work/mental-health/", "/subscribe/?programme=mental-health"),
        ("/news/tags/thrive-ldn/", "/subscribe/?tag=thrive-ldn"),
        ("/news/", "/subscribe/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'href="{link}"' in html, url
        assert "Get email updates" in html
        assert "csrfmiddlewaretoken" not in html
        assert not response.cookies, url


@pytest.mark.parametrize(
    "query, heading",
    [
        ("?programme=mental-health", "Get email updates about Mental health"),
        ("?tag=thrive-ldn", "Get email updates about “Thrive LDN”"),
        ("", "Get email updates"),
    ],
)
def test_subscribe_page_has_the_form_with_csrf_and_a_privacy_link(client, query, heading):
    response = client.get(SUBSCRIBE + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert heading in html
    assert "csrfmiddlewaretoken" in html
    assert 'href="/privacy/email-updates/"' in html
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.parametrize("query", ["?programme=no-such-thing", "?tag=no-such-tag", "?tag=%00"])
def test_unknown_programme_or_tag_is_a_clear_404(client, query):
    response = client.get(SUBSCRIBE + query)
    assert response.status_code == 404
    assert b"cannot find that programme or tag" in response.content


@pytest.mark.parametrize(
    "fields",
    [
        {"email": "not-an-address"},
        {"email": ""},
        {"frequency": "hourly"},
        {"follow": "tag"},  # not offered on a programme's form
    ],
)
def test_bad_input_is_a_form_error_and_changes_nothing(client, fields):
    response = sign_up(client, **fields)
    assert response.status_code == 400
    assert b"There is a problem" in response.content
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_a_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(SUBSCRIBE + "?programme=mental-health", form())
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


# Double opt-in ----------------------------------------------------------------------------


def test_double_opt_in_nothing_is_sent_before_the_link_is_followed(client, demo_page):
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("subscriptions:check_email")
    assert client.get(response["Location"]).status_code == 200
    [confirmation] = mail.outbox
    assert confirmation.to == ["ann@example.org"]
    assert "Confirm" in confirmation.subject
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.programme == demo_page("/our-work/mental-health/")

    publish_post(tags=["mental-health"])
    mail.outbox.clear()
    Run().run()
    assert mail.outbox == []  # unconfirmed: nothing

    page = confirm(client, confirm_link(confirmation))
    assert page.status_code == 200
    assert b"subscribed" in page.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None

    post = publish_post(tags=["thrive-ldn"])  # a sub-programme's tag
    Run().run()
    [update] = mail.outbox
    assert update.subject == post.title


def test_the_answer_is_the_same_whether_or_not_the_address_is_subscribed(client):
    first = sign_up(client)
    confirm(client, confirm_link(mail.outbox[0]))
    mail.outbox.clear()
    again = sign_up(client)
    stranger = sign_up(client, email="new@example.org")
    assert (again.status_code, again["Location"]) == (stranger.status_code, stranger["Location"])
    assert (first.status_code, first["Location"]) == (again.status_code, again["Location"])
    # The subscriber is told by email, not on the page; the subscription is unchanged.
    [note] = outbox_to("ann@example.org")
    assert "already" in note.subject
    assert Subscription.objects.filter(subscriber__email="ann@example.org").count() == 1


def test_honeypot_filled_looks_the_same_but_does_nothing(client):
    response = sign_up(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_pending_unconfirmed_sign_ups_are_deleted_after_seven_days(client):
    sign_up(client)
    later = Run(now=Subscription.objects.get().created_at + datetime.timedelta(days=7, minutes=1))
    later.clean_up()
    assert not Subscription.objects.exists()
    assert not Subscriber.objects.exists()


# Signed tokens ---------------------------------------------------------------------------


def test_tampered_confirmation_token_is_refused(client):
    sign_up(client)
    link = path_of(confirm_link(mail.outbox[0]))
    tampered = link[:-3] + ("A" if link[-3] != "A" else "B") + link[-2:]
    for response in (client.get(tampered), client.post(tampered)):
        assert response.status_code == 400
        assert b"This link does not work" in response.content
    assert Subscription.objects.get().confirmed_at is None


def test_reused_confirmation_token_is_refused(client):
    sign_up(client)
    link = confirm_link(mail.outbox[0])
    assert confirm(client, link).status_code == 200
    for response in (client.get(path_of(link)), client.post(path_of(link))):
        assert response.status_code == 410
        assert b"already been used" in response.content


def test_a_new_sign_up_makes_the_earlier_link_stop_working(client):
    sign_up(client)
    sign_up(client, frequency="weekly")
    old, new = (confirm_link(m) for m in mail.outbox)
    assert client.post(path_of(old)).status_code == 410
    assert confirm(client, new).status_code == 200
    assert Subscription.objects.get().frequency == "weekly"


def test_expired_confirmation_token_is_refused(client):
    sign_up(client)
    subscription = Subscription.objects.get()
    eight_days_ago = time.time() - 8 * 24 * 3600
    with mock.patch("time.time", return_value=eight_days_ago):
        token = tokens.confirm_token(subscription)
    response = client.post(reverse("subscriptions:confirm", args=[token]))
    assert response.status_code == 410
    assert b"expired" in response.content
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


@pytest.mark.parametrize("view", ["confirm", "manage", "unsubscribe"])
@pytest.mark.parametrize("token", ["x", "a" * 300, "WzEsImFiYyJd:1abc:zzz", "%00"])
def test_garbage_tokens_are_a_4xx(client, view, token):
    for method in (client.get, client.post):
        response = method(f"/subscribe/{view}/{token}/")
        assert 400 <= response.status_code < 500


# Rate limits -----------------------------------------------------------------------------


@override_settings(SUBSCRIPTIONS_ADDRESS_LIMIT_PER_DAY=3)
def test_no_more_than_three_confirmation_emails_per_address_a_day(client):
    answers = {sign_up(client, REMOTE_ADDR=f"10.0.0.{n}")["Location"] for n in range(5)}
    assert answers == {reverse("subscriptions:check_email")}
    assert len(outbox_to("ann@example.org")) == 3


@override_settings(SUBSCRIPTIONS_CLIENT_LIMIT_PER_HOUR=4)
def test_sign_ups_from_one_client_address_are_limited(client):
    for n in range(4):
        assert sign_up(client, email=f"p{n}@example.org").status_code == 302
    response = sign_up(client, email="p9@example.org")
    assert response.status_code == 429
    assert b"Too many" in response.content
    assert not Subscriber.objects.filter(email="p9@example.org").exists()
    # Another client is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_up(other, email="p9@example.org").status_code == 302
    # Stored as keyed digests, never the address or IP itself.
    stored = list(SignupAttempt.objects.values_list("address_digest", "client_digest"))
    assert not any("@" in a or "127.0.0.1" in c for a, c in stored)


@override_settings(AXES_IPWARE_PROXY_COUNT=1)
def test_behind_a_proxy_the_forwarded_address_is_the_client(client):
    from subscriptions.views import client_ip

    class Request:
        META = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "spoofed, 198.51.100.4"}

    assert client_ip(Request) == "198.51.100.4"


# Manage and unsubscribe -------------------------------------------------------------------


def test_manage_link_changes_frequency_and_stops_everything(client):
    sign_up(client)
    confirm(client, confirm_link(mail.outbox[0]))
    subscription = Subscription.objects.get()
    manage = reverse("subscriptions:manage", args=[tokens.manage_token(subscription.subscriber)])
    page = client.get(manage)
    assert page.status_code == 200
    assert b"Mental health" in page.content
    client.post(
        manage, {"subscription": subscription.pk, "action": "frequency", "frequency": "daily"}
    )
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"
    bad = client.post(
        manage, {"subscription": subscription.pk, "action": "frequency", "frequency": "x"}
    )
    assert bad.status_code == 200 and b"Select how often" in bad.content
    done = client.post(manage, {"action": "stop-all"})
    assert b"deleted your email address" in done.content
    assert not Subscriber.objects.exists()
    # The link stops working once the address is gone.
    assert client.get(manage).status_code == 400


def test_unsubscribe_page_and_unsubscribing_twice(client):
    sign_up(client)
    confirm(client, confirm_link(mail.outbox[0]))
    subscription = Subscription.objects.select_related("subscriber").get()
    url = reverse(
        "subscriptions:unsubscribe",
        args=[tokens.unsubscribe_token(subscription, subscription.subscriber.key)],
    )
    assert b"Unsubscribe" in client.get(url).content
    assert Subscription.objects.exists()
    response = client.post(url)
    assert response.status_code == 200
    assert b"unsubscribed" in response.content
    assert not Subscription.objects.exists()
    again = client.post(url)
    assert again.status_code == 200
    assert b"You are not subscribed" in again.content


def test_subscribe_page_query_budget(client, django_assert_max_num_queries):
    client.get(SUBSCRIBE + "?programme=mental-health")
    with django_assert_max_num_queries(12):
        assert client.get(SUBSCRIBE + "?programme=mental-health").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(SUBSCRIBE + "?tag=thrive-ldn").status_code == 200


def test_messages_are_recorded_in_the_outbox(client):
    sign_up(client)
    message = Message.objects.get()
    assert message.kind == Message.Kind.CONFIRM
    assert message.status == Message.Status.SENT


def test_the_privacy_notice_is_demo_content(client):
    response = client.get("/privacy/email-updates/")
    assert response.status_code == 200
    assert b"GOV.UK Notify" in response.content
    assert b"7 days" in response.content
