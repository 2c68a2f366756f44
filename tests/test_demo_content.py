import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from news.models import Author

pytestmark = pytest.mark.django_db


def test_loading_twice_changes_nothing():
    counts = (Page.objects.count(), get_image_model().objects.count(), Author.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (
        Page.objects.count(),
        get_image_model().objects.count(),
        Author.objects.count(),
    ) == counts


def test_site_root_is_the_home_page():
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert site.root_page.get_children().live().in_menu().count() == 6  # Events included
