"""The admin's "Events" listing (like "Posts") and the "Cancel event" action."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import Button

from events.models import EventPage, EventStatus, now_to_the_minute
from news.admin_listings import filter_programme
from programmes.models import ProgrammePage

WHEN_CHOICES = [("upcoming", "Upcoming"), ("past", "Past")]


class EventFilterSet(PageFilterSet):
    when = django_filters.ChoiceFilter(
        label="When", choices=WHEN_CHOICES, method="filter_when", empty_label="Any"
    )
    programme = django_filters.ModelChoiceFilter(
        label="Programme",
        queryset=lambda request: ProgrammePage.objects.order_by("path"),
        method=filter_programme,
    )
    status = django_filters.ChoiceFilter(
        label="Event status", choices=EventStatus.choices, empty_label="Any"
    )

    class Meta:
        model = EventPage
        fields = []

    def filter_when(self, queryset, name, value):
        now = now_to_the_minute()
        if value == "upcoming":
            return queryset.filter(end_at__gt=now)
        return queryset.filter(end_at__lte=now)


class SoonestLastIndexView(IndexView):
    default_ordering = "-start_at"


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    icon = "date"
    menu_label = "Events"
    menu_order = 115
    add_to_admin_menu = True
    filterset_class = EventFilterSet
    index_view_class = SoonestLastIndexView
    columns = [
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        DateColumn("start_at", label="Starts", sort_key="start_at", width="14%"),
        Column("get_status_display", label="Event status", width="12%"),
        Column("get_event_format_display", label="Format", width="12%"),
        PageStatusColumn("status", label="Page status", sort_key="live", width="12%"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:page_id>/cancel/", CancelEventView.as_view(), name="cancel"),
        ]


event_listing_viewset = EventListingViewSet("events")


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        help_text="Shown on the event page, for example “The speaker is unwell; we will run it again in May.”",
    )


def can_cancel(page, user):
    """Cancelling publishes the change at once, so only those who may publish the event."""
    return (
        page.live
        and page.status != EventStatus.CANCELLED
        and page.permissions_for_user(user).can_publish()
    )


def cancel_event(page, reason, user):
    """Set the live event's status to cancelled with the reason, and publish it."""
    page.status = EventStatus.CANCELLED
    page.status_reason = reason
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    return page


class CancelEventView(WagtailAdminTemplateMixin, FormView):
    form_class = CancelEventForm
    template_name = "events/admin/cancel_event.html"
    header_icon = "date"

    def dispatch(self, request, page_id):
        self.event = get_object_or_404(EventPage, pk=page_id)
        if not can_cancel(self.event, request.user):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_title(self):
        return f"Cancel “{self.event.title}”"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event}

    def form_valid(self, form):
        cancel_event(self.event, form.cleaned_data["reason"], self.request.user)
        messages.success(self.request, f"“{self.event.title}” is cancelled and published.")
        return redirect(event_listing_viewset.get_url_name("index"))


def cancel_button(page, user, priority):
    page = getattr(page, "specific_deferred", page)
    if isinstance(page, EventPage) and can_cancel(page, user):
        url = reverse(event_listing_viewset.get_url_name("cancel"), args=[page.pk])
        yield Button("Cancel event", url=url, icon_name="warning", priority=priority)
