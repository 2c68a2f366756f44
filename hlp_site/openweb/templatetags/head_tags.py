"""Everything in <head> that other sites read: canonical URL, description, Open Graph and
Twitter cards, JSON-LD, and the feeds to autodiscover.

URLs are absolute on the Wagtail Site's root URL (Settings > Sites), the same origin the
sitemap and feeds use, so every copy of a link names the same address.
"""

import json

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from hlp_site.core.seo import DEFAULT_SHARE_IMAGE, DEFAULT_SHARE_IMAGE_SIZE
from hlp_site.core.templatetags.navigation_tags import _sections, _trail, site_name
from hlp_site.openweb.absolute_urls import absolute_url

register = template.Library()

# As Django's json_script: no "</script>" or "<!--" can end the block early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
LOGO = "img/logo.png"


def share_image(request, page):
    """{url, width, height, alt} of the page's sized share image, or the site default."""
    image, spec = page.share_image_source() if hasattr(page, "share_image_source") else (None, None)
    if image is not None:
        rendition = image.get_rendition(spec)
        return {
            "url": absolute_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": getattr(image, "default_alt_text", "") or image.title,
        }
    width, height = DEFAULT_SHARE_IMAGE_SIZE
    return {
        "url": absolute_url(request, static(DEFAULT_SHARE_IMAGE)),
        "width": width,
        "height": height,
        "alt": site_name(),
    }


def is_routable_subpage(request, page):
    match = getattr(request, "routable_resolver_match", None)
    return match is not None and match.url_name != "index_route" and page is not None


def canonical_url(request, page):
    if page is None:
        return absolute_url(request, request.path)
    if is_routable_subpage(request, page):
        return absolute_url(request, request.path)
    url = absolute_url(request, page.get_url(request=request))
    # Later pages of a listing are their own documents; filters are not.
    page_number = request.GET.get("page", "")
    if page_number.isdigit() and int(page_number) > 1:
        url = f"{url}?page={int(page_number)}"
    return url


def breadcrumb_list(context, request, page, subpage_title):
    trail = _trail(context)
    site = Site.find_for_request(request)
    items = [
        {
            "name": "Home" if site and each.pk == site.root_page_id else each.title,
            "url": absolute_url(request, each.nav_url),
        }
        for each in trail
        if each.nav_url
    ]
    if subpage_title and is_routable_subpage(request, page):
        items.append({"name": subpage_title, "url": absolute_url(request, request.path)})
    if not items:
        return None
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": item["name"], "item": item["url"]}
            for n, item in enumerate(items, start=1)
        ],
    }


def publisher(request):
    return {
        "@type": "Organization",
        "name": site_name(),
        "url": absolute_url(request, "/"),
        "logo": {"@type": "ImageObject", "url": absolute_url(request, static(LOGO))},
    }


def json_ld_script(data):
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(context):
    """Canonical link, description, Open Graph, Twitter card and JSON-LD for this page."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    subpage_title = context.get("subpage_title", "")
    meta = {
        "site_name": site_name(),
        "canonical": canonical_url(request, page),
        "type": "website",
        "extra": [],
    }
    if page is None:
        meta["title"] = context.get("subpage_title") or site_name()
        meta["description"] = ""
        meta["image"] = share_image(request, None)
        meta["json_ld"] = []
        return {"meta": meta}

    if subpage_title and is_routable_subpage(request, page):
        meta["title"] = subpage_title
        meta["description"] = context.get("subpage_description", "")
    else:
        meta["title"] = page.seo_title or page.title
        meta["description"] = page.summary_text() if hasattr(page, "summary_text") else ""
    meta["image"] = share_image(request, page)

    structured = []
    if hasattr(page, "structured_data") and not is_routable_subpage(request, page):
        structured = page.structured_data(
            request=request,
            context=context,
            url=meta["canonical"],
            image=meta["image"],
            publisher=publisher(request),
            absolute_url=lambda url: absolute_url(request, url),
        )
    meta["type"] = getattr(page, "og_type", "website")
    if hasattr(page, "open_graph_properties"):
        meta["extra"] = page.open_graph_properties(context)
    crumbs = breadcrumb_list(context, request, page, subpage_title)
    meta["json_ld"] = [json_ld_script(data) for data in [*structured, crumbs] if data]
    return {"meta": meta}


@register.inclusion_tag("includes/feed_links.html", takes_context=True)
def feed_links(context):
    """<link rel="alternate"> for the page's own feeds (context `feeds`) and all posts."""
    from django.apps import apps  # openweb's head tags do not import news at module level

    request = context.get("request")
    feeds = list(context.get("feeds") or [])
    NewsIndexPage = apps.get_model("blog", "NewsIndexPage")
    for section in _sections(context):
        if issubclass(section.specific_class or Page, NewsIndexPage) and section.nav_url:
            all_posts = section.specific_deferred.feeds_for_everything(section.nav_url)
            feeds.extend(feed for feed in all_posts if feed not in feeds)
            break
    return {
        "feeds": [
            {**feed, "url": absolute_url(request, feed["url"])} for feed in feeds if feed["url"]
        ]
    }
