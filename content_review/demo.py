"""Owners, teams, review dates and an ended programme for the demo site (demo_content.json).

Safe to run again: people, teams and archived programmes are made once, and a page's review
state is set only while it has no owner, so later reviews in the admin are kept.
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from content_review.dates import add_months, today
from content_review.models import ArchiveMixin, inherited_owner_and_team, reviewed_page_models
from content_review.review import save_review_state

DATA = Path(__file__).with_name("demo_content.json")


def _page(url):
    return Page.objects.filter(url_path=f"/home{url}").first()


def load_demo_review():
    data = json.loads(DATA.read_text())
    teams = {name: Group.objects.get_or_create(name=name)[0] for name in data["teams"]}
    User = get_user_model()
    people = {}
    for person in data["people"]:
        user, created = User.objects.get_or_create(
            username=person["username"],
            defaults={key: person[key] for key in ("first_name", "last_name", "email")},
        )
        if created:
            user.set_unusable_password()  # demo people: owners to show, not accounts to use
            user.save()
            user.groups.add(
                *[Group.objects.get_or_create(name=name)[0] for name in person["groups"]]
            )
        people[user.username] = user

    fresh = set()  # pages given an owner now: their demo review dates are set too
    for url, (username, team) in data["owners"].items():
        page = _page(url)
        if page is not None and page.specific.content_owner_id is None:
            save_review_state(
                page.specific, content_owner=people[username], owning_team=teams[team]
            )
            fresh.add(page.pk)
    # Everything below an owned page takes its owner and team (as a new page would).
    for model in reviewed_page_models():
        for page in model.objects.filter(content_owner__isnull=True).order_by("path"):
            owner_id, team_id = inherited_owner_and_team(page)
            if owner_id or team_id:
                save_review_state(page, content_owner_id=owner_id, owning_team_id=team_id)
                fresh.add(page.pk)
    for url, months in data["last_reviewed_months_ago"].items():
        page = _page(url)
        if page is not None and page.pk in fresh:
            page = page.specific
            reviewed = add_months(today(), -months)
            save_review_state(
                page, last_reviewed=reviewed, next_review_due=page.due_after(reviewed)
            )

    for url, note in data["archived"].items():
        page = _page(url)
        if page is None or not isinstance(page.specific, ArchiveMixin) or page.specific.archived:
            continue
        page = page.specific.get_latest_revision_as_object()
        page.archived = True
        page.archive_note = note
        page.save_revision().publish()
