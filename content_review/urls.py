from django.urls import path

from content_review import views

app_name = "content_review"
urlpatterns = [
    path(
        "pages/<int:page_id>/mark-reviewed/", views.MarkReviewedView.as_view(), name="mark_reviewed"
    ),
    path("", views.ContentReviewReport.as_view(), name="report"),
    path("results/", views.ContentReviewReport.as_view(results_only=True), name="report_results"),
]
