"""What visitors and partners see: the review line, JSON-LD, the API, archived programmes."""

import datetime
import json
import re

import pytest

from content_review.review import save_review_state
from programmes.models import ProgrammePage

pytestmark = pytest.mark.django_db

LAST, NEXT = datetime.date(2026, 3, 3), datetime.date(2027, 3, 3)
LINE = re.compile(r"Page last reviewed:\s*<time[^>]*>3 March 2026</time><br>\s*Next review due:")


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize("url", ["/our-work/mental-health/thrive-ldn/", "/about-us/", "resource"])
def test_programmes_resources_and_standard_pages_show_the_review_line(client, demo_page, url):
    if url == "resource":
        from resources.models import ResourcePage

        page = ResourcePage.objects.live().first()
    else:
        page = demo_page(url)
    save_review_state(page, last_reviewed=LAST, next_review_due=NEXT)
    html = client.get(page.url).content.decode()
    assert LINE.search(html), html[-3000:]
    assert "3 March 2027" in html
    [web_page] = [data for data in json_ld(html) if data.get("@type") == "WebPage"]
    assert web_page["lastReviewed"] == "2026-03-03"


def test_visitors_are_never_told_a_page_is_overdue(client, demo_page):
    page = demo_page("/about-us/")
    save_review_state(
        page, last_reviewed=datetime.date(2020, 1, 1), next_review_due=datetime.date(2021, 1, 1)
    )
    html = client.get(page.url).content.decode()
    assert "Page last reviewed:" in html
    assert "overdue" not in html.lower()


def test_partner_and_index_pages_show_no_review_line(client, demo_page):
    for url in ("/partners/", "/our-work/", "/news/", "/resources/"):
        assert "Page last reviewed" not in client.get(url).content.decode()


def test_the_api_gives_last_reviewed_and_next_review_due(client, demo_page):
    page = demo_page("/our-work/mental-health/thrive-ldn/")
    save_review_state(page, last_reviewed=LAST, next_review_due=NEXT)
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["last_reviewed"] == "2026-03-03"
    assert data["next_review_due"] == "2027-03-03"
    listing = client.get(
        "/api/v2/pages/",
        {"type": "programmes.ProgrammePage", "fields": "last_reviewed,next_review_due"},
    ).json()
    assert any(item["last_reviewed"] == "2026-03-03" for item in listing["items"])


def archive(page, note="", replaced_by=None):
    latest = page.get_latest_revision_as_object()
    latest.archived = True
    latest.archive_note = note
    latest.replaced_by = replaced_by
    latest.save_revision().publish()
    page.refresh_from_db()
    return page


def test_an_archived_programme_moves_to_past_programmes_and_keeps_its_url_and_feed(
    client, demo_page
):
    mental_health = demo_page("/our-work/mental-health/")
    digital = archive(demo_page("/our-work/digital/"), "Ended in 2020.", mental_health)

    page = client.get("/our-work/digital/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "nhsuk-warning-callout" in html and "This programme has ended" in html
    assert "This page is kept for reference." in html
    assert "Ended in 2020." in html
    assert f'href="{mental_health.url}"' in html
    assert "Page last reviewed" not in html
    assert client.get("/our-work/digital/feed/").status_code == 200

    sub = client.get("/our-work/digital/online-gp-services/").content.decode()
    assert "This programme has ended" in sub and "It is part of Digital" in sub

    index = client.get("/our-work/").content.decode()
    our_work, past = index.split('id="past-programmes"')
    assert f'href="{digital.url}"' not in our_work
    assert f'href="{digital.url}"' in past
    # Its sub-programmes are reached through it, not listed again.
    assert "/our-work/digital/online-gp-services/" not in past

    listed = set(ProgrammePage.objects.for_listing().values_list("slug", flat=True))
    assert "digital" not in listed and "online-gp-services" not in listed
    assert "mental-health" in listed


def test_the_demo_has_an_ended_programme(client, demo_page):
    page = demo_page("/our-work/prevention/healthy-high-streets/")
    assert page.archived
    prevention = client.get("/our-work/prevention/").content.decode()
    programmes_section = prevention.split('id="sub-programmes"')[1].split("</section>")[0]
    assert "healthy-high-streets" not in programmes_section
    assert "Healthy High Streets" in client.get("/our-work/").content.decode()


def test_programmes_that_have_not_ended_show_no_banner(client):
    html = client.get("/our-work/mental-health/").content.decode()
    assert "This programme has ended" not in html
