"""Site furniture: header menu, footer links, breadcrumbs and links to the top-level sections.

`base.html` works out the site's sections and the page's trail of ancestors once, in one
query, as `site_furniture`; the tags below read it from the template context, and only
query for themselves where a template renders without it.
"""

from django import template
from django.apps import apps
from django.conf import settings
from django.db.models import F, Q
from wagtail.models import Page, Site

register = template.Library()


def _site(context):
    request = context.get("request")
    return request, Site.find_for_request(request)


def _furniture(context):
    """The site root's live children (menu, footer, section links) and the current page's
    ancestors from the site root down to the page itself (breadcrumbs), in one query; each
    page with `nav_url`, sections with `in_footer`."""
    request, site = _site(context)
    if site is None:
        return [], []
    root = site.root_page  # fetched with the Site
    page = context.get("page")
    page_path = getattr(page, "path", None) if isinstance(page, Page) else None
    trail_paths = []
    if page_path and page_path.startswith(root.path):
        ends = range(len(root.path), len(page_path) + 1, Page.steplen)
        trail_paths = [page_path[:end] for end in ends]
    pages = list(
        Page.objects.filter(
            Q(depth=root.depth + 1, path__startswith=root.path, live=True) | Q(path__in=trail_paths)
        )
        .annotate(in_footer=F("standardpage__show_in_footer"))
        .order_by("path")
    )
    for each in pages:
        each.nav_url = each.get_url(request=request, current_site=site)
    sections = [each for each in pages if each.depth == root.depth + 1 and each.live]
    trail = [each for each in pages if each.path in trail_paths]
    return sections, trail


@register.simple_tag(takes_context=True)
def site_furniture(context):
    """`(sections, trail)` for the whole page: base.html works it out once."""
    return _furniture(context)


def _sections(context):
    furniture = context.get("site_furniture")
    return (furniture or _furniture(context))[0]


def _trail(context):
    furniture = context.get("site_furniture")
    return (furniture or _furniture(context))[1]


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
