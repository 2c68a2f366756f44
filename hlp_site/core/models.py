from django.apps import apps
from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content_review.models import REVIEW_API_FIELDS, ContentReviewMixin
from hlp_site.core.blocks import StandardBodyBlock
from hlp_site.core.pages import OneQueryViewRestrictionsMixin, UrlPathRoutingMixin
from hlp_site.core.seo import SeoMixin

HOME_LATEST_POSTS = 3
HOME_PARTNER_STRIP = 12


class HomePage(SeoMixin, UrlPathRoutingMixin, OneQueryViewRestrictionsMixin, Page):
    hero_heading = models.CharField(max_length=120)
    hero_text = models.TextField(blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    intro = models.TextField(blank=True, help_text="A short welcome under the hero.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading="Hero",
        ),
        FieldPanel("intro"),
        MultipleChooserPanel(
            "featured_programmes", chooser_field_name="programme", heading="Featured programmes"
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "core.StandardPage",
        "programmes.ProgrammeIndexPage",
        "programmes.PartnerIndexPage",
        "blog.NewsIndexPage",
        "resources.ResourceIndexPage",
        "events.EventIndexPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ArticlePage = apps.get_model("blog", "ArticlePage")
        PartnerOrganisationPage = apps.get_model("programmes", "PartnerOrganisationPage")
        ProgrammePage = apps.get_model("programmes", "ProgrammePage")

        featured_ids = list(
            self.featured_programmes.order_by("sort_order").values_list("programme_id", flat=True)
        )
        programmes = ProgrammePage.objects.filter(pk__in=featured_ids).for_listing()
        by_id = {programme.pk: programme for programme in programmes}
        context["featured_programmes"] = [by_id[pk] for pk in featured_ids if pk in by_id]
        context["latest_posts"] = ArticlePage.objects.for_listing()[:HOME_LATEST_POSTS]
        context["partner_strip"] = PartnerOrganisationPage.objects.for_listing("logo-strip").filter(
            logo__isnull=False
        )[:HOME_PARTNER_STRIP]
        return context

    def structured_data(self, *, request, context, url, image, publisher, absolute_url):
        """The partnership (schema.org Organization) and the site with its search."""
        organisation = {
            "@context": "https://schema.org",
            **publisher,
            "url": url,
            "description": self.hero_text or self.summary_text(),
        }
        website = {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "name": self.title,
            "url": url,
            "potentialAction": {
                "@type": "SearchAction",
                "target": absolute_url(reverse("search")) + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }
        return [organisation, website]


class HomePageFeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "programmes.ProgrammePage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("programme")]


class StandardPage(SeoMixin, ContentReviewMixin, OneQueryViewRestrictionsMixin, Page):
    """About us, Contact, the accessibility statement, privacy and similar pages."""

    intro = models.TextField(blank=True, max_length=500)
    body = StreamField(StandardBodyBlock(), blank=True)
    show_in_footer = models.BooleanField(
        default=False, help_text="List this page in the site footer."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*SeoMixin.promote_panels, FieldPanel("show_in_footer")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["core.HomePage", "core.StandardPage"]
    subpage_types = ["core.StandardPage"]
    show_review_dates = True
    api_fields = REVIEW_API_FIELDS


# Registered here so Django finds the model; it lives in its own module.
from hlp_site.core.site_settings import SiteSettings  # noqa: E402, F401
