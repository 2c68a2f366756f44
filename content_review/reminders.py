"""Daily review reminders: one digest per person, escalations to the owning team's Moderators.

A page is in the digest when it is live, not archived, and due within REMINDER_DAYS or
overdue. It goes to its owner; it also goes to the Moderators of its owning team when it is
more than ESCALATE_AFTER_DAYS overdue, or its owner is deleted, deactivated or has no email
address. Each address gets at most one email a day (a ReviewReminder row per address and
day, claimed before sending), and deactivated people get none.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Page

from content_review.dates import today
from content_review.models import ReviewReminder
from content_review.review import ESCALATE_AFTER_DAYS, REMINDER_DAYS, review_rows, review_status
from hlp_site.publishing.roles import MODERATORS


@dataclass
class Digest:
    user: object
    own: list = field(default_factory=list)
    escalated: list = field(default_factory=list)


@dataclass
class Outcome:
    sent: list = field(default_factory=list)  # addresses
    already_sent: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (address, error)
    unreachable: list = field(default_factory=list)  # (page title, why)
    teams_without_moderators: set = field(default_factory=set)


def _admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _describe(row, page, day):
    status = review_status(row["next_review_due"], on=day)
    return {
        "id": row["id"],
        "title": row["title"],
        "url": page.full_url if page is not None else "",
        "due": row["next_review_due"],
        "status": status,
        "edit_url": _admin_url(reverse("wagtailadmin_pages:edit", args=[row["id"]])),
        "mark_reviewed_url": _admin_url(reverse("content_review:mark_reviewed", args=[row["id"]])),
    }


def plan(day=None):
    """(digests by address, outcome with the pages nobody can be told about)."""
    day = day or today()
    rows = list(
        review_rows(due_by=day + datetime.timedelta(days=REMINDER_DAYS)).order_by(
            "next_review_due", "title"
        )
    )
    outcome = Outcome()
    User = get_user_model()
    owners = User.objects.in_bulk({row["content_owner_id"] for row in rows} - {None})
    team_ids = {row["owning_team_id"] for row in rows} - {None}
    teams = Group.objects.in_bulk(team_ids)
    moderators = {team_id: [] for team_id in team_ids}
    for user in (
        User.objects.filter(groups__in=team_ids, is_active=True)
        .filter(groups__name=MODERATORS)
        .exclude(email="")
        .prefetch_related("groups")
        .distinct()
    ):
        for group in user.groups.all():
            if group.pk in moderators:
                moderators[group.pk].append(user)
    pages = Page.objects.in_bulk([row["id"] for row in rows])

    digests = {}

    def digest_for(user):
        return digests.setdefault(user.email.lower(), Digest(user))

    for row in rows:
        item = _describe(row, pages.get(row["id"]), day)
        owner = owners.get(row["content_owner_id"])
        reachable_owner = owner is not None and owner.is_active and owner.email
        if reachable_owner:
            digest_for(owner).own.append(item)
        late = item["status"].days < -ESCALATE_AFTER_DAYS
        if reachable_owner and not late:
            continue
        team_moderators = moderators.get(row["owning_team_id"], [])
        if row["owning_team_id"] is not None and not team_moderators:
            outcome.teams_without_moderators.add(teams[row["owning_team_id"]].name)
        for moderator in team_moderators:
            if moderator != owner:
                digest_for(moderator).escalated.append(item)
        if not reachable_owner and not team_moderators:
            why = "no owner" if owner is None else "owner can’t be emailed"
            team = teams.get(row["owning_team_id"])
            why += f", and team {team.name} has no Moderators" if team else ", and no team"
            outcome.unreachable.append((row["title"], why))
    return digests, outcome


def _message(address, digest, day):
    context = {
        "user": digest.user,
        "own": digest.own,
        "escalated": digest.escalated,
        "day": day,
        "reminder_days": REMINDER_DAYS,
        "escalate_after_days": ESCALATE_AFTER_DAYS,
        "report_url": _admin_url(reverse("content_review:report")),
    }
    count = len(digest.own) + len(digest.escalated)
    subject = f"Pages to review: {count} page{'s' if count != 1 else ''} due or overdue"
    text = render_to_string("content_review/emails/reminder.txt", context)
    html = render_to_string("content_review/emails/reminder.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    return message


def send_reminders(day=None):
    day = day or today()
    digests, outcome = plan(day)
    for address, digest in sorted(digests.items()):
        # Claim the day's slot first: a second run (or one running alongside) skips it.
        try:
            with transaction.atomic():
                claim = ReviewReminder.objects.create(
                    recipient=digest.user,
                    email=address,
                    sent_on=day,
                    page_ids=[item["id"] for item in digest.own],
                    escalated_page_ids=[item["id"] for item in digest.escalated],
                )
        except IntegrityError:
            outcome.already_sent.append(address)
            continue
        try:
            _message(address, digest, day).send(fail_silently=False)
        except Exception as error:  # any delivery failure: free the day's slot, try the rest
            claim.delete()
            outcome.failed.append((address, str(error) or type(error).__name__))
        else:
            outcome.sent.append(address)
    return outcome
