import datetime
import hashlib
from urllib.parse import quote_plus, urlsplit
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page, PageManager
from wagtail.search import index

from hlp_site.core.blocks import ArticleBodyBlock
from hlp_site.core.listing import FilterForm, paginate
from hlp_site.core.pages import OneQueryViewRestrictionsMixin
from hlp_site.core.seo import SHARE_IMAGE_SPEC, SeoMixin
from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.absolute_urls import absolute_url
from hlp_site.openweb.api_fields import TagNamesField
from hlp_site.publishing.sign_off import EditableWhileScheduledMixin
from news.models import TAG_HELP, TaggedPageQuerySet, programme_choices
from programmes.models import ProgrammePage, ProgrammePageTag

LONDON = ZoneInfo("Europe/London")
MAX_YEARS_AHEAD = 5
# Calendar feeds keep events that ended this recently, so subscribers still see them.
RECENT_DAYS = 90
HOME_EVENTS = 3


def now_to_the_minute(now=None):
    """Now, rounded down to the minute: event times are whole minutes (see EventPage.save),
    so comparing with this is exact, and a listing's SQL stays the same for a minute (its
    count is cached on the SQL, hlp_site/core/listing.py)."""
    now = now or timezone.now()
    return now.replace(second=0, microsecond=0)


def next_event_change(now):
    """The next moment a public page changes because an event ends (it moves from upcoming
    to past) or leaves the calendar feeds' recent window; None if there is none.

    For the page cache's timeout (HLP_CLOCK_CHANGES, hlp_site/caching/invalidation.py): a
    stored page must not outlive it.
    """
    live = EventPage.objects.filter(live=True)
    next_end = live.filter(end_at__gt=now).order_by("end_at").values_list("end_at", flat=True)
    recent_cutoff = now - datetime.timedelta(days=RECENT_DAYS)
    next_lapse = (
        live.filter(end_at__gt=recent_cutoff).order_by("end_at").values_list("end_at", flat=True)
    )
    moments = [moment for moment in (next_end.first(),) if moment is not None]
    lapse = next_lapse.first()
    if lapse is not None:
        moments.append(lapse + datetime.timedelta(days=RECENT_DAYS))
    return min(moments, default=None)


class EventFormat(models.TextChoices):
    IN_PERSON = "in-person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"
    MOVED_ONLINE = "moved-online", "Moved online"


STATUS_CALLOUTS = {
    EventStatus.CANCELLED: "This event has been cancelled",
    EventStatus.POSTPONED: "This event has been postponed",
    EventStatus.MOVED_ONLINE: "This event has moved online",
}


class EventPageQuerySet(TaggedPageQuerySet):
    def for_listing(self):
        # Event cards show no picture, so no image or rendition is fetched.
        return on_public_web(self, few_pages=True).defer_streamfields()

    def upcoming(self, now=None):
        """Not yet ended (so an event under way is still upcoming), soonest first."""
        return self.filter(end_at__gt=now_to_the_minute(now)).order_by("start_at", "pk")

    def past(self, now=None):
        return self.filter(end_at__lte=now_to_the_minute(now)).order_by("-start_at", "-pk")

    def for_programme(self, programme):
        """Events about a programme: carrying its tags or its sub-programmes' (the rule
        posts follow, `TaggedPageQuerySet.tagged`), or placed under it."""
        return self.filter(
            Q(pk__in=super().for_programme(programme).values("pk"))
            | Q(path__startswith=programme.path)
        )

    def upcoming_first(self, now=None):
        """Upcoming events soonest first, then past ones newest first (the API's order)."""
        now = now_to_the_minute(now)
        return self.annotate(
            _upcoming_start=Case(When(end_at__gt=now, then=F("start_at"))),
            _past_start=Case(When(end_at__lte=now, then=F("start_at"))),
        ).order_by(F("_upcoming_start").asc(nulls_last=True), F("_past_start").desc(), "pk")


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        indexes = [models.Index(fields=["tag", "content_object"], name="events_tag_tag_idx")]


EventPageQuerySet.tag_model = EventPageTag


def live_programme(slug):
    return ProgrammePage.objects.live().public().filter(slug=slug).first()


def month_choices(events):
    """(YYYY-MM, "Month YYYY") for each London month with an event in `events`."""
    months = events.order_by().datetimes("start_at", "month", tzinfo=LONDON)
    return [(f"{month:%Y-%m}", f"{month:%B %Y}") for month in months]


class EventFilterForm(FilterForm):
    programme = forms.ChoiceField(label="Programme")
    format = forms.ChoiceField(label="Format", choices=[("", "All formats"), *EventFormat.choices])
    month = forms.ChoiceField(label="Month")

    def __init__(self, data=None, months=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programme"].choices = [("", "All programmes"), *programme_choices()]
        self.fields["month"].choices = [("", "All months"), *months]


def month_range(value):
    """The UTC start and end of a London month written YYYY-MM."""
    year, month = int(value[:4]), int(value[5:])
    start = datetime.datetime(year, month, 1, tzinfo=LONDON)
    following = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=LONDON)
    return start, following


class EventIndexPage(RoutablePageMixin, SeoMixin, OneQueryViewRestrictionsMixin, Page):
    """'Events': upcoming events soonest first, past events at past/, the calendar feed."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    def all_events(self):
        """Every public event on the site: under this index or under a programme page."""
        return EventPage.objects.for_listing()

    def listing(self, request, past):
        events = self.all_events()
        timed = events.past() if past else events.upcoming()
        months = month_choices(timed)
        form = EventFilterForm(request.GET, months=months[::-1] if past else months)
        selected = form.selected()
        if selected is None:
            timed = timed.none()
        else:
            if "programme" in selected:
                programme = live_programme(selected["programme"])
                timed = timed.for_programme(programme) if programme else timed.none()
            if "format" in selected:
                timed = timed.filter(event_format=selected["format"])
            if "month" in selected:
                start, following = month_range(selected["month"])
                timed = timed.filter(start_at__gte=start, start_at__lt=following)
        calendar_url = absolute_url(request, self.calendar_url(request=request))
        return {
            "filter_form": form,
            "events": paginate(request, timed),
            "past": past,
            "calendar_url": calendar_url,
            "webcal_url": calendar_url and "webcal" + calendar_url[calendar_url.index(":") :],
            # Feed readers and calendar apps find the calendar from the page's address.
            "feeds": [{"title": "Events calendar", "url": calendar_url, "type": "text/calendar"}],
        }

    @path("")
    def upcoming_route(self, request):
        return self.render(request, context_overrides=self.listing(request, past=False))

    @path("past/", name="past")
    def past_route(self, request):
        return self.render(
            request,
            context_overrides={
                **self.listing(request, past=True),
                "subpage_title": "Past events",
                "subpage_description": "Events the partnership has run, newest first.",
            },
        )

    def calendar_url(self, request=None):
        url = self.get_url(request=request)
        return url and f"{url}calendar.ics"


def validate_web_link(value):
    if value and urlsplit(value).scheme not in ("http", "https"):
        raise ValidationError("Enter a web address starting with https:// or http://.")


class CalendarURLField(serializers.Field):
    """The absolute URL of the event's .ics file, for the API."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        request = self.context.get("request")
        return absolute_url(request, page.ics_url(request=request))


class EventPage(EditableWhileScheduledMixin, SeoMixin, OneQueryViewRestrictionsMixin, Page):
    """A webinar, workshop, learning network meeting or conference."""

    summary = models.TextField(max_length=400, help_text="One or two sentences for listings.")
    # Fetched with the page when it is served (hlp_site/core/pages.py).
    serve_select_related = ("hero_image",)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ArticleBodyBlock(), blank=True)
    start_at = models.DateTimeField(
        "Starts", help_text="London time. For an all-day event, only the date counts."
    )
    end_at = models.DateTimeField(
        "Ends", help_text="London time. For an all-day event, the last day it runs."
    )
    all_day = models.BooleanField("All-day event", default=False)
    event_format = models.CharField(
        "Format", max_length=16, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(
        blank=True, max_length=500, help_text="Shown with a link to a map."
    )
    online_url = models.URLField(
        "Joining link",
        blank=True,
        max_length=500,
        validators=[validate_web_link],
        help_text="For online and hybrid events: where people join (Teams, Zoom...).",
    )
    booking_url = models.URLField(
        "Booking link", blank=True, max_length=500, validators=[validate_web_link]
    )
    no_booking_needed = models.BooleanField(
        default=False, help_text="Tick when people can just turn up or join."
    )
    cost = models.DecimalField(
        "Cost (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leave empty for a free event.",
    )
    organiser = models.ForeignKey(
        "programmes.PartnerOrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A partner organisation running the event...",
    )
    organiser_name = models.CharField(
        max_length=200, blank=True, help_text="...or the organiser's name, if not a partner."
    )
    accessibility = models.TextField(
        "Accessibility information",
        blank=True,
        help_text="Step-free access, hearing loops, captions, BSL interpretation...",
    )
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, help_text=TAG_HELP)
    status = models.CharField(
        max_length=16, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_reason = models.TextField(
        "Reason for the change",
        blank=True,
        help_text="Shown on the event page when it is cancelled, postponed or moved online.",
    )
    # Calendar bookkeeping: SEQUENCE rises each time what a calendar shows changes.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    ical_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
                FieldPanel("all_day"),
                FieldPanel("status"),
                FieldPanel("status_reason"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("event_format"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("online_url"),
            ],
            heading="Where",
        ),
        MultiFieldPanel(
            [FieldPanel("booking_url"), FieldPanel("no_booking_needed"), FieldPanel("cost")],
            heading="Booking",
        ),
        MultiFieldPanel(
            [FieldPanel("organiser"), FieldPanel("organiser_name")], heading="Organiser"
        ),
        FieldPanel("accessibility"),
        FieldPanel("tags"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("venue_name"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("start_at"),
        index.FilterField("end_at"),
    ]
    parent_page_types = ["events.EventIndexPage", "programmes.ProgrammePage"]
    subpage_types = []

    api_fields = [
        APIField("summary"),
        APIField("start_at"),
        APIField("end_at"),
        APIField("all_day"),
        APIField("event_format"),
        APIField("status"),
        APIField("status_reason"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("online_url"),
        APIField("booking_url"),
        APIField("no_booking_needed"),
        APIField("cost"),
        APIField("organiser", serializer=serializers.CharField(source="organiser_label")),
        APIField("tags", serializer=TagNamesField()),
        APIField("hero_image", serializer=ImageRenditionField(SHARE_IMAGE_SPEC)),
        APIField("calendar_url", serializer=CalendarURLField()),
    ]

    class Meta:
        indexes = [
            models.Index(fields=["end_at"], name="events_event_end_idx"),
            models.Index(fields=["start_at", "page_ptr"], name="events_event_start_pk_idx"),
        ]

    og_type = "website"

    # Rules -------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.start_at and self.end_at:
            start, end = self.normalised_times()
            if end <= start:
                errors["end_at"] = "The event must end after it starts."
        limit = timezone.now() + datetime.timedelta(days=365 * MAX_YEARS_AHEAD)
        for name in ("start_at", "end_at"):
            value = getattr(self, name)
            if value and value > limit:
                errors.setdefault(name, f"Events can be at most {MAX_YEARS_AHEAD} years ahead.")
            if value and value < timezone.now() - datetime.timedelta(days=365 * 50):
                errors.setdefault(name, "Check the year: this is more than 50 years ago.")
        if (
            self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)
            and not self.online_url
            and not self.booking_url
        ):
            errors["online_url"] = (
                "An online event needs a joining link, or a booking link that gives one."
            )
        if self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and not (
            self.venue_name or self.venue_address
        ):
            errors["venue_name"] = "An event in person needs a venue name or address."
        if self.status == EventStatus.MOVED_ONLINE and not self.online_url and not self.booking_url:
            errors["online_url"] = "An event moved online needs a joining or booking link."
        if self.booking_url and self.no_booking_needed:
            errors["no_booking_needed"] = "Give a booking link or tick this, not both."
        if self.cost is not None and self.cost < 0:
            errors["cost"] = "The cost cannot be negative."
        if self.organiser_id and self.organiser_name:
            errors["organiser_name"] = "Choose a partner organisation or type a name, not both."
        if errors:
            raise ValidationError(errors)

    def normalised_times(self):
        """(start, end) as stored: whole minutes; an all-day event from midnight (London)
        of its first day to midnight after its last."""
        start = self.start_at.replace(second=0, microsecond=0)
        end = self.end_at.replace(second=0, microsecond=0)
        if self.all_day:
            first = start.astimezone(LONDON).date()
            last = end.astimezone(LONDON).date()
            if end.astimezone(LONDON).time() == datetime.time(0, 0) and last > first:
                last -= datetime.timedelta(days=1)  # already stored as midnight after
            start = datetime.datetime.combine(first, datetime.time(0, 0), tzinfo=LONDON)
            end = datetime.datetime.combine(
                last + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=LONDON
            )
        return start, end

    def calendar_fingerprint(self):
        parts = [
            self.title,
            self.summary,
            self.start_at.isoformat() if self.start_at else "",
            self.end_at.isoformat() if self.end_at else "",
            str(self.all_day),
            self.event_format,
            self.venue_name,
            self.venue_address,
            self.online_url,
            self.booking_url,
            self.status,
            self.status_reason,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def save(self, *args, **kwargs):
        if self.start_at and self.end_at:
            self.start_at, self.end_at = self.normalised_times()
        if kwargs.get("update_fields") is None:
            # The page row changes on publish (drafts live in revisions): a published
            # change to what calendars show raises SEQUENCE, so calendars take the update.
            fingerprint = self.calendar_fingerprint()
            stored = (
                EventPage.objects.filter(pk=self.pk)
                .values_list("ical_sequence", "ical_fingerprint", "first_published_at")
                .first()
                if self.pk
                else None
            )
            if stored is None:
                self.ical_sequence = 0
            else:
                sequence, previous, first_published_at = stored
                self.ical_sequence = sequence
                if previous and previous != fingerprint and first_published_at:
                    self.ical_sequence = sequence + 1
            self.ical_fingerprint = fingerprint
        return super().save(*args, **kwargs)

    # What pages show -------------------------------------------------------------------------

    def has_ended(self, now=None):
        return self.end_at <= now_to_the_minute(now)

    @property
    def start_local(self):
        return self.start_at.astimezone(LONDON)

    @property
    def end_local(self):
        return self.end_at.astimezone(LONDON)

    @property
    def last_day_local(self):
        """The last day of an all-day event (its end is midnight after it)."""
        return (self.end_local - datetime.timedelta(minutes=1)).date()

    @property
    def is_in_person(self):
        return self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID) and (
            self.status != EventStatus.MOVED_ONLINE
        )

    @property
    def is_online(self):
        return self.event_format != EventFormat.IN_PERSON or self.status == EventStatus.MOVED_ONLINE

    @property
    def status_callout(self):
        return STATUS_CALLOUTS.get(self.status, "")

    @property
    def location_text(self):
        if self.is_in_person:
            return ", ".join(
                p for p in (self.venue_name, " ".join(self.venue_address.split())) if p
            )
        return "Online"

    @property
    def map_url(self):
        """A map search for the venue: a plain link, no script or embedded map."""
        query = " ".join(p for p in (self.venue_name, self.venue_address) if p)
        if not query:
            return ""
        return f"https://www.openstreetmap.org/search?query={quote_plus(' '.join(query.split()))}"

    @cached_property
    def organiser_label(self):
        if self.organiser_id and self.organiser and self.organiser.live:
            return self.organiser.title
        return self.organiser_name

    @property
    def cost_text(self):
        if not self.cost:
            return "Free"
        return f"£{self.cost:,.2f}".replace(".00", "")

    def ics_url(self, request=None):
        url = self.get_url(request=request)
        return url and f"{url}event.ics"

    def get_context(self, request, *args, **kwargs):
        from events import calendars

        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        context["programmes"] = list(
            on_public_web(
                ProgrammePage.objects.filter(
                    pk__in=ProgrammePageTag.objects.filter(
                        tag__in=[tag.pk for tag in context["tags"]]
                    ).values("content_object_id")
                )
            )
            .order_by("path")
            .defer_streamfields()
        )
        context["ended"] = self.has_ended()
        context["calendar_links"] = calendars.web_links(self, request)
        return context

    def structured_data(self, *, request, context, url, image, publisher, absolute_url):
        """The event as a schema.org Event."""
        statuses = {
            EventStatus.SCHEDULED: "EventScheduled",
            EventStatus.CANCELLED: "EventCancelled",
            EventStatus.POSTPONED: "EventPostponed",
            EventStatus.MOVED_ONLINE: "EventMovedOnline",
        }
        if self.status == EventStatus.MOVED_ONLINE or self.event_format == EventFormat.ONLINE:
            mode = "OnlineEventAttendanceMode"
        elif self.event_format == EventFormat.HYBRID:
            mode = "MixedEventAttendanceMode"
        else:
            mode = "OfflineEventAttendanceMode"
        if self.all_day:
            start, end = self.start_local.date().isoformat(), self.last_day_local.isoformat()
        else:
            start, end = self.start_local.isoformat(), self.end_local.isoformat()
        locations = []
        if self.is_in_person:
            place = {"@type": "Place", "name": self.venue_name or self.venue_address}
            if self.venue_address:
                place["address"] = " ".join(self.venue_address.split())
            locations.append(place)
        if self.is_online:
            locations.append(
                {"@type": "VirtualLocation", "url": self.online_url or self.booking_url or url}
            )
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.summary_text(),
            "url": url,
            "image": [image["url"]],
            "startDate": start,
            "endDate": end,
            "eventStatus": f"https://schema.org/{statuses[self.status]}",
            "eventAttendanceMode": f"https://schema.org/{mode}",
            "location": locations[0] if len(locations) == 1 else locations,
            "inLanguage": "en-GB",
        }
        if self.organiser_label:
            organiser = {"@type": "Organization", "name": self.organiser_label}
            if self.organiser_id and self.organiser.live:
                organiser["url"] = self.organiser.website or absolute_url(
                    self.organiser.get_url(request=request)
                )
            data["organizer"] = organiser
        else:
            data["organizer"] = publisher
        if self.cost:
            offer = {
                "@type": "Offer",
                "price": f"{self.cost:.2f}",
                "priceCurrency": "GBP",
                "availability": "https://schema.org/InStock",
            }
            if self.booking_url:
                offer["url"] = self.booking_url
            data["offers"] = offer
        return [data]


def public_event(page_id):
    """The event if the open web may show it (live, public, unexpired), else Http404."""
    event = EventPage.objects.for_listing().filter(pk=page_id).first()
    if event is None:
        raise Http404("No such event.")
    return event
