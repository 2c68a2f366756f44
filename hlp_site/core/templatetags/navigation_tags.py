"""Site furniture: header menu, footer links, breadcrumbs and links to the top-level sections.

The site root's live children (menu, footer, section links) come from the cache, refreshed
by one query after any content change; breadcrumbs take one query for the page's ancestors.
Both are kept on the request, never in module globals.
"""

from django import template
from django.apps import apps
from django.conf import settings
from django.db.models import F
from wagtail.models import Page, Site

from hlp_site.core.page_cache import cached_until_change

register = template.Library()


def _site(context):
    # Wagtail caches the site on the request, with its root page select_related.
    request = context.get("request")
    return request, Site.find_for_request(request)


def _site_root_path(site):
    """The site root page's tree path, cached until content changes."""
    return cached_until_change(
        f"site-root-path:{site.pk}",
        lambda: Page.objects.values_list("path", flat=True).get(pk=site.root_page_id),
    )


def _sections(context):
    """The site root's live children in tree order (menu, footer, section links), each with
    `nav_url` and `in_footer`: one query per content change, kept in the cache."""
    request, site = _site(context)
    if site is None:
        return []
    sections = getattr(request, "_hlp_sections", None)
    if sections is None:

        def live_sections():
            root_path = _site_root_path(site)
            pages = list(
                Page.objects.filter(
                    depth=len(root_path) // Page.steplen + 1,
                    path__startswith=root_path,
                    live=True,
                )
                .annotate(in_footer=F("standardpage__show_in_footer"))
                .order_by("path")
            )
            for each in pages:
                each.nav_url = each.get_url(request=request, current_site=site)
            return pages

        sections = cached_until_change(f"site-sections:{site.pk}", live_sections)
        request._hlp_sections = sections
    return sections


def _trail(context):
    """The current page's ancestors from the site root down to the page itself
    (breadcrumbs): paths worked out from the page's own path, one query, kept on the request.
    """
    request, site = _site(context)
    page = context.get("page")
    page_path = getattr(page, "path", None) if isinstance(page, Page) else None
    if site is None or not page_path:
        return []
    cached = getattr(request, "_hlp_trail", None)
    if cached is not None and cached[0] == page_path:
        return cached[1]
    root_path = _site_root_path(site)
    trail = []
    if page_path.startswith(root_path):
        paths = [
            page_path[:length] for length in range(len(root_path), len(page_path) + 1, Page.steplen)
        ]
        trail = list(Page.objects.filter(path__in=paths).order_by("path"))
    for each in trail:
        each.nav_url = each.get_url(request=request, current_site=site)
    request._hlp_trail = (page_path, trail)
    return trail


@register.simple_tag
def site_name():
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Healthy London Partnership"


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site root's live `show_in_menus` children as NHS.UK header links, in tree order.

    `current` marks the section's own page (aria-current="page"), `active` a page below it
    (aria-current="true").
    """
    request = context.get("request")
    page_path = getattr(context.get("page"), "path", None)
    items = []
    for section in _sections(context):
        if not section.show_in_menus:
            continue
        if page_path is not None:
            # A routable sub-page (a tag page) is inside its section, not the section itself.
            current = page_path == section.path and request.path == section.nav_url
            active = not current and page_path.startswith(section.path)
        else:
            # Pages Wagtail did not serve (search, 404): match on the URL instead.
            current = False
            active = bool(section.nav_url) and request.path.startswith(section.nav_url)
        items.append(
            {"url": section.nav_url, "label": section.title, "current": current, "active": active}
        )
    return items


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The site root's live StandardPage children marked `show_in_footer`, in tree order."""
    return [
        {"url": section.nav_url, "label": section.title}
        for section in _sections(context)
        if section.in_footer
    ]


@register.simple_tag(takes_context=True)
def site_section(context, model_label):
    """The live child of the site root of this page type ("blog.NewsIndexPage"), or None.

    For links to a singleton index from pages whose context lacks it. The page comes back
    as its specific class with fields deferred (no extra query), enough for `{% pageurl %}`
    and `{% routablepageurl %}`.
    """
    model = apps.get_model(model_label)
    for section in _sections(context):
        if issubclass(section.specific_class or Page, model):
            return section.specific_deferred
    return None


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, include_self=False):
    """Ancestors of the current page from the site's home page down ("Home" first).

    The current page itself is left out, as NHS.UK does, unless `include_self` (a routable
    sub-page such as a tag page, whose own page is then its parent).
    """
    _, site = _site(context)
    trail = _trail(context)
    if not include_self:
        page_path = getattr(context.get("page"), "path", None)
        trail = [each for each in trail if each.path != page_path]
    crumbs = [
        {"url": each.nav_url, "label": "Home" if each.pk == site.root_page_id else each.title}
        for each in trail
    ]
    return {"crumbs": crumbs}


SEARCH_TYPE_LABELS = {
    "articlepage": "News, blog or video",
    "resourcepage": "Resource",
    "programmepage": "Programme",
    "partnerorganisationpage": "Partner organisation",
    "publicationpage": "Publication",
    "publicationchapterpage": "Publication chapter",
}


@register.filter
def page_type_label(page):
    """A short reader-facing label for a page's type, for search results."""
    return SEARCH_TYPE_LABELS.get(page._meta.model_name, "Page")
