"""Resources: the library at /resources/ (case studies, publications, toolkits, guidance)."""

from django import forms
from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from content_review.models import REVIEW_API_FIELDS, ContentReviewMixin
from hlp_site.core.blocks import ArticleBodyBlock
from hlp_site.core.listing import FilterForm, paginate
from hlp_site.core.pages import OneQueryViewRestrictionsMixin
from hlp_site.core.seo import SeoMixin
from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.api_fields import RenderedStreamField, TagNamesField
from hlp_site.publishing.sign_off import EditableWhileScheduledMixin
from news.models import TAG_HELP, TaggedPageQuerySet, programme_choices


class ResourceType(models.TextChoices):
    CASE_STUDY = "case-study", "Case study"
    PUBLICATION = "publication", "Publication"
    TOOLKIT = "toolkit", "Toolkit"
    GUIDANCE = "guidance", "Guidance"


class ResourceFilterForm(FilterForm):
    type = forms.ChoiceField(label="Type", choices=[("", "All types"), *ResourceType.choices])
    programme = forms.ChoiceField(label="Programme")

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programme"].choices = [("", "All programmes"), *programme_choices()]


class ResourceIndexPage(SeoMixin, ContentReviewMixin, OneQueryViewRestrictionsMixin, Page):
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["resources.ResourcePage", "publications.PublicationPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ResourceFilterForm(request.GET)
        selected = form.selected()
        resources = ResourcePage.objects.for_listing().child_of(self)
        if selected is None:
            resources = resources.none()
        else:
            if "type" in selected:
                resources = resources.filter(resource_type=selected["type"])
            if "programme" in selected:
                resources = resources.about_programme(selected["programme"])
        context["filter_form"] = form
        context["resources"] = paginate(request, resources)
        return context


class ResourcePageQuerySet(TaggedPageQuerySet):
    def for_listing(self):
        return on_public_web(self).defer_streamfields().order_by("-date", "-pk")


class ResourcePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "resources.ResourcePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


ResourcePageQuerySet.tag_model = ResourcePageTag


class ResourcePage(
    EditableWhileScheduledMixin, SeoMixin, ContentReviewMixin, OneQueryViewRestrictionsMixin, Page
):
    """A case study, publication, toolkit or guidance, with documents to download."""

    resource_type = models.CharField(max_length=16, choices=ResourceType.choices)
    date = models.DateField("Publication date")
    summary = models.TextField(max_length=500)
    body = StreamField(ArticleBodyBlock(), blank=True)
    tags = ClusterTaggableManager(through=ResourcePageTag, blank=True, help_text=TAG_HELP)

    objects = PageManager.from_queryset(ResourcePageQuerySet)()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("resource_type"), FieldPanel("date"), FieldPanel("tags")],
            heading="Resource details",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultipleChooserPanel("documents", chooser_field_name="document", heading="Downloads"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),  # below the title (2), above the body
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []
    show_review_dates = True

    api_fields = [
        APIField("resource_type"),
        APIField("date"),
        APIField("summary"),
        APIField("tags", serializer=TagNamesField()),
        APIField("body", serializer=RenderedStreamField()),
        *REVIEW_API_FIELDS,
    ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tags"] = list(self.tags.all())
        context["downloads"] = [
            link.document
            for link in self.documents.select_related("document").order_by("sort_order")
        ]
        return context


class ResourceDocument(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]
