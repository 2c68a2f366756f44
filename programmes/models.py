from django import forms
from django.apps import apps
from django.db import models
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from content_review.models import (
    REVIEW_API_FIELDS,
    ArchiveMixin,
    ContentReviewMixin,
    not_archived,
)
from hlp_site.core.blocks import RICH_TEXT_FEATURES, ProgrammeBodyBlock
from hlp_site.core.images import attach_renditions, with_images
from hlp_site.core.listing import FilterForm, paginate
from hlp_site.core.pages import OneQueryViewRestrictionsMixin
from hlp_site.core.seo import SHARE_IMAGE_SPEC, SeoMixin
from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.api_fields import PageLinksField, RoutableURLField, TagNamesField
from hlp_site.openweb.feeds import FeedRoutesMixin, ProgrammeFeed, alternate_links
from hlp_site.publishing.sign_off import EditableWhileScheduledMixin
from programmes.forms import ProgrammePageForm
from programmes.panels import LinkedProgrammesPanel, PartnersPanel

EMBED_POSTS = 5
EMBED_MAX_AGE = 5 * 60


class ProgrammeIndexPage(SeoMixin, ContentReviewMixin, OneQueryViewRestrictionsMixin, Page):
    """'Our work': the top-level programmes."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["programmes.ProgrammePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = ProgrammePage.objects.child_of(self).for_listing().order_by("title")
        return context


class ProgrammePageQuerySet(PageQuerySet):
    def for_listing(self, image_format="card"):
        formats = (image_format,) if image_format else ()
        return with_images(
            not_archived(on_public_web(self, few_pages=True)).defer_streamfields(),
            "hero_image",
            *formats,
        )


class ProgrammePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "programmes.ProgrammePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        indexes = [models.Index(fields=["tag", "content_object"], name="programmes_tag_tag_idx")]


class ProgrammePage(
    EditableWhileScheduledMixin,
    FeedRoutesMixin,
    RoutablePageMixin,
    SeoMixin,
    ContentReviewMixin,
    ArchiveMixin,
    OneQueryViewRestrictionsMixin,
    Page,
):
    """A programme of work; nests to hold its sub-programmes (Thrive LDN under Mental health)."""

    summary = models.TextField(max_length=400, help_text="One or two sentences for cards.")
    # Fetched with the page when it is served (hlp_site/core/pages.py).
    serve_select_related = ("hero_image",)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ProgrammeBodyBlock(), blank=True)
    tags = ClusterTaggableManager(
        through=ProgrammePageTag,
        blank=True,
        help_text="Posts and resources with any of these tags are listed on this programme.",
    )

    objects = PageManager.from_queryset(ProgrammePageQuerySet)()
    base_form_class = ProgrammePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
        PartnersPanel(
            "partnerships",
            chooser_field_name="partner",
            heading="Partner organisations",
            label="Partner organisation",  # "Add partner organisation", not the model's name
            panels=[FieldPanel("partner")],
        ),
        *ArchiveMixin.archive_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),  # below the title (2), above the body
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["programmes.ProgrammeIndexPage", "programmes.ProgrammePage"]
    subpage_types = [
        "programmes.ProgrammePage",
        "events.EventPage",
        "publications.PublicationPage",
    ]
    show_review_dates = True

    api_fields = [
        APIField("summary"),
        APIField("tags", serializer=TagNamesField()),
        APIField("hero_image", serializer=ImageRenditionField(SHARE_IMAGE_SPEC)),
        APIField("sub_programmes", serializer=PageLinksField("public_sub_programmes")),
        APIField("partners", serializer=PageLinksField("public_partners")),
        # What the embed panel shows (/our-work/<slug>/embed/).
        APIField("latest_posts", serializer=PageLinksField("embed_posts", extra=("date",))),
        APIField("feed_url", serializer=RoutableURLField("feed")),
        APIField("embed_url", serializer=RoutableURLField("embed")),
        *REVIEW_API_FIELDS,
    ]

    def get_route_paths(self):
        # Wagtail's redirects app makes a redirect for each of these when the page's
        # address changes, so partners' feed and embed links follow it too.
        return ["/", "/feed/", "/feed/atom/", "/embed/"]

    def tag_ids(self):
        """Ids of this programme's tags and its sub-programmes' tags, as a subquery.

        Which posts and resources belong to a programme is decided in one place, the news app's
        `TaggedPageQuerySet.for_programme`, which reads this."""
        return ProgrammePageTag.objects.filter(content_object__path__startswith=self.path).values(
            "tag_id"
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ArticlePage = apps.get_model("blog", "ArticlePage")
        # Both lists' images, then their renditions in one query.
        context["sub_programmes"] = list(ProgrammePage.objects.child_of(self).for_listing(None))
        context["partners"] = [
            link.partner
            for link in self.partnerships.filter(partner__live=True).select_related("partner")
        ]
        ResourcePage = apps.get_model("resources", "ResourcePage")
        # The latest few, with a link to them all in the news listing's programme filter
        # (counting every post for pages of them costs a query on every programme page).
        context["posts"] = list(ArticlePage.objects.for_listing(None).for_programme(self)[:6])
        attach_renditions(
            [each.hero_image for each in context["sub_programmes"] + context["posts"]], "card"
        )
        context["resources"] = list(ResourcePage.objects.for_listing().for_programme(self)[:6])
        url = self.get_url(request=request)
        context["feeds"] = alternate_links(
            self.feed_title, url and url + self.reverse_subpage("feed")
        )
        return context

    def public_sub_programmes(self):
        return on_public_web(ProgrammePage.objects.child_of(self)).defer_streamfields()

    def public_partners(self):
        partner_ids = ProgrammePartnership.objects.filter(programme=self).values("partner_id")
        return on_public_web(
            PartnerOrganisationPage.objects.filter(pk__in=partner_ids).order_by("title")
        ).defer_streamfields()

    def embed_posts(self):
        return on_public_web(self.latest_posts())[:EMBED_POSTS]

    def latest_posts(self, image_format="card"):
        """Posts carrying this programme's tags or its sub-programmes', newest first."""
        ArticlePage = apps.get_model("blog", "ArticlePage")
        return ArticlePage.objects.for_listing(image_format).for_programme(self)

    @property
    def feed_title(self):
        return f"{self.title}: news, blogs, videos and events"

    def _feed(self, request, atom=False):
        """Its posts and its upcoming events (the events app's source, named in
        settings.HLP_PROGRAMME_FEED_SOURCES)."""
        feed = ProgrammeFeed(
            programme=self,
            title=self.feed_title,
            link=self.get_url(request=request),
            description=self.summary,
            posts=self.latest_posts("share"),
            atom=atom,
        )
        return feed(request)

    @path("embed/", name="embed")
    @xframe_options_exempt  # partners frame this panel on their own sites; nothing else
    def embed_route(self, request):
        url = self.get_url(request=request)
        # Not self.render(): the full page's context (partners, resources...) is not shown.
        response = TemplateResponse(
            request,
            "programmes/programme_embed.html",
            {
                "page": self,
                "posts": self.embed_posts(),
                "feed_url": url + self.reverse_subpage("feed"),
            },
        )
        patch_cache_control(response, public=True, max_age=EMBED_MAX_AGE)
        return response


class PartnerIndexPage(SeoMixin, ContentReviewMixin, OneQueryViewRestrictionsMixin, Page):
    default_review_interval_months = 24
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["programmes.PartnerOrganisationPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = PartnerFilterForm(request.GET)
        selected = form.selected()
        partners = PartnerOrganisationPage.objects.child_of(self).for_listing()
        if selected is None:
            partners = partners.none()
        elif "type" in selected:
            partners = partners.filter(organisation_type=selected["type"])
        context["filter_form"] = form
        context["partners"] = paginate(request, partners, per_page=24)
        return context


class OrganisationType(models.TextChoices):
    NHS_BODY = "nhs-body", "NHS body"
    NHS_TRUST = "nhs-trust", "NHS trust"
    CCG = "ccg", "Clinical commissioning group"
    LOCAL_GOVERNMENT = "local-government", "Local government"
    REGIONAL_GOVERNMENT = "regional-government", "Regional government"
    CHARITY = "charity", "Charity or voluntary"
    ACADEMIC = "academic", "Academic"
    OTHER = "other", "Other"


class PartnerFilterForm(FilterForm):
    type = forms.ChoiceField(
        label="Organisation type", choices=[("", "All types"), *OrganisationType.choices]
    )


class PartnerOrganisationPageQuerySet(PageQuerySet):
    def for_listing(self, image_format="logo-card"):
        return with_images(
            on_public_web(self, few_pages=True).defer_streamfields().order_by("title"),
            "logo",
            image_format,
        )


class PartnerOrganisationPage(SeoMixin, ContentReviewMixin, OneQueryViewRestrictionsMixin, Page):
    default_review_interval_months = 24

    # Fetched with the page when it is served (hlp_site/core/pages.py).
    serve_select_related = ("logo",)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    website = models.URLField(blank=True)
    organisation_type = models.CharField(
        max_length=32, choices=OrganisationType.choices, default=OrganisationType.OTHER
    )
    description = RichTextField(features=RICH_TEXT_FEATURES, blank=True)

    objects = PageManager.from_queryset(PartnerOrganisationPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation_type"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("description"),
        # Read-only: the programme page owns the link (see ProgrammePartnership).
        LinkedProgrammesPanel(heading="Programmes it works on"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["programmes.PartnerIndexPage"]
    subpage_types = []

    api_fields = [
        APIField("organisation_type"),
        APIField("website"),
        APIField("logo", serializer=ImageRenditionField("max-480x240")),
        APIField("description"),
        APIField("programmes", serializer=PageLinksField("public_programmes")),
        *REVIEW_API_FIELDS,
    ]

    def public_programmes(self):
        programme_ids = ProgrammePartnership.objects.filter(partner=self).values("programme_id")
        return on_public_web(ProgrammePage.objects.filter(pk__in=programme_ids)).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = [
            link.programme
            for link in self.programme_links.filter(programme__live=True).select_related(
                "programme"
            )
        ]
        return context

    def structured_data(self, *, request, context, url, image, publisher, absolute_url):
        """The partner as a schema.org Organization."""
        data = {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": self.title,
            "url": self.website or url,
            "description": self.summary_text(),
        }
        if self.logo_id:
            data["logo"] = image["url"]
        return [data]


class ProgrammePartnership(Orderable):
    """A partner working on a programme.

    The programme page owns the link: it lives in the programme's revisions only, so it
    goes through the programme's drafts, sign-off, scheduling and history. The partner
    page lists its programmes read-only. (When both pages held it, whichever published
    last silently undid the other's change.)"""

    programme = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="partnerships")
    partner = models.ForeignKey(
        PartnerOrganisationPage, on_delete=models.CASCADE, related_name="programme_links"
    )

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["programme", "partner"], name="unique_partnership")
        ]
