"""Review state for content pages, archived programmes, and the reminders already sent.

Review state (owner, team, interval, last reviewed, next review due) belongs to the page as
a whole, like Wagtail's own `owner` and `locked`: it is left out of revision content and
`with_content_json` keeps the page's current values, so publishing or reverting to an old
revision never brings back an old owner or review date.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Page

from content_review.dates import add_months, today
from content_review.forms import ReviewPageForm
from content_review.panels import ReviewStatusPanel

CHANGE_REVIEW_SETTINGS = "content_review.change_review_settings"

# Page-wide fields: never restored from a revision (see module docstring).
REVIEW_STATE_FIELDS = [
    "content_owner",
    "owning_team",
    "review_interval_months",
    "last_reviewed",
    "next_review_due",
]

REVIEW_API_FIELDS = [APIField("last_reviewed"), APIField("next_review_due")]


def review_panel():
    """The "Review" panel: owner, team and interval only for Moderators (see README)."""
    return MultiFieldPanel(
        [
            ReviewStatusPanel(),
            FieldPanel("content_owner", permission=CHANGE_REVIEW_SETTINGS),
            FieldPanel("owning_team", permission=CHANGE_REVIEW_SETTINGS),
            FieldPanel("review_interval_months", permission=CHANGE_REVIEW_SETTINGS),
            FieldPanel("last_reviewed", permission=CHANGE_REVIEW_SETTINGS),
            FieldPanel("next_review_due", permission=CHANGE_REVIEW_SETTINGS),
            FieldPanel("reviewed_whole_page"),
        ],
        heading="Review",
    )


class ContentReviewMixin(models.Model):
    """Owner, owning team and review dates for a content page (before `Page` in the bases)."""

    # Per-type defaults; a page may set its own interval.
    default_review_interval_months = 12
    # Programmes, resources and standard pages show "Page last reviewed" to visitors.
    show_review_dates = False

    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="owner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The person who keeps this page true. Gets the review reminders.",
    )
    owning_team = models.ForeignKey(
        "auth.Group",
        verbose_name="owning team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The team's Moderators hear about this page when its review is late.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        "review every (months)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="How often this page is checked. Empty: the usual interval for this type.",
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Empty: worked out from the last review and the interval.",
    )

    base_form_class = ReviewPageForm
    # A copy is a new page: its review clock starts when it is first published.
    exclude_fields_in_copy = ["last_reviewed", "next_review_due"]
    settings_panels = [*Page.settings_panels, review_panel()]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        filled = []
        if self._state.adding and (self.content_owner_id is None or self.owning_team_id is None):
            owner_id, team_id = inherited_owner_and_team(self)
            if self.content_owner_id is None and owner_id:
                self.content_owner_id = owner_id
            if self.owning_team_id is None and team_id:
                self.owning_team_id = team_id
        if self.review_interval_months is None:
            self.review_interval_months = self.default_review_interval_months
            filled.append("review_interval_months")
        if self.next_review_due is None:
            self.next_review_due = self.due_after(self.last_reviewed or today())
            filled.append("next_review_due")
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = list({*kwargs["update_fields"], *filled})
        return super().save(*args, **kwargs)

    def review_interval(self):
        return self.review_interval_months or self.default_review_interval_months

    def due_after(self, day):
        return add_months(day, self.review_interval())

    def serializable_data(self):
        data = super().serializable_data()
        for name in REVIEW_STATE_FIELDS:
            data.pop(name, None)
        return data

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in REVIEW_STATE_FIELDS:
            attname = self._meta.get_field(name).attname
            setattr(obj, attname, getattr(self, attname))
        return obj

    def public_review_dates(self):
        """(last reviewed, next review due) for the public line, or None when not shown."""
        if not self.show_review_dates or not self.last_reviewed:
            return None
        if isinstance(self, ArchiveMixin) and self.is_archived():
            return None  # a programme kept for reference is not being reviewed
        return self.last_reviewed, self.next_review_due

    def structured_data(self, *, request, context, url, image, publisher, absolute_url):
        """A schema.org WebPage with `lastReviewed`, for types that show review dates."""
        dates = self.public_review_dates()
        if dates is None:
            return []
        return [
            {
                "@context": "https://schema.org",
                "@type": "WebPage",
                "name": self.title,
                "url": url,
                "description": self.summary_text() if hasattr(self, "summary_text") else "",
                "lastReviewed": dates[0].isoformat(),
                "reviewedBy": publisher,
            }
        ]


class ArchiveMixin(models.Model):
    """An ended programme: kept for reference at its URL, out of "Our work" and reminders."""

    # Indexed so that "not under an archived programme" (under_archived) starts from the
    # few archived rows: without it SQLite scanned every page per listed programme
    # (Our work at 10,000 posts: 350 -> 27 ms).
    archived = models.BooleanField(
        "this programme has ended",
        default=False,
        db_index=True,
        help_text=(
            "Moves it (and its sub-programmes) from “Our work” to “Past programmes” and "
            "shows a banner. The page, its feed and its posts stay where they are."
        ),
    )
    archive_note = models.TextField(
        blank=True, max_length=500, help_text="Optional: shown in the banner, e.g. what happened."
    )
    replaced_by = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: the page that carries this work on.",
    )

    archive_panels = [
        MultiFieldPanel(
            [FieldPanel("archived"), FieldPanel("archive_note"), PageChooserPanel("replaced_by")],
            heading="Archive",
        )
    ]

    class Meta:
        abstract = True

    def archived_ancestor(self):
        """This page or the nearest page above it of the same type that is archived."""
        if self.archived:
            return self
        # A top-level programme has no programme above it (the parent is known without a
        # query when the page was routed: hlp_site/core/pages.py).
        if not issubclass(self.get_parent().specific_class or type(None), type(self)):
            return None
        return (
            type(self)
            .objects.ancestor_of(self)
            .filter(archived=True)
            .only("id", "path", "archived", "archive_note", "replaced_by", "title")
            .order_by("-depth")
            .first()
        )

    def is_archived(self):
        if not hasattr(self, "_archived_ancestor"):
            self._archived_ancestor = self.archived_ancestor()
        return self._archived_ancestor is not None


def under_archived(model, strictly=False):
    """An expression: the row is an archived page of `model` or lies below one (with
    `strictly`: lies below one)."""
    depth = {"depth__lt" if strictly else "depth__lte": OuterRef("depth")}
    outer_path = ExpressionWrapper(OuterRef("path"), output_field=models.CharField())
    return Exists(model.objects.filter(StartsWith(outer_path, F("path")), archived=True, **depth))


def not_archived(queryset):
    """`queryset` without archived pages and their descendants (for models with ArchiveMixin)."""
    if not issubclass(queryset.model, ArchiveMixin):
        return queryset
    return queryset.exclude(under_archived(queryset.model))


def past_programmes(index_page):
    """Ended programmes under `index_page` for its "Past programmes" list, by title."""
    from django.apps import apps

    from hlp_site.core.visibility import on_public_web

    ProgrammePage = apps.get_model("programmes", "ProgrammePage")
    return (
        on_public_web(ProgrammePage.objects.descendant_of(index_page))
        .filter(archived=True)
        .exclude(under_archived(ProgrammePage, strictly=True))
        .only("id", "title", "summary", "url_path", "path", "depth")
        .order_by("title", "pk")
    )


def reviewed_page_models():
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, ContentReviewMixin) and not model._meta.abstract
    ]


def inherited_owner_and_team(page):
    """(owner id, team id) of the nearest ancestor of `page` that has them (one query)."""
    if not page.path:
        return None, None
    steplen = Page.steplen
    ancestor_paths = [page.path[:i] for i in range(steplen, len(page.path), steplen)]
    if not ancestor_paths:
        return None, None
    rows = None
    for model in reviewed_page_models():
        values = (
            model.objects.filter(path__in=ancestor_paths)
            .order_by()
            .values_list("path", "content_owner_id", "owning_team_id")
        )
        rows = values if rows is None else rows.union(values, all=True)
    owner_id = team_id = None
    for _path, row_owner, row_team in sorted(rows or [], reverse=True):
        owner_id = owner_id or row_owner
        team_id = team_id or row_team
    return owner_id, team_id


class ReviewReminder(models.Model):
    """One reminder email sent to one address on one day: the command never sends two."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField()
    sent_on = models.DateField()
    page_ids = models.JSONField(default=list)
    escalated_page_ids = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "sent_on"], name="one_review_reminder_a_day")
        ]
        permissions = [
            ("change_review_settings", "Can change page owners, teams and review intervals")
        ]

    def __str__(self):
        return f"{self.email} {self.sent_on}"
