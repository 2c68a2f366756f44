"""Delivery against real servers on loopback: an SMTP server (aiosmtpd) and a small HTTP
server speaking the part of GOV.UK Notify's API the official client uses."""

import datetime
import email
import json
import socket
import threading
import uuid
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from subscriptions.models import Message, Subscriber
from subscriptions.sending import Run, reference
from tests.subscriptions_helpers import publish_post, subscribe_confirmed

pytestmark = pytest.mark.django_db

NO_WAIT = {"SUBSCRIPTIONS_RETRY_DELAYS": [0, 0]}


# SMTP ------------------------------------------------------------------------------------------


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts; `refuse` answers the next DATA
    commands with these replies instead (temporary 4xx or permanent 5xx)."""

    def __init__(self):
        self.messages = []
        self.refuse = []

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse.pop(0)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_smtp_server(mailbox):
    """aiosmtpd on loopback (it checks it is up by connecting, so not on port 0)."""
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


@pytest.fixture
def smtp_server():
    mailbox = Mailbox()
    controller = start_smtp_server(mailbox)
    try:
        port = controller.port
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_TIMEOUT=5,
            **NO_WAIT,
        ):
            yield mailbox
    finally:
        controller.stop()


def test_smtp_message_has_text_html_and_one_click_unsubscribe_headers(smtp_server):
    subscribe_confirmed("s@example.org", "everything")
    post = publish_post(title="Delivered by SMTP")
    Run().run()
    [message] = smtp_server.messages
    assert message["To"] == "s@example.org"
    assert message["Subject"] == post.title
    # (Long headers are folded; the value is the same.)
    assert (
        message["List-Unsubscribe"].strip().startswith("<http://testserver/subscribe/unsubscribe/")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Delivered by SMTP" in text and "Unsubscribe" in text
    assert "Delivered by SMTP" in html and "/subscribe/manage/" in html
    assert Message.objects.get().status == Message.Status.SENT


def test_smtp_temporary_errors_are_retried_with_backoff_then_sent_once(smtp_server):
    subscribe_confirmed("s@example.org", "everything")
    publish_post()
    # Three 451s: the run's own retries (three tries) all fail; the message waits.
    smtp_server.refuse = ["451 Try again later"] * 3
    stats = Run().run()
    assert smtp_server.messages == []
    message = Message.objects.get()
    assert (message.status, message.attempts) == (Message.Status.PENDING, 1)
    assert "451" in message.last_error
    assert message.next_attempt_at > timezone.now() + datetime.timedelta(minutes=4)
    assert stats["messages to retry"] == 1
    # Not before its time ...
    Run().run()
    assert smtp_server.messages == []
    # ... then once.
    Run(now=message.next_attempt_at + datetime.timedelta(seconds=1)).run()
    Run(now=message.next_attempt_at + datetime.timedelta(minutes=10)).run()
    assert len(smtp_server.messages) == 1
    assert Message.objects.get().status == Message.Status.SENT


def test_smtp_permanent_error_is_reported_and_not_retried(smtp_server):
    subscribe_confirmed("s@example.org", "everything")
    publish_post()
    smtp_server.refuse = ["550 No such mailbox"]
    stats = Run().run()
    assert stats["messages failed"] == 1
    message = Message.objects.get()
    assert message.status == Message.Status.FAILED and "550" in message.last_error
    Run(now=timezone.now() + datetime.timedelta(days=1)).run()
    assert smtp_server.messages == []


def test_smtp_server_down_stops_the_run_and_loses_nothing(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.SUBSCRIPTIONS_RETRY_DELAYS = [0, 0]
    for n in range(5):
        subscribe_confirmed(f"d{n}@example.org", "everything")
    publish_post()
    stats = Run().run()
    assert stats["stopped early"] == 1
    assert Message.objects.filter(status=Message.Status.PENDING).count() == 5
    assert not Message.objects.filter(status=Message.Status.SENDING).exists()


def test_confirmation_through_smtp(client, smtp_server):
    response = client.post(
        "/subscribe/?tag=hiv",
        {"email": "c@example.org", "follow": "tag", "frequency": "weekly", "website": ""},
    )
    assert response.status_code == 302
    [message] = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    assert "/subscribe/confirm/" in text
    assert message["List-Unsubscribe"] is None  # nothing to unsubscribe from yet


# GOV.UK Notify -----------------------------------------------------------------------------------

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"hlp_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    """POST /v2/notifications/email and GET /v2/notifications?reference=, with Notify's
    JWT authorisation (HS256, iss = service id, signed with the key's secret)."""

    server_version = "FakeNotify/1"

    def log_message(self, *args):
        pass

    def _reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self):
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.PyJWTError:
            return False
        return claims.get("iss") == SERVICE_ID and "iat" in claims

    def do_POST(self):
        state = self.server.state
        if not self._authorised():
            return self._reply(
                403,
                {
                    "status_code": 403,
                    "errors": [{"error": "AuthError", "message": "Invalid token"}],
                },
            )
        if urlsplit(self.path).path != "/v2/notifications/email":
            return self._reply(404, {"status_code": 404, "errors": [{"error": "NotFound"}]})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if state["fail"]:
            status = state["fail"].pop(0)
            return self._reply(
                status,
                {
                    "status_code": status,
                    "errors": [{"error": "Error", "message": f"failure {status}"}],
                },
            )
        if body.get("template_id") != TEMPLATE_ID or "@" not in body.get("email_address", ""):
            return self._reply(
                400,
                {
                    "status_code": 400,
                    "errors": [{"error": "ValidationError", "message": "bad request"}],
                },
            )
        notification = {"id": str(uuid.uuid4()), "reference": body.get("reference"), **body}
        state["sent"].append(notification)
        self._reply(
            201,
            {
                "id": notification["id"],
                "reference": body.get("reference"),
                "content": {
                    "subject": body["personalisation"]["subject"],
                    "body": body["personalisation"]["body"],
                    "from_email": "updates@example.org",
                },
                "uri": f"/v2/notifications/{notification['id']}",
                "template": {"id": TEMPLATE_ID, "version": 1, "uri": f"/v2/template/{TEMPLATE_ID}"},
            },
        )

    def do_GET(self):
        if not self._authorised():
            return self._reply(
                403,
                {
                    "status_code": 403,
                    "errors": [{"error": "AuthError", "message": "Invalid token"}],
                },
            )
        url = urlsplit(self.path)
        if url.path != "/v2/notifications":
            return self._reply(404, {"status_code": 404, "errors": [{"error": "NotFound"}]})
        wanted = parse_qs(url.query).get("reference", [None])[0]
        found = [n for n in self.server.state["sent"] if wanted is None or n["reference"] == wanted]
        self._reply(200, {"notifications": found, "links": {"current": self.path}})


@pytest.fixture
def notify():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    server.state = {"sent": [], "fail": []}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with override_settings(
            NOTIFY_API_KEY=API_KEY,
            NOTIFY_TEMPLATE_ID=TEMPLATE_ID,
            NOTIFY_BASE_URL=f"http://127.0.0.1:{server.server_address[1]}",
            **NO_WAIT,
        ):
            yield server.state
    finally:
        server.shutdown()
        server.server_close()


def test_notify_gets_one_template_with_personalisation_and_the_unsubscribe_url(notify):
    subscribe_confirmed("n@example.org", "everything")
    post = publish_post(title="Sent through Notify")
    Run().run()
    [sent] = notify["sent"]
    assert sent["email_address"] == "n@example.org"
    assert sent["template_id"] == TEMPLATE_ID
    assert sent["personalisation"]["subject"] == post.title
    assert "Sent through Notify" in sent["personalisation"]["body"]
    assert sent["one_click_unsubscribe_url"].startswith("http://testserver/subscribe/unsubscribe/")
    message = Message.objects.get()
    assert sent["reference"] == reference(message)
    assert message.status == Message.Status.SENT


def test_notify_errors_are_retried_and_a_bad_request_is_not(notify):
    subscribe_confirmed("n@example.org", "everything")
    publish_post()
    notify["fail"] = [500, 429]  # the third try in the same run succeeds
    Run().run()
    assert len(notify["sent"]) == 1
    notify["sent"].clear()
    Subscriber.objects.all().delete()
    subscribe_confirmed("bad@example.org", "everything")
    publish_post()
    notify["fail"] = [400]
    stats = Run().run()
    assert stats["messages failed"] == 1
    # (Both posts are new to this address: the first message was refused, the next sent.)
    statuses = Message.objects.filter(subscriber__email="bad@example.org").values_list(
        "status", flat=True
    )
    assert sorted(statuses) == [Message.Status.FAILED, Message.Status.SENT]
    Run(now=timezone.now() + datetime.timedelta(days=1)).run()
    assert len(notify["sent"]) == 1


def test_notify_confirmation_from_the_form(client, notify):
    client.post(
        "/subscribe/?programme=digital",
        {"email": "f@example.org", "follow": "programme", "frequency": "daily", "website": ""},
    )
    [sent] = notify["sent"]
    assert "/subscribe/confirm/" in sent["personalisation"]["body"]
    assert "one_click_unsubscribe_url" not in sent


def test_after_a_crash_notify_is_asked_what_it_already_has(notify):
    for n in range(3):
        subscribe_confirmed(f"k{n}@example.org", "everything")
    publish_post()
    Run().plan()
    first, second, third = Message.objects.order_by("pk")
    # A run died with these claimed: Notify had taken the first, not the second.
    notify["sent"].append(
        {"id": "x", "reference": reference(first), "email_address": "k0@example.org"}
    )
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    Message.objects.filter(pk__in=[first.pk, second.pk]).update(
        status=Message.Status.SENDING, claimed_at=long_ago
    )
    Run().run()
    addresses = sorted(n["email_address"] for n in notify["sent"])
    assert addresses == ["k0@example.org", "k1@example.org", "k2@example.org"]
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
