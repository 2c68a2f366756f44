import datetime

import factory
import wagtail_factories

from events.models import EventPage
from hlp_site.publishing import tags
from news.models import ArticlePage
from programmes.models import PartnerOrganisationPage, ProgrammePage
from resources.models import ResourcePage


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programme {n}")
    summary = "A programme of work."

    class Meta:
        model = ProgrammePage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Post {n}")
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    intro = "A summary of the post."
    body = [("paragraph", "<p>Body text.</p>")]
    hero_image = factory.SubFactory(wagtail_factories.ImageFactory)

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def tag_names(obj, create, extracted, **kwargs):
        if extracted:
            # Demo tags are named by slug in tests ("mental-health"): reuse the tag.
            obj.tags.add(*tags.existing_names(extracted))
            obj.save()


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Resource {n}")
    resource_type = "toolkit"
    date = datetime.date(2024, 5, 1)
    summary = "A resource."

    class Meta:
        model = ResourcePage


class PartnerOrganisationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partner {n}")
    organisation_type = "charity"

    class Meta:
        model = PartnerOrganisationPage


# Events (issue 15) ---------------------------------------------------------------------------


class EventPageFactory(wagtail_factories.PageFactory):
    """An in-person event a week from now, 10:00 to 12:00 London time."""

    title = factory.Sequence(lambda n: f"Event {n}")
    summary = "An event of the partnership."
    start_at = factory.LazyFunction(
        lambda: _london_at(datetime.date.today() + datetime.timedelta(days=7), 10)
    )
    end_at = factory.LazyAttribute(lambda o: o.start_at + datetime.timedelta(hours=2))
    event_format = "in-person"
    venue_name = "City Hall"
    venue_address = "Kamal Chunchie Way, London E16 1ZE"
    no_booking_needed = True

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tag_names(obj, create, extracted, **kwargs):
        if extracted:
            # Demo tags are named by slug in tests ("mental-health"): reuse the tag.
            obj.tags.add(*tags.existing_names(extracted))
            obj.save()


def _london_at(day, hour, minute=0):
    from zoneinfo import ZoneInfo

    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=ZoneInfo("Europe/London")
    )


# Publications (publications app) -------------------------------------------------------

from publications.models import PublicationChapterPage, PublicationPage  # noqa: E402


class PublicationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Publication {n}")
    date = datetime.date(2024, 3, 1)
    summary = "A publication."

    class Meta:
        model = PublicationPage


class PublicationChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chapter {n}")
    body = [
        ("heading", {"text": "Background", "level": "h2", "anchor": ""}),
        ("paragraph", "<p>Chapter text.</p>"),
    ]

    class Meta:
        model = PublicationChapterPage
