"""The /subscribe/ pages. Plain Django views, never stored by the page cache (they carry
forms with a CSRF token, or one-off links)."""

import datetime
import hashlib
import hmac
import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from taggit.models import Tag

from hlp_site.security.client_address import client_ip

from . import tokens
from .forms import EVERYTHING, FrequencyForm, SubscribeForm
from .models import Frequency, Message, SignupAttempt, Subscriber, Subscription, new_key
from .sending import send_now

SLUG = re.compile(r"[-\w]{1,255}")


def setting(name, default):
    return getattr(settings, f"SUBSCRIPTIONS_{name}", default)


def _render(request, template, context=None, status=200):
    context = {
        "privacy_path": setting("PRIVACY_PATH", "/privacy/email-updates/"),
        **(context or {}),
    }
    return render(request, f"subscriptions/{template}.html", context, status=status)


def _digest(value):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def _target(request):
    """(kind, programme, tag, choices) from ?programme= or ?tag=; None if unknown."""
    from programmes.models import ProgrammePage

    everything = (EVERYTHING, "All news, blogs and videos")
    programme_slug = request.GET.get("programme", "")
    tag_slug = request.GET.get("tag", "")
    if not all(SLUG.fullmatch(slug) for slug in (programme_slug, tag_slug) if slug):
        return None  # not a slug (a NUL would even break PostgreSQL's query)
    if programme_slug:
        programme = ProgrammePage.objects.live().public().filter(slug=programme_slug[:255]).first()
        if programme is None:
            return None
        choice = (Subscription.Kind.PROGRAMME, f"{programme.title} (including its programmes)")
        return programme, None, [choice, everything]
    if tag_slug:
        tag = Tag.objects.filter(slug=tag_slug[:100]).first()
        if tag is None:
            return None
        return None, tag, [(Subscription.Kind.TAG, f"Posts tagged “{tag.name}”"), everything]
    return None, None, [everything]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    target = _target(request)
    if target is None:
        return _render(request, "unknown_target", status=404)
    programme, tag, choices = target
    context = {"programme": programme, "tag": tag, "query": request.GET.urlencode()}
    if request.method != "POST":
        context["form"] = SubscribeForm(target_choices=choices)
        return _render(request, "subscribe", context)

    form = SubscribeForm(request.POST, target_choices=choices)
    if not form.is_valid():
        context["form"] = form
        return _render(request, "subscribe", context, status=400)
    done = HttpResponseRedirect(reverse("subscriptions:check_email"))
    if form.is_bot():
        return done

    now = timezone.now()
    client = _digest("ip:" + client_ip(request))
    hour_ago = now - datetime.timedelta(hours=1)
    if SignupAttempt.objects.filter(
        client_digest=client, created_at__gte=hour_ago
    ).count() >= setting("CLIENT_LIMIT_PER_HOUR", 10):
        return _render(request, "too_many", status=429)

    email = form.cleaned_data["email"]
    address = _digest("email:" + email)
    emails_today = SignupAttempt.objects.filter(
        address_digest=address, emailed=True, created_at__gte=now - datetime.timedelta(days=1)
    ).count()
    may_email = emails_today < setting("ADDRESS_LIMIT_PER_DAY", 3)
    SignupAttempt.objects.create(
        address_digest=address, client_digest=client, emailed=may_email, created_at=now
    )
    if not may_email:
        return done  # the same answer: the address learns nothing, and gets nothing more

    follow = form.cleaned_data["follow"]
    if follow == EVERYTHING:
        programme = tag = None
    message = _sign_up(
        email,
        kind=Subscription.Kind(follow if follow != EVERYTHING else "everything"),
        programme=programme,
        tag=tag,
        frequency=form.cleaned_data["frequency"],
        now=now,
    )
    if message is not None:
        send_now(message, base=request.build_absolute_uri("/"))
    return done


def _sign_up(email, kind, programme, tag, frequency, now):
    """A pending subscription (or a fresh link for one) and its confirmation message; a
    note instead when the address already follows this. None if a parallel request won."""
    try:
        with transaction.atomic():
            subscriber, _ = Subscriber.objects.get_or_create(email=email)
            subscription = Subscription.objects.filter(
                subscriber=subscriber, kind=kind, programme=programme, tag=tag
            ).first()
            if subscription is not None and subscription.confirmed_at is not None:
                return Message.objects.create(
                    subscriber=subscriber, subscription=subscription, kind=Message.Kind.ALREADY
                )
            if subscription is None:
                subscription = Subscription(
                    subscriber=subscriber, kind=kind, programme=programme, tag=tag
                )
            subscription.frequency = frequency
            subscription.confirm_nonce = new_key()  # earlier links stop working
            subscription.created_at = now
            subscription.save()
            return Message.objects.create(
                subscriber=subscriber, subscription=subscription, kind=Message.Kind.CONFIRM
            )
    except IntegrityError:
        return None


@never_cache
def check_email(request):
    return _render(request, "check_email")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        subscription_id, nonce = tokens.read_confirm_token(token)
    except tokens.Expired:
        return _render(request, "link_problem", {"problem": "expired"}, status=410)
    except tokens.Invalid:
        return _render(request, "link_problem", {"problem": "invalid"}, status=400)
    subscription = (
        Subscription.objects.select_related("subscriber", "programme", "tag")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:
        return _render(request, "link_problem", {"problem": "gone"}, status=410)
    if not subscription.confirm_nonce or not hmac.compare_digest(subscription.confirm_nonce, nonce):
        return _render(request, "link_problem", {"problem": "used"}, status=410)
    if request.method != "POST":
        return _render(request, "confirm", {"subscription": subscription})
    now = timezone.now()
    # Single use: only the request that clears the nonce confirms.
    confirmed = Subscription.objects.filter(pk=subscription.pk, confirm_nonce=nonce).update(
        confirm_nonce="", confirmed_at=now, last_digest_at=now
    )
    if not confirmed:
        return _render(request, "link_problem", {"problem": "used"}, status=410)
    return _render(
        request,
        "confirmed",
        {
            "subscription": subscription,
            "manage_url": reverse(
                "subscriptions:manage", args=[tokens.manage_token(subscription.subscriber)]
            ),
        },
    )


def _subscriber_from(token):
    try:
        subscriber_id, key = tokens.read_token(token, tokens.MANAGE_SALT)
    except tokens.Invalid:
        return None
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None or not hmac.compare_digest(subscriber.key, key):
        return None
    return subscriber


def _remove(subscription):
    subscriber = subscription.subscriber
    subscription.delete()
    if not subscriber.subscriptions.exists():
        subscriber.delete()  # nothing left to keep the address for


@csrf_exempt  # RFC 8058: mail clients POST here without a form; the signed link is the proof
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscription_id, key = tokens.read_token(token, tokens.UNSUBSCRIBE_SALT)
    except tokens.Invalid:
        return _render(request, "link_problem", {"problem": "invalid"}, status=400)
    subscription = (
        Subscription.objects.select_related("subscriber", "programme", "tag")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None or not hmac.compare_digest(subscription.subscriber.key, key):
        # Already unsubscribed (or erased): nothing to do, and nothing to give away.
        return _render(request, "unsubscribed", {"already": True})
    if request.method != "POST":
        return _render(request, "unsubscribe", {"subscription": subscription})
    name = str(subscription.target_name)
    _remove(subscription)
    return _render(request, "unsubscribed", {"target_name": name})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = _subscriber_from(token)
    if subscriber is None:
        return _render(request, "link_problem", {"problem": "manage"}, status=400)
    subscriptions = list(
        subscriber.subscriptions.filter(confirmed_at__isnull=False)
        .select_related("programme", "tag")
        .order_by("pk")
    )
    notice = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "stop-all":
            subscriber.delete()
            return _render(request, "unsubscribed", {"everything": True})
        chosen = next(
            (s for s in subscriptions if request.POST.get("subscription") == str(s.pk)), None
        )
        if chosen is None:
            notice = "That subscription has already gone."
        elif action == "stop":
            name = chosen.target_name
            _remove(chosen)
            if not Subscriber.objects.filter(pk=subscriber.pk).exists():
                return _render(request, "unsubscribed", {"target_name": name})
            subscriptions.remove(chosen)
            notice = f"You no longer get emails about {name}."
        else:
            form = FrequencyForm(request.POST)
            if form.is_valid():
                chosen.frequency = form.cleaned_data["frequency"]
                # A digest starts from now, not from the first post ever missed.
                chosen.last_digest_at = timezone.now()
                chosen.save(update_fields=["frequency", "last_digest_at"])
                notice = (
                    f"Saved: {chosen.get_frequency_display().lower()} about {chosen.target_name}."
                )
            else:
                notice = "Select how often you want emails."
    return _render(
        request,
        "manage",
        {"subscriptions": subscriptions, "notice": notice, "frequency_choices": Frequency.choices},
    )
