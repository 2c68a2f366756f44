"""PublicationPage (the cover) and its chapters, PublicationChapterPage.

Chapters are child pages rather than sections of one page: each has its own address
(/resources/<publication>/<chapter>/) that partners can link to, its own revisions and
preview, and editors reorder chapters by dragging them in the page tree, as they already
do with every other page.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.search import index

from hlp_site.core.blocks import ImageBlock
from hlp_site.core.images import attach_renditions
from hlp_site.core.pages import OneQueryViewRestrictionsMixin
from hlp_site.core.richtext import LinkBatch, convert_together
from hlp_site.core.seo import SeoMixin
from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.api_fields import (
    PageLinksField,
    RenderedStreamField,
    RoutableURLField,
    TagNamesField,
)
from hlp_site.publishing.sign_off import EditableWhileScheduledMixin
from news.models import TAG_HELP, TaggedPageQuerySet
from programmes.models import ProgrammePage, ProgrammePageTag
from publications.blocks import ChapterBodyBlock, assign_anchors, headings

# What an alternative format may be: a document people open in an office suite or reader.
ALTERNATIVE_FORMATS = {
    "pdf": "PDF",
    "docx": "Word document",
    "odt": "OpenDocument text",
    "rtf": "Rich Text Format",
    "xlsx": "Excel spreadsheet",
    "pptx": "PowerPoint presentation",
}
PRINT_ROUTE = "print"
ISBN_CHARACTERS = re.compile(r"^[0-9Xx -]+$")


def isbn_is_valid(value):
    digits = value.replace("-", "").replace(" ", "").upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if len(digits) == 13 and digits.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


class PublicationPageQuerySet(TaggedPageQuerySet):
    def for_listing(self):
        return on_public_web(self).defer_streamfields().order_by("-date", "-pk")


class PublicationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "publications.PublicationPage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        indexes = [models.Index(fields=["tag", "content_object"], name="pub_tag_tag_idx")]


PublicationPageQuerySet.tag_model = PublicationPageTag


class AlternativeFormatField(serializers.Field):
    """The alternative-format document as {title, url, type, size}, or None."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        from hlp_site.openweb.absolute_urls import absolute_url

        document = page.alternative_format
        if document is None:
            return None
        return {
            "title": document.title,
            "url": absolute_url(self.context.get("request"), document.url),
            "type": page.alternative_format_type,
            "size": document.get_file_size(),
        }


class PublicationPage(
    EditableWhileScheduledMixin, RoutablePageMixin, SeoMixin, OneQueryViewRestrictionsMixin, Page
):
    """A report, standard or toolkit published as web pages: this cover, then chapters."""

    date = models.DateField("Published", help_text="The date the publication first came out.")
    last_updated = models.DateField(
        null=True,
        blank=True,
        help_text="Set when you change what the publication says (not for typo fixes).",
    )
    summary = models.TextField(max_length=500, help_text="What it is and who it is for.")
    owner_organisation = models.ForeignKey(
        "programmes.PartnerOrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The organisation responsible for it. Leave empty for the partnership itself.",
    )
    reference_number = models.CharField(max_length=60, blank=True)
    isbn = models.CharField(
        "ISBN", max_length=17, blank=True, help_text="Optional; 10 or 13 digits."
    )
    alternative_format = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Optional: the same publication as a PDF or Office file, offered beside the web "
            "pages (never instead of them)."
        ),
    )
    tags = ClusterTaggableManager(through=PublicationPageTag, blank=True, help_text=TAG_HELP)

    objects = PageManager.from_queryset(PublicationPageQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("last_updated"),
                FieldPanel("owner_organisation"),
                FieldPanel("reference_number"),
                FieldPanel("isbn"),
            ],
            heading="Publication details",
        ),
        FieldPanel("alternative_format"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("reference_number"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["resources.ResourceIndexPage", "programmes.ProgrammePage"]
    subpage_types = ["publications.PublicationChapterPage"]

    api_fields = [
        APIField("date"),
        APIField("last_updated"),
        APIField("summary"),
        APIField("owner", serializer=serializers.CharField(source="owner_name", read_only=True)),
        APIField("reference_number"),
        APIField("isbn"),
        APIField("tags", serializer=TagNamesField()),
        APIField("chapters", serializer=PageLinksField("public_chapters")),
        APIField("alternative_format", serializer=AlternativeFormatField()),
        APIField("print_url", serializer=RoutableURLField(PRINT_ROUTE)),
    ]

    class Meta:
        verbose_name = "publication"

    og_type = "article"

    def clean(self):
        super().clean()
        errors = {}
        if self.isbn and not (ISBN_CHARACTERS.match(self.isbn) and isbn_is_valid(self.isbn)):
            errors["isbn"] = "This is not a valid ISBN: check the digits (10 or 13)."
        if self.last_updated and self.date and self.last_updated < self.date:
            errors["last_updated"] = "The last update cannot come before the publication date."
        if self.alternative_format_id and self.alternative_format_type is None:
            allowed = ", ".join(sorted(ALTERNATIVE_FORMATS))
            errors["alternative_format"] = (
                f"An alternative format must be one of these file types: {allowed}."
            )
        if errors:
            raise ValidationError(errors)

    @cached_property
    def alternative_format_type(self):
        """'PDF', 'Word document'... for the attached document, or None if not allowed."""
        if self.alternative_format is None:
            return None
        return ALTERNATIVE_FORMATS.get(self.alternative_format.file_extension.lower())

    def owner_name(self):
        if self.owner_organisation is not None:
            return self.owner_organisation.title
        from hlp_site.core.templatetags.navigation_tags import site_name

        return site_name()

    def chapter_queryset(self):
        """The chapters visitors may see, in page-tree order."""
        return on_public_web(PublicationChapterPage.objects.child_of(self)).order_by("path")

    def public_chapters(self):
        return self.chapter_queryset().defer_streamfields()

    def print_url(self, request=None):
        url = self.get_url(request=request)
        return url and url + self.reverse_subpage(PRINT_ROUTE)

    def programmes(self):
        """Programmes this publication's tags point to (as for posts)."""
        tag_ids = PublicationPageTag.objects.filter(content_object=self).values("tag_id")
        return list(
            on_public_web(
                ProgrammePage.objects.filter(
                    pk__in=ProgrammePageTag.objects.filter(tag_id__in=tag_ids).values(
                        "content_object_id"
                    )
                )
            )
            .order_by("path")
            .defer_streamfields()
        )

    def publication_context(self, request, chapters):
        from publications.feeds import feed_links

        return {
            "feeds": feed_links(),
            "publication": self,
            "chapters": chapters,
            "tags": list(self.tags.all()),
            "programmes": self.programmes(),
            "print_url": self.print_url(request),
        }

    def get_context(self, request, *args, chapters=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if chapters is None:
            chapters = list(self.public_chapters())
        context.update(self.publication_context(request, chapters))
        return context

    def print_chapters(self):
        """The chapters with their bodies, converted together: the images (and chosen pages
        and documents) of all of them in one query, their image renditions in one more."""
        chapters = list(self.chapter_queryset())
        for chapter, body in zip(
            chapters, convert_together(chapter.body for chapter in chapters), strict=True
        ):
            chapter.body = body
        images = [
            child.value.get("image")
            for chapter in chapters
            for child in chapter.body
            if isinstance(child.block, ImageBlock)
        ]
        attach_renditions(images, "body")
        return chapters

    @path("print/", name=PRINT_ROUTE)
    def print_route(self, request):
        chapters = self.print_chapters()
        response = self.render(
            request,
            chapters=chapters,  # to get_context, which would otherwise fetch them again
            template="publications/publication_print.html",
            context_overrides={
                "print_view": True,
                "subpage_title": f"{self.title} (whole publication)",
                "subpage_description": self.summary_text(),
            },
        )
        # Rendered here rather than after returning (Django's default for a TemplateResponse),
        # so that it renders inside one link batch of every chapter's rich text, nested
        # blocks included: the pages all chapters link to cost one query, their documents
        # one more, not one of each per chapter.
        with LinkBatch.of(chapter.body for chapter in chapters).in_use():
            return response.render()

    def structured_data(self, *, request, context, url, image, publisher, absolute_url):
        """A schema.org Report, its chapters as `hasPart`."""
        author = publisher
        if self.owner_organisation is not None:
            author = {
                "@type": "Organization",
                "name": self.owner_organisation.title,
                "url": absolute_url(self.owner_organisation.get_url(request=request)),
            }
        data = {
            "@context": "https://schema.org",
            "@type": "Report",
            "name": self.title,
            "headline": self.title,
            "url": url,
            "mainEntityOfPage": url,
            "description": self.summary_text(),
            "inLanguage": "en-GB",
            "datePublished": self.date.isoformat(),
            "image": [image["url"]],
            "author": author,
            "publisher": publisher,
            "keywords": [tag.name for tag in context.get("tags", [])],
            "hasPart": [
                {
                    "@type": "Chapter",
                    "position": position,
                    "name": chapter.title,
                    "url": absolute_url(chapter.get_url(request=request)),
                }
                for position, chapter in enumerate(context.get("chapters", []), start=1)
            ],
        }
        if self.last_updated:
            data["dateModified"] = self.last_updated.isoformat()
        if self.isbn:
            data["isbn"] = self.isbn
        if self.reference_number:
            data["reportNumber"] = self.reference_number
        if self.alternative_format is not None:
            data["encoding"] = {
                "@type": "MediaObject",
                "contentUrl": absolute_url(self.alternative_format.url),
                "encodingFormat": self.alternative_format.content_type,
            }
        return [data]


class PublicationChapterPage(SeoMixin, OneQueryViewRestrictionsMixin, Page):
    """One chapter of a publication; its headings make the "On this page" list."""

    summary = models.TextField(
        blank=True, max_length=500, help_text="Optional: one or two sentences for search results."
    )
    body = StreamField(ChapterBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["publications.PublicationPage"]
    subpage_types = []

    api_fields = [
        APIField("summary"),
        APIField("publication", serializer=PageLinksField("publication_links")),
        APIField("body", serializer=RenderedStreamField()),
    ]

    class Meta:
        verbose_name = "publication chapter"

    og_type = "article"

    def clean(self):
        super().clean()
        if self.slug == PRINT_ROUTE:
            raise ValidationError(
                {"slug": "“print” is the address of the whole-publication view: choose another."}
            )

    def save(self, *args, **kwargs):
        assign_anchors(self.body)
        return super().save(*args, **kwargs)

    def save_revision(self, *args, **kwargs):
        # Drafts too: a link copied from the preview keeps working once published.
        assign_anchors(self.body)
        return super().save_revision(*args, **kwargs)

    def headings(self):
        return headings(self.body)

    def publication(self):
        parent_path = self.path[: -self.steplen] if self.path else ""
        return (
            PublicationPage.objects.filter(path=parent_path)
            .select_related("owner_organisation", "alternative_format")
            .first()
        )

    def publication_links(self):
        publication = self.publication()
        return [publication] if publication else []

    def get_context(self, request, *args, **kwargs):
        from publications.feeds import feed_links

        context = super().get_context(request, *args, **kwargs)
        assign_anchors(self.body)  # a preview's new headings, not saved yet, get theirs too
        publication = self.publication()
        chapters = list(publication.public_chapters()) if publication else []
        ids = [chapter.pk for chapter in chapters]
        position = ids.index(self.pk) if self.pk in ids else None
        context.update(
            {
                "publication": publication,
                "chapters": chapters,
                "chapter_number": position + 1 if position is not None else None,
                "previous_chapter": chapters[position - 1] if position else None,
                "next_chapter": (
                    chapters[position + 1]
                    if position is not None and position + 1 < len(chapters)
                    else None
                ),
                "on_this_page": self.headings(),
                "print_url": publication.print_url(request) if publication else None,
                "feeds": feed_links(),
            }
        )
        return context

    def structured_data(self, *, request, context, url, image, publisher, absolute_url):
        """A schema.org Chapter, part of its publication's Report."""
        data = {
            "@context": "https://schema.org",
            "@type": "Chapter",
            "name": self.title,
            "headline": self.title,
            "url": url,
            "inLanguage": "en-GB",
            "publisher": publisher,
        }
        if description := self.summary_text():
            data["description"] = description
        if context.get("chapter_number"):
            data["position"] = context["chapter_number"]
        publication = context.get("publication")
        if publication is not None:
            data["isPartOf"] = {
                "@type": "Report",
                "name": publication.title,
                "url": absolute_url(publication.get_url(request=request)),
            }
        return [data]
