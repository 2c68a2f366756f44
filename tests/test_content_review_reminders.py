"""`send_review_reminders`: digests, escalation, once a day, deactivated people, exit codes."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command

from content_review.dates import today
from content_review.models import ReviewReminder, reviewed_page_models
from content_review.review import save_review_state
from tests.test_content_review import make_user

pytestmark = pytest.mark.django_db

FAR = datetime.date(2099, 1, 1)


@pytest.fixture(autouse=True)
def nothing_else_due():
    """Only the pages a test makes due are due (the demo has some overdue pages)."""
    for model in reviewed_page_models():
        model.objects.update(next_review_due=FAR, last_reviewed=datetime.date(2098, 1, 1))


@pytest.fixture
def team():
    return Group.objects.create(name="Review test team")


@pytest.fixture
def owner(django_user_model, team):
    return make_user(django_user_model, "olive", "Editors", team.name, first_name="Olive")


@pytest.fixture
def team_moderator(django_user_model, team):
    return make_user(django_user_model, "max", "Moderators", team.name, first_name="Max")


def due(page, days, owner=None, team=None):
    """Make `page` due in `days` (negative: overdue) and owned by `owner` and `team`."""
    day = today() + datetime.timedelta(days=days)
    return save_review_state(
        page.specific,
        content_owner=owner,
        owning_team=team,
        last_reviewed=day - datetime.timedelta(days=365),
        next_review_due=day,
    )


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_review_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_an_owner_gets_one_digest_with_each_page_url_and_due_date(
    demo_page, owner, team_moderator, team
):
    soon = due(demo_page("/our-work/mental-health/thrive-ldn/"), 10, owner, team)
    late = due(demo_page("/our-work/digital/"), -5, owner, team)
    due(demo_page("/our-work/mental-health/crisis-care/"), 40, owner, team)  # not yet
    out, _ = run()
    [message] = to("olive@example.org")
    assert "Sent a review reminder to olive@example.org" in out
    assert message.subject == "Pages to review: 2 pages due or overdue"
    body = message.body
    for page in (soon, late):
        assert page.title in body
        assert page.full_url in body
        assert f"{page.next_review_due:%-d %B %Y}" in body
        assert f"/admin/content-review/pages/{page.pk}/mark-reviewed/" in body
        assert f"/admin/pages/{page.pk}/edit/" in body
    assert "Crisis care" not in body
    assert "overdue by 5 days" in body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="{soon.full_url}"' in html and "Mark as reviewed" in html
    assert not to("max@example.org")  # nothing late enough to escalate


def test_it_sends_nothing_twice_on_the_same_day(demo_page, owner, team):
    due(demo_page("/our-work/digital/"), 3, owner, team)
    run()
    run()
    assert len(to("olive@example.org")) == 1
    out, _ = run()
    assert "Already sent today" in out
    [record] = ReviewReminder.objects.filter(email="olive@example.org")
    assert record.page_ids == [demo_page("/our-work/digital/").pk]
    # Tomorrow is another day.
    ReviewReminder.objects.update(sent_on=today() - datetime.timedelta(days=1))
    run()
    assert len(to("olive@example.org")) == 2


def test_more_than_30_days_overdue_goes_to_the_teams_moderators_as_well(
    demo_page, owner, team_moderator, team, django_user_model
):
    outsider = make_user(django_user_model, "otto", "Moderators")  # not in the team
    late = due(demo_page("/our-work/digital/"), -31, owner, team)
    due(demo_page("/our-work/mental-health/thrive-ldn/"), -30, owner, team)  # not escalated
    run()
    assert len(to("olive@example.org")) == 1
    [escalation] = to("max@example.org")
    assert late.title in escalation.body
    assert "Thrive LDN" not in escalation.body
    assert "more than 30 days overdue" in escalation.body
    assert not to(outsider.email)


@pytest.mark.parametrize("problem", ["inactive", "no email", "deleted"])
def test_pages_whose_owner_cannot_be_told_go_to_the_team(
    demo_page, owner, team_moderator, team, problem
):
    page = due(demo_page("/our-work/digital/"), 2, owner, team)
    if problem == "inactive":
        owner.is_active = False
        owner.save()
    elif problem == "no email":
        owner.email = ""
        owner.save()
    else:
        owner.delete()
    run()
    assert not to("olive@example.org")  # nothing to deactivated (or deleted) people
    [escalation] = to("max@example.org")
    assert page.title in escalation.body


def test_deactivated_moderators_get_nothing(demo_page, owner, team_moderator, team):
    team_moderator.is_active = False
    team_moderator.save()
    due(demo_page("/our-work/digital/"), -60, owner, team)
    out, err = run()
    assert not to("max@example.org")
    assert len(to("olive@example.org")) == 1
    assert "Review test team" in err and "no Moderators" in err


def test_a_team_without_moderators_is_reported_and_the_command_fails_when_nothing_is_sent(
    demo_page, team
):
    due(demo_page("/our-work/digital/"), -2, None, team)
    with pytest.raises(CommandError, match="No review reminder could be sent"):
        run()
    assert not mail.outbox


def test_a_team_without_moderators_is_reported_but_others_still_get_theirs(demo_page, owner, team):
    due(demo_page("/our-work/digital/"), -2, None, team)
    due(demo_page("/our-work/mental-health/"), 5, owner, team)
    out, err = run()
    assert "Team “Review test team” has no Moderators" in err
    assert "Nobody to remind about “Digital”" in err
    assert len(to("olive@example.org")) == 1


def test_nothing_due_is_a_quiet_success():
    out, _ = run()
    assert "No pages are due" in out
    assert not mail.outbox


def test_a_failed_delivery_frees_the_day_for_a_retry(demo_page, owner, team, settings):
    due(demo_page("/our-work/digital/"), 1, owner, team)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with pytest.raises(CommandError):
        run()
    assert not ReviewReminder.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    run()
    assert len(to("olive@example.org")) == 1


def test_archived_programmes_and_their_sub_programmes_get_no_reminders(demo_page, owner, team):
    digital = demo_page("/our-work/digital/")
    due(digital, -3, owner, team)
    due(demo_page("/our-work/digital/online-gp-services/"), -3, owner, team)
    revision = digital.get_latest_revision_as_object()
    revision.archived = True
    revision.save_revision().publish()
    out, _ = run()
    assert not mail.outbox
    assert "No pages are due" in out


def test_drafts_that_were_never_published_get_no_reminders(demo_page, owner, team):
    from tests.factories import ResourcePageFactory

    draft = ResourcePageFactory(parent=demo_page("/resources/"), live=False)
    due(draft, -3, owner, team)
    run()
    assert not mail.outbox
