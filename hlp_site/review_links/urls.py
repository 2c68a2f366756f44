"""Admin URLs (under /admin/review-links/); the public one, /review/<token>/, is in
hlp_site/urls.py."""

from django.urls import path

from hlp_site.review_links import views

app_name = "review_links"
urlpatterns = [
    path("pages/<int:page_id>/", views.PageReviewLinksView.as_view(), name="page_links"),
    path("<int:link_id>/revoke/", views.RevokeReviewLinkView.as_view(), name="revoke"),
]
