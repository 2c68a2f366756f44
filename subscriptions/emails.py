"""What each message says: subject, plain text, HTML (for SMTP) and its links."""

from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from . import tokens
from .models import Message


@dataclass
class Content:
    subject: str
    text: str
    html: str
    unsubscribe_url: str  # one-click (RFC 8058) and visible; "" for confirmations
    manage_url: str


def base_url():
    """The public site's address, for links in emails sent outside a request."""
    return getattr(settings, "SUBSCRIPTIONS_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL


def site_name():
    return settings.WAGTAIL_SITE_NAME


def render_items(items, base, cache=None):
    """The list of pages as text and HTML; the same list is rendered once per run (a
    digest goes to many addresses with only their own links differing)."""
    key = (base, tuple(item.page_id for item in items))
    if cache is not None and key in cache:
        return cache[key]
    context = {"items": [{"item": item, "url": base + item.url} for item in items]}
    rendered = (
        render_to_string("subscriptions/email/items.txt", context),
        mark_safe(
            render_to_string("subscriptions/email/items.html", context)
        ),  # autoescaped by its template
    )
    if cache is not None:
        cache[key] = rendered
    return rendered


def _counted(items):
    """What a digest holds, by kind: "3 new posts", "1 new event and 2 new posts"."""
    counts = Counter(item.noun for item in items)
    return " and ".join(
        f"{count} new {noun}{'s' if count != 1 else ''}" for noun, count in sorted(counts.items())
    )


def compose(message, items=(), base=None, cache=None):
    """The content of `message` (with its subscriber and subscription loaded); `items`
    are the pages it carries, in order."""
    base = (base or base_url()).rstrip("/")
    items_text, items_html = render_items(items, base, cache) if items else ("", "")
    subscriber, subscription = message.subscriber, message.subscription
    manage_url = base + reverse("subscriptions:manage", args=[tokens.manage_token(subscriber)])
    unsubscribe_url = ""
    if subscription is not None and message.kind != Message.Kind.CONFIRM:
        unsubscribe_url = base + reverse(
            "subscriptions:unsubscribe",
            args=[tokens.unsubscribe_token(subscription, subscriber.key)],
        )
    context = {
        "site_name": site_name(),
        "base_url": base,
        "subscription": subscription,
        "items_text": items_text,
        "items_html": items_html,
        "manage_url": manage_url,
        "unsubscribe_url": unsubscribe_url,
        "privacy_url": base
        + getattr(settings, "SUBSCRIPTIONS_PRIVACY_PATH", "/privacy/email-updates/"),
    }
    if message.kind == Message.Kind.CONFIRM:
        context["confirm_url"] = base + reverse(
            "subscriptions:confirm", args=[tokens.confirm_token(subscription)]
        )
        subject = f"Confirm your email updates from {site_name()}"
    elif message.kind == Message.Kind.ALREADY:
        subject = f"You already get email updates from {site_name()}"
    elif message.kind == Message.Kind.POST:
        subject = items[0].title if items else site_name()
    else:
        period = "Daily" if message.frequency == "daily" else "Weekly"
        subject = f"{period} update: {_counted(items)} from {site_name()}"
    context["subject"] = subject
    template = f"subscriptions/email/{message.kind}"
    return Content(
        subject=subject,
        text=render_to_string(f"{template}.txt", context),
        html=render_to_string(f"{template}.html", context),
        unsubscribe_url=unsubscribe_url,
        manage_url=manage_url,
    )
