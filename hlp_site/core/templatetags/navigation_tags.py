"""Header menu, footer links and breadcrumbs, each from one query on the request's site."""

from django import template
from wagtail.models import Page, Site

from hlp_site.core.models import StandardPage

register = template.Library()


def _site(context):
    # Wagtail caches the site on the request, with its root page select_related.
    request = context.get("request")
    return request, Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """The site root's live `show_in_menus` children as NHS.UK header links, in tree order.

    `current` marks the section's own page (aria-current="page"), `active` a page below it
    (aria-current="true").
    """
    request, site = _site(context)
    if site is None:
        return []
    page = context.get("page")
    page_path = getattr(page, "path", None)
    items = []
    for child in site.root_page.get_children().live().in_menu():
        url = child.get_url(request=request, current_site=site)
        if page_path is not None:
            current = page_path == child.path
            active = not current and page_path.startswith(child.path)
        else:
            # Pages Wagtail did not serve (search, 404): match on the URL instead.
            current = False
            active = bool(url) and request.path.startswith(url)
        items.append({"url": url, "label": child.title, "current": current, "active": active})
    return items


@register.simple_tag(takes_context=True)
def footer_links(context):
    """The site root's live StandardPage children marked `show_in_footer`, in tree order."""
    request, site = _site(context)
    if site is None:
        return []
    pages = StandardPage.objects.child_of(site.root_page).live().filter(show_in_footer=True)
    return [
        {"url": child.get_url(request=request, current_site=site), "label": child.title}
        for child in pages
    ]


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, include_self=False):
    """Ancestors of the current page from the site's home page down ("Home" first).

    The current page itself is left out, as NHS.UK does, unless `include_self` (a routable
    sub-page such as a tag page, whose own page is then its parent).
    """
    request, site = _site(context)
    page = context.get("page")
    if site is None or not isinstance(page, Page):
        return {"crumbs": []}
    root = site.root_page
    if page.pk == root.pk and not include_self:
        return {"crumbs": []}
    ancestors = Page.objects.ancestor_of(page, inclusive=include_self).filter(
        depth__gte=root.depth, path__startswith=root.path
    )
    crumbs = [
        {
            "url": ancestor.get_url(request=request, current_site=site),
            "label": "Home" if ancestor.pk == root.pk else ancestor.title,
        }
        for ancestor in ancestors.order_by("path")
    ]
    return {"crumbs": crumbs}
