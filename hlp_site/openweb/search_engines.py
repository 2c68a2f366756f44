"""/sitemap.xml and /robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap

from hlp_site.core.visibility import on_public_web
from hlp_site.openweb.absolute_urls import absolute_url


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap (live, public pages with lastmod), less expired pages."""

    def items(self):
        return on_public_web(super().items())


@require_safe
@cache_control(public=True, max_age=60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('wagtailadmin_home')}",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute_url(request, reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
