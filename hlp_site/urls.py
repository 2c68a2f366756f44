from django.conf import settings
from django.urls import include, path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from hlp_site.openweb import permalinks, search_engines
from hlp_site.openweb.api import api_router
from hlp_site.publishing.views import ConfirmingWorkflowActionView
from hlp_site.review_links.views import shared_draft
from publications.feeds import publications_feed
from sitesearch import views as search_views

urlpatterns = [
    # Wagtail's own address for sign-off actions, answered with a confirmation message.
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        never_cache(require_admin_access(ConfirmingWorkflowActionView.as_view())),
        name="sign_off_workflow_action",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("subscribe/", include("subscriptions.urls")),
    path("api/v2/", api_router.urls),
    path("p/<int:page_id>/", permalinks.permalink, name="permalink"),
    path("review/<str:token>/", shared_draft, name="review_link"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": search_engines.PublicPagesSitemap}},
        name="sitemap",
    ),
    path("robots.txt", search_engines.robots_txt, name="robots_txt"),
    path("publications/feed/", publications_feed, name="publications_feed"),
    path("publications/feed/atom/", publications_feed, {"atom": True}, name="publications_atom"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include("events.urls")), path("", include(wagtail_urls))]

handler404 = "hlp_site.core.views.page_not_found"
handler500 = "hlp_site.operations.faults.server_error"
