import datetime

from django import forms
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PageManager,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.query import PageQuerySet
from wagtail.search import index

from content_review.models import ContentReviewMixin
from hlp_site.core.blocks import ArticleBodyBlock, video_embed_url
from hlp_site.core.images import with_images
from hlp_site.core.listing import FilterForm, paginate
from hlp_site.core.pages import OneQueryViewRestrictionsMixin
from hlp_site.core.seo import SHARE_IMAGE_SPEC, SeoMixin
from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.api_fields import NamesField, RenderedStreamField, TagNamesField
from hlp_site.openweb.feeds import FeedRoutesMixin, alternate_links, feed_response
from hlp_site.publishing.sign_off import EditableWhileScheduledMixin
from news.forms import ArticlePageForm
from programmes.models import ProgrammePage, ProgrammePageTag

TAG_HELP = "Tag the programmes this is about; it then appears on those programme pages."


class ArticleKind(models.TextChoices):
    NEWS = "news", "News"
    BLOG = "blog", "Blog"
    VIDEO = "video", "Video"


def programme_choices():
    return list(
        on_public_web(ProgrammePage.objects.order_by("path"), few_pages=True).values_list(
            "slug", "title"
        )
    )


def post_years():
    """Every year from the first post's to the latest's, newest first (strings, as the
    year filter's values).

    Two index lookups (the first and the last date): listing only the years that have
    posts means reading every post, 15 ms at 10,000 posts. A year without posts in the
    range lists no posts, as any filter with no matches does.
    """
    dates = on_public_web(ArticlePage.objects.all()).values_list("date", flat=True)
    first, last = dates.order_by("date").first(), dates.order_by("-date").first()
    if first is None:
        return []
    return [str(year) for year in range(last.year, first.year - 1, -1)]


class TaggedPageQuerySet(PageQuerySet):
    """Posts and resources: pages tagged from the one tag vocabulary programmes name."""

    tag_model = None  # the through model, set by each subclass

    def tagged(self, tag_ids):
        """Pages carrying any of these tags (ids or a subquery of ids)."""
        return self.filter(
            pk__in=self.tag_model.objects.filter(tag_id__in=tag_ids).values("content_object_id")
        )

    def for_programme(self, programme):
        """The pages that belong to a programme: those carrying any of its tags or any of
        its sub-programmes' tags. The one place this rule is written: the programme page,
        its feeds and embed, the news and resources filters, the API and the admin
        listings all ask here."""
        return self.tagged(programme.tag_ids())

    def about_programme(self, slug):
        """`for_programme` of the programme with this slug, if the public web may see it;
        no pages for an unknown, draft, private or expired programme."""
        programme = on_public_web(ProgrammePage.objects.filter(slug=slug)).first()
        return self.for_programme(programme) if programme is not None else self.none()


class ArticleIndexPage(
    FeedRoutesMixin, RoutablePageMixin, SeoMixin, OneQueryViewRestrictionsMixin, Page
):
    """News, Blog or Videos: one index per kind of post, with its feeds."""

    kind = models.CharField(max_length=16, choices=ArticleKind.choices, unique=True)
    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("kind"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["blog.NewsIndexPage"]
    subpage_types = ["blog.ArticlePage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            news_listing_context(
                request, ArticlePage.objects.for_listing().child_of(self), self.kind
            )
        )
        context["feeds"] = alternate_links(self.title, self.feed_url(request))
        return context

    def feed_url(self, request=None):
        url = self.get_url(request=request)
        return url and url + self.reverse_subpage("feed")

    def _feed(self, request, atom=False):
        return feed_response(
            request,
            title=self.title,
            link=self.get_url(request=request),
            description=self.intro or f"The latest {self.get_kind_display().lower()} posts.",
            posts=ArticlePage.objects.for_listing("share").of_kind(self.kind),
            atom=atom,
        )


class NewsFilterForm(FilterForm):
    type = forms.ChoiceField(label="Type", choices=[("", "All types"), *ArticleKind.choices])
    programme = forms.ChoiceField(label="Programme")
    tag = forms.ChoiceField(label="Tag")
    year = forms.ChoiceField(label="Year")

    def __init__(self, data=None, fixed_kind=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programme"].choices = [("", "All programmes"), *programme_choices()]
        self.fields["tag"].choices = [
            ("", "All tags"),
            # EXISTS per tag (a few hundred) rather than DISTINCT over every post's tags.
            *Tag.objects.filter(Exists(ArticlePageTag.objects.filter(tag=OuterRef("pk"))))
            .order_by("name")
            .values_list("slug", "name"),
        ]
        self.fields["year"].choices = [("", "All years"), *((y, y) for y in post_years())]
        if fixed_kind:
            del self.fields["type"]


def news_listing_context(request, posts, fixed_kind=None):
    """Filter the posts (a queryset) by the query string and page them; unknown values give
    no posts."""
    form = NewsFilterForm(request.GET, fixed_kind=fixed_kind)
    selected = form.selected()
    if selected is None:
        posts = posts.none()
    else:
        if "type" in selected:
            posts = posts.of_kind(selected["type"])
        if "programme" in selected:
            posts = posts.about_programme(selected["programme"])
        if "tag" in selected:
            posts = posts.filter(tags__slug=selected["tag"])
        if "year" in selected:
            posts = posts.filter(date__year=int(selected["year"]))
    return {"filter_form": form, "posts": paginate(request, posts)}


class NewsIndexPage(
    FeedRoutesMixin,
    RoutablePageMixin,
    SeoMixin,
    ContentReviewMixin,
    OneQueryViewRestrictionsMixin,
    Page,
):
    """'News, blogs & videos': every post, with filters, and a page per tag."""

    intro = models.TextField(blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["blog.ArticleIndexPage"]
    max_count = 1

    @path("")
    def index_route(self, request):
        return self.render(
            request,
            context_overrides=news_listing_context(
                request, ArticlePage.objects.for_listing().descendant_of(self)
            ),
        )

    @path("tags/<str:tag>/", name="tag")
    def tag_route(self, request, tag):
        tag = get_object_or_404(Tag, slug=tag)
        posts = ArticlePage.objects.for_listing().descendant_of(self).filter(tags=tag)
        page_url = self.get_url(request=request)
        return self.render(
            request,
            template="blog/tag_page.html",
            context_overrides={
                "tag": tag,
                "posts": paginate(request, posts),
                "subpage_title": f"Posts tagged “{tag.name}”",
                "subpage_description": f"News, blogs and videos tagged “{tag.name}”.",
                "feeds": alternate_links(
                    f"Posts tagged “{tag.name}”",
                    page_url and page_url + self.reverse_subpage("tag_feed", args=[tag.slug]),
                ),
            },
        )

    def get_sitemap_urls(self, request=None):
        """This page and its tag pages, each tag page with the time its newest post was
        published as lastmod (when its listing last changed), in one query for them all."""
        urls = super().get_sitemap_urls(request)
        page_url = self.get_full_url(request)
        if page_url is None:
            return urls
        newest_by_tag = (
            ArticlePageTag.objects.filter(
                content_object__in=on_public_web(ArticlePage.objects.descendant_of(self))
            )
            .values("tag__slug")
            .annotate(lastmod=Max("content_object__last_published_at"))
            .order_by("tag__slug")
        )
        return urls + [
            {
                "location": page_url + self.reverse_subpage("tag", args=[row["tag__slug"]]),
                "lastmod": row["lastmod"],
            }
            for row in newest_by_tag
        ]

    @path("authors/<int:author_id>/", name="author")
    def author_route(self, request, author_id):
        """An author's profile page: their posts. Only for published authors who have one."""
        author = get_object_or_404(Author, pk=author_id, live=True, has_profile_page=True)
        posts = ArticlePage.objects.for_listing().descendant_of(self).filter(authors__author=author)
        return self.render(
            request,
            template="blog/author_page.html",
            context_overrides={
                "author": author,
                "posts": paginate(request, posts),
                "subpage_title": f"Posts by {author.name}",
                "subpage_description": f"News, blogs and videos by {author.name}.",
            },
        )

    def feeds_for_everything(self, url):
        """Feeds of all posts, for pages whose context has this page with its URL only."""
        return alternate_links("All news, blogs and videos", url + self.reverse_subpage("feed"))

    @path("tags/<str:tag>/feed/", name="tag_feed")
    def tag_feed_route(self, request, tag):
        return self._feed(request, tag=tag)

    @path("tags/<str:tag>/feed/atom/", name="tag_feed_atom")
    def tag_atom_feed_route(self, request, tag):
        return self._feed(request, tag=tag, atom=True)

    def _feed(self, request, tag=None, atom=False):
        posts = ArticlePage.objects.for_listing("share").descendant_of(self)
        title, link = "All news, blogs and videos", self.get_url(request=request)
        description = self.intro or "News, blogs and videos."
        if tag is not None:
            tag = get_object_or_404(Tag, slug=tag)
            posts = posts.filter(tags=tag)
            title = f"Posts tagged “{tag.name}”"
            link = link + self.reverse_subpage("tag", args=[tag.slug])
            description = f"News, blogs and videos tagged “{tag.name}”."
        return feed_response(
            request, title=title, link=link, description=description, posts=posts, atom=atom
        )


class ArticlePageQuerySet(TaggedPageQuerySet):
    def for_listing(self, image_format="card"):
        """Live public posts, newest first, with their images in `image_format` (see
        hlp_site/core/images.py: "card" for listings, "share" for feeds)."""
        # The kind comes from the parent index's row, fetched in the same query.
        parent_kind = ArticleIndexPage.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        ).values("kind")[:1]
        return with_images(
            on_public_web(self)
            .defer_streamfields()
            .annotate(listing_kind=Subquery(parent_kind))
            .order_by("-date", "-pk"),
            "hero_image",
            *((image_format,) if image_format else ()),
        )

    def of_kind(self, kind):
        paths = ArticleIndexPage.objects.filter(kind=kind).values_list("path", flat=True)
        under_any_index = Q(pk__in=[])
        for index_path in paths:
            under_any_index |= Q(path__startswith=index_path)
        return self.filter(under_any_index)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        # The tag filter and programme pages look posts up by tag.
        indexes = [models.Index(fields=["tag", "content_object"], name="blog_articletag_tag_idx")]


ArticlePageQuerySet.tag_model = ArticlePageTag


class AuthorKind(models.TextChoices):
    PERSON = "person", "Person"
    TEAM = "team", "Team or organisation"


class Author(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A byline. Changes go through drafts, preview and sign-off (the "Comms sign-off"
    workflow) like pages; posts show only the published version (ArticlePage.byline)."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=160, blank=True, help_text="For example: HLP director")
    kind = models.CharField(
        "Type",
        max_length=10,
        choices=AuthorKind.choices,
        default=AuthorKind.PERSON,
        help_text="A team is described to search engines as an organisation, not a person.",
    )
    has_profile_page = models.BooleanField(
        "Profile page",
        default=False,
        help_text="Give this author a page listing their posts (/news/authors/<number>/).",
    )
    # Wagtail's documented GenericRelations for snippet revisions and workflow states.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="author")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="author",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("kind"),
        FieldPanel("has_profile_page"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def schema_type(self):
        return "Organization" if self.kind == AuthorKind.TEAM else "Person"

    profile_url = None  # set by ArticlePage.get_context when it has a profile page

    def get_preview_template(self, request, mode_name):
        return "blog/author_preview.html"


class ArticlePage(EditableWhileScheduledMixin, SeoMixin, OneQueryViewRestrictionsMixin, Page):
    date = models.DateField(
        "Post date",
        default=timezone.localdate,  # a new post is dated today (a copied one too: wagtail_hooks)
        help_text="Shown on the post and used to order posts.",
    )
    intro = models.TextField(max_length=500, help_text="A one-paragraph summary for listings.")
    # Fetched with the page when it is served (hlp_site/core/pages.py).
    serve_select_related = ("hero_image",)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(ArticleBodyBlock())
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, help_text=TAG_HELP)
    # Search engines show a video's length in results (schema.org VideoObject.duration);
    # YouTube and Vimeo do not tell us without a network call, so the editor says it.
    video_length = models.DurationField(
        null=True,
        blank=True,
        validators=[MinValueValidator(datetime.timedelta(seconds=1))],
        help_text="Video posts: how long the video is, as minutes:seconds (4:32) or h:mm:ss.",
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()
    base_form_class = ArticlePageForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags")], heading="Post details"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultipleChooserPanel("authors", chooser_field_name="author", heading="Authors"),
        FieldPanel("body"),
        FieldPanel("video_length"),
        MultipleChooserPanel(
            "related_partners", chooser_field_name="partner", heading="Related partners"
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro", boost=1.5),  # below the title (2), above the body
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []

    api_fields = [
        APIField("date"),
        APIField("kind", serializer=serializers.CharField(read_only=True)),
        APIField("intro"),
        APIField("tags", serializer=TagNamesField()),
        APIField("authors", serializer=NamesField("author_names")),
        APIField("hero_image", serializer=ImageRenditionField(SHARE_IMAGE_SPEC)),
        APIField("body", serializer=RenderedStreamField()),
    ]

    class Meta:
        # The comms team call these posts (menus, listings, "Add post", messages).
        verbose_name = "post"
        verbose_name_plural = "posts"
        indexes = [
            models.Index(fields=["date"], name="blog_article_date_idx"),
            # Listings order by newest first with the pk as tiebreaker.
            models.Index(fields=["-date", "-page_ptr"], name="blog_article_date_pk_idx"),
        ]

    def byline(self):
        """The post's authors in the editor's order, published ones only and as
        published: a draft author, or a draft of an author's changes, waits for sign-off."""
        return [link.author for link in self.authors.all() if link.author.live]

    def author_names(self):
        return [author.name for author in self.byline()]

    og_type = "article"

    @cached_property
    def kind(self):
        if getattr(self, "listing_kind", None):  # annotated by for_listing(): no query
            return self.listing_kind
        parent = ArticleIndexPage.objects.filter(path=self.path[: -self.steplen]).first()
        return parent.kind if parent else ""

    def open_graph_properties(self, context):
        properties = [("article:published_time", self.date.isoformat())]
        if self.last_published_at:
            properties.append(("article:modified_time", self.last_published_at.isoformat()))
        properties.extend(("article:tag", tag.name) for tag in context.get("tags", []))
        return properties

    def structured_data(self, *, request, context, url, image, publisher, absolute_url):
        """BlogPosting, NewsArticle or VideoObject (schema.org) for this post."""
        authors = [
            {
                "@type": author.schema_type,
                "name": author.name,
                **({"jobTitle": author.role} if author.role and author.kind == "person" else {}),
                **({"description": author.role} if author.role and author.kind == "team" else {}),
                **({"url": absolute_url(author.profile_url)} if author.profile_url else {}),
            }
            for author in context.get("authors", [])
        ] or [publisher]
        schema_type = {ArticleKind.NEWS: "NewsArticle", ArticleKind.VIDEO: "VideoObject"}
        common = {
            "@context": "https://schema.org",
            "@type": schema_type.get(self.kind, "BlogPosting"),
            "url": url,
            "mainEntityOfPage": url,
            "description": self.summary_text(),
            "inLanguage": "en-GB",
            "author": authors,
            "publisher": publisher,
            "keywords": [tag.name for tag in context.get("tags", [])],
        }
        if self.kind == ArticleKind.VIDEO:
            video = next((b.value for b in self.body if b.block_type == "video"), None)
            data = {
                **common,
                "name": self.title,
                "thumbnailUrl": [image["url"]],
                "uploadDate": self.date.isoformat(),
            }
            # contentUrl must be the media file itself, so only a self-hosted video has one;
            # a YouTube or Vimeo video is described by its player (embedUrl).
            if video is not None and video.get("video_file"):
                data["contentUrl"] = absolute_url(video["video_file"].url)
            elif video is not None and (embed_url := video_embed_url(video["url"])):
                data["embedUrl"] = embed_url
            if self.video_length:
                data["duration"] = duration_iso_string(self.video_length)
            return [data]
        data = {
            **common,
            "headline": self.title,
            "image": [image["url"]],
            "datePublished": self.date.isoformat(),
        }
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        return [data]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tags = list(self.tags.all())
        context["tags"] = tags
        context["programmes"] = list(
            on_public_web(
                ProgrammePage.objects.filter(
                    pk__in=ProgrammePageTag.objects.filter(tag__in=[tag.pk for tag in tags]).values(
                        "content_object_id"
                    )
                )
            )
            .order_by("path")
            .defer_streamfields()
        )
        context["authors"] = [
            link.author
            for link in self.authors.filter(author__live=True)
            .select_related("author")
            .order_by("sort_order")
        ]
        if any(author.has_profile_page for author in context["authors"]):
            news_index = NewsIndexPage.objects.filter(path=self.path[: -2 * self.steplen]).first()
            for author in context["authors"]:
                if author.has_profile_page and news_index:
                    author.profile_url = news_index.url + news_index.reverse_subpage(
                        "author", args=[author.pk]
                    )
        context["related_partners"] = [
            link.partner
            for link in self.related_partners.filter(partner__live=True)
            .select_related("partner")
            .order_by("sort_order")
        ]
        return context


class ArticlePageAuthor(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="authors")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = "author"  # the form's "Add author"


class ArticleRelatedPartner(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_partners")
    partner = models.ForeignKey(
        "programmes.PartnerOrganisationPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("partner")]

    class Meta(Orderable.Meta):
        verbose_name = "related partner"
