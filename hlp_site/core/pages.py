"""Serving pages in a fixed, small number of queries.

Wagtail's defaults spend queries that do not depend on the page being shown: routing
walks the tree one level (two queries) at a time, every `.public()` loads all view
restrictions, and every request checks the page's ancestors for restrictions. Here the
view restrictions are cached until content changes and a URL
is resolved with one query on `url_path`.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from hlp_site.core.page_cache import cached_until_change


def restricted_sections():
    """(path, depth) of every page with a view restriction; cached until content changes
    (a restriction saved or deleted moves the generation on)."""
    return cached_until_change(
        "restricted-sections",
        lambda: list(
            PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
        ),
    )


class SitePageQuerySet(PageQuerySet):
    """`.public()` from the cached restricted sections instead of a query per call."""

    def private_q(self):
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])


def public_pages():
    """Every live public page, as a queryset of the base Page model."""
    return SitePageQuerySet(Page).live().public()


class SitePageMixin:
    """For every page model of the site: restriction checks without queries when none apply."""

    def get_view_restrictions(self):
        # The default looks up the page's ancestors and their restrictions: two queries on
        # every request. Without a restricted section above this page there is nothing to find.
        if self.alias_of_id is None and not any(
            self.path.startswith(path) for path, _ in restricted_sections()
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _routes_itself(page, remaining):
    """Whether this page, rather than a child, takes the rest of the path.

    Decided from its class without fetching it: a routable page does when one of its own
    routes matches (Wagtail tries those before child pages, and only on a live page); any
    other page type with its own `route()` is always handed the rest, as Wagtail would.
    """
    model = page.specific_class
    if model is None or model.route is Page.route:
        return False
    if not issubclass(model, RoutablePageMixin):
        return True
    if not page.live:
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{slug}/" for slug in remaining))
    except Http404:
        return False
    return True


class UrlPathRoutingMixin:
    """For the site's root page: find the page for a URL with one query on `url_path`.

    Wagtail's default routing fetches each level of the path in turn (two queries a level).
    Here every page whose `url_path` is a prefix of the URL comes back at once, and the
    path is walked in memory with Wagtail's rules: a routable page's own routes come before
    its children, and only the page finally served must be live.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[:n])
            for n in range(1, len(path_components) + 1)
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
        }
        target, consumed = None, 0
        for depth, prefix in enumerate(prefixes, start=1):
            page = found.get(prefix)
            if page is None or (
                target is not None and _routes_itself(target, path_components[consumed:])
            ):
                break
            target, consumed = page, depth
        if target is None:
            return super().route(request, path_components)
        # The page's own route() finishes: its live check, its sub-routes, or a 404.
        return target.specific.route(request, path_components[consumed:])
