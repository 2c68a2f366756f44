"""The read-only JSON API for partners: Wagtail API v2 at /api/v2/ (see README, "API").

Anonymous and read-only: no session or login is read, so every answer is the same for
everyone and may be cached publicly. Only live, public, unexpired pages are shown, and
documents outside privacy-restricted collections.
"""

from django.db.models import Q
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_date
from rest_framework.filters import BaseFilterBackend
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from taggit.models import Tag
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from events import api as events_api
from hlp_site.core.images import with_images
from hlp_site.core.visibility import on_public_web
from news.models import ArticlePage, ArticlePageTag
from programmes.models import (
    PartnerOrganisationPage,
    ProgrammePage,
    ProgrammePageTag,
    ProgrammePartnership,
)
from publications.models import PublicationPage, PublicationPageTag
from resources.document_privacy import private_document_ids
from resources.models import ResourcePage, ResourcePageTag
from sitesearch.api import search_queryset, search_words

API_MAX_AGE = 5 * 60
TAG_MODELS = {
    ArticlePage: ArticlePageTag,
    ResourcePage: ResourcePageTag,
    ProgrammePage: ProgrammePageTag,
    **events_api.TAG_MODELS,
    PublicationPage: PublicationPageTag,
}
DATED_MODELS = (ArticlePage, ResourcePage, PublicationPage)
# `type=` names from before resources had their own app (migration resources.0001): links
# and scripts written against the README of the time keep working.
TYPE_ALIASES = {
    "blog.resourcepage": "resources.ResourcePage",
    "blog.resourceindexpage": "resources.ResourceIndexPage",
}


class PublicReadOnlyMixin:
    """JSON only, no authentication, cacheable by anyone (CORS: see settings)."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=API_MAX_AGE)
        return response


class SiteSearchFilter(BaseFilterBackend):
    """`?search=` as the site's search takes and ranks it (sitesearch.api), in place of
    Wagtail's SearchFilter: pages best first unless `order` is given; images and documents
    by Wagtail's search on the query's words alone."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("search")
        if raw is None:
            return queryset
        keep_order = "order" in request.GET
        if issubclass(queryset.model, Page):
            return search_queryset(queryset, raw, keep_order=keep_order)
        words = search_words(raw)
        if not words:
            return queryset.none()
        return get_search_backend().search(words, queryset, order_by_relevance=not keep_order)


def with_site_search(backends):
    return [*(each for each in backends if each is not SearchFilter), SiteSearchFilter]


def parse_date_parameter(request, name):
    raw = request.GET.get(name)
    if raw is None:
        return None
    try:
        value = parse_date(raw)
    except ValueError:
        value = None
    if value is None:
        raise BadRequestError(f"{name} must be a date written YYYY-MM-DD, not '{raw}'")
    return value


class OpenWebFilter(BaseFilterBackend):
    """?tag=<slug>, ?programme=<slug>, ?date_from= and ?date_to= (YYYY-MM-DD, inclusive).

    tag: pages (posts, resources, programmes) with that tag. programme: posts and resources
    carrying the programme's tags or its sub-programmes', and the partners working on it
    or its sub-programmes. date_from/date_to: posts and resources by their date. Unknown
    tags and programmes give an empty list, as the site's own filters do.
    """

    def filter_queryset(self, request, queryset, view):
        if "tag" in request.GET:
            tag_ids = Tag.objects.filter(slug=request.GET["tag"]).values("pk")
            queryset = queryset.filter(self._any_of(queryset.model, TAG_MODELS, tag_ids))
        if "programme" in request.GET:
            queryset = self._filter_programme(queryset, request.GET["programme"])
        date_from = parse_date_parameter(request, "date_from")
        date_to = parse_date_parameter(request, "date_to")
        if date_from or date_to:
            dates = Q()
            if date_from:
                dates &= Q(date__gte=date_from)
            if date_to:
                dates &= Q(date__lte=date_to)
            matches = Q(pk__in=[])
            for model in DATED_MODELS:
                if issubclass(queryset.model, model) or queryset.model not in DATED_MODELS:
                    matches |= Q(pk__in=model.objects.filter(dates).values("pk"))
            queryset = queryset.filter(matches)
        return queryset

    @staticmethod
    def _any_of(model, tag_models, tag_ids):
        """Pages of `model` (or of any tagged type, for Page) carrying any of `tag_ids`."""
        matches = Q(pk__in=[])
        for tagged_model, through in tag_models.items():
            if model in tag_models and model is not tagged_model:
                continue
            matches |= Q(
                pk__in=through.objects.filter(tag_id__in=tag_ids).values("content_object_id")
            )
        return matches

    def _filter_programme(self, queryset, slug):
        programme = on_public_web(ProgrammePage.objects.filter(slug=slug)).first()
        if programme is None:
            return queryset.none()
        matches = Q(pk__in=[])
        for tagged_model in TAG_MODELS:
            if tagged_model is ProgrammePage:
                continue
            if queryset.model not in TAG_MODELS or queryset.model is tagged_model:
                # Which pages belong to a programme: each type's `for_programme`, the news app's
                # one rule (events add those placed under the programme).
                pages = tagged_model.objects.for_programme(programme)
                matches |= Q(pk__in=pages.values("pk"))
        if queryset.model not in TAG_MODELS:
            partner_ids = ProgrammePartnership.objects.filter(
                programme__path__startswith=programme.path
            ).values("partner_id")
            matches |= Q(pk__in=partner_ids)
        return queryset.filter(matches)


class PublicPagesAPIViewSet(PublicReadOnlyMixin, PagesAPIViewSet):
    filter_backends = [
        OpenWebFilter,
        events_api.EventDateFilter,
        *with_site_search(PagesAPIViewSet.filter_backends),
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["tag", "programme", "date_from", "date_to", *events_api.QUERY_PARAMETERS]
    )

    def initialize_request(self, request, *args, **kwargs):
        # Wagtail reads `type` from the query string itself: translate old names first.
        if "type" in request.GET:
            names = request.GET["type"].split(",")
            request.GET = request.GET.copy()
            request.GET["type"] = ",".join(TYPE_ALIASES.get(n.lower(), n) for n in names)
        return super().initialize_request(request, *args, **kwargs)

    def get_base_queryset(self):
        # Wagtail lets a visitor who typed a page's password see it here; the answer is
        # cached publicly, so private pages stay out for everyone.
        return on_public_web(super().get_base_queryset())

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is ArticlePage:
            # The listing queryset: kind annotated, hero renditions prefetched.
            queryset = ArticlePage.objects.for_listing("share").filter(pk__in=queryset.values("pk"))
            queryset = queryset.prefetch_related("tags", "authors__author")
        elif queryset.model is ProgrammePage:
            queryset = with_images(queryset, "hero_image", "share").prefetch_related("tags")
        elif queryset.model is PartnerOrganisationPage:
            queryset = with_images(queryset, "logo", "logo-api")
        elif queryset.model is ResourcePage:
            queryset = queryset.prefetch_related("tags")
        elif queryset.model is events_api.EventPage:
            queryset = events_api.api_queryset(queryset, self.request)
        elif queryset.model is PublicationPage:
            queryset = queryset.select_related("owner_organisation", "alternative_format")
            queryset = queryset.prefetch_related("tags")
        if queryset.model in DATED_MODELS and "order" not in self.request.GET:
            queryset = queryset.order_by("-date", "-pk")
        return queryset


class PublicImagesAPIViewSet(PublicReadOnlyMixin, ImagesAPIViewSet):
    filter_backends = with_site_search(ImagesAPIViewSet.filter_backends)


class PublicDocumentsAPIViewSet(PublicReadOnlyMixin, DocumentsAPIViewSet):
    filter_backends = with_site_search(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        restricted = Q(pk__in=[])
        for restriction in CollectionViewRestriction.objects.select_related("collection"):
            restricted |= Q(collection__path__startswith=restriction.collection.path)
        # Nor the downloads of resources visitors cannot see (news/document_privacy.py).
        return super().get_queryset().exclude(restricted).exclude(pk__in=private_document_ids())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
