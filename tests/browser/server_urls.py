"""The site's URLs plus its uploaded images, which only the dev server serves otherwise."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from hlp_site.urls import handler500
from hlp_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]

__all__ = ["handler500", "urlpatterns"]
