"""`make bench` builds its large site in bulk: the pages it writes are sound Wagtail pages
that every listing and page type serves, within the same query budgets."""

import io
import json
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag
from wagtail.models import Page

from news.models import ArticlePage
from programmes.models import PartnerOrganisationPage, ProgrammePage

pytestmark = pytest.mark.django_db

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import run as bench  # noqa: E402


@pytest.fixture
def bench_site():
    call_command("build_bench_site", articles=120, stdout=io.StringIO())


def test_bulk_pages_are_a_sound_tree_of_the_promised_size(bench_site):
    assert ArticlePage.objects.live().count() >= 120
    assert Tag.objects.count() >= 300
    assert ProgrammePage.objects.count() >= 40
    assert PartnerOrganisationPage.objects.count() >= 200
    bad_alpha, bad_path, orphans, bad_depth, bad_numchild = Page.find_problems()
    assert not (bad_alpha or bad_path or orphans or bad_depth or bad_numchild)
    with_image = ArticlePage.objects.filter(hero_image__isnull=False).count()
    assert with_image / ArticlePage.objects.count() > 0.5


def test_bench_urls_answer_within_budget(client, bench_site):
    newest = ArticlePage.objects.live().order_by("-date").first()
    assert newest.title.encode() in client.get("/news/").content
    assert client.get(newest.url).status_code == 200
    for _, url in bench.URLS:
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(captured) <= 15, url


def test_bench_modes_say_what_they_measure():
    modes = {name: bench.mode_env({}, page) for name, page in bench.MODES}
    assert modes == {
        "page cache": {"PAGE_CACHE": "true"},
        "raw render": {"PAGE_CACHE": "false"},
    }


def test_republishing_for_the_load_run_publishes_a_new_revision(demo_page):
    from news.models import ArticlePage

    post = ArticlePage.objects.get(
        slug="partners-working-together-to-improve-health-and-care-in-2018"
    )
    revisions = post.revisions.count()
    out = io.StringIO()
    call_command("republish_for_bench", every=0, count=2, stdout=out)
    assert out.getvalue().split() == ["1", "2"]
    post.refresh_from_db()
    assert post.revisions.count() == revisions + 2
    assert post.live and post.live_revision == post.latest_revision


def test_count_page_queries_reports_json(capsys):
    call_command("count_page_queries", "/", "/no/such/page/")
    counts = json.loads(capsys.readouterr().out)
    assert counts["/"] is not None and counts["/no/such/page/"] is None
