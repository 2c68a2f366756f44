"""The admin side: a report of counts for Moderators (no addresses), and data requests
(see, export, erase one person's data) for Administrators only."""

import datetime
import json
import logging
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import Message, SignupAttempt, Subscriber, Subscription
from .views import _digest

logger = logging.getLogger(__name__)

REPORT_PERMISSION = "subscriptions.view_subscription_report"
DATA_PERMISSION = "subscriptions.manage_subscriber_data"
REPORT_DAYS = 30


class PermissionMixin:
    permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReportView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    permission = REPORT_PERMISSION
    page_title = "Email updates"
    header_icon = "mail"
    template_name = "subscriptions/admin/report.html"
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": "Home"},
        {"url": "", "label": "Email updates"},
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        confirmed = Subscription.objects.filter(confirmed_at__isnull=False)
        context["frequencies"] = list(
            confirmed.values("frequency").annotate(count=Count("pk")).order_by("frequency")
        )
        context["programmes"] = list(
            confirmed.filter(kind=Subscription.Kind.PROGRAMME)
            .values("programme__title")
            .annotate(count=Count("pk"))
            .order_by("-count", "programme__title")
        )
        context["tags"] = list(
            confirmed.filter(kind=Subscription.Kind.TAG)
            .values("tag__name")
            .annotate(count=Count("pk"))
            .order_by("-count", "tag__name")
        )
        context["everything"] = confirmed.filter(kind=Subscription.Kind.EVERYTHING).count()
        context["addresses"] = (
            Subscriber.objects.filter(subscriptions__confirmed_at__isnull=False).distinct().count()
        )
        context["unconfirmed"] = Subscription.objects.filter(confirmed_at__isnull=True).count()
        since = timezone.now() - datetime.timedelta(days=REPORT_DAYS)
        london = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        rows = (
            Message.objects.filter(sent_at__gte=since, status=Message.Status.SENT)
            .annotate(day=TruncDate("sent_at", tzinfo=london))
            .values("day", "kind")
            .annotate(count=Count("pk"))
            .order_by("-day")
        )
        days = {}
        for row in rows:
            day = days.setdefault(
                row["day"], {"day": row["day"], "post": 0, "digest": 0, "other": 0, "total": 0}
            )
            kind = row["kind"] if row["kind"] in ("post", "digest") else "other"
            day[kind] += row["count"]
            day["total"] += row["count"]
        context["days"] = list(days.values())
        context["problems"] = list(
            Message.objects.filter(
                status__in=[Message.Status.FAILED, Message.Status.UNKNOWN], created_at__gte=since
            )
            .values("status")
            .annotate(count=Count("pk"))
        )
        context["waiting"] = Message.objects.filter(status=Message.Status.PENDING).count()
        context["can_manage_data"] = self.request.user.has_perm(DATA_PERMISSION)
        return context


class FindForm(forms.Form):
    email = forms.EmailField(label="Email address")


def person_data(subscriber):
    """Everything held about one address (UK GDPR right of access)."""
    return {
        "email": subscriber.email,
        "created_at": subscriber.created_at.isoformat(),
        "subscriptions": [
            {
                "follows": str(s.target_name),
                "frequency": s.frequency,
                "created_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            }
            for s in subscriber.subscriptions.select_related("programme", "tag").order_by("pk")
        ],
        "emails": [
            {
                "kind": m.kind,
                "status": m.status,
                "created_at": m.created_at.isoformat(),
                "sent_at": m.sent_at.isoformat() if m.sent_at else None,
                "pages": [d.page.url_path for d in m.deliveries.select_related("page")],
            }
            for m in subscriber.messages.order_by("pk")
        ],
    }


class PersonView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    """Find one person's data by address; export it as JSON or erase it."""

    permission = DATA_PERMISSION
    page_title = "Email updates: one person’s data"
    header_icon = "user"
    template_name = "subscriptions/admin/person.html"
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": "Home"},
        {"url": reverse_lazy("subscriptions_admin:report"), "label": "Email updates"},
        {"url": "", "label": "One person’s data"},
    ]

    def get(self, request, *args, **kwargs):
        form = FindForm(request.GET or None)
        subscriber = None
        if form.is_valid():
            subscriber = Subscriber.objects.filter(email=form.cleaned_data["email"].lower()).first()
            if subscriber is not None and request.GET.get("format") == "json":
                response = HttpResponse(
                    json.dumps(person_data(subscriber), indent=2),
                    content_type="application/json",
                )
                response["Content-Disposition"] = 'attachment; filename="email-updates-data.json"'
                response["Cache-Control"] = "no-store"
                return response
        context = self.get_context_data(
            form=form,
            subscriber=subscriber,
            data=person_data(subscriber) if subscriber else None,
        )
        return self.render_to_response(context)

    def post(self, request, *args, **kwargs):
        form = FindForm(request.POST)
        if not form.is_valid() or request.POST.get("action") != "erase":
            return redirect(reverse("subscriptions_admin:person"))
        email = form.cleaned_data["email"].lower()
        erased = erase(email)
        if erased:
            messages.success(
                request, "Their address, subscriptions and sending history are deleted."
            )
        else:
            messages.warning(request, "No data is held for that address.")
        return redirect(reverse("subscriptions_admin:person"))


def erase(email):
    """Delete everything that identifies this address (UK GDPR right to erasure). The
    messages sent stay as anonymous counts for the report."""
    subscriber = Subscriber.objects.filter(email=email).first()
    SignupAttempt.objects.filter(address_digest=_digest("email:" + email)).delete()
    if subscriber is None:
        return False
    subscriber.delete()
    logger.info("Erased the email updates data of subscriber %s", subscriber.pk)
    return True
