from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hlp_site.api import api_router
from hlp_site.core import permalinks, search_engines
from sitesearch import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("api/v2/", api_router.urls),
    path("p/<int:page_id>/", permalinks.permalink, name="permalink"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": search_engines.PublicPagesSitemap}},
        name="sitemap",
    ),
    path("robots.txt", search_engines.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "hlp_site.core.views.page_not_found"
handler500 = "hlp_site.core.views.server_error"
